/** A training terminal's card slots and, on a training counter, its own training CA's outage switch. */
import type { Handlers } from '../../api/contract';
import { hostError } from '../../api/errors';
import type { Host, TrainingCaSwitch } from '../../host/host-types';
import type { TrainingCards } from '../training-cards';
import type { ClerkAccess } from './access';

export type TrainingChannel = 'training.get' | 'training.insertCard' | 'training.removeCard' | 'training.ca' | 'training.setCaReachable';

function trainingCaOf(host: Host): TrainingCaSwitch {
  if (host.trainingCa === undefined) throw hostError('TRAINING_ONLY', 'only a training counter runs its own training CA');
  return host.trainingCa;
}

export function trainingSlots(cards: TrainingCards | undefined): TrainingCards {
  if (cards === undefined) throw hostError('TRAINING_ONLY', 'training cards exist only on a training terminal');
  return cards;
}

export function trainingHandlers(host: Host, cards: TrainingCards | undefined, { signedIn, reading }: ClerkAccess): Pick<Handlers, TrainingChannel> {
  return {
    'training.get': reading(() => trainingSlots(cards).view()),
    'training.insertCard': signedIn(({ slot, residentId }) => trainingSlots(cards).insert(slot, residentId)),
    'training.removeCard': signedIn(({ slot }) => trainingSlots(cards).remove(slot)),
    'training.ca': reading(() => ({ isReachable: trainingCaOf(host).isReachable() })),
    'training.setCaReachable': signedIn(async ({ isReachable }) => {
      const ca = trainingCaOf(host);
      await ca.setReachable(isReachable);
      return { isReachable: ca.isReachable() };
    }),
  };
}
