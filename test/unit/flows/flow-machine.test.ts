/**
 * The machine both flow controllers run on: a change reaches the transition hook before the
 * listeners, an event that changes nothing reaches neither, a wrong step is an error for a
 * person's command but dropped for the host's own late work, and any other fault still surfaces.
 */
import { hostError } from '../../../src/api/errors';
import { FlowMachine } from '../../../src/flows/flow-machine';

type Step = 'idle' | 'reading' | 'done';
type Event = { type: 'start' } | { type: 'read' } | { type: 'noop' } | { type: 'explode' };

function reduce(state: Step, event: Event): Step {
  if (event.type === 'noop') return state;
  if (event.type === 'explode') throw new Error('reducer fault');
  if (event.type === 'start' && state === 'idle') return 'reading';
  if (event.type === 'read' && state === 'reading') return 'done';
  throw hostError('VISIT_WRONG_STEP', `${event.type} at ${state}`, { step: state });
}

function machine() {
  const seen: string[] = [];
  const flow = new FlowMachine<Step, Event>({ initial: 'idle', reduce, wrongStepCode: 'VISIT_WRONG_STEP', afterTransition: (before, after) => seen.push(`hook ${before}→${after}`) });
  flow.onState((state) => seen.push(`listener ${state}`));
  return { flow, seen };
}

test('a change reaches the transition hook first, then every listener, with the new state', () => {
  const { flow, seen } = machine();
  flow.apply({ type: 'start' });
  expect(flow.state).toBe('reading');
  expect(seen).toEqual(['hook idle→reading', 'listener reading']);
});

test('an event that leaves the state as it is reaches neither the hook nor the listeners', () => {
  const { flow, seen } = machine();
  flow.apply({ type: 'noop' });
  expect(seen).toEqual([]);
});

test("a person's command at the wrong step is refused with the flow's code and changes nothing", () => {
  const { flow, seen } = machine();
  expect(() => flow.apply({ type: 'read' })).toThrow(expect.objectContaining({ code: 'VISIT_WRONG_STEP' }));
  expect(flow.state).toBe('idle');
  expect(seen).toEqual([]);
});

test("the host's own late work at the wrong step is dropped; any other fault still surfaces", () => {
  const { flow, seen } = machine();
  flow.applyIfStill({ type: 'read' });
  expect(flow.state).toBe('idle');
  expect(() => flow.applyIfStill({ type: 'explode' })).toThrow('reducer fault');
  flow.applyIfStill({ type: 'start' });
  expect(seen).toEqual(['hook idle→reading', 'listener reading']);
});

test('a listener removed, or all of them stopped, hears nothing more', () => {
  const { flow, seen } = machine();
  const heard: Step[] = [];
  const off = flow.onState((state) => heard.push(state));
  flow.apply({ type: 'start' });
  off();
  flow.apply({ type: 'read' });
  expect(heard).toEqual(['reading']);
  expect(seen).toEqual(['hook idle→reading', 'listener reading', 'hook reading→done', 'listener done']);

  const stopped = machine();
  stopped.flow.stopListening();
  stopped.flow.apply({ type: 'start' });
  expect(stopped.seen).toEqual(['hook idle→reading']);
});
