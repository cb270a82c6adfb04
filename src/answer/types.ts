// The result of checking a typed answer, shared by the comparison, the
// explanation and the review screen. A leaf module: it imports nothing.

export interface DiffPart {
  readonly text: string;
  readonly kind: 'same' | 'wrong' | 'missing' | 'extra';
}

/**
 * Why kubectl would refuse a command line (the typed one): an unknown flag or
 * shorthand, a flag without its value, a value the flag cannot take, arguments
 * the command does not accept, or a word that is not one of the command's
 * subcommands.
 */
export type InvalidReason =
  | 'unknownFlag'
  | 'missingValue'
  | 'badValue'
  | 'extraArgs'
  | 'missingArgs'
  | 'argsOrder'
  | 'needsDash'
  | 'unknownCommand';

/**
 * One line of the explanation of a kubectl answer, as data (the screen words it).
 * - `same`: accepted though written differently: `typed` is how it was typed,
 *   `expected` how the answer writes the same thing (`deploy` = `deployment`).
 * - `default`: `text` sets a flag to its default value, the same as leaving it out.
 * - `wrongValue` / `missingFlag` / `extraFlag`: a flag differs (`flag` is its long name).
 * - `wrongCommand`: another (sub)command; `wrongArgs`: other arguments (resources,
 *   names, key=value pairs, redirections); `wrongCommandLine`: another command after `--`.
 * - `invalid`: kubectl would reject the typed command; `text` is the offending word.
 */
export type Note =
  | { readonly kind: 'same'; readonly typed: string; readonly expected: string }
  | { readonly kind: 'default'; readonly text: string }
  | {
      readonly kind: 'wrongValue';
      readonly flag: string;
      readonly typed: string;
      readonly expected: string;
    }
  | { readonly kind: 'missingFlag'; readonly flag: string; readonly expected: string }
  | { readonly kind: 'extraFlag'; readonly flag: string; readonly typed: string }
  | { readonly kind: 'wrongCommand'; readonly typed: string; readonly expected: string }
  | { readonly kind: 'wrongArgs'; readonly typed: string; readonly expected: string }
  | { readonly kind: 'wrongCommandLine'; readonly typed: string; readonly expected: string }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason; readonly text: string };

export interface TypedResult {
  readonly correct: boolean;
  /** What the user typed, annotated: 'same' (matches), 'wrong'/'extra' (typed but not expected). */
  readonly typed: readonly DiffPart[];
  /** The expected answer, annotated: 'same', or 'missing' (expected but not typed). */
  readonly expected: readonly DiffPart[];
  /** For kubectl commands: what was recognised and what differs. Absent for other answers. */
  readonly explanation?: readonly Note[];
}
