// Deck text, file names and arguments are untrusted: a card copied from a web
// page or a deck downloaded from anywhere can carry ESC sequences that would
// move the cursor, retitle the terminal or (OSC 52) write the clipboard, and
// bidi controls that make text read differently from what it is. Everything
// that reaches the terminal from outside kioku passes through here.

// C0 controls except TAB and LF, DEL, C1 controls (U+0080–U+009F, which some
// terminals treat as 8-bit CSI/OSC introducers), and the bidi controls.
const UNSAFE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Visible names of the bidi controls: the marker says what was there without acting on it. */
const BIDI: Readonly<Record<number, string>> = {
  1564: 'ALM',
  8206: 'LRM',
  8207: 'RLM',
  8234: 'LRE',
  8235: 'RLE',
  8236: 'PDF',
  8237: 'LRO',
  8238: 'RLO',
  8294: 'LRI',
  8295: 'RLI',
  8296: 'FSI',
  8297: 'PDI',
};

/**
 * Makes terminal controls visible: C0 as control pictures (`␛` for ESC), DEL
 * as `␡`, C1 as `�`, and bidi controls as markers such as `⟨RLO⟩`. Newline
 * and tab are kept. The result holds no character a terminal acts on.
 */
export function neutralize(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code <= 0x9f) return '\uFFFD';
    return `⟨${BIDI[code]}⟩`;
  });
}

/** True when the text holds any character `neutralize` would replace. */
export function hasControlChars(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** `neutralize` that also keeps the text on one line (names and arguments in messages). */
export function neutralizeLine(text: string): string {
  return neutralize(text).replace(/\n/g, '\u2424').replace(/\t/g, ' ');
}

// What JSON.stringify leaves raw that a terminal (or a reader) could act on:
// DEL, C1, the bidi controls, and the line/paragraph separators.
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON for output to a terminal or a pipe: JSON.stringify (which escapes C0
 * and lone surrogates) with DEL, C1 and bidi controls escaped too (`\u009b`),
 * so the text is pure printable characters and still parses to the same value.
 */
export function toJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space);
  if (json === undefined) return 'null';
  // Those characters can only occur inside JSON strings, where \uXXXX is their exact escape.
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
