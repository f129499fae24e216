import type { ReactNode } from 'react';
import './applicant.css';

export interface EntryColumnsProps {
  /** What is being typed and how it is going: the entry, its rules, refusals. */
  readonly info: ReactNode;
  /** The keypad and the screen's main action, kept together so a touch user never scrolls between them. */
  readonly pad: ReactNode;
  /** The full alphanumeric keypad, which needs the whole width of the screen beside its column. */
  readonly isWide?: boolean;
}

/**
 * A keypad screen in two columns side by side where they fit (a 1280- or 1366-pixel screen at
 * 100 % text), one column under the other where they do not (large text): the keys and the main
 * action then stay in view without scrolling on the screens counters and kiosks have.
 */
export function EntryColumns({ info, pad, isWide = false }: EntryColumnsProps) {
  return (
    <div className={isWide ? 'entry-columns entry-columns--wide' : 'entry-columns'}>
      <div className="entry-columns-info">{info}</div>
      <div className="entry-columns-pad">{pad}</div>
    </div>
  );
}
