/**
 * Who may call a counter channel: only a signed-in clerk may use anything but `session.get` and
 * `clerk.signIn` (docs/design.md §7). A command restarts the clerk's inactivity clock; a read
 * (a badge or a dashboard refreshing itself) is not the clerk's activity.
 */
import { hostError } from '../../api/errors';
import { copySecret } from '../../api/secret-frame';
import type { VisitController } from '../visit-controller';

export interface ClerkAccess {
  /** The clerk making this call, or CLERK_NOT_SIGNED_IN. */
  actor(): string;
  signedIn<R, A>(handler: (request: R, clerkId: string) => Promise<A> | A): (request: R) => Promise<A>;
  reading<R, A>(handler: (request: R) => Promise<A> | A): (request: R) => Promise<A>;
}

export function clerkAccess(controller: VisitController): ClerkAccess {
  const actor = (): string => {
    const clerk = controller.clerk;
    if (clerk === null) throw hostError('CLERK_NOT_SIGNED_IN', 'sign in first');
    return clerk.id;
  };
  return {
    actor,
    signedIn: (handler) => async (request) => {
      const clerkId = actor();
      controller.touch();
      return handler(request, clerkId);
    },
    reading: (handler) => async (request) => {
      actor();
      return handler(request);
    },
  };
}

/**
 * The handler's own copy of a secret, for the card command (which may outlive the request, as
 * the procedure does): the shell zeroes the request's bytes as soon as it has answered.
 */
export function takeBytes(request: Uint8Array): Uint8Array {
  return copySecret(request);
}
