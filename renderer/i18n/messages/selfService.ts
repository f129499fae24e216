/**
 * Words of the self-service terminal: an unattended machine in a library or a lobby,
 * read by residents alone. Plain Japanese first, short sentences, `{漢字|かな}` for optional ruby.
 * Every screen says whether anything on the card changed.
 */
import type { Catalogue } from './types';
import words from './selfService.json';

export const selfServiceMessages = words satisfies Catalogue;
