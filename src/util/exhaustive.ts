/**
 * Closes a `switch` over a union: it only type-checks when every case is
 * handled, and throws if a value the types did not foresee arrives anyway
 * (a newer log line, a hand-edited file).
 */
export function checkExhaustive(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
