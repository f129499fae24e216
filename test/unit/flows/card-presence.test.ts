import { ReadersWithCard } from '../../../src/flows/card-presence';

const report = (...withCard: string[]) => ['A', 'B', 'C'].map((name) => ({ name, hasCard: withCard.includes(name) }));

describe('ReadersWithCard', () => {
  it('reports nothing while the readers hold the same cards', () => {
    const readers = new ReadersWithCard(report('A'));
    expect(readers.update(report('A'))).toEqual([]);
  });

  it('reports a removal before an insertion in the same report', () => {
    const readers = new ReadersWithCard(report('A'));
    expect(readers.update(report('B'))).toEqual([
      { type: 'cardRemoved', reader: 'A' },
      { type: 'cardInserted', reader: 'B' },
    ]);
  });

  it('compares each report with the one before it, not with the first', () => {
    const readers = new ReadersWithCard(report());
    expect(readers.update(report('C'))).toEqual([{ type: 'cardInserted', reader: 'C' }]);
    expect(readers.update(report('C'))).toEqual([]);
    expect(readers.update(report())).toEqual([{ type: 'cardRemoved', reader: 'C' }]);
  });

  it('has the set updated when the events are handed out, so a flow set back looks only at readers still holding a card', () => {
    const readers = new ReadersWithCard(report('A', 'B'));
    readers.update(report('B'));
    expect(readers.waiting()).toBe('B');
  });

  it('prefers the reader the flow was about while it still holds a card, else the first', () => {
    const readers = new ReadersWithCard(report('A', 'B'));
    expect(readers.waiting('B')).toBe('B');
    expect(readers.waiting('C')).toBe('A');
    expect(readers.waiting()).toBe('A');
    readers.update(report());
    expect(readers.waiting('B')).toBeUndefined();
  });
});
