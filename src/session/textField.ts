/**
 * A one-line text field that edits like a shell's: the cursor moves by
 * character (←/→, Home/End, Ctrl-A/E), Ctrl-U/Ctrl-K cut to the start/end,
 * Ctrl-W cuts the word before the cursor, Backspace/Delete erase. Pure; the
 * cursor counts code points so that CJK and emoji move as one character.
 */
export interface TextField {
  readonly text: string;
  readonly cursor: number;
}

export const EMPTY_FIELD: TextField = { text: '', cursor: 0 };

export function fieldOf(text: string): TextField {
  return { text, cursor: Array.from(text).length };
}

export type FieldEdit =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'left' | 'right' | 'home' | 'end' }
  | { readonly type: 'backspace' | 'delete' | 'killToStart' | 'killToEnd' | 'killWord' }
  | { readonly type: 'clear' };

/** A paste is one line: newlines and tabs become spaces, other control characters go. */
export function pastedText(text: string): string {
  return text
    .replace(/\r\n?|\n|\t/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .replace(/ +$/, '');
}

export function editField(field: TextField, edit: FieldEdit): TextField {
  const chars = Array.from(field.text);
  const at = Math.max(0, Math.min(field.cursor, chars.length));
  const make = (next: string[], cursor: number): TextField => ({
    text: next.join(''),
    cursor: Math.max(0, Math.min(cursor, next.length)),
  });
  switch (edit.type) {
    case 'insert': {
      const add = Array.from(edit.text);
      return make([...chars.slice(0, at), ...add, ...chars.slice(at)], at + add.length);
    }
    case 'left':
      return make(chars, at - 1);
    case 'right':
      return make(chars, at + 1);
    case 'home':
      return make(chars, 0);
    case 'end':
      return make(chars, chars.length);
    case 'backspace':
      return at === 0 ? field : make([...chars.slice(0, at - 1), ...chars.slice(at)], at - 1);
    case 'delete':
      return make([...chars.slice(0, at), ...chars.slice(at + 1)], at);
    case 'killToStart':
      return make(chars.slice(at), 0);
    case 'killToEnd':
      return make(chars.slice(0, at), at);
    case 'killWord': {
      // As readline's unix-word-rubout: spaces before the cursor, then the word.
      let start = at;
      while (start > 0 && chars[start - 1] === ' ') start--;
      while (start > 0 && chars[start - 1] !== ' ') start--;
      return make([...chars.slice(0, start), ...chars.slice(at)], start);
    }
    case 'clear':
      return EMPTY_FIELD;
    default:
      return checkEdit(edit);
  }
}

function checkEdit(value: never): never {
  throw new Error(`unhandled edit: ${JSON.stringify(value)}`);
}

/** The field split at the cursor, for drawing it with a block cursor. */
export function fieldParts(field: TextField): { before: string; at: string; after: string } {
  const chars = Array.from(field.text);
  const at = Math.min(field.cursor, chars.length);
  return {
    before: chars.slice(0, at).join(''),
    at: chars[at] ?? ' ',
    after: chars.slice(at + 1).join(''),
  };
}
