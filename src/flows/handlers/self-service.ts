/**
 * The self-service flow's channels, and the handler map of a self-service terminal: it has no
 * clerk, so every counter channel refuses (deny by default: a channel added to the counter later
 * refuses here too) except the session, the readers and, in training, the card slots.
 */
import type { Handlers } from '../../api/contract';
import { hostError } from '../../api/errors';
import type { Host, SelfServiceFlow } from '../../host/host-types';
import type { TrainingCards } from '../training-cards';
import { takeBytes } from './access';
import { trainingSlots } from './training';

export type SelfServiceChannel = 'selfService.get' | 'selfService.send' | 'selfService.provingPassword' | 'selfService.newPassword' | 'selfService.changePassword';
export type CounterHandlers = Omit<Handlers, SelfServiceChannel>;

export function selfServiceHandlers(flow: SelfServiceFlow | undefined): Pick<Handlers, SelfServiceChannel> {
  const need = (): SelfServiceFlow => {
    if (flow === undefined) throw hostError('SELF_SERVICE_ONLY', 'self-service channels exist only on a self-service terminal');
    return flow;
  };
  return {
    'selfService.get': () => Promise.resolve(need().state),
    'selfService.send': ({ command }) => need().send(command),
    'selfService.provingPassword': async ({ password, confirmLastTry }) => {
      const bytes = takeBytes(password);
      try {
        return await need().provingPassword(bytes, confirmLastTry);
      } finally {
        bytes.fill(0);
      }
    },
    'selfService.newPassword': async ({ password, confirmation }) => {
      const first = takeBytes(password);
      const second = takeBytes(confirmation);
      try {
        return await need().newPassword(first, second);
      } finally {
        first.fill(0);
        second.fill(0);
      }
    },
    'selfService.changePassword': async ({ current, password, confirmation, confirmLastTry }) => {
      const held = [takeBytes(current), takeBytes(password), takeBytes(confirmation)] as const;
      try {
        return await need().changePassword(held[0], held[1], held[2], confirmLastTry);
      } finally {
        for (const bytes of held) bytes.fill(0);
      }
    },
  };
}

function refusingAll(counter: CounterHandlers): CounterHandlers {
  const refuse = () => Promise.reject(hostError('NOT_ON_SELF_SERVICE', 'not available on a self-service terminal'));
  // Every key of the counter's map, each answering with the refusal: the same shape, no channel left open.
  return Object.fromEntries(Object.keys(counter).map((channel) => [channel, refuse])) as unknown as CounterHandlers;
}

export function selfServiceTerminalHandlers(host: Host, counter: CounterHandlers, flow: SelfServiceFlow | undefined, trainingCards: TrainingCards | undefined): Handlers {
  return {
    ...refusingAll(counter),
    'session.get': counter['session.get'],
    'readers.list': () => Promise.resolve(host.readers.list()),
    'training.get': () => Promise.resolve(trainingSlots(trainingCards).view()),
    'training.insertCard': ({ slot, residentId }) => trainingSlots(trainingCards).insert(slot, residentId),
    'training.removeCard': ({ slot }) => trainingSlots(trainingCards).remove(slot),
    // The self-service training CA runs in a process of its own, with no outage switch: training.ca refuses.
    ...selfServiceHandlers(flow),
  };
}
