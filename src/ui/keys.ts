/**
 * Every key the UI answers to, defined once. Screens ask `commandFor(input, key)`
 * and the help overlay is generated from this table.
 */
export type Command =
  | 'reveal'
  | 'again'
  | 'hard'
  | 'good'
  | 'easy'
  | 'undo'
  | 'bury'
  | 'suspend'
  | 'quit';

export interface KeyEvent {
  readonly input: string;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
}

interface Binding {
  readonly command: Command;
  /** Shown in the help and on buttons. */
  readonly label: string;
  readonly matches: (k: KeyEvent) => boolean;
}

const char = (c: string) => (k: KeyEvent) => k.input === c && !k.ctrl;

export const KEY_BINDINGS: readonly Binding[] = [
  { command: 'reveal', label: 'Space', matches: (k) => k.input === ' ' || k.return === true },
  { command: 'again', label: '1', matches: char('1') },
  { command: 'hard', label: '2', matches: char('2') },
  { command: 'good', label: '3', matches: char('3') },
  { command: 'easy', label: '4', matches: char('4') },
  { command: 'undo', label: 'u', matches: char('u') },
  { command: 'bury', label: 'b', matches: char('b') },
  { command: 'suspend', label: 's', matches: char('s') },
  {
    command: 'quit',
    label: 'q',
    matches: (k) => char('q')(k) || k.escape === true || (k.ctrl === true && k.input === 'c'),
  },
];

export function commandFor(event: KeyEvent): Command | null {
  return KEY_BINDINGS.find((b) => b.matches(event))?.command ?? null;
}

export function keyLabel(command: Command): string {
  return KEY_BINDINGS.find((b) => b.command === command)?.label ?? '';
}
