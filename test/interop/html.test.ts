import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { htmlToMarkdown } from '../../src/interop/anki/html.js';

const md = (html: string) => htmlToMarkdown(html, { media: (name) => `assets/${name}` });

describe('Anki field HTML to Markdown', () => {
  it('keeps paragraphs and line breaks', () => {
    expect(md('one<br>two<div>three</div><div>four</div>')).toBe('one\\\ntwo\\\nthree\\\nfour');
    expect(md('<p>first</p><p>second</p>')).toBe('first\n\nsecond');
    expect(md('a&nbsp;&amp;&lt;b&gt; &#x41;&#66;')).toBe('a\u00a0&<b> AB');
  });

  it('converts emphasis, code, links, images and sounds', () => {
    expect(md('<b>bold</b> <i>it</i> <u>u</u> <s>gone</s>')).toBe('**bold** *it* u ~~gone~~');
    expect(md('<b> spaced </b>x')).toBe(' **spaced** x');
    expect(md('run <code>kubectl get `pods`</code>')).toBe('run `` kubectl get `pods` ``');
    expect(md('<a href="https://k8s.io">docs</a>')).toBe('[docs](https://k8s.io)');
    expect(md('<img src="my%20pic.png">')).toBe('![](<assets/my pic.png>)');
    expect(md('[sound:word.mp3]')).toBe('[🔊 word.mp3](assets/word.mp3)');
  });

  it('converts lists, tables and preformatted code', () => {
    expect(md('<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>')).toBe('- a\n- b\n   1. c');
    expect(md('<table><tr><th>k</th><th>v</th></tr><tr><td>x|y</td><td>1</td></tr></table>')).toBe(
      '| k | v |\n| --- | --- |\n| x\\|y | 1 |',
    );
    expect(md('<pre>line 1\nQ: not a card\n</pre>')).toBe('```\nline 1\nQ: not a card\n```');
  });

  it('drops scripts and styles, keeps the text of unknown tags', () => {
    expect(md('<style>.x{}</style><script>alert(1)</script><span class="c">kept</span>')).toBe(
      'kept',
    );
  });

  it('escapes lines the deck parser would read as structure', () => {
    const out = md('Q: not a marker<br># not a heading<br>---<br>```<br><!-- id: x -->');
    // A rule ending in a hard break is no rule; the comment is dropped.
    expect(out).toBe('Q\\: not a marker\\\n\\# not a heading\\\n---\\\n\\```');
    const deck = parseDeck({
      name: 'd',
      file: 'd.md',
      source: `Q: front\nA: ${md('A: x<br>C: {{y}}<br>## h')}\n`,
    });
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards).toHaveLength(1);
  });
});
