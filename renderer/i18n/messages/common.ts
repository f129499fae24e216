/** Words every screen shares: the header, settings, generic actions. */
import type { Catalogue } from './types';
import words from './common.json';

export const commonMessages = words satisfies Catalogue;
