/**
 * The audit head at the reference CA: recorded per terminal, append-only,
 * and a head that goes back is refused and kept as evidence — including when a whole terminal
 * data directory (database and checkpoint) is put back to an older copy.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startReferenceCa, type ReferenceCa } from '../../../src/ca/reference-ca';
import { issueTerminalClientCertificate } from '../../../src/ca/tls-material';
import { main } from '../../../src/shells/cli/main';
import { ensureDataDir } from '../../../src/host/data-dir';
import { openTerminalDatabase } from '../../../src/host/terminal-database';
import { Store } from '../../../src/store/unit-of-work';
import { EstClient } from '../../../src/sync/est-client';
import { captureIo } from '../../unit/store/cli-io';
import { productionBase } from '../../support/terminal-config';
import { call } from './https-client';

jest.setTimeout(60_000);

let root: string;
let ca: ReferenceCa;
const clients: EstClient[] = [];
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'madoguchi-audit-head-'));
  ca = await startReferenceCa({ dataDir: join(root, 'ca'), port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await ca.close();
  rmSync(root, { recursive: true, force: true });
});

function client(cert = { certPem: ca.clientCertPem, keyPem: ca.clientKeyPem }): EstClient {
  const c = new EstClient({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: cert.certPem, clientKeyPem: cert.keyPem });
  clients.push(c);
  return c;
}

function caRecords(terminalId: string): { heads: { seq: number; mac: string }[]; refusals: { seq: number; last_seq: number }[] } {
  const db = new BetterSqlite3(ca.files.database, { readonly: true });
  try {
    return {
      heads: db.prepare('SELECT seq, mac FROM audit_heads WHERE terminal_id = ? ORDER BY seq').all(terminalId) as { seq: number; mac: string }[],
      refusals: db.prepare('SELECT seq, last_seq FROM audit_head_refusals WHERE terminal_id = ? ORDER BY rowid').all(terminalId) as { seq: number; last_seq: number }[],
    };
  } finally {
    db.close();
  }
}

const mac = (n: number) => n.toString(16).padStart(64, '0');

test('heads are recorded per client certificate; one that goes back or forks is refused with a code and kept', async () => {
  const terminal = client(issueTerminalClientCertificate(join(root, 'ca'), { terminalId: 'terminal-heads', municipalityCode: '21213' }));
  expect(await terminal.sendAuditHead({ seq: 3, mac: mac(3), count: 3 })).toEqual({ kind: 'recorded' });
  expect(await terminal.sendAuditHead({ seq: 3, mac: mac(3), count: 3 })).toEqual({ kind: 'recorded' });
  expect(await terminal.sendAuditHead({ seq: 7, mac: mac(7), count: 7 })).toEqual({ kind: 'recorded' });
  expect(await terminal.sendAuditHead({ seq: 5, mac: mac(5), count: 5 })).toEqual({ kind: 'refused', httpStatus: 409, caErrorCode: 'CA_AUDIT_ROLLBACK' });
  expect(await terminal.sendAuditHead({ seq: 7, mac: mac(8), count: 7 })).toEqual({ kind: 'refused', httpStatus: 409, caErrorCode: 'CA_AUDIT_ROLLBACK' });
  expect(caRecords('terminal-heads')).toEqual({
    heads: [
      { seq: 3, mac: mac(3) },
      { seq: 7, mac: mac(7) },
    ],
    refusals: [
      { seq: 5, last_seq: 7 },
      { seq: 7, last_seq: 7 },
    ],
  });
  // Another terminal has its own sequence; the terminal id comes from the certificate, not the body.
  const other = client(issueTerminalClientCertificate(join(root, 'ca'), { terminalId: 'terminal-other', municipalityCode: '21213' }));
  expect(await other.sendAuditHead({ seq: 1, mac: mac(1), count: 1 })).toEqual({ kind: 'recorded' });
  expect(caRecords('terminal-other').heads).toEqual([{ seq: 1, mac: mac(1) }]);
});

test.each([
  ['an unknown field', JSON.stringify({ seq: 1, mac: mac(1), count: 1, terminalId: 'x' }), 'application/json', 400],
  ['a count that is not the seq', JSON.stringify({ seq: 2, mac: mac(1), count: 1 }), 'application/json', 400],
  ['a negative seq', JSON.stringify({ seq: -1, mac: mac(1), count: -1 }), 'application/json', 400],
  ['an upper-case MAC', JSON.stringify({ seq: 1, mac: mac(1).toUpperCase().replace(/0/g, 'A'), count: 1 }), 'application/json', 400],
  ['not JSON', '{seq', 'application/json', 400],
  ['a body over the bound', JSON.stringify({ seq: 1, mac: mac(1), count: 1, pad: 'x'.repeat(600) }), 'application/json', 413],
  ['another media type', JSON.stringify({ seq: 1, mac: mac(1), count: 1 }), 'text/plain', 415],
])('a head with %s is refused with a 4xx and records nothing', async (_name, body, contentType, status) => {
  const cert = issueTerminalClientCertificate(join(root, 'ca'), { terminalId: 'terminal-bad', municipalityCode: '21213' });
  const reply = await call(ca.url, { ca: ca.tlsCaPem, cert: cert.certPem, key: cert.keyPem }, 'POST', '/.well-known/est/x-audit-head', body, { 'Content-Type': contentType });
  expect(reply.status).toBe(status);
  expect(caRecords('terminal-bad')).toEqual({ heads: [], refusals: [] });
});

test('a terminal put back to an older copy of its data directory is refused by the CA on the next sync', async () => {
  const paths = ensureDataDir(join(root, 'terminal'));
  const cert = issueTerminalClientCertificate(join(root, 'ca'), { terminalId: 'terminal-rollback', municipalityCode: '21213' });
  writeFileSync(join(root, 'client.pem'), cert.certPem);
  writeFileSync(join(root, 'client.key'), cert.keyPem);
  writeFileSync(join(root, 'tls-ca.pem'), ca.tlsCaPem);
  writeFileSync(paths.config, JSON.stringify({ ...productionBase, terminalId: 'terminal-rollback', ca: { url: ca.url, trustAnchorPem: join(root, 'tls-ca.pem'), clientCertPem: join(root, 'client.pem'), clientKeyPem: join(root, 'client.key') } }));
  const append = (n: number) => {
    const { db, auditAnchor } = openTerminalDatabase(paths);
    try {
      const store = new Store(db, Date.now, auditAnchor);
      for (let i = 0; i < n; i += 1) store.audit.append({ actor: 'clerk-1', action: 'test.entry' });
    } finally {
      db.close();
    }
  };
  const sync = async () => {
    const c = captureIo();
    expect(await main(['sync', '--once', '--json', '--data', paths.dir], c.io)).toBe(0);
  };
  append(3);
  const copy = join(root, 'terminal-copy');
  cpSync(paths.dir, copy, { recursive: true });
  append(4);
  await sync();
  const recorded = caRecords('terminal-rollback').heads;
  expect(recorded.map((h) => h.seq)).toEqual([7]);

  // Database and checkpoint restored together: consistent locally, so only the CA can tell.
  rmSync(paths.dir, { recursive: true, force: true });
  cpSync(copy, paths.dir, { recursive: true });
  const verify = captureIo();
  expect(await main(['audit', 'verify', '--json', '--data', paths.dir], verify.io)).toBe(0);
  await sync();
  expect(caRecords('terminal-rollback')).toEqual({ heads: recorded, refusals: [{ seq: 3, last_seq: 7 }] });
  // The terminal notes the refusal in its own log (once).
  const db = new BetterSqlite3(paths.database, { readonly: true });
  try {
    expect(db.prepare("SELECT details_json FROM audit WHERE action = 'audit.headRefused'").pluck().all()).toEqual([JSON.stringify({ code: 'CA_AUDIT_ROLLBACK', httpStatus: 409, seq: 3 })]);
  } finally {
    db.close();
  }
});
