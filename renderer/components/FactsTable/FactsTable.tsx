/**
 * Facts as a two-column table with no header row, the way the printed application form lays
 * them out like the city's paper form: each label a `th scope="row"`, so a screen reader names
 * the fact with its value.
 */
import type { ReactNode } from 'react';

export interface Fact {
  /** Also the row's key: a fact is named once in its table. */
  readonly label: string;
  readonly value: ReactNode;
  /** A class on the value's cell, e.g. the form's larger name line. */
  readonly className?: string;
}

export interface FactsTableProps {
  readonly className: string;
  readonly facts: readonly Fact[];
  readonly caption?: string;
}

export function FactsTable({ className, facts, caption }: FactsTableProps) {
  return (
    <table className={className}>
      {caption !== undefined && <caption>{caption}</caption>}
      <tbody>
        {facts.map((fact) => (
          <tr key={fact.label}>
            <th scope="row">{fact.label}</th>
            <td className={fact.className}>{fact.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
