/** Code-unit order, not locale order: every worker on every machine breaks a tie the same way. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
