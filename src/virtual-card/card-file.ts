/**
 * One JSON file per virtual card. Saves are atomic (temp file, fsync, rename, fsync of the
 * directory) so a card "pulled out" mid-write leaves either the old or the new state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cardStateSchema, type CardState } from './card-state';
import { CodedError } from '../errors/coded-error';
import type { VirtualCardEngine } from './engine';

/** Why a virtual card file could not be used; `facts.path` names the file. */
export const cardFileErrorCodes = ['VCARD_FILE_UNREADABLE', 'VCARD_FILE_NOT_JSON', 'VCARD_FILE_INVALID'] as const;
export type CardFileErrorCode = (typeof cardFileErrorCodes)[number];

function cardFileError(code: CardFileErrorCode, file: string, message: string): CodedError<CardFileErrorCode> {
  return new CodedError(code, message, { facts: { path: file } });
}

export function parseCardState(text: string, file = '<card state>'): CardState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw cardFileError('VCARD_FILE_NOT_JSON', file, `${file}: not a JSON document`);
  }
  const result = cardStateSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first === undefined ? '' : ` at ${first.path.join('.') || '(root)'}: ${first.message}`;
    throw cardFileError('VCARD_FILE_INVALID', file, `${file}: not a valid virtual card file${where}`);
  }
  return result.data;
}

export function loadCardFile(file: string): CardState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'read error';
    throw cardFileError('VCARD_FILE_UNREADABLE', file, `${file}: cannot read (${reason})`);
  }
  return parseCardState(text, file);
}

export function serializeCardState(state: CardState): string {
  return `${JSON.stringify(cardStateSchema.parse(state), null, 2)}\n`;
}

export function saveCardFile(file: string, state: CardState): void {
  const text = serializeCardState(state);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/** Makes every persistent change of the engine land in `file`. */
export function persistTo(engine: VirtualCardEngine, file: string): void {
  engine.onPersistentChange = (state) => saveCardFile(file, state);
}
