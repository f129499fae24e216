/**
 * What a terminal's data directory holds, read back by the tests: the virtual cards' passwords
 * (the card is the one place a password belongs) and every other file as bytes, to show that no
 * password was kept anywhere else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const cardPinsSchema = z.object({
  pins: z.object({
    sign: z.object({ value: z.string().nullable(), triesLeft: z.number() }),
    auth: z.object({ value: z.string().nullable(), triesLeft: z.number() }),
  }),
});

/** The passwords and their tries left in a virtual card file. */
export function pinsIn(file: string) {
  return cardPinsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pins;
}

/** The resident's card in a terminal's data directory (copied there when first placed on a reader). */
export function cardPins(dataDir: string, residentId: string) {
  return pinsIn(join(dataDir, 'cards', `${residentId}.json`));
}

/** Every file under the data directory (database, WAL, logs, receipts) except the virtual cards. */
export function filesUnder(dir: string, depth = 0): string[] {
  if (depth > 6) return [];
  return readdirSync(dir).flatMap((name) => {
    if (depth === 0 && name === 'cards') return [];
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, depth + 1) : [full];
  });
}

/** The files under the data directory, cards aside, that hold `secret` in Latin-1 or UTF-16. */
export function filesHolding(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'latin1'), Buffer.from(secret, 'utf16le')];
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((n) => bytes.includes(n));
  });
}
