import type { KeyEvent } from '../keys.js';

/**
 * Turns what a terminal sends into key presses, one at a time. Ink's input
 * parser hands over each escape sequence on its own and a run of plain
 * characters as one string; a run typed or sent in one write (`Space 3`, `jjj`,
 * two Backspaces) is split here so that every key is dispatched by itself and
 * sees the state the key before it left.
 *
 * Bracketed paste (`ESC [200~ … ESC [201~`) is kept whole as one `paste` key:
 * a text field inserts it, other screens ignore it, so a pasted paragraph can
 * never be read as a string of commands.
 */
export class KeyDecoder {
  private pasting: string[] | null = null;

  /** The keys in one input event (one escape sequence or one run of characters). */
  push(chunk: string): KeyEvent[] {
    if (chunk === PASTE_START) {
      this.pasting = [];
      return [];
    }
    if (chunk === PASTE_END) {
      const text = this.pasting?.join('') ?? '';
      this.pasting = null;
      return text ? [{ input: text, paste: true }] : [];
    }
    if (this.pasting) {
      this.pasting.push(chunk);
      return [];
    }
    return decodeKeys(chunk);
  }
}

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

/** Escape sequences by what they end with (CSI/SS3 letter, or the number before `~`). */
const LETTER: Readonly<Record<string, Partial<KeyEvent>>> = {
  A: { upArrow: true },
  B: { downArrow: true },
  C: { rightArrow: true },
  D: { leftArrow: true },
  H: { home: true },
  F: { end: true },
  Z: { tab: true, shift: true },
};
const TILDE: Readonly<Record<string, Partial<KeyEvent>>> = {
  '1': { home: true },
  '7': { home: true },
  '4': { end: true },
  '8': { end: true },
  '3': { delete: true },
  '5': { pageUp: true },
  '6': { pageDown: true },
};

/** Pure: the keys in one chunk as Ink's parser delivers it. */
export function decodeKeys(chunk: string): KeyEvent[] {
  if (chunk.startsWith('\u001B') && chunk.length > 1) return escapeSequence(chunk);
  return Array.from(chunk, character);
}

function escapeSequence(seq: string): KeyEvent[] {
  const csi = /^\u001B(?:\[|O)\[?([\d;]*)([A-Za-z~])$/.exec(seq);
  if (csi) {
    const [, params = '', final = ''] = csi;
    const [first = '', modifier = ''] = params.split(';');
    const named = final === '~' ? TILDE[first] : LETTER[final];
    // xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4).
    const bits = Number(modifier || 1) - 1;
    if (named)
      return [
        {
          input: '',
          ...named,
          ...(bits & 4 ? { ctrl: true } : {}),
          ...(bits & 2 ? { meta: true } : {}),
          ...(bits & 1 ? { shift: true } : {}),
        },
      ];
    return [{ input: '', unknown: true }];
  }
  const rest = seq.slice(1);
  if (rest === '\u001B')
    return [
      { input: '', escape: true },
      { input: '', escape: true },
    ];
  const key = Array.from(rest).length === 1 ? character(rest) : null;
  if (!key) return [{ input: '', unknown: true }];
  // ESC and a printable key in one write is Esc typed quickly before that key
  // (kioku binds no Alt+letter); Alt+Backspace and Alt+arrows keep their meaning.
  if (key.input && !key.ctrl) return [{ input: '', escape: true }, key];
  return [{ ...key, meta: true }];
}

function character(ch: string): KeyEvent {
  switch (ch) {
    case '\r':
    case '\n':
      return { input: '', return: true };
    case '\t':
      return { input: '', tab: true };
    case '\u007F':
    case '\b':
      return { input: '', backspace: true };
    case '\u001B':
      return { input: '', escape: true };
    case '\u0000':
      return { input: ' ', ctrl: true };
    default:
      break;
  }
  const code = ch.codePointAt(0)!;
  // Ctrl-A … Ctrl-Z arrive as 1 … 26.
  if (code < 0x20) return { input: String.fromCharCode(code + 0x60), ctrl: true };
  if (code >= 0x80 && code < 0xa0) return { input: '', unknown: true };
  return { input: ch };
}
