/** The clerk's session and the visit: sign-in, the visit's commands, and the applicant's secrets as bytes. */
import type { Handlers, SessionInfo } from '../../api/contract';
import type { Host } from '../../host/host-types';
import type { Secrets } from '../../issuance/secrets';
import type { VisitController } from '../visit-controller';
import { takeBytes, type ClerkAccess } from './access';

export type VisitChannel = 'session.get' | 'clerk.signIn' | 'clerk.signOut' | 'visit.get' | 'visit.send' | 'visit.cardInfoPin' | 'visit.passwords' | 'visit.changePassword' | 'readers.list';

export function visitHandlers(host: Host, controller: VisitController, { signedIn, reading }: ClerkAccess): Pick<Handlers, VisitChannel> {
  const session = (): SessionInfo => ({ terminal: host.terminal, clerks: host.clerks, clerk: controller.clerk, timeouts: host.timeouts });
  return {
    'session.get': () => Promise.resolve(session()),
    'clerk.signIn': async ({ clerkId, pin }) => {
      await controller.signIn(clerkId, takeBytes(pin));
      return session();
    },
    'clerk.signOut': signedIn(() => {
      controller.signOut();
      return session();
    }),
    'visit.get': reading(() => controller.state),
    'visit.send': signedIn(({ command }) => controller.send(command)),
    'visit.cardInfoPin': signedIn(({ pin, confirmLastTry }) => controller.cardInfoPin(takeBytes(pin), confirmLastTry)),
    'visit.passwords': signedIn(({ sign, signRepeat, auth, authRepeat }) => {
      const secrets: Secrets = {};
      const repeats: Secrets = {};
      if (sign !== undefined) secrets.sign = takeBytes(sign);
      if (auth !== undefined) secrets.auth = takeBytes(auth);
      if (signRepeat !== undefined) repeats.sign = takeBytes(signRepeat);
      if (authRepeat !== undefined) repeats.auth = takeBytes(authRepeat);
      return controller.passwords(secrets, repeats);
    }),
    'visit.changePassword': signedIn(({ current, password, confirmation, confirmLastTry }) => controller.changePassword(takeBytes(current), takeBytes(password), takeBytes(confirmation), confirmLastTry)),
    'readers.list': reading(() => host.readers.list()),
  };
}
