/**
 * Strings in the order the stores keep their text keys (code-point order, not the locale's):
 * rows written in it land in key order, and codes listed in it come out the same everywhere.
 */
export const byKeyOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
