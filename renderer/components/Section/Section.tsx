/**
 * A part of a screen under its own heading, named by that heading: a screen reader lists it as a
 * region with the heading's words. One place wires the heading's id to the region, so a part can
 * never point at a heading that is not there.
 */
import type { ReactNode } from 'react';

export interface SectionProps {
  /** Unique on the page. */
  readonly headingId: string;
  readonly title: ReactNode;
  /** For a part whose content arrives later (search results): said when it changes. */
  readonly live?: 'polite';
  readonly children?: ReactNode;
}

export function Section({ headingId, title, live, children }: SectionProps) {
  return (
    <section aria-labelledby={headingId} aria-live={live}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
