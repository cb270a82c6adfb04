import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareTyped } from '../../src/answer/compare.js';

// The development sample of the labelled kubectl corpus, read where the team
// keeps it (../shared/typed beside the repository, as on CI): every `true` pair
// was checked against a real kubectl.
interface Pair {
  readonly id: string;
  readonly expected: string;
  readonly typed: string;
  readonly label: boolean | 'either';
  readonly category: string;
}

const pairs: Pair[] = readFileSync(
  new URL('../../../shared/typed/kubectl-dev-pairs.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Pair);

describe('kubectl development sample', () => {
  it('judges at least 98% of the labelled pairs right, with no false accept', () => {
    const judged = pairs.filter((p) => p.label !== 'either');
    const falseAccepts: string[] = [];
    const falseRejects: string[] = [];
    for (const p of judged) {
      const correct = compareTyped(p.typed, p.expected).correct;
      if (correct && p.label === false) falseAccepts.push(`${p.id} ${p.category}: ${p.typed}`);
      if (!correct && p.label === true) falseRejects.push(`${p.id} ${p.category}: ${p.typed}`);
    }
    expect(judged.length).toBeGreaterThan(100);
    expect(falseAccepts).toEqual([]);
    const accuracy = (judged.length - falseRejects.length) / judged.length;
    expect(accuracy, falseRejects.join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it('accepts every pair with itself (the expected answer typed exactly)', () => {
    for (const p of pairs) expect(compareTyped(p.expected, p.expected).correct, p.id).toBe(true);
  });
});
