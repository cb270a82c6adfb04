import { describe, expect, it } from 'vitest';
import {
  EMPTY_FIELD,
  editField,
  type FieldEdit,
  fieldOf,
  fieldParts,
  pastedText,
  type TextField,
} from '../../src/session/textField.js';

const apply = (field: TextField, ...edits: FieldEdit[]) => edits.reduce(editField, field);
const insert = (text: string): FieldEdit => ({ type: 'insert', text });

describe('text field', () => {
  it('inserts at the cursor and moves it', () => {
    const f = apply(EMPTY_FIELD, insert('kubectl pods'), { type: 'left' }, { type: 'left' });
    expect(f).toEqual({ text: 'kubectl pods', cursor: 10 });
    expect(apply(f, { type: 'home' }, insert('k '))).toEqual({ text: 'k kubectl pods', cursor: 2 });
    expect(
      apply(
        fieldOf('kubectl pods'),
        { type: 'left' },
        { type: 'left' },
        { type: 'left' },
        { type: 'left' },
        insert('get '),
      ).text,
    ).toBe('kubectl get pods');
  });

  it('erases before (Backspace) and at (Delete) the cursor, and never past the ends', () => {
    const f = fieldOf('abcd');
    expect(apply(f, { type: 'backspace' }, { type: 'backspace' })).toEqual({
      text: 'ab',
      cursor: 2,
    });
    expect(apply(f, { type: 'home' }, { type: 'backspace' })).toEqual({ text: 'abcd', cursor: 0 });
    expect(apply(f, { type: 'home' }, { type: 'delete' })).toEqual({ text: 'bcd', cursor: 0 });
    expect(apply(f, { type: 'delete' })).toEqual({ text: 'abcd', cursor: 4 });
    expect(apply(f, { type: 'right' })).toEqual(f);
  });

  it('cuts like a shell: Ctrl-W the word before, Ctrl-U to the start, Ctrl-K to the end', () => {
    const f = fieldOf('kubectl get  pods');
    expect(apply(f, { type: 'killWord' })).toEqual({ text: 'kubectl get  ', cursor: 13 });
    expect(apply(f, { type: 'killWord' }, { type: 'killWord' })).toEqual({
      text: 'kubectl ',
      cursor: 8,
    });
    const mid = apply(f, { type: 'home' }, { type: 'right' }, { type: 'right' });
    expect(apply(mid, { type: 'killToStart' })).toEqual({ text: 'bectl get  pods', cursor: 0 });
    expect(apply(mid, { type: 'killToEnd' })).toEqual({ text: 'ku', cursor: 2 });
  });

  it('moves over CJK characters and emoji as one character each', () => {
    const f = apply(fieldOf('日本😀'), { type: 'left' }, { type: 'backspace' });
    expect(f).toEqual({ text: '日😀', cursor: 1 });
    expect(fieldParts(f)).toEqual({ before: '日', at: '😀', after: '' });
    expect(fieldParts(fieldOf('ab'))).toEqual({ before: 'ab', at: ' ', after: '' });
  });

  it('makes a paste one line of text', () => {
    expect(pastedText('kubectl get pods\n')).toBe('kubectl get pods');
    expect(pastedText('a\tb\r\nc\u001B[2Jd')).toBe('a b c[2Jd');
  });
});
