/**
 * Counter time: from the applicant confirming the passwords (`visit.passwords`) until both
 * certificates are on the card (visit `done`, application `completed`), through the real host
 * (`madoguchi start --no-browser`) and its browser-shell HTTP API, online to the training CA the
 * host runs. Next to it, in the same run, its FLOOR: what the work cannot go below on this
 * machine — the card's issuer authentication, key generation, PINs and CSR signatures through the
 * same pcscd + virtual card (card-preparation.ts, training issuer key), plus the reference CA's
 * issuance of those two CSRs in-process (service path, SQLite). Prints one JSON document and
 * writes bench/results/counter-time.json.
 *
 *   node dist/bench/counter-time.js [--iterations 3]
 *
 * Target: ratio.counterOverFloor ≤ 1.2. Reported, never asserted.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTrainingCaDir, loadJpkiHierarchy } from '../src/ca/hierarchy';
import { ReferenceCaService } from '../src/ca/service';
import { CaStore } from '../src/ca/store';
import { CardModel } from '../src/card/card-model';
import { issuerSignerFromPem } from '../src/card/issuer';
import { PcscContext } from '../src/card/pcsc-transport';
import type { CertificateSlot } from '../src/card/jpki-ap';
import { caLabels, certificateKinds, type BasicInfo, type CertificateKind } from '../src/domain/vocabulary';
import { prepareKeys, signRequests } from '../src/issuance/card-preparation';
import { parseCertsOnly } from '../src/pki/pkcs7';
import { isQuickAckAvailable } from '../src/virtual-card/quickack';
import { loadResidents } from '../src/virtual-card/training';
import { ensurePcscd } from '../test/support/pcscd';
import { call, delay, field, iterationsOption, median, openVisitStream, repoRoot, requireBuilt, round2, startCardSimProcess, startHost, value, writeResult, type HostProcess } from './support/host-process';

const residentId = 'r01-ordinary';
const clerk = { id: 'kenshu-01', pin: '1111' };
const signPassword = 'ABC123';
const authPassword = '1234';
/** The floor's card sits in the other vpcd slot, so it never meets the host's training card. */
const floorSlot = 1;
const stepWaitMs = 30_000;
const caSlot: Record<CertificateKind, CertificateSlot> = { sign: 'signCa', auth: 'authCa' };

const codes = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const bytes = (text: string): Uint8Array => Uint8Array.from(codes(text));
const stepOf = (state: unknown): unknown => field(state, 'step');

interface CounterSample {
  readonly ms: number;
  /** The passwords POST alone (it answers with `working`; the card work goes on after it). */
  readonly postMs: number;
  readonly applicationState: unknown;
}

/** One visit on a fresh host and data directory (so r01's card is a fresh copy every time). */
async function counterOnce(root: string, i: number): Promise<CounterSample> {
  const data = join(root, `host-${i}`);
  let host: HostProcess | undefined;
  try {
    host = await startHost(data);
    const stream = await openVisitStream(host);
    try {
      // The training panel is a signed-in clerk's tool: sign in first, then put the card in.
      await value(host, 'clerk.signIn', { clerkId: clerk.id, pin: bytes(clerk.pin) });
      await value(host, 'training.insertCard', { slot: 0, residentId });
      await stream.waitFor((s) => stepOf(s) === 'cardPresent', stepWaitMs);
      await value(host, 'visit.send', { command: { type: 'readCardInfo' } });
      const resident = loadResidents().residents.find((r) => r.id === residentId);
      const identity = await value(host, 'visit.cardInfoPin', { pin: bytes(resident?.pins.cardInfo ?? ''), confirmLastTry: false });
      const basicInfo = field(identity, 'basicInfo');
      if (stepOf(identity) !== 'identity' || basicInfo === null || basicInfo === undefined) throw new Error(`card-info PIN: step ${String(stepOf(identity))}`);
      const { name, address, birthDate, sex } = basicInfo as BasicInfo;
      await value(host, 'visit.send', { command: { type: 'confirmIdentity', basicInfo: { name, address, birthDate, sex } } });
      await value(host, 'visit.send', { command: { type: 'chooseProcedure', procedure: 'issue' } });
      await value(host, 'visit.send', {
        command: { type: 'setApplicant', applicant: { applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], adultWard: false, domicileInCity: true, reissuedCard: false } },
      });
      await value(host, 'visit.send', { command: { type: 'chooseCertificates', certificates: ['sign', 'auth'] } });
      // The printed form comes back signed before the procedure may start (not timed).
      await value(host, 'visit.send', { command: { type: 'setFormSigned', signed: true } });
      const passwords = await value(host, 'visit.send', { command: { type: 'startProcedure' } });
      if (stepOf(passwords) !== 'passwords') throw new Error(`expected the passwords step, got ${String(stepOf(passwords))}`);

      const started = performance.now();
      const answer = await call(host, 'visit.passwords', { sign: bytes(signPassword), signRepeat: bytes(signPassword), auth: bytes(authPassword), authRepeat: bytes(authPassword) });
      const postMs = performance.now() - started;
      if (!answer.ok) throw new Error(`visit.passwords refused: ${JSON.stringify(answer.error)}`);
      const end = await stream.waitFor((s) => ['done', 'failed', 'refused'].includes(String(stepOf(s))), 120_000);
      const ms = end.at - started;
      if (stepOf(end.state) !== 'done') throw new Error(`visit ended ${String(stepOf(end.state))}: ${JSON.stringify(field(end.state, 'error') ?? field(end.state, 'reasons'))}`);
      const applications = field(field(end.state, 'outcome'), 'applications');
      const applicationState = Array.isArray(applications) ? field(applications[0], 'state') : undefined;
      if (applicationState !== 'completed') throw new Error(`application ${String(applicationState)}, not completed (CA offline?)`);
      return { ms, postMs, applicationState };
    } finally {
      stream.close();
    }
  } finally {
    await host?.stop();
  }
}

interface FloorSample {
  readonly ms: number;
  readonly cardMs: number;
  readonly caMs: number;
  /**
   * Not part of the floor the target is set against: writing the two certificates and their CA
   * certificates, as the visit does after the CA answers. Reported to show where the gap is.
   */
  readonly writeMs: number;
}

async function floorOnce(root: string, i: number, context: PcscContext, service: ReferenceCaService, basicInfo: BasicInfo): Promise<FloorSample> {
  const resident = loadResidents().residents.find((r) => r.id === residentId);
  if (resident === undefined) throw new Error(`no training resident ${residentId}`);
  // A fresh copy of the shipped card, as the host takes one into each new data directory.
  const file = join(root, `floor-card-${i}.json`);
  copyFileSync(join(repoRoot, 'resources', 'training', resident.cardFile), file);
  // The card answers from its own process: pcsclite's close() blocks this event loop.
  const sim = await startCardSimProcess(floorSlot, file);
  try {
    await context.waitForCard(sim.readerName, 10_000);
    const card = new CardModel(await context.connect(sim.readerName));
    try {
      const facts = await card.readCardFacts();
      const issuer = issuerSignerFromPem(readFileSync(join(repoRoot, 'resources', 'training', 'issuer', 'issuer-key.pem'), 'utf8'));
      const secrets = { sign: bytes(signPassword), auth: bytes(authPassword) };
      const kinds = [...certificateKinds];
      const started = performance.now();
      const keys = await prepareKeys(card, issuer, kinds, secrets);
      const csrs = await signRequests(card, keys, kinds, secrets, { applicationId: randomUUID(), terminalId: 'training-terminal', facts, basicInfo, previousExpiry: undefined });
      const cardDone = performance.now();
      const issued: Partial<Record<CertificateKind, Uint8Array[]>> = {};
      for (const kind of kinds) {
        const answer = await service.enroll(caLabels[kind], csrs[kind] ?? new Uint8Array(), randomUUID());
        if (answer.status !== 200) throw new Error(`reference CA answered ${answer.status} for ${kind}`);
        issued[kind] = parseCertsOnly(Buffer.from(answer.body.toString('ascii'), 'base64'));
      }
      const ended = performance.now();
      // The write, as card-writer.ts does it: a fresh issuer session, the leaves, then the CA certificates.
      await card.authenticateIssuer(issuer);
      for (const kind of kinds) await card.writeCertificate(kind, issued[kind]?.[0] ?? new Uint8Array());
      for (const kind of kinds) await card.writeCertificate(caSlot[kind], issued[kind]?.[1] ?? new Uint8Array());
      const written = performance.now();
      return { ms: ended - started, cardMs: cardDone - started, caMs: ended - cardDone, writeMs: written - ended };
    } finally {
      await card.close();
    }
  } finally {
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const iterations = iterationsOption(3);
  requireBuilt();
  const resident = loadResidents().residents.find((r) => r.id === residentId);
  if (resident === undefined) throw new Error(`no training resident ${residentId}`);
  const basicInfo: BasicInfo = { name: resident.facts.name, address: resident.facts.address, birthDate: resident.facts.birthDate, sex: resident.facts.sex };
  const caDir = findTrainingCaDir();
  if (caDir === undefined) throw new Error('training CA hierarchy not found');

  const pcscd = await ensurePcscd();
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-bench-counter-'));
  let caStore: CaStore | undefined;
  let context: PcscContext | undefined;
  try {
    caStore = new CaStore(join(root, 'floor-ca'));
    const service = new ReferenceCaService(caStore, loadJpkiHierarchy(caDir));
    context = await PcscContext.open();
    const counter: CounterSample[] = [];
    const floor: FloorSample[] = [];
    // Alternating, so drift on the shared machine hits both sides alike.
    for (let i = 0; i < iterations; i += 1) {
      counter.push(await counterOnce(root, i));
      await delay(200);
      floor.push(await floorOnce(root, i, context, service, basicInfo));
    }
    const counterMedian = median(counter.map((s) => s.ms));
    const floorMedian = median(floor.map((s) => s.ms));
    const ratio = round2(counterMedian / floorMedian);
    writeResult('counter-time', {
      benchmark: 'counter-time',
      date: new Date().toISOString(),
      node: process.version,
      iterations,
      resident: residentId,
      // Without the virtual card's TCP_QUICKACK addon every APDU costs ~44 ms (docs/build-notes.md), on both sides.
      quickAck: isQuickAckAvailable,
      counter: {
        medianMs: counterMedian,
        passwordsPostMedianMs: median(counter.map((s) => s.postMs)),
        samplesMs: counter.map((s) => round2(s.ms)),
        applicationState: counter[0]?.applicationState,
      },
      floor: {
        medianMs: floorMedian,
        cardMedianMs: median(floor.map((s) => s.cardMs)),
        caMedianMs: median(floor.map((s) => s.caMs)),
        samplesMs: floor.map((s) => round2(s.ms)),
      },
      floorWithWrite: { medianMs: median(floor.map((s) => s.ms + s.writeMs)), writeMedianMs: median(floor.map((s) => s.writeMs)) },
      ratio: { counterOverFloor: ratio, counterOverFloorWithWrite: round2(counterMedian / median(floor.map((s) => s.ms + s.writeMs))) },
      target: { counterOverFloor: 1.2, withinTarget: ratio <= 1.2 },
    });
  } finally {
    await context?.close();
    caStore?.close();
    await pcscd.release();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`counter-time: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
