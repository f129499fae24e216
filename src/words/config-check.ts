/**
 * Words for `madoguchi config check` (src/host/config-check.ts), in Japanese and English: the
 * core names a problem by its code; what IT reads comes from here. Exhaustive by type.
 */
import type { ConfigCheckCode } from '../api/config-check';
import type { Words } from './errors';
import words from './config-check.json';

export const configCheckMessages = words satisfies Record<ConfigCheckCode, Words>;
