/**
 * WHERE clauses built from optional filters: each filter a caller sets adds one condition, and
 * the values go in as parameters, never into the SQL text.
 */

export type SqlValue = string | number;

/** One condition: SQL with `?` placeholders, and the values they take in order. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** `sql` with its one `?` bound to `value`; nothing when the filter is not set. */
export function conditionIf(sql: string, value: SqlValue | undefined): SqlCondition | undefined {
  return value === undefined ? undefined : { sql, params: [value] };
}

/** `column IN (?, …)` over `values`; nothing when none are given (no filter, not "match none"). */
export function inList(column: string, values: readonly SqlValue[] | undefined): SqlCondition | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: values };
}

/** The AND of the conditions present, as `WHERE …` (empty when there are none), and their values. */
export function whereClause(conditions: readonly (SqlCondition | undefined)[]): { where: string; params: SqlValue[] } {
  const present = conditions.filter((c): c is SqlCondition => c !== undefined);
  return {
    where: present.length > 0 ? `WHERE ${present.map((c) => c.sql).join(' AND ')}` : '',
    params: present.flatMap((c) => c.params),
  };
}
