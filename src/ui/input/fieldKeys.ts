import { type FieldEdit, pastedText } from '../../session/textField.js';
import type { KeyEvent } from '../keys.js';

/** What a key does to a field, or null when the key is not an edit (Enter, Esc, …). */
export function fieldEdit(key: KeyEvent): FieldEdit | null {
  if (key.paste) return { type: 'insert', text: pastedText(key.input) };
  if (key.leftArrow) return { type: key.ctrl || key.meta ? 'home' : 'left' };
  if (key.rightArrow) return { type: key.ctrl || key.meta ? 'end' : 'right' };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.backspace) return { type: key.meta ? 'killWord' : 'backspace' };
  if (key.delete) return { type: 'delete' };
  if (key.ctrl) {
    switch (key.input) {
      case 'a':
        return { type: 'home' };
      case 'e':
        return { type: 'end' };
      case 'b':
        return { type: 'left' };
      case 'f':
        return { type: 'right' };
      case 'u':
        return { type: 'killToStart' };
      case 'k':
        return { type: 'killToEnd' };
      case 'w':
        return { type: 'killWord' };
      case 'h':
        return { type: 'backspace' };
      case 'd':
        return { type: 'delete' };
      default:
        return null;
    }
  }
  if (key.meta || key.unknown || key.return || key.escape || key.tab) return null;
  if (!key.input) return null;
  return { type: 'insert', text: key.input };
}
