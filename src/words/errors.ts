/**
 * Words for every code the core returns (src/api/errors.ts), in Japanese and English. The core
 * speaks only in codes; this table is where a clerk's sentence comes from, in the renderer, the
 * CLI and the Electron shell alike. Exhaustive by type: a new code without words does not compile.
 */
import type { ErrorCode } from '../api/errors';
import words from './errors.json';

export interface Words {
  readonly ja: string;
  readonly en: string;
}

export const errorMessages = words satisfies Record<ErrorCode, Words>;
