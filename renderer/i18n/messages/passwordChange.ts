/**
 * Words for changing a password the holder knows (R-LOCK-4), read by the resident at the counter
 * and at the self-service terminal: plain Japanese first, `{漢字|かな}` for optional ruby.
 */
import type { Catalogue } from './types';
import words from './passwordChange.json';

export const passwordChangeMessages = words satisfies Catalogue;
