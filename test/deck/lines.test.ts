import { describe, expect, it } from 'vitest';
import { backtickRuns, classifyLine, closesFence, type LineKind } from '../../src/deck/lines.js';

const kind = (raw: string, inFence = false): LineKind => classifyLine(raw, inFence).kind;

describe('line classifier', () => {
  it('puts each line in one kind, on its own', () => {
    expect(kind('Q: what is a pod')).toBe('question');
    expect(kind('R: kube-scheduler')).toBe('reversible');
    expect(kind('T: list pods')).toBe('typed');
    expect(kind('C: {{c1::etcd}} stores state')).toBe('cloze');
    expect(kind('A: a group of containers')).toBe('answer');
    expect(kind('Q:')).toBe('question');
    expect(kind('Q:no space')).toBe('text');
    expect(kind('### Storage ###')).toBe('heading');
    expect(kind('---')).toBe('break');
    expect(kind(' * * *')).toBe('break');
    expect(kind('<!-- id: pod-basics -->')).toBe('id');
    expect(kind('```yaml')).toBe('fence');
    expect(kind('~~~')).toBe('fence');
    expect(kind('``` `x`')).toBe('text');
    expect(kind(' \t')).toBe('blank');
    expect(kind('plain words')).toBe('text');
  });

  it('reads a marker line: side, trailing tags, column, and a fence opened on it', () => {
    expect(classifyLine('A: `kubectl get pods` #k8s #cka')).toMatchObject({
      kind: 'answer',
      marker: 'A',
      side: '`kubectl get pods`',
      tags: ['k8s', 'cka'],
      column: 4,
      fence: null,
    });
    expect(classifyLine('A:```yaml')).toMatchObject({ kind: 'text' });
    expect(classifyLine('A: ```yaml')).toMatchObject({
      side: '```yaml',
      fence: { char: '`', length: 3 },
    });
    // An odd backtick before the `#`: the tag is inside code, so it stays text.
    expect(classifyLine('A: ```yaml #k8s')).toMatchObject({ side: '```yaml #k8s', tags: [] });
    expect(classifyLine('Q: `a #b` #c')).toMatchObject({ side: '`a #b`', tags: ['c'] });
  });

  it('inside a code block, sees only fences', () => {
    expect(kind('Q: not a card', true)).toBe('code');
    expect(kind('# comment', true)).toBe('code');
    const open = { char: '`', length: 4 };
    expect(closesFence(classifyLine('````', true), open)).toBe(true);
    expect(closesFence(classifyLine('`````  ', true), open)).toBe(true);
    expect(closesFence(classifyLine('```', true), open)).toBe(false);
    expect(closesFence(classifyLine('````js', true), open)).toBe(false);
    expect(closesFence(classifyLine('~~~~', true), open)).toBe(false);
  });
});

describe('backtickRuns', () => {
  // The plain definition: scan on from `from` for a run of exactly n backticks.
  const naive = (line: string, from: number, n: number) => {
    for (let i = from; i < line.length; ) {
      if (line[i] !== '`') {
        i++;
        continue;
      }
      let run = 1;
      while (line[i + run] === '`') run++;
      if (run === n) return i;
      i += run;
    }
    return -1;
  };
  // Code spans found by a left-to-right scan, as the cloze and typed-answer readers scan.
  const spans = (line: string, closing: (from: number, n: number) => number) => {
    const out: string[] = [];
    for (let i = 0; i < line.length; ) {
      if (line[i] !== '`') {
        i++;
        continue;
      }
      let n = 1;
      while (line[i + n] === '`') n++;
      const j = closing(i + n, n);
      out.push(j < 0 ? `unmatched ${n} at ${i}` : line.slice(i, j + n));
      i = j < 0 ? i + n : j + n;
    }
    return out;
  };

  it('finds the spans the plain definition finds, on seeded random lines', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 500; k++) {
      let line = '';
      const length = Math.floor(next() * 40);
      for (let c = 0; c < length; c++) line += next() < 0.5 ? '`' : 'ab '[Math.floor(next() * 3)];
      expect(spans(line, backtickRuns(line)), line).toEqual(
        spans(line, (from, n) => naive(line, from, n)),
      );
    }
  });

  it('examples: a longer run is not a closer, an unmatched run is text', () => {
    const line = 'x `` a ` b `` y ``` z';
    expect(spans(line, backtickRuns(line))).toEqual(['`` a ` b ``', 'unmatched 3 at 16']);
  });
});
