/** aria-describedby for a field: support text first, then the error. */
export function describedBy(supportId: string | undefined, errorId: string | undefined): string | undefined {
  const ids = [supportId, errorId].filter((id) => id !== undefined);
  return ids.length === 0 ? undefined : ids.join(' ');
}
