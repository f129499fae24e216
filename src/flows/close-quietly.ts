import type { CardSession } from '../host/host-types';

/** Lets go of a card session; a card already gone leaves nothing to release, so that is not an error. */
export async function closeQuietly(session: CardSession | undefined): Promise<void> {
  if (session === undefined) return;
  try {
    await session.close();
  } catch {
    // The card may be gone already.
  }
}
