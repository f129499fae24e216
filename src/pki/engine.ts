import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

let engineSet = false;

/** pkijs keeps one global engine; every pki entry point calls this before touching pkijs. */
export function ensurePkiEngine(): void {
  if (engineSet) return;
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));
  engineSet = true;
}
