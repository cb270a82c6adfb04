// Deck text is untrusted: a card copied from a web page can carry ESC sequences
// that would move the cursor, retitle the terminal or (OSC 52) write the
// clipboard. Everything that reaches the terminal from a deck passes through here.

// C0 controls except TAB and LF, DEL, and C1 controls (U+0080–U+009F, which some
// terminals treat as 8-bit CSI/OSC introducers).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Replaces terminal control characters with visible Unicode control pictures. */
export function neutralize(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␛ for ESC
    if (code === 0x7f) return '\u2421'; // ␡
    return '\uFFFD';
  });
}

/** True when the text holds any character `neutralize` would replace. */
export function hasControlChars(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}
