/**
 * Every key the UI answers to, defined once, by screen. Screens ask
 * `commandFor(screen, key)`; the help overlay and the hint lines are generated
 * from this table, so a key can never be documented in one place and bound in
 * another.
 */
export type Screen =
  | 'home'
  | 'review'
  | 'typing'
  | 'browse'
  | 'search'
  | 'stats'
  | 'exam'
  | 'examDone'
  | 'help';

export type Command =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'reviewAll'
  | 'search'
  | 'stats'
  | 'help'
  | 'back'
  | 'quit'
  | 'reveal'
  | 'again'
  | 'hard'
  | 'good'
  | 'easy'
  | 'undo'
  | 'bury'
  | 'suspend'
  | 'edit'
  | 'submit'
  | 'erase'
  | 'toggleSuspend'
  | 'reset'
  | 'right'
  | 'wrong'
  | 'finish';

export interface KeyEvent {
  readonly input: string;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly tab?: boolean;
}

export interface Binding {
  readonly command: Command;
  /** How the key is written in help and hints. */
  readonly keys: string;
  readonly matches: (k: KeyEvent) => boolean;
}

const char =
  (...chars: string[]) =>
  (k: KeyEvent) =>
    !k.ctrl && chars.includes(k.input);
const space = (k: KeyEvent) => k.input === ' ' && !k.ctrl;
const enter = (k: KeyEvent) => k.return === true;
const esc = (k: KeyEvent) => k.escape === true;
const ctrlC = (k: KeyEvent) => k.ctrl === true && k.input === 'c';
const up = (k: KeyEvent) => k.upArrow === true;
const down = (k: KeyEvent) => k.downArrow === true;
const either =
  (...tests: ((k: KeyEvent) => boolean)[]) =>
  (k: KeyEvent) =>
    tests.some((t) => t(k));

const scrolling: Binding[] = [
  { command: 'up', keys: '↑ k', matches: either(up, char('k')) },
  { command: 'down', keys: '↓ j', matches: either(down, char('j')) },
  { command: 'pageUp', keys: 'PgUp', matches: (k) => k.pageUp === true },
  { command: 'pageDown', keys: 'PgDn', matches: (k) => k.pageDown === true },
];
const move: Binding[] = [
  ...scrolling,
  { command: 'top', keys: 'g', matches: char('g') },
  { command: 'bottom', keys: 'G', matches: char('G') },
];

const help: Binding = { command: 'help', keys: '?', matches: char('?') };
/** q, Esc and Ctrl-C leave a screen; what leaving means is the command's. */
const leave = (command: Command): Binding => ({
  command,
  keys: 'q Esc',
  matches: either(char('q'), esc, ctrlC),
});
/** Entering text (an answer, a search): letters are text, so only non-printing keys are commands. */
const textEntry = (submit: Binding): Binding[] => [
  submit,
  {
    command: 'erase',
    keys: 'Backspace',
    matches: (k) => k.backspace === true || k.delete === true,
  },
  { command: 'back', keys: 'Esc', matches: either(esc, ctrlC) },
];

export const KEY_BINDINGS: Readonly<Record<Screen, readonly Binding[]>> = {
  home: [
    ...move,
    { command: 'open', keys: 'Enter', matches: enter },
    { command: 'reviewAll', keys: 'a', matches: char('a') },
    { command: 'search', keys: '/', matches: char('/') },
    { command: 'stats', keys: 's', matches: char('s') },
    help,
    leave('quit'),
  ],
  review: [
    { command: 'reveal', keys: 'Space Enter', matches: either(space, enter) },
    { command: 'again', keys: '1', matches: char('1') },
    { command: 'hard', keys: '2', matches: char('2') },
    { command: 'good', keys: '3', matches: char('3') },
    { command: 'easy', keys: '4', matches: char('4') },
    { command: 'undo', keys: 'u', matches: char('u') },
    { command: 'bury', keys: 'b', matches: char('b') },
    { command: 'suspend', keys: 's', matches: char('s') },
    { command: 'edit', keys: 'e', matches: char('e') },
    ...scrolling,
    help,
    leave('back'),
  ],
  typing: textEntry({ command: 'submit', keys: 'Enter', matches: enter }),
  browse: [
    ...move,
    { command: 'search', keys: '/', matches: char('/') },
    { command: 'toggleSuspend', keys: 's', matches: char('s') },
    { command: 'reset', keys: 'r', matches: char('r') },
    { command: 'undo', keys: 'u', matches: char('u') },
    { command: 'edit', keys: 'e', matches: char('e') },
    help,
    leave('back'),
  ],
  search: textEntry({ command: 'submit', keys: 'Enter ↓', matches: either(enter, down) }),
  stats: [...move, help, leave('back')],
  exam: [
    { command: 'reveal', keys: 'Space Enter', matches: either(space, enter) },
    { command: 'right', keys: 'y', matches: char('y') },
    { command: 'wrong', keys: 'n', matches: char('n') },
    ...scrolling,
    help,
    leave('finish'),
  ],
  examDone: [
    ...move,
    { command: 'back', keys: 'q Esc Enter', matches: either(char('q'), esc, ctrlC, enter) },
  ],
  // Movement scrolls a help taller than the terminal; any other key closes it.
  help: [...move, { command: 'back', keys: 'any key', matches: () => true }],
};

export function commandFor(screen: Screen, event: KeyEvent): Command | null {
  return KEY_BINDINGS[screen].find((b) => b.matches(event))?.command ?? null;
}

export function keysFor(screen: Screen, command: Command): string {
  return KEY_BINDINGS[screen].find((b) => b.command === command)?.keys ?? '';
}

/** Ink's key object, reduced to what the table reads. */
export function keyEvent(
  input: string,
  key: {
    return?: boolean;
    escape?: boolean;
    ctrl?: boolean;
    upArrow?: boolean;
    downArrow?: boolean;
    pageUp?: boolean;
    pageDown?: boolean;
    backspace?: boolean;
    delete?: boolean;
    tab?: boolean;
  },
): KeyEvent {
  return { input, ...key };
}

/** The hint line: the first key of each command with its short name, in table order. */
export function hintLine(
  screen: Screen,
  commands: readonly Command[],
  short: Readonly<Record<Command, string>>,
): string {
  return KEY_BINDINGS[screen]
    .filter((b) => commands.includes(b.command))
    .map((b) => `${b.keys.split(' ')[0]} ${short[b.command]}`)
    .join(' · ');
}

/**
 * The text a key press or a paste types into an input line: printable
 * characters only, tabs as spaces. A pasted chunk that ends in a newline (a
 * command copied with its Enter) also submits. Null when nothing is typed.
 */
export function typedText(
  input: string,
  key: { ctrl?: boolean; meta?: boolean },
): { text: string; submit: boolean } | null {
  if (!input || key.ctrl || key.meta) return null;
  if (input.length === 1 && /[\u0000-\u001F\u007F]/.test(input)) return null;
  if (input.startsWith('\u001B')) return null;
  const submit = input.length > 1 && /[\r\n]$/.test(input);
  const text = input.replace(/\t/g, ' ').replace(/[\u0000-\u001F\u007F]/g, '');
  return text || submit ? { text, submit } : null;
}

/**
 * Ink hands over keys that arrive together (a held-down `j`, keys typed fast)
 * as one string. Outside text entry each character is its own key press.
 */
export function splitKeys<K extends { ctrl?: boolean; meta?: boolean }>(
  input: string,
  key: K,
): { input: string; key: K }[] {
  const chars = Array.from(input);
  if (chars.length <= 1 || key.ctrl || key.meta || input.startsWith('\u001B'))
    return [{ input, key }];
  return chars.map((ch) => ({
    input: ch === '\r' ? '' : ch,
    key: { ...key, return: ch === '\r' || ch === '\n' } as K,
  }));
}

/** Where a list selection moves for a command, or null when the command is not a move. */
export function moveSelection(
  command: Command | null,
  selected: number,
  last: number,
  page: number,
): number | null {
  switch (command) {
    case 'up':
      return Math.max(0, selected - 1);
    case 'down':
      return Math.min(last, selected + 1);
    case 'pageUp':
      return Math.max(0, selected - page);
    case 'pageDown':
      return Math.min(last, selected + page);
    case 'top':
      return 0;
    case 'bottom':
      return last;
    default:
      return null;
  }
}
