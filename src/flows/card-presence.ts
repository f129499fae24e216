/**
 * Which readers gained or lost a card between two reader-watch reports, as the events both flow
 * controllers feed their machine: removals first, so a flow set back by a pulled card looks for
 * a card still in a reader (not the one pulled) when the insertions follow.
 */
export type CardPresenceEvent = { readonly type: 'cardRemoved'; readonly reader: string } | { readonly type: 'cardInserted'; readonly reader: string };

export interface CardPresenceChange {
  readonly withCard: Set<string>;
  readonly events: readonly CardPresenceEvent[];
}

export function cardPresenceChange(before: ReadonlySet<string>, readers: readonly { readonly name: string; readonly hasCard: boolean }[]): CardPresenceChange {
  const withCard = new Set(readers.filter((r) => r.hasCard).map((r) => r.name));
  const removed = [...before].filter((name) => !withCard.has(name)).map((reader) => ({ type: 'cardRemoved' as const, reader }));
  const inserted = [...withCard].filter((name) => !before.has(name)).map((reader) => ({ type: 'cardInserted' as const, reader }));
  return { withCard, events: [...removed, ...inserted] };
}
