import { describe, expect, it } from 'vitest';
import { classifyLine, closesFence, type LineKind } from '../../src/deck/lines.js';

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
