import type { Words } from '../errors';

/** One area's words: message id → Japanese first, English second. */
export type Catalogue = Readonly<Record<string, Words>>;
