import { describe, expect, it } from 'vitest';
import { compareTyped } from '../../src/answer/compare.js';
import type { Card } from '../../src/model/card.js';
import { MESSAGES } from '../../src/ui/i18n.js';
import type { Line } from '../../src/ui/markdown/render.js';
import { cardLines } from '../../src/ui/screens/Review.js';
import { defaultTheme } from '../../src/ui/theme.js';

// The explanation under the typed-answer diff: built as data by the checker,
// worded and wrapped by the review screen.

const card = (expected: string): Card =>
  ({ kind: 'typed', front: 'Scale web to 3 replicas', back: `\`${expected}\`` }) as Card;

const text = (lines: readonly Line[]): string[] => lines.map((l) => l.map((s) => s.text).join(''));

function shown(typed: string, expected: string, lang: 'en' | 'ja' = 'en', width = 80): string[] {
  const result = compareTyped(typed, expected);
  return text(cardLines(card(expected), true, result, width, MESSAGES[lang], defaultTheme));
}

describe('typed-answer explanation', () => {
  it('shows what was recognised when the command is accepted but spelled differently', () => {
    const lines = shown(
      'k scale deploy web --replicas=3',
      'kubectl scale deployment web --replicas=3',
    );
    expect(lines).toContain('✓ Correct');
    expect(lines).toContain('· same meaning: k = kubectl');
    expect(lines).toContain('· same meaning: deploy = deployment');
  });

  it('points at the part that differs when the command is rejected', () => {
    expect(
      shown(
        'kubectl scale deployment web --replicas=2',
        'kubectl scale deployment web --replicas=3',
      ),
    ).toContain('· other value for --replicas: --replicas=2 (answer: --replicas=3)');
    expect(shown('kubectl get pods', 'kubectl get pods -n prod')).toContain('· missing: -n prod');
    expect(
      shown('kubectl drain n1 --ignore-daemonset', 'kubectl drain n1 --ignore-daemonsets'),
    ).toContain('· kubectl refuses this: unknown flag --ignore-daemonset');
  });

  it('speaks Japanese, and wraps to the width', () => {
    expect(shown('kubectl get pods', 'kubectl get pods -n prod', 'ja')).toContain(
      '· 足りない: -n prod',
    );
    const narrow = shown(
      'kubectl create configmap c --from-literal=a=2',
      'kubectl create configmap c --from-literal=a=1',
      'en',
      30,
    );
    const at = narrow.findIndex((l) => l.startsWith('· other value'));
    expect(at).toBeGreaterThan(0);
    expect(narrow[at + 1]).toBeDefined();
    for (const l of narrow.slice(at, at + 3)) expect(l.length).toBeLessThanOrEqual(30);
  });

  it('adds nothing for answers that are not kubectl commands', () => {
    const lines = shown('Tokyo', 'Tokyo');
    expect(lines.some((l) => l.startsWith('· '))).toBe(false);
  });
});
