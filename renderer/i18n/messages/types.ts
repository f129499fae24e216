import type { Words } from '../../../src/words/errors';

/** One area's words: message id → Japanese first, English second. */
export type Catalogue = Readonly<Record<string, Words>>;
