import { describe, expect, it } from 'vitest';
import {
  type Line,
  lineWidth,
  renderMarkdown,
  type Segment,
  type Style,
} from '../../../src/ui/markdown/render.js';

/** The lines as the terminal shows them, without styles. */
const plain = (lines: readonly Line[]): string[] => lines.map((l) => l.map((s) => s.text).join(''));
const widths = (lines: readonly Line[]): number[] => lines.map(lineWidth);
/** `[style, text]` pairs of a line, to assert highlighting compactly. */
const pairs = (line: Line | undefined): [Style, string][] =>
  (line ?? []).map((s) => [s.style, s.text]);
/** A code block's tokens, without the 2-space indent. */
const code = (line: Line | undefined): [Style, string][] => {
  const [indent, ...rest] = line ?? [];
  expect(indent).toEqual({ text: '  ', style: 'text' });
  return pairs(rest);
};
const seg = (text: string, style: Style, extra: Partial<Segment> = {}): Segment => ({
  text,
  style,
  ...extra,
});
// Anything `neutralize` would replace, plus TAB and LF, which must not reach a line either.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

describe('renderMarkdown: blocks and wrapping', () => {
  it('renders an empty or blank source as no lines', () => {
    expect(renderMarkdown('', 80)).toEqual([]);
    expect(renderMarkdown(' \n\n  \n', 80)).toEqual([]);
  });

  it('keeps a short paragraph on one line at 80 columns', () => {
    const lines = renderMarkdown(
      'The quick brown fox jumps over the lazy dog near the river bank.',
      80,
    );
    expect(lines).toEqual([
      [seg('The quick brown fox jumps over the lazy dog near the river bank.', 'text')],
    ]);
  });

  it('wraps a paragraph at spaces at 20 columns', () => {
    const lines = renderMarkdown(
      'The quick brown fox jumps over the lazy dog near the river bank.',
      20,
    );
    expect(plain(lines)).toEqual([
      'The quick brown fox',
      'jumps over the lazy',
      'dog near the river',
      'bank.',
    ]);
  });

  it('joins soft line breaks and puts one blank line between paragraphs', () => {
    const lines = renderMarkdown('\n\nfirst line\nsame paragraph\n\n\n\nsecond\n\n', 80);
    expect(plain(lines)).toEqual(['first line same paragraph', '', 'second']);
  });

  it('hard-breaks a word longer than the width', () => {
    const lines = renderMarkdown('see https://example.com/a/very/long/path ok', 20);
    expect(plain(lines)).toEqual(['see', 'https://example.com/', 'a/very/long/path ok']);
  });

  it('keeps a style across the lines it wraps over', () => {
    const lines = renderMarkdown('**bold words that wrap across lines**', 12);
    expect(lines).toEqual([
      [seg('bold words', 'strong', { bold: true })],
      [seg('that wrap', 'strong', { bold: true })],
      [seg('across lines', 'strong', { bold: true })],
    ]);
  });

  it('honours hard line breaks (two trailing spaces, <br>)', () => {
    expect(plain(renderMarkdown('one  \ntwo<br>three', 80))).toEqual(['one', 'two', 'three']);
  });
});

describe('renderMarkdown: Japanese and wide characters', () => {
  it('wraps a 30-character Japanese sentence between characters at 20 columns', () => {
    const sentence = '日本語の文章は単語の間に空白を入れないので、改行もできます。';
    expect(Array.from(sentence)).toHaveLength(30);
    const lines = renderMarkdown(sentence, 20);
    expect(plain(lines)).toEqual([
      '日本語の文章は単語の',
      '間に空白を入れないの',
      'で、改行もできます。',
    ]);
    expect(widths(lines)).toEqual([20, 20, 20]);
  });

  it('never starts a line with closing punctuation (kinsoku)', () => {
    const lines = renderMarkdown('あいうえおかきくけこ。さ', 20);
    expect(plain(lines)).toEqual(['あいうえおかきくけ', 'こ。さ']);
    expect(widths(lines)).toEqual([18, 6]);
  });

  it('wraps mixed Japanese and ASCII by display width', () => {
    const lines = renderMarkdown('Podは`kubectl apply -f pod.yaml`で作成します。', 16);
    expect(plain(lines)).toEqual(['Podはkubectl', 'apply -f', 'pod.yamlで作成し', 'ます。']);
    expect(widths(lines)).toEqual([12, 8, 16, 6]);
    expect(lines[0]).toEqual([seg('Podは', 'text'), seg('kubectl', 'code')]);
  });

  it('joins a soft line break between Japanese characters without a space', () => {
    expect(plain(renderMarkdown('日本語の\n文章です。\nThen English\ntext.', 80))).toEqual([
      '日本語の文章です。 Then English text.',
    ]);
  });

  it('measures emoji and CJK as two columns and never splits a grapheme', () => {
    const family = '👨‍👩‍👧';
    const lines = renderMarkdown(`${family}${family}${family}`, 5);
    expect(plain(lines)).toEqual([`${family}${family}`, family]);
    expect(widths(lines)).toEqual([4, 2]);
    expect(lineWidth([seg('日本', 'text'), seg('ab', 'code')])).toBe(6);
  });
});

describe('renderMarkdown: inline styles', () => {
  it('styles emphasis, strong, code spans and strike-through', () => {
    const lines = renderMarkdown('Use *em*, **strong**, `code` and ~~old~~.', 80);
    expect(lines).toEqual([
      [
        seg('Use ', 'text'),
        seg('em', 'em', { italic: true }),
        seg(', ', 'text'),
        seg('strong', 'strong', { bold: true }),
        seg(', ', 'text'),
        seg('code', 'code'),
        seg(' and ', 'text'),
        seg('old', 'muted'),
        seg('.', 'text'),
      ],
    ]);
  });

  it('marks a revealed cloze deletion (**x**) bold, code inside it too', () => {
    const lines = renderMarkdown('Default: **ClusterIP**, range **`30000-32767`**', 80);
    expect(lines).toEqual([
      [
        seg('Default: ', 'text'),
        seg('ClusterIP', 'strong', { bold: true }),
        seg(', range ', 'text'),
        seg('30000-32767', 'code', { bold: true }),
      ],
    ]);
  });

  it('combines strong and emphasis', () => {
    expect(renderMarkdown('***both***', 80)).toEqual([
      [seg('both', 'strong', { bold: true, italic: true })],
    ]);
  });

  it('decodes character references but keeps code spans literal', () => {
    expect(plain(renderMarkdown('a &amp; b &lt;x&gt; &#x41; `&amp;` \\*', 80))).toEqual([
      'a & b <x> A &amp; *',
    ]);
  });

  it('shows unknown inline HTML literally and hides comments', () => {
    expect(plain(renderMarkdown('ROLES <none> <!-- hidden --> <kbd>Ctrl</kbd>', 80))).toEqual([
      'ROLES <none> Ctrl',
    ]);
  });
});

describe('renderMarkdown: links and images', () => {
  it('shows the link text, then the url in muted when it differs', () => {
    const lines = renderMarkdown('[docs](https://k8s.io) and <https://k8s.io>', 80);
    expect(lines).toEqual([
      [
        seg('docs', 'link'),
        seg(' (https://k8s.io)', 'muted'),
        seg(' and ', 'text'),
        seg('https://k8s.io', 'link'),
      ],
    ]);
  });

  it('does not repeat a url that is the link text', () => {
    expect(plain(renderMarkdown('[https://x.y](https://x.y) <a@b.c> www.k8s.io', 80))).toEqual([
      'https://x.y a@b.c www.k8s.io',
    ]);
  });

  it('shows an image as its alt text and source', () => {
    expect(renderMarkdown('![diagram](arch.png)', 80)).toEqual([
      [seg('[image: diagram] (arch.png)', 'muted')],
    ]);
  });
});

describe('renderMarkdown: headings, rules, quotes', () => {
  it('puts a heading on its own line, bold, followed by a blank line', () => {
    const lines = renderMarkdown('## Title *here*\nText right after', 80);
    expect(lines).toEqual([
      [seg('Title ', 'heading', { bold: true }), seg('here', 'em', { bold: true, italic: true })],
      [],
      [seg('Text right after', 'text')],
    ]);
  });

  it('draws a horizontal rule across the width', () => {
    const lines = renderMarkdown('a\n\n---\n\nb', 20);
    expect(plain(lines)).toEqual(['a', '', '─'.repeat(20), '', 'b']);
    expect(lines[2]).toEqual([seg('─'.repeat(20), 'muted')]);
  });

  it('prefixes blockquote lines with a bar and wraps inside it', () => {
    const lines = renderMarkdown('> A quote that is long enough to wrap\n>\n> Second **one**', 20);
    expect(plain(lines)).toEqual([
      '│ A quote that is',
      '│ long enough to',
      '│ wrap',
      '│',
      '│ Second one',
    ]);
    expect(lines[0]).toEqual([seg('│ A quote that is', 'quote')]);
    expect(lines[4]).toEqual([seg('│ Second ', 'quote'), seg('one', 'strong', { bold: true })]);
  });

  it('nests blockquotes', () => {
    expect(plain(renderMarkdown('> outer\n>\n> > inner', 80))).toEqual([
      '│ outer',
      '│',
      '│ │ inner',
    ]);
  });
});

describe('renderMarkdown: lists', () => {
  it('indents continuation lines under the text of nested items', () => {
    const md = '- first item has text that wraps\n  - nested item wraps too here\n- second';
    const lines = renderMarkdown(md, 20);
    expect(plain(lines)).toEqual([
      '• first item has',
      '  text that wraps',
      '  ◦ nested item',
      '    wraps too here',
      '• second',
    ]);
    expect(lines[0]).toEqual([seg('• ', 'bullet'), seg('first item has', 'text')]);
    expect(lines[1]).toEqual([seg('  text that wraps', 'text')]);
  });

  it('numbers ordered lists from their start, aligning the numbers', () => {
    expect(plain(renderMarkdown('3. three\n4. four', 80))).toEqual(['3. three', '4. four']);
    const lines = renderMarkdown('9. nine\n10. ten wraps here', 12);
    expect(plain(lines)).toEqual([' 9. nine', '10. ten', '    wraps', '    here']);
    expect(lines[1]).toEqual([seg('10. ', 'bullet'), seg('ten', 'text')]);
  });

  it('shows task items with a checkbox', () => {
    expect(plain(renderMarkdown('- [x] done\n- [ ] todo', 80))).toEqual(['[x] done', '[ ] todo']);
  });

  it('separates the items of a loose list with blank lines', () => {
    expect(plain(renderMarkdown('- a\n\n  more a\n- b', 80))).toEqual([
      '• a',
      '',
      '  more a',
      '',
      '• b',
    ]);
  });
});

describe('renderMarkdown: tables', () => {
  it('aligns columns by display width with CJK cells, header bold', () => {
    const md = [
      '| 名前 | Port | Note |',
      '|:-----|-----:|:----:|',
      '| kube-apiserver | 6443 | API |',
      '| エッチディー | 2379 | 鍵 |',
    ].join('\n');
    const lines = renderMarkdown(md, 80);
    expect(plain(lines)).toEqual([
      '┌────────────────┬──────┬──────┐',
      '│ 名前           │ Port │ Note │',
      '├────────────────┼──────┼──────┤',
      '│ kube-apiserver │ 6443 │ API  │',
      '│ エッチディー   │ 2379 │  鍵  │',
      '└────────────────┴──────┴──────┘',
    ]);
    expect(new Set(widths(lines))).toEqual(new Set([32]));
    expect(lines[0]).toEqual([seg('┌────────────────┬──────┬──────┐', 'tableBorder')]);
    expect(lines[1]?.slice(0, 3)).toEqual([
      seg('│', 'tableBorder'),
      seg(' ', 'text'),
      seg('名前', 'text', { bold: true }),
    ]);
  });

  it('shrinks the widest column of a too-wide table and wraps inside its cells', () => {
    const md =
      '| Component | Purpose |\n|---|---|\n| kube-scheduler | assigns Pods to nodes based on resources |';
    const lines = renderMarkdown(md, 30);
    expect(plain(lines)).toEqual([
      '┌────────────────┬───────────┐',
      '│ Component      │ Purpose   │',
      '├────────────────┼───────────┤',
      '│ kube-scheduler │ assigns   │',
      '│                │ Pods to   │',
      '│                │ nodes     │',
      '│                │ based on  │',
      '│                │ resources │',
      '└────────────────┴───────────┘',
    ]);
    expect(new Set(widths(lines))).toEqual(new Set([30]));
  });

  it('falls back to "Header: value" lines when no column layout fits', () => {
    const md = '| A | B | C | D |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |';
    expect(plain(renderMarkdown(md, 12))).toEqual([
      'A: 1',
      'B: 2',
      'C: 3',
      'D: 4',
      '',
      'A: 5',
      'B: 6',
      'C: 7',
      'D: 8',
    ]);
  });
});

describe('renderMarkdown: code blocks', () => {
  it('indents code by 2, expands tabs, and hard-breaks long lines without loss', () => {
    const long = 'line that is longer than twenty columns';
    const lines = renderMarkdown(`\`\`\`\n\tindented\n\n${long}\n\`\`\``, 20);
    expect(plain(lines)).toEqual([
      '    indented',
      '',
      '  line that is longe',
      '  r than twenty colu',
      '  mns',
    ]);
    expect(lines[0]).toEqual([seg('  ', 'text'), seg('  indented', 'code')]);
    expect(
      plain(lines.slice(2))
        .map((l) => l.slice(2))
        .join(''),
    ).toBe(long);
  });

  it('leaves an unknown language as plain code', () => {
    const lines = renderMarkdown('```python\nprint("x")  # c\n```', 80);
    expect(code(lines[0])).toEqual([['code', 'print("x")  # c']]);
  });

  it('highlights YAML keys, strings, numbers, booleans, comments and dashes', () => {
    const md = [
      '```yaml',
      '# a Pod',
      'apiVersion: v1',
      'spec:',
      '  replicas: 3 # three',
      '  containers:',
      '  - name: "web"',
      '    ports: [80, 443]',
      '    enabled: true',
      '```',
    ].join('\n');
    const lines = renderMarkdown(md, 80);
    expect(lines.map(code)).toEqual([
      [['tok.comment', '# a Pod']],
      [
        ['tok.key', 'apiVersion'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.string', 'v1'],
      ],
      [
        ['tok.key', 'spec'],
        ['tok.punct', ':'],
      ],
      [
        ['code', '  '],
        ['tok.key', 'replicas'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.number', '3'],
        ['code', ' '],
        ['tok.comment', '# three'],
      ],
      [
        ['code', '  '],
        ['tok.key', 'containers'],
        ['tok.punct', ':'],
      ],
      [
        ['code', '  '],
        ['tok.punct', '-'],
        ['code', ' '],
        ['tok.key', 'name'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.string', '"web"'],
      ],
      [
        ['code', '    '],
        ['tok.key', 'ports'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.punct', '['],
        ['tok.number', '80'],
        ['tok.punct', ','],
        ['code', ' '],
        ['tok.number', '443'],
        ['tok.punct', ']'],
      ],
      [
        ['code', '    '],
        ['tok.key', 'enabled'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.keyword', 'true'],
      ],
    ]);
  });

  it('keeps YAML template braces literal', () => {
    const lines = renderMarkdown('```yml\nimage: {{ .Values.image }}\n```', 80);
    expect(plain(lines)).toEqual(['  image: {{ .Values.image }}']);
    expect(code(lines[0])).toEqual([
      ['tok.key', 'image'],
      ['tok.punct', ':'],
      ['code', ' '],
      ['tok.punct', '{{'],
      ['tok.variable', ' .Values.image '],
      ['tok.punct', '}}'],
    ]);
  });

  it('shows a YAML block scalar as a string, comments included', () => {
    const lines = renderMarkdown(
      '```yaml\nscript: |\n  echo a: b\n  # not a comment\nnext: 1\n```',
      80,
    );
    expect(lines.map(code)).toEqual([
      [
        ['tok.key', 'script'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.punct', '|'],
      ],
      [
        ['code', '  '],
        ['tok.string', 'echo a: b'],
      ],
      [
        ['code', '  '],
        ['tok.string', '# not a comment'],
      ],
      [
        ['tok.key', 'next'],
        ['tok.punct', ':'],
        ['code', ' '],
        ['tok.number', '1'],
      ],
    ]);
  });

  it('highlights the command and flags of a bash line', () => {
    const lines = renderMarkdown('```bash\nkubectl get pods -o yaml\n```', 80);
    expect(code(lines[0])).toEqual([
      ['tok.command', 'kubectl'],
      ['code', ' get pods '],
      ['tok.flag', '-o'],
      ['code', ' yaml'],
    ]);
  });

  it('highlights bash strings, variables, pipes, redirections and comments', () => {
    const braced = ['$', '{KUBECONFIG}'].join(''); // a shell variable, not a template placeholder
    const md = `\`\`\`sh\necho "at $HOME" ${braced} | grep --invert-match=x > out 2>&1 # note\n\`\`\``;
    expect(code(renderMarkdown(md, 80)[0])).toEqual([
      ['tok.command', 'echo'],
      ['code', ' '],
      ['tok.string', '"at '],
      ['tok.variable', '$HOME'],
      ['tok.string', '"'],
      ['code', ' '],
      ['tok.variable', braced],
      ['code', ' '],
      ['tok.punct', '|'],
      ['code', ' '],
      ['tok.command', 'grep'],
      ['code', ' '],
      ['tok.flag', '--invert-match'],
      ['code', '=x '],
      ['tok.punct', '>'],
      ['code', ' out '],
      ['tok.punct', '2>&1'],
      ['code', ' '],
      ['tok.comment', '# note'],
    ]);
  });

  it('continues a bash command after a trailing backslash', () => {
    const lines = renderMarkdown('```shell\nsudo kubeadm init \\\n  --v=5\n```', 80);
    expect(lines.map(code)).toEqual([
      [
        ['tok.command', 'sudo'],
        ['code', ' '],
        ['tok.command', 'kubeadm'],
        ['code', ' init '],
        ['tok.punct', '\\'],
      ],
      [
        ['code', '  '],
        ['tok.flag', '--v'],
        ['code', '=5'],
      ],
    ]);
  });

  it('highlights console prompts and leaves output plain', () => {
    const lines = renderMarkdown('```console\n$ kubectl get nodes\nNAME   STATUS\n```', 80);
    expect(lines.map(code)).toEqual([
      [
        ['tok.punct', '$ '],
        ['tok.command', 'kubectl'],
        ['code', ' get nodes'],
      ],
      [['code', 'NAME   STATUS']],
    ]);
  });

  it('tells JSON keys from string values, with numbers, literals and punctuation', () => {
    const lines = renderMarkdown(
      '```json\n{"name": "web", "n": -1.5, "ok": true, "x": null}\n```',
      80,
    );
    expect(code(lines[0])).toEqual([
      ['tok.punct', '{'],
      ['tok.key', '"name"'],
      ['tok.punct', ':'],
      ['code', ' '],
      ['tok.string', '"web"'],
      ['tok.punct', ','],
      ['code', ' '],
      ['tok.key', '"n"'],
      ['tok.punct', ':'],
      ['code', ' '],
      ['tok.number', '-1.5'],
      ['tok.punct', ','],
      ['code', ' '],
      ['tok.key', '"ok"'],
      ['tok.punct', ':'],
      ['code', ' '],
      ['tok.keyword', 'true'],
      ['tok.punct', ','],
      ['code', ' '],
      ['tok.key', '"x"'],
      ['tok.punct', ':'],
      ['code', ' '],
      ['tok.keyword', 'null'],
      ['tok.punct', '}'],
    ]);
  });
});

describe('renderMarkdown: terminal safety and widths', () => {
  it('neutralises escape sequences and control characters everywhere', () => {
    const esc = '\u001b[31m';
    const md = [
      `# Head ${esc}`,
      '',
      `Text ${esc}red\u0007 \`code${esc}\` [l\u001b7](http://x/&#27;) \u009b2J`,
      '',
      `| a${esc} |`,
      '|---|',
      `| \u001b]52;c;SGk=\u0007 |`,
      '',
      '```yaml',
      `key: ${esc}v`,
      '```',
      '',
      `<div>${esc}</div>`,
    ].join('\n');
    const lines = renderMarkdown(md, 80);
    for (const line of lines) for (const s of line) expect(s.text).not.toMatch(CONTROL);
    expect(plain(lines)[2]).toBe('Text ␛[31mred␇ code␛[31m l␛7 (http://x/␛) \uFFFD2J');
    expect(plain(lines)).toContain('  key: ␛[31mv');
  });

  it('keeps every line within the width for a mixed document', () => {
    const md = [
      '# 見出し: Kubernetes の Service と Pod の関係について',
      '',
      'A paragraph with **strong**, *em*, `a code span`, [a link](https://kubernetes.io/docs/concepts/services-networking/service/) and 日本語の文章が混ざったテキスト 🎉.',
      '',
      '- item with a long line that goes on and on',
      '  - nested 入れ子になったリストの項目も折り返されます',
      '    1. ordered `kubectl get svc --all-namespaces`',
      '- [ ] a task',
      '',
      '> quote with **bold** 引用文 and more words',
      '',
      '| 種類 | Description | Port |',
      '|:--|:-:|--:|',
      '| ClusterIP | only inside the cluster, the default type | 80 |',
      '| NodePort | on every node 全ノードで公開 | 30000-32767 |',
      '',
      '```yaml',
      'apiVersion: v1',
      'kind: Service',
      'spec:',
      '  type: NodePort',
      '  selector: {app: web}',
      '  ports:',
      '  - port: 80 # the Service port, reachable inside the cluster at the ClusterIP',
      '    image: {{ .Values.image.repository }}:{{ .Values.image.tag }}',
      '```',
      '',
      '```bash',
      'kubectl expose deployment web --type=NodePort --port=80 --target-port=8080 -n default',
      '```',
      '',
      '---',
      '',
      'The end.',
    ].join('\n');
    for (const width of [20, 40, 80]) {
      const lines = renderMarkdown(md, width);
      expect(lines.length).toBeGreaterThan(20);
      for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(width);
      expect(lines[0]).not.toEqual([]);
      expect(lines[lines.length - 1]).not.toEqual([]);
    }
  });

  it('renders at 80 columns when the width is unknown', () => {
    const lines = renderMarkdown('---', Number.NaN);
    expect(lineWidth(lines[0] ?? [])).toBe(80);
  });
});
