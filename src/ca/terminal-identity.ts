import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { loadResidents } from '../virtual-card/training';
import { caError } from './errors';

/**
 * Who is asking, from the verified TLS client certificate: the terminal id in the subject CN
 * and the municipality (its local government code) in the subject OU. The CA scopes every
 * request by these: the CSR's terminal id must be the certificate's, and a terminal sees and
 * revokes only what its municipality issued.
 */
export interface TerminalIdentity {
  readonly terminalId: string;
  readonly municipalityCode: string;
}

/**
 * The training terminal: a CA data directory's first client certificate names it unless the
 * caller names another terminal. Its municipality is the training residents' (data in
 * resources/training/residents.json), so no city is written into the code.
 */
export function trainingTerminalIdentity(dir?: string): TerminalIdentity {
  return { terminalId: 'training-terminal', municipalityCode: loadResidents(dir).municipality.code };
}

/** A local government code: 5 digits, optionally with its check digit (JIS X 0402). */
export const municipalityCodePattern = /^\d{5,6}$/;

/** Reads the identity of an authorised TLS peer; anything less is 403 `CA_FORBIDDEN`. */
export function peerIdentity(req: IncomingMessage): TerminalIdentity {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function' || socket.authorized !== true) throw caError('CA_FORBIDDEN', 'no verified client certificate');
  const subject: Record<string, unknown> = socket.getPeerCertificate().subject ?? {};
  const terminalId = subject['CN'];
  const municipalityCode = subject['OU'];
  if (typeof terminalId !== 'string' || terminalId.length === 0) throw caError('CA_FORBIDDEN', 'the client certificate names no terminal (subject CN)');
  if (typeof municipalityCode !== 'string' || !municipalityCodePattern.test(municipalityCode)) {
    throw caError('CA_FORBIDDEN', 'the client certificate names no municipality (subject OU: its local government code)');
  }
  return { terminalId, municipalityCode };
}
