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
  | 'cursor'
  | 'erase'
  | 'leaveField'
  | 'focusField'
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
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly shift?: boolean;
  readonly meta?: boolean;
  /** Text pasted in one piece (bracketed paste): typed into a field, never read as commands. */
  readonly paste?: boolean;
  /** A sequence the table does not know (a function key): it does nothing. */
  readonly unknown?: boolean;
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
    !k.ctrl && !k.meta && !k.paste && chars.includes(k.input);
const space = (k: KeyEvent) => k.input === ' ' && !k.ctrl && !k.paste;
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
/**
 * Entering text (an answer, a search): letters are text, so only non-printing
 * keys are commands. The editing keys are the field's own (`input/textField.ts`);
 * they are listed here so that the help shows them.
 */
const textEntry = (submit: Binding, leave: Binding): Binding[] => [
  submit,
  {
    command: 'cursor',
    keys: '← → Home End Ctrl-A Ctrl-E',
    matches: (k) =>
      k.leftArrow === true ||
      k.rightArrow === true ||
      k.home === true ||
      k.end === true ||
      (k.ctrl === true && ['a', 'e', 'b', 'f'].includes(k.input)),
  },
  {
    command: 'erase',
    keys: 'Backspace Del Ctrl-W Ctrl-U Ctrl-K',
    matches: (k) =>
      k.backspace === true ||
      k.delete === true ||
      (k.ctrl === true && ['w', 'u', 'k', 'h', 'd'].includes(k.input)),
  },
  leave,
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
    { command: 'focusField', keys: 'i', matches: char('i') },
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
  // Esc leaves the field, so that undo, bury, suspend, edit and help are one key away.
  typing: textEntry(
    { command: 'submit', keys: 'Enter', matches: enter },
    { command: 'leaveField', keys: 'Esc', matches: either(esc, ctrlC) },
  ),
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
  search: textEntry(
    { command: 'submit', keys: 'Enter ↓', matches: either(enter, down) },
    { command: 'back', keys: 'Esc', matches: either(esc, ctrlC) },
  ),
  stats: [...move, help, leave('back')],
  exam: [
    { command: 'reveal', keys: 'Space Enter', matches: either(space, enter) },
    { command: 'focusField', keys: 'i', matches: char('i') },
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
