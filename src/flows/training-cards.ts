/**
 * The training side panel's card slots: a training resident's virtual card put into vpcd slot
 * 0 or 1 inside the host process (as `madoguchi card-sim` does from the command line). The
 * shipped card file is copied to `<data>/cards/<id>.json` on first use and never modified.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TrainingView } from '../api/contract';
import { hostError } from '../api/errors';
import { loadCardFile, persistTo, saveCardFile } from '../virtual-card/card-file';
import { VirtualCardEngine } from '../virtual-card/engine';
import { loadResidents, trainingDir, type TrainingResident } from '../virtual-card/training';
import { VpcdLink, vpcdReaderName } from '../virtual-card/vpcd-link';

export const trainingSlots = [0, 1] as const;
const connectTimeoutMs = 10_000;

export interface TrainingCards {
  view(): TrainingView;
  insert(slot: number, residentId: string): Promise<TrainingView>;
  remove(slot: number): Promise<TrainingView>;
  /** Returns the unsubscribe function. */
  onChange(listener: (view: TrainingView) => void): () => void;
  /** Takes every card out (saving its state). */
  close(): Promise<void>;
}

interface Inserted {
  readonly residentId: string;
  readonly link: VpcdLink;
  readonly engine: VirtualCardEngine;
  readonly file: string;
}

export function createTrainingCards(cardsDir: string, dir: string = trainingDir()): TrainingCards {
  const residents: readonly TrainingResident[] = loadResidents(dir).residents;
  const slots = new Map<number, Inserted>();
  const listeners = new Set<(view: TrainingView) => void>();
  /** One insert or remove at a time: the panel's buttons must not race on a slot. */
  let queue: Promise<unknown> = Promise.resolve();

  const view = (): TrainingView => ({
    residents: residents.map((r) => ({ id: r.id, name: r.facts.name, tags: [r.case] })),
    slots: trainingSlots.map((slot) => ({ slot, reader: vpcdReaderName(slot), residentId: slots.get(slot)?.residentId ?? null })),
  });
  const changed = (): void => {
    const current = view();
    for (const listener of listeners) listener(current);
  };
  const serial = <T>(action: () => Promise<T>): Promise<T> => {
    const run = queue.then(action, action);
    queue = run.catch(() => undefined);
    return run;
  };

  function cardFileFor(resident: TrainingResident): string {
    const target = path.join(cardsDir, `${resident.id}.json`);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(cardsDir, { recursive: true });
      saveCardFile(target, loadCardFile(path.join(dir, resident.cardFile)));
    }
    return target;
  }

  async function takeOut(slot: number): Promise<void> {
    const inserted = slots.get(slot);
    if (inserted === undefined) return;
    slots.delete(slot);
    await inserted.link.remove();
    saveCardFile(inserted.file, inserted.engine.snapshot());
  }

  function checkSlot(slot: number): void {
    if (!trainingSlots.some((s) => s === slot)) throw hostError('API_BAD_REQUEST', 'no such training slot', { field: 'slot' });
  }

  return {
    view,
    insert: (slot, residentId) =>
      serial(async () => {
        checkSlot(slot);
        const resident = residents.find((r) => r.id === residentId);
        if (resident === undefined) throw hostError('API_BAD_REQUEST', 'no such training resident', { field: 'residentId' });
        // The same card cannot be in two readers at once.
        for (const [other, inserted] of slots) if (inserted.residentId === residentId) await takeOut(other);
        await takeOut(slot);
        const file = cardFileFor(resident);
        const engine = VirtualCardEngine.fromState(loadCardFile(file));
        persistTo(engine, file);
        const link = await VpcdLink.connect(engine, { slot, connectTimeoutMs });
        slots.set(slot, { residentId, link, engine, file });
        // vpcd (or pcscd) going away takes the card out too.
        void link.closed.then(() => {
          if (slots.get(slot)?.link !== link) return;
          slots.delete(slot);
          saveCardFile(file, engine.snapshot());
          changed();
        });
        changed();
        return view();
      }),
    remove: (slot) =>
      serial(async () => {
        checkSlot(slot);
        await takeOut(slot);
        changed();
        return view();
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      serial(async () => {
        for (const slot of [...slots.keys()]) await takeOut(slot);
        listeners.clear();
      }),
  };
}
