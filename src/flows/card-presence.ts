/** Which readers gained or lost a card between two reader-watch reports. */
export interface CardPresenceChange {
  readonly withCard: Set<string>;
  readonly removed: readonly string[];
  readonly inserted: readonly string[];
}

export function cardPresenceChange(before: ReadonlySet<string>, readers: readonly { readonly name: string; readonly hasCard: boolean }[]): CardPresenceChange {
  const withCard = new Set(readers.filter((r) => r.hasCard).map((r) => r.name));
  return {
    withCard,
    removed: [...before].filter((name) => !withCard.has(name)),
    inserted: [...withCard].filter((name) => !before.has(name)),
  };
}
