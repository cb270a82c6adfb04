import { describe, expect, it } from 'vitest';
import { decodeKeys, KeyDecoder } from '../../../src/ui/input/decode.js';

describe('decodeKeys', () => {
  it('splits a run of characters into one key each, Enter and Backspace included', () => {
    expect(decodeKeys(' 3 3')).toEqual([
      { input: ' ' },
      { input: '3' },
      { input: ' ' },
      { input: '3' },
    ]);
    expect(decodeKeys('jj\r')).toEqual([
      { input: 'j' },
      { input: 'j' },
      { input: '', return: true },
    ]);
    expect(decodeKeys('\u007F\u007F')).toEqual([
      { input: '', backspace: true },
      { input: '', backspace: true },
    ]);
  });

  it('reads control characters as Ctrl and a letter', () => {
    expect(decodeKeys('\u0017\u0015\u0001\u0003')).toEqual([
      { input: 'w', ctrl: true },
      { input: 'u', ctrl: true },
      { input: 'a', ctrl: true },
      { input: 'c', ctrl: true },
    ]);
  });

  it('names the escape sequences of arrows, Home/End, Delete and the page keys', () => {
    expect(decodeKeys('\u001B[A')).toEqual([{ input: '', upArrow: true }]);
    expect(decodeKeys('\u001BOB')).toEqual([{ input: '', downArrow: true }]);
    expect(decodeKeys('\u001B[D')).toEqual([{ input: '', leftArrow: true }]);
    expect(decodeKeys('\u001B[1;5C')).toEqual([{ input: '', rightArrow: true, ctrl: true }]);
    expect(decodeKeys('\u001B[H')).toEqual([{ input: '', home: true }]);
    expect(decodeKeys('\u001B[4~')).toEqual([{ input: '', end: true }]);
    expect(decodeKeys('\u001B[3~')).toEqual([{ input: '', delete: true }]);
    expect(decodeKeys('\u001B[5~')).toEqual([{ input: '', pageUp: true }]);
    expect(decodeKeys('\u001B[6~')).toEqual([{ input: '', pageDown: true }]);
    expect(decodeKeys('\u001B[24~')).toEqual([{ input: '', unknown: true }]);
  });

  it('takes Esc typed just before a key, in one write, as Esc and then that key', () => {
    expect(decodeKeys('\u001B')).toEqual([{ input: '', escape: true }]);
    expect(decodeKeys('\u001Bu')).toEqual([{ input: '', escape: true }, { input: 'u' }]);
    expect(decodeKeys('\u001B\u001B')).toEqual([
      { input: '', escape: true },
      { input: '', escape: true },
    ]);
    // Alt+Backspace keeps its meaning: cut the word before the cursor.
    expect(decodeKeys('\u001B\u007F')).toEqual([{ input: '', backspace: true, meta: true }]);
  });

  it('keeps wide characters and emoji whole', () => {
    expect(decodeKeys('日本😀')).toEqual([{ input: '日' }, { input: '本' }, { input: '😀' }]);
  });

  it('never lets a C1 control through as text', () => {
    expect(decodeKeys('\u009B')).toEqual([{ input: '', unknown: true }]);
  });
});

describe('KeyDecoder', () => {
  it('keeps a bracketed paste whole, however Ink split it', () => {
    const decoder = new KeyDecoder();
    expect(decoder.push('\u001B[200~')).toEqual([]);
    expect(decoder.push('kubectl get')).toEqual([]);
    expect(decoder.push('\u001B[A')).toEqual([]);
    expect(decoder.push(' pods\n')).toEqual([]);
    expect(decoder.push('\u001B[201~')).toEqual([
      { input: 'kubectl get\u001B[A pods\n', paste: true },
    ]);
    expect(decoder.push('q')).toEqual([{ input: 'q' }]);
  });
});
