import { describe, expect, it } from 'vitest';
import { DOMAINS, FRONT_MATTER_KEYS, parseDeck } from '../../src/deck/parse.js';
import type { Diagnostic, ParsedDeck } from '../../src/deck/types.js';

const FILE = 'decks/en/test.md';

function parse(source: string, name = 'en/test', file = FILE): ParsedDeck {
  return parseDeck({ name, file, source });
}

function lines(...rows: string[]): string {
  return rows.join('\n');
}

function only(deck: ParsedDeck, severity: Diagnostic['severity']) {
  return deck.diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => ({ line: d.line, column: d.column, message: d.message }));
}

describe('Q: basic cards', () => {
  it('makes one basic card from Q: and A:', () => {
    const deck = parse(lines('Q: What does etcd store?', 'A: The cluster state'));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards).toHaveLength(1);
    const card = deck.cards[0]!;
    expect(card.kind).toBe('basic');
    expect(card.front).toBe('What does etcd store?');
    expect(card.back).toBe('The cluster state');
    expect(card.line).toBe(1);
    expect(card.deck).toBe('en/test');
    expect(card.file).toBe(FILE);
    expect(card.familyId).toBe(card.id);
    expect(card.identityKey).toBe('');
  });

  it('records the 1-based line of the marker', () => {
    const deck = parse(lines('', 'Some intro.', '', 'Q: front', 'A: back'));
    expect(deck.cards.map((c) => c.line)).toEqual([4]);
  });

  it('accepts a tab after the marker', () => {
    const deck = parse('Q:\tfront\nA:\tback');
    expect(deck.cards[0]).toMatchObject({ front: 'front', back: 'back' });
  });

  it('needs the marker in column 1, followed by a space', () => {
    const deck = parse(lines('Q: real', 'A: back', ' Q: indented', 'Q:nospace', '> Q: quoted'));
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]!.back).toBe('back\n Q: indented\nQ:nospace\n> Q: quoted');
  });

  it('does not treat lower-case q: as a marker', () => {
    const deck = parse(lines('Q: front', 'A: back', 'q: not a card'));
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]!.back).toBe('back\nq: not a card');
  });
});

describe('R: reversible cards', () => {
  const deck = parse(lines('R: kube-scheduler', 'A: Picks a node for each new Pod'));

  it('makes two cards, one per direction', () => {
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards.map((c) => [c.kind, c.direction, c.front, c.back])).toEqual([
      ['reversible', 'forward', 'kube-scheduler', 'Picks a node for each new Pod'],
      ['reversible', 'reverse', 'Picks a node for each new Pod', 'kube-scheduler'],
    ]);
  });

  it('gives the two sides different ids and one family id', () => {
    const [fwd, rev] = deck.cards;
    expect(fwd!.id).not.toBe(rev!.id);
    expect(fwd!.familyId).toBe(rev!.familyId);
    expect([fwd!.identityKey, rev!.identityKey]).toEqual(['forward', 'reverse']);
  });
});

describe('T: typed-answer cards', () => {
  it('expects the first inline code span of the back', () => {
    const deck = parse(
      lines(
        'T: Scale web to 3 replicas',
        'A: `kubectl scale deployment web --replicas=3`',
        '',
        'Or edit the manifest and run `kubectl apply -f web.yaml`.',
      ),
    );
    const card = deck.cards[0]!;
    expect(card.kind).toBe('typed');
    expect(card.expected).toBe('kubectl scale deployment web --replicas=3');
    expect(card.back).toBe(
      '`kubectl scale deployment web --replicas=3`\n\nOr edit the manifest and run `kubectl apply -f web.yaml`.',
    );
  });

  it('finds the code span on a later line of the back', () => {
    const deck = parse(lines('T: List Pods', 'A: Run this:', '', '`kubectl get pods`'));
    expect(deck.cards[0]!.expected).toBe('kubectl get pods');
  });

  it('takes the first line of the back when it has no code span', () => {
    const deck = parse(lines('T: Capital of Japan', 'A: Tokyo', '', 'Since 1868.'));
    expect(deck.cards[0]!.expected).toBe('Tokyo');
  });

  it('unwraps a double-backtick span that holds a backtick', () => {
    const deck = parse(lines('T: Shell substitution', 'A: `` `date` `` (old style)'));
    expect(deck.cards[0]!.expected).toBe('`date`');
  });

  it('skips an unmatched backtick and uses the next span', () => {
    const deck = parse(lines('T: q', 'A: a `` lone run then `kubectl get ns`'));
    expect(deck.cards[0]!.expected).toBe('kubectl get ns');
  });

  it('does not take code from a fenced block when an inline span follows', () => {
    const deck = parse(
      lines('T: q', 'A:', '```bash', 'echo fenced', '```', 'Then `kubectl get pods`'),
    );
    expect(deck.cards[0]!.expected).toBe('kubectl get pods');
  });

  it('expects the first code line when the back is only a fenced block', () => {
    const deck = parse(lines('T: q', 'A:', '```bash', 'kubectl get nodes', '```'));
    expect(deck.cards[0]!.expected).toBe('kubectl get nodes');
  });

  it('is a different card from a Q: with the same front', () => {
    const deck = parse(lines('Q: List Pods', 'A: `kubectl get pods`', 'T: List Pods', 'A: x'));
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards[0]!.id).not.toBe(deck.cards[1]!.id);
  });
});

describe('C: cloze cards', () => {
  it('makes one card per deletion, masking only that deletion', () => {
    const deck = parse('C: {{etcd}} stores the state; {{kube-scheduler}} places Pods');
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards.map((c) => [c.kind, c.front, c.back])).toEqual([
      [
        'cloze',
        '[…] stores the state; kube-scheduler places Pods',
        '**etcd** stores the state; kube-scheduler places Pods',
      ],
      [
        'cloze',
        'etcd stores the state; […] places Pods',
        'etcd stores the state; **kube-scheduler** places Pods',
      ],
    ]);
  });

  it('gives siblings distinct ids and one family id', () => {
    const [a, b] = parse('C: {{a}} and {{b}}').cards;
    expect(a!.id).not.toBe(b!.id);
    expect(a!.familyId).toBe(b!.familyId);
  });

  it('shows the hint of {{answer::hint}} while hidden', () => {
    const deck = parse('C: Pods are scheduled by {{kube-scheduler::a control-plane component}}');
    const card = deck.cards[0]!;
    expect(card.front).toBe('Pods are scheduled by [a control-plane component]');
    expect(card.back).toBe('Pods are scheduled by **kube-scheduler**');
    expect(card.cloze!.segments[1]).toEqual({
      type: 'deletion',
      group: 'kube scheduler',
      answer: 'kube-scheduler',
      hint: 'a control-plane component',
    });
  });

  it('hides {{c1::…}} deletions of one group together', () => {
    const deck = parse('C: {{c1::requests}} and {{c1::limits}} differ from {{c2::quotas}}');
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards.map((c) => c.cloze!.group)).toEqual(['c1', 'c2']);
    expect(deck.cards[0]!.front).toBe('[…] and […] differ from quotas');
    expect(deck.cards[1]!.front).toBe('requests and limits differ from […]');
  });

  it('accepts a group with a hint: {{c1::answer::hint}}', () => {
    const deck = parse('C: port {{c1::6443::number}}');
    expect(deck.cards[0]!.front).toBe('port [number]');
    expect(deck.cards[0]!.back).toBe('port **6443**');
  });

  it('reads group names case-insensitively ({{C1::…}} is c1)', () => {
    const deck = parse('C: {{C1::a}} {{c1::b}}');
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]!.front).toBe('[…] […]');
  });

  it('does not put an unnumbered deletion of the text "c1" in group c1', () => {
    const deck = parse('C: {{c1::x}} and {{c1}}');
    expect(deck.cards.map((c) => c.front)).toEqual(['[…] and c1', 'x and […]']);
  });

  it('keeps repeated unnumbered answers as separate cards', () => {
    const deck = parse('C: {{x}} then {{x}}');
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards[0]!.id).not.toBe(deck.cards[1]!.id);
  });

  it('spans several lines', () => {
    const deck = parse(lines('C: The control plane runs', '- {{kube-apiserver}}', '- {{etcd}}'));
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards[1]!.front).toBe('The control plane runs\n- kube-apiserver\n- […]');
  });

  it('takes an A: side as an extra shown only with the answer, keeping the identity', () => {
    const deck = parse(lines('C: {{a}} b', 'A: Explanation that names a.'));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards[0]!.front).toBe('[…] b');
    expect(deck.cards[0]!.back).toBe('**a** b\n\nExplanation that names a.');
    expect(deck.cards[0]!.id).toBe(parse(lines('C: {{a}} b')).cards[0]!.id);
  });

  it('takes only one A: side', () => {
    const deck = parse(lines('C: {{a}} b', 'A: c', 'A: d'));
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message: 'answer without a question (this card already has an answer)',
      },
    ]);
  });
});

describe('multi-line sides', () => {
  it('keeps lists, tables, fenced code and blockquotes in a back', () => {
    const back = [
      'Three parts:',
      '',
      '- requests',
      '- limits',
      '',
      '| field | meaning |',
      '|---|---|',
      '| cpu | millicores |',
      '',
      '```yaml',
      'resources:',
      '  limits:',
      '    cpu: 500m',
      '```',
      '',
      '> Set both.',
    ];
    const deck = parse(lines('Q: Resources?', `A: ${back[0]}`, ...back.slice(1)));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards[0]!.back).toBe(back.join('\n'));
  });

  it('lets the front span lines until A:', () => {
    const deck = parse(lines('Q: What does this print?', '', '```bash', 'echo hi', '```', 'A: hi'));
    expect(deck.cards[0]!.front).toBe('What does this print?\n\n```bash\necho hi\n```');
    expect(deck.cards[0]!.back).toBe('hi');
  });

  it('accepts a marker with nothing after it and the side on the next lines', () => {
    const deck = parse(lines('Q:', 'front text', 'A:', 'back text'));
    expect(deck.cards[0]).toMatchObject({ front: 'front text', back: 'back text' });
  });

  it('drops blank lines at either end of a side', () => {
    const deck = parse(lines('Q: f', '', 'A:', '', 'b', '', ''));
    expect(deck.cards[0]!.back).toBe('b');
  });

  it('ends a side at the next marker', () => {
    const deck = parse(lines('Q: one', 'A: 1', 'more', 'Q: two', 'A: 2'));
    expect(deck.cards.map((c) => c.back)).toEqual(['1\nmore', '2']);
  });

  it('ends a side at a heading', () => {
    const deck = parse(lines('Q: one', 'A: 1', '## Next', 'not part of the answer'));
    expect(deck.cards[0]!.back).toBe('1');
  });

  it('ends a side at a thematic break (---, ***, ___)', () => {
    for (const rule of ['---', '***', '___', '- - -']) {
      const deck = parse(lines('Q: one', 'A: 1', rule, 'a note between cards'));
      expect(deck.cards[0]!.back).toBe('1');
    }
  });

  it('ends a side at the end of the file', () => {
    const deck = parse('Q: one\nA: 1\nlast line');
    expect(deck.cards[0]!.back).toBe('1\nlast line');
  });

  it('ignores text outside cards', () => {
    const deck = parse(lines('Intro text.', 'Q: one', 'A: 1', '---', 'Notes.', 'More notes.'));
    expect(deck.cards).toHaveLength(1);
    expect(deck.diagnostics).toEqual([]);
  });

  it('does not take a table delimiter row for a thematic break', () => {
    const deck = parse(lines('Q: t', 'A: | a | b |', '|---|---|', '| 1 | 2 |'));
    expect(deck.cards[0]!.back).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
  });
});

describe('headings', () => {
  it('are section titles, not cards, and each card records the path above it', () => {
    const deck = parse(
      lines(
        '# Kubernetes',
        '## Control plane',
        'Q: a',
        'A: 1',
        '### etcd ###',
        'Q: b',
        'A: 2',
        '## Nodes',
        'Q: c',
        'A: 3',
      ),
    );
    expect(deck.cards.map((c) => c.headings)).toEqual([
      ['Kubernetes', 'Control plane'],
      ['Kubernetes', 'Control plane', 'etcd'],
      ['Kubernetes', 'Nodes'],
    ]);
  });

  it('skips missing levels', () => {
    const deck = parse(lines('# Top', '### Deep', 'Q: a', 'A: 1'));
    expect(deck.cards[0]!.headings).toEqual(['Top', 'Deep']);
  });

  it('does not take #tag for a heading', () => {
    const deck = parse(lines('Q: a', 'A: 1', '#hashtag line'));
    expect(deck.cards[0]!.back).toBe('1\n#hashtag line');
  });
});

describe('tags', () => {
  it('takes #tag words at the end of a marker line off the front', () => {
    const deck = parse('Q: What does etcd store? #etcd #control-plane\nA: state');
    expect(deck.cards[0]!.front).toBe('What does etcd store?');
    expect(deck.cards[0]!.tags).toEqual(['etcd', 'control-plane']);
  });

  it('adds the front-matter tags first, without repeats', () => {
    const deck = parse(lines('---', 'tags: [k8s, cka]', '---', 'Q: a #cka #etcd', 'A: 1'));
    expect(deck.cards[0]!.tags).toEqual(['k8s', 'cka', 'etcd']);
  });

  it('takes tags at the end of the A: line off the back', () => {
    const deck = parse('Q: a #one\nA: answer #two');
    expect(deck.cards[0]!.back).toBe('answer');
    expect(deck.cards[0]!.tags).toEqual(['one', 'two']);
  });

  it('leaves # that is not a trailing word alone', () => {
    const deck = parse(lines('Q: What is C#? Issue #1 is old', 'A: 1'));
    expect(deck.cards[0]!.front).toBe('What is C#? Issue #1 is old');
    expect(deck.cards[0]!.tags).toEqual([]);
  });

  it('leaves # inside inline code alone', () => {
    const deck = parse(lines('Q: What does `grep -v #` do', 'A: 1'));
    expect(deck.cards[0]!.front).toBe('What does `grep -v #` do');
    expect(deck.cards[0]!.tags).toEqual([]);
  });

  it('takes tags off a cloze line and applies them to every sibling', () => {
    const deck = parse('C: {{a}} and {{b}} #pair');
    expect(deck.cards.map((c) => c.tags)).toEqual([['pair'], ['pair']]);
    expect(deck.cards[0]!.back).toBe('**a** and b');
  });

  it('accepts Japanese tags', () => {
    const deck = parse('Q: 質問 #ネットワーク\nA: 答え');
    expect(deck.cards[0]!.tags).toEqual(['ネットワーク']);
  });
});

describe('Japanese text', () => {
  const source = lines(
    '---',
    'title: アーキテクチャ',
    'lang: ja',
    '---',
    '# コントロールプレーン',
    '',
    'Q: kube-scheduler がノードを選ぶ 2 段階は？ #scheduler',
    'A: フィルタリングとスコアリング',
    '',
    '条件で絞り込み、点数をつける。',
    '',
    'R: kube-scheduler',
    'A: Pod を配置するノードを選ぶコンポーネント',
    '',
    'C: Service の type は {{ClusterIP}}、{{NodePort}}、{{LoadBalancer}}、{{ExternalName}} の 4 つ',
  );
  const deck = parse(source, 'ja/architecture', 'decks/ja/architecture.md');

  it('parses Japanese fronts, backs and headings exactly', () => {
    expect(deck.diagnostics).toEqual([]);
    expect(deck.meta.title).toBe('アーキテクチャ');
    expect(deck.cards[0]).toMatchObject({
      front: 'kube-scheduler がノードを選ぶ 2 段階は？',
      back: 'フィルタリングとスコアリング\n\n条件で絞り込み、点数をつける。',
      headings: ['コントロールプレーン'],
      tags: ['scheduler'],
    });
  });

  it('makes a card per Japanese cloze deletion next to full-width punctuation', () => {
    const cloze = deck.cards.filter((c) => c.kind === 'cloze');
    expect(cloze).toHaveLength(4);
    expect(cloze[1]!.front).toBe(
      'Service の type は ClusterIP、[…]、LoadBalancer、ExternalName の 4 つ',
    );
  });

  it('counts every card: 1 basic + 2 reversible + 4 cloze', () => {
    expect(deck.cards).toHaveLength(7);
    expect(deck.cards[2]).toMatchObject({
      direction: 'reverse',
      front: 'Pod を配置するノードを選ぶコンポーネント',
    });
  });
});

describe('code is never a marker or a cloze', () => {
  it('keeps a Helm template in a fenced block literal inside a cloze', () => {
    const deck = parse(
      lines('C: Helm fills in {{values.yaml}}:', '```yaml', 'image: {{ .Values.image }}', '```'),
    );
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]!.front).toBe(
      'Helm fills in […]:\n```yaml\nimage: {{ .Values.image }}\n```',
    );
  });

  it('keeps {{…}} in inline code literal inside a cloze', () => {
    const code = "`kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}'`";
    const deck = parse(`C: ${code} uses a {{go-template}}`);
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards).toHaveLength(1);
    expect(deck.cards[0]!.front).toBe(`${code} uses a […]`);
    expect(deck.cards[0]!.back).toBe(`${code} uses a **go-template**`);
  });

  it('keeps the go-template example from the spec literal', () => {
    const code = "`kubectl get pods -o go-template='{{range .items}}…{{end}}'`";
    const deck = parse(`C: ${code} loops with {{range}}`);
    expect(deck.cards.map((c) => c.front)).toEqual([`${code} loops with […]`]);
  });

  it('keeps {{…}} in a basic card literal', () => {
    const deck = parse(lines('Q: Helm syntax?', 'A: `{{ .Values.image }}`'));
    expect(deck.cards[0]!.back).toBe('`{{ .Values.image }}`');
    expect(deck.diagnostics).toEqual([]);
  });

  it('reports a cloze whose only {{…}} is code as having no deletions', () => {
    const deck = parse('C: `{{ .Values.image }}` is Helm');
    expect(deck.cards).toEqual([]);
    expect(only(deck, 'error')).toEqual([
      { line: 1, column: 1, message: 'cloze card has no {{deletions}}' },
    ]);
  });

  it('keeps markers, headings and --- inside fenced code as part of the side', () => {
    const code = [
      '```yaml',
      '# a YAML comment',
      'Q: not a marker',
      'A: not an answer',
      '---',
      'kind: Pod',
      '```',
    ];
    const deck = parse(lines('Q: Two documents?', 'A: Yes:', ...code, 'Q: next', 'A: 2'));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards.map((c) => c.back)).toEqual([`Yes:\n${code.join('\n')}`, '2']);
  });

  it('handles ~~~ fences and longer fences that hold ``` lines', () => {
    const deck = parse(
      lines('Q: a', 'A:', '~~~', 'Q: inside', '~~~', '````md', '```', 'Q: inside', '```', '````'),
    );
    expect(deck.cards).toHaveLength(1);
    expect(deck.diagnostics).toEqual([]);
  });

  it('opens a fence on the marker line itself (A: ```yaml)', () => {
    const deck = parse(lines('Q: Manifest?', 'A: ```yaml', '# comment', '---', 'kind: Pod', '```'));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards[0]!.back).toBe('```yaml\n# comment\n---\nkind: Pod\n```');
  });

  it('ignores markers in fenced code outside any card', () => {
    const deck = parse(lines('```', 'Q: example', 'A: example', '```', 'Q: real', 'A: 1'));
    expect(deck.cards.map((c) => c.front)).toEqual(['real']);
    expect(deck.diagnostics).toEqual([]);
  });

  it('does not open a fence for ``` followed by a backtick (inline code)', () => {
    const deck = parse(lines('Q: a', 'A: ```x``` is inline', 'Q: b', 'A: 2'));
    expect(deck.cards).toHaveLength(2);
    expect(deck.diagnostics).toEqual([]);
  });
});

describe('errors, with their line numbers', () => {
  it('an answer without a question, at the A: line', () => {
    const deck = parse(lines('# Title', '', 'A: orphan answer', 'more'));
    expect(deck.cards).toEqual([]);
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message: 'answer without a question (no Q:, R:, T: or C: line before it)',
      },
    ]);
  });

  it('a second answer, at its A: line', () => {
    const deck = parse(lines('Q: a', 'A: 1', 'A: 2'));
    expect(deck.cards).toHaveLength(1);
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message: 'answer without a question (this card already has an answer)',
      },
    ]);
  });

  it('an answer after a heading that cut its question off', () => {
    const deck = parse(lines('Q: a', '## Section', 'A: 1'));
    expect(only(deck, 'error').map((e) => [e.line, e.message.split(' (')[0]])).toEqual([
      [1, 'question without an answer'],
      [3, 'answer without a question'],
    ]);
  });

  it('a question without an answer, at the Q: line', () => {
    const deck = parse(lines('', 'Q: lonely', 'more front', 'Q: b', 'A: 2'));
    expect(deck.cards).toHaveLength(1);
    expect(only(deck, 'error')).toEqual([
      {
        line: 2,
        column: 1,
        message: 'question without an answer (expected an A: line after it)',
      },
    ]);
  });

  it('a question without an answer at the end of the file', () => {
    const deck = parse('Q: a\nA: 1\n\nR: b');
    expect(only(deck, 'error')).toEqual([
      { line: 4, column: 1, message: 'question without an answer (expected an A: line after it)' },
    ]);
  });

  it('a typed card without an answer', () => {
    const deck = parse('T: type this');
    expect(only(deck, 'error')).toEqual([
      {
        line: 1,
        column: 1,
        message: 'typed-answer card without an answer (expected an A: line after it)',
      },
    ]);
  });

  it('an empty front, at the marker', () => {
    const deck = parse(lines('Q: ok', 'A: 1', 'Q:', 'A: 2'));
    expect(only(deck, 'error')).toEqual([{ line: 3, column: 1, message: 'empty Q: side' }]);
  });

  it('an empty back, at the A: line', () => {
    const deck = parse(lines('R: front', '', 'A:', ''));
    expect(only(deck, 'error')).toEqual([{ line: 3, column: 1, message: 'empty A: side' }]);
  });

  it('an unclosed cloze, at the {{ (line and column)', () => {
    const deck = parse(lines('Q: a', 'A: 1', 'C: fine {{x}} but {{broken'));
    expect(deck.cards).toHaveLength(1);
    expect(only(deck, 'error')).toEqual([
      { line: 3, column: 19, message: 'unclosed cloze: "{{" has no matching "}}"' },
    ]);
  });

  it('an unclosed cloze on a later line of the note', () => {
    const deck = parse(lines('C: {{a}}', 'then {{b'));
    expect(only(deck, 'error')).toEqual([
      { line: 2, column: 6, message: 'unclosed cloze: "{{" has no matching "}}"' },
    ]);
  });

  it('an empty cloze: {{}}, {{c1::}} and {{::hint}}', () => {
    for (const empty of ['{{}}', '{{ }}', '{{c1::}}', '{{::hint}}']) {
      const deck = parse(`C: {{ok}} and ${empty}`);
      expect(deck.cards).toEqual([]);
      expect(only(deck, 'error')).toEqual([
        { line: 1, column: 15, message: 'empty cloze deletion {{}}' },
      ]);
    }
  });

  it('a cloze without deletions', () => {
    const deck = parse(lines('Q: a', 'A: 1', '', 'C: no deletions here'));
    expect(only(deck, 'error')).toEqual([
      { line: 4, column: 1, message: 'cloze card has no {{deletions}}' },
    ]);
  });

  it('an unclosed code fence, at the opening fence', () => {
    const deck = parse(lines('Q: a', 'A: 1', '```bash', 'echo'));
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message: 'unclosed code fence: no closing ``` before the end of the file',
      },
    ]);
  });

  it('an id comment attached to no card', () => {
    const deck = parse(lines('<!-- id: lost -->', 'Q: a', 'A: 1'));
    expect(only(deck, 'error')).toEqual([
      {
        line: 1,
        column: 1,
        message: 'id comment is not attached to a card (put it right after one)',
      },
    ]);
  });

  it('an invalid explicit id', () => {
    const deck = parse(lines('Q: a', 'A: 1', '<!-- id: -bad id -->'));
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message:
          'invalid card id "-bad id": use letters, digits and . _ - / : (starting with a letter or digit)',
      },
    ]);
  });

  it('a second id comment for one card', () => {
    const deck = parse(lines('Q: a', 'A: 1', '<!-- id: one -->', '<!-- id: two -->'));
    expect(deck.cards[0]!.id).toBe('one');
    expect(only(deck, 'error')).toEqual([
      { line: 4, column: 1, message: 'card already has the id "one"' },
    ]);
  });

  it('keeps parsing after an error', () => {
    const deck = parse(lines('A: stray', 'Q: a', 'A: 1', 'C: {{', 'Q: b', 'A: 2'));
    expect(deck.cards.map((c) => c.front)).toEqual(['a', 'b']);
    expect(only(deck, 'error').map((e) => e.line)).toEqual([1, 4]);
  });
});

describe('front matter', () => {
  it('reads every known key', () => {
    const deck = parse(
      lines(
        '---',
        'title: Architecture',
        'description: Control plane and nodes',
        'tags: [kubernetes, cka]',
        'lang: en',
        'sources: [000_a.txt, 001_b.txt]',
        'domain: architecture',
        '---',
        'Q: a',
        'A: 1',
      ),
    );
    expect(deck.diagnostics).toEqual([]);
    expect(deck.meta).toEqual({
      title: 'Architecture',
      description: 'Control plane and nodes',
      tags: ['kubernetes', 'cka'],
      lang: 'en',
      sources: ['000_a.txt', '001_b.txt'],
      domain: 'architecture',
    });
    expect(deck.cards[0]!.line).toBe(9);
  });

  it('lists exactly the documented keys and domains', () => {
    expect([...FRONT_MATTER_KEYS]).toEqual([
      'title',
      'description',
      'tags',
      'lang',
      'sources',
      'domain',
      'scheduling',
    ]);
    expect(DOMAINS).toEqual([
      'troubleshooting',
      'architecture',
      'networking',
      'workloads',
      'storage',
    ]);
  });

  it('accepts every domain', () => {
    for (const domain of DOMAINS) {
      const deck = parse(`---\ndomain: ${domain}\n---\nQ: a\nA: 1`);
      expect(deck.meta.domain).toBe(domain);
      expect(deck.diagnostics).toEqual([]);
    }
  });

  it('accepts a single word for tags and block lists', () => {
    const deck = parse(lines('---', 'tags: solo', 'sources:', '  - a.txt', '  - b.txt', '---'));
    expect(deck.meta.tags).toEqual(['solo']);
    expect(deck.meta.sources).toEqual(['a.txt', 'b.txt']);
  });

  it('is optional', () => {
    const deck = parse('Q: a\nA: 1');
    expect(deck.meta).toEqual({ tags: [], sources: [] });
  });

  it('may be empty', () => {
    const deck = parse('---\n---\nQ: a\nA: 1');
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards).toHaveLength(1);
  });

  it('warns about an unknown key, at its line', () => {
    const deck = parse(lines('---', 'title: T', 'author: me', '---', 'Q: a', 'A: 1'));
    expect(deck.cards).toHaveLength(1);
    expect(only(deck, 'error')).toEqual([]);
    expect(only(deck, 'warning')).toEqual([
      {
        line: 3,
        column: 1,
        message:
          'unknown front-matter key "author" (known: title, description, tags, lang, sources, domain, scheduling)',
      },
    ]);
  });

  it('reports invalid YAML at its line and still parses the cards', () => {
    const deck = parse(lines('---', 'title: ok', 'tags: [a, b', '---', 'Q: a', 'A: 1'));
    expect(deck.cards).toHaveLength(1);
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 12,
        message:
          'invalid front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('reports a repeated key as invalid, at the repeat, in file coordinates', () => {
    const deck = parse(lines('---', 'title: a', 'title: b', '---'));
    expect(only(deck, 'error')).toEqual([
      { line: 3, column: 1, message: 'invalid front matter: Map keys must be unique' },
    ]);
  });

  it('reports front matter that is not a mapping', () => {
    const deck = parse(lines('---', '- a', '- b', '---'));
    expect(only(deck, 'error')).toEqual([
      { line: 2, column: 1, message: 'invalid front matter: expected "key: value" lines' },
    ]);
  });

  it('reports front matter that is never closed', () => {
    const deck = parse(lines('---', 'title: x', 'Q: a', 'A: 1'));
    expect(only(deck, 'error')).toEqual([
      { line: 1, column: 1, message: 'front matter is not closed: add a line "---" after it' },
    ]);
  });

  it('reports an unknown domain at its line', () => {
    const deck = parse(lines('---', 'title: x', 'domain: security', '---'));
    expect(deck.meta.domain).toBeUndefined();
    expect(only(deck, 'error')).toEqual([
      {
        line: 3,
        column: 1,
        message:
          'invalid front matter: "domain" must be one of troubleshooting, architecture, networking, workloads, storage',
      },
    ]);
  });

  it('reports non-text title, description and lang', () => {
    const deck = parse(lines('---', 'title: [a]', 'description: {x: 1}', 'lang: 5', '---'));
    expect(only(deck, 'error')).toEqual([
      { line: 2, column: 1, message: 'invalid front matter: "title" must be text' },
      { line: 3, column: 1, message: 'invalid front matter: "description" must be text' },
      { line: 4, column: 1, message: 'invalid front matter: "lang" must be text' },
    ]);
  });

  it('reports tags and sources that are not lists of words', () => {
    const deck = parse(lines('---', 'tags: {a: 1}', 'sources: [[x]]', '---'));
    expect(only(deck, 'error')).toEqual([
      { line: 2, column: 1, message: 'invalid front matter: "tags" must be a list of words' },
      { line: 3, column: 1, message: 'invalid front matter: "sources" must be a list of words' },
    ]);
  });
});

describe('robustness: line endings, BOM, tabs', () => {
  const lf = lines(
    '---',
    'title: T',
    'tags: [x]',
    '---',
    '# H',
    'Q: a #t',
    'A: 1',
    '```',
    'code',
    '```',
    '',
    'C: {{c}} d',
  );

  it('parses CRLF exactly like LF', () => {
    expect(parse(lf.replace(/\n/g, '\r\n'))).toEqual(parse(lf));
  });

  it('parses lone CR exactly like LF', () => {
    expect(parse(lf.replace(/\n/g, '\r'))).toEqual(parse(lf));
  });

  it('parses mixed line endings exactly like LF', () => {
    let i = 0;
    const mixed = lf.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]!);
    expect(parse(mixed)).toEqual(parse(lf));
  });

  it('ignores a UTF-8 BOM (front matter still found)', () => {
    const deck = parse(`\uFEFF${lf}`);
    expect(deck).toEqual(parse(lf));
    expect(deck.meta.title).toBe('T');
  });

  it('parses tab-separated markers and tags like spaces', () => {
    const tabbed = parse('Q:\ta\t#t\nA:\t1');
    const spaced = parse('Q: a #t\nA: 1');
    expect(tabbed.cards.map((c) => [c.id, c.front, c.back, c.tags])).toEqual(
      spaced.cards.map((c) => [c.id, c.front, c.back, c.tags]),
    );
  });

  it('never throws on odd input', () => {
    for (const source of ['', '\n\n', '---', '{{', 'A:', 'C:', '```', '<!-- id: x -->', '\0']) {
      expect(() => parse(source)).not.toThrow();
    }
  });

  it('parses an empty file to no cards and no diagnostics', () => {
    expect(parse('')).toMatchObject({ cards: [], diagnostics: [] });
  });
});

describe('explicit ids', () => {
  it('uses <!-- id: slug --> on the line after a card', () => {
    const deck = parse(lines('Q: a', 'A: 1', '<!-- id: etcd-store -->', 'Q: b', 'A: 2'));
    expect(deck.diagnostics).toEqual([]);
    expect(deck.cards[0]!.id).toBe('etcd-store');
    expect(deck.cards[0]!.back).toBe('1');
  });

  it('keeps the explicit id when the front changes', () => {
    const a = parse(lines('Q: old front', 'A: 1', '<!-- id: k8s/etcd:1 -->'));
    const b = parse(lines('Q: completely new wording', 'A: 1', '<!-- id: k8s/etcd:1 -->'));
    expect(a.cards[0]!.id).toBe('k8s/etcd:1');
    expect(b.cards[0]!.id).toBe('k8s/etcd:1');
  });

  it('derives sibling ids from an explicit id', () => {
    const r = parse(lines('R: a', 'A: b', '<!-- id: pair -->'));
    expect(r.cards.map((c) => [c.id, c.familyId])).toEqual([
      ['pair::forward', 'pair'],
      ['pair::reverse', 'pair'],
    ]);
    const c = parse(lines('C: {{c1::a}} {{c2::b}}', '<!-- id: note -->'));
    expect(c.cards.map((x) => x.id)).toEqual(['note::c1', 'note::c2']);
  });
});

describe('scheduling front matter', () => {
  it('reads valid settings and reports a bad one at its line, keeping the rest', () => {
    const deck = parseDeck({
      name: 'd',
      file: 'd.md',
      source: '---\nscheduling:\n  newPerDay: 5\n  desiredRetention: 2\n---\nQ: a\nA: b\n',
    });
    expect(deck.meta.scheduling).toEqual({ newPerDay: 5 });
    expect(deck.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 2,
        message: expect.stringContaining('"desiredRetention" must be a number from 0.7 to 0.99'),
      }),
    ]);
    expect(deck.cards).toHaveLength(1);
  });
});
