import { describe, expect, it } from 'vitest';
import { collectDecks } from '../../src/deck/collection.js';
import { parseDeck } from '../../src/deck/parse.js';
import { EXAM_WEIGHTS } from '../../src/model/exam.js';
import { drawExam, scoreExam } from '../../src/session/exam.js';
import { seededRandom } from '../../src/util/random.js';

const DOMAINS = Object.keys(EXAM_WEIGHTS);
function decks(perDomain: Record<string, number>) {
  return collectDecks(
    Object.entries(perDomain).map(([domain, n]) =>
      parseDeck({
        name: domain,
        file: `${domain}.md`,
        source: [
          `---\nlang: en\ndomain: ${domain}\n---`,
          ...Array.from({ length: n }, (_, i) => `# S${i % 2}\nQ: ${domain} ${i}?\nA: ${i}\n`),
        ].join('\n'),
      }),
    ),
  );
}
const domainOf = (card: { deck: string }) => card.deck;

describe('mock exam draw', () => {
  it('weights the draw like the CKA domains', () => {
    const set = decks(Object.fromEntries(DOMAINS.map((d) => [d, 50])));
    const exam = drawExam(set.cards, domainOf, 40, seededRandom(1));
    const count = (d: string) => exam.filter((e) => e.domain === d).length;
    expect(exam).toHaveLength(40);
    expect(DOMAINS.map(count)).toEqual([12, 10, 8, 6, 4]);
    expect(new Set(exam.map((e) => e.card.id)).size).toBe(40);
  });

  it('gives a small domain’s share to the others, and never asks two cards of one note', () => {
    const set = collectDecks([
      ...decks({ troubleshooting: 50, architecture: 50, networking: 50, workloads: 50 }).decks,
      parseDeck({
        name: 'storage',
        file: 'storage.md',
        source:
          '---\nlang: en\ndomain: storage\n---\nR: PersistentVolumeClaim\nA: a request for storage\n',
      }),
    ]);
    const exam = drawExam(set.cards, domainOf, 40, seededRandom(2));
    expect(exam).toHaveLength(40);
    expect(exam.filter((e) => e.domain === 'storage')).toHaveLength(1);
    expect(new Set(exam.map((e) => e.card.familyId)).size).toBe(40);
  });

  it('skips cards without a domain and draws what there is when asked for more', () => {
    const set = collectDecks([
      ...decks({ networking: 3 }).decks,
      parseDeck({ name: 'misc', file: 'misc.md', source: 'Q: no domain\nA: x\n' }),
    ]);
    expect(
      drawExam(set.cards, (c) => (c.deck === 'misc' ? undefined : c.deck), 40, seededRandom(3)),
    ).toHaveLength(3);
  });
});

describe('mock exam score', () => {
  it('weights by domain, counts unanswered as wrong, and names the weakest areas', () => {
    const set = decks({ troubleshooting: 4, storage: 2 });
    const exam = drawExam(set.cards, domainOf, 6, seededRandom(4));
    const ts = exam.filter((e) => e.domain === 'troubleshooting');
    const st = exam.filter((e) => e.domain === 'storage');
    const results = new Map<string, boolean>([
      [ts[0]!.card.id, true],
      [ts[1]!.card.id, true],
      [ts[2]!.card.id, true],
      [st[0]!.card.id, false],
    ]);
    const score = scoreExam(exam, results);
    // troubleshooting 3/4 (weight .3), storage 0/2 (weight .1): (0.3*0.75 + 0.1*0) / 0.4.
    expect(score.score).toBeCloseTo(0.5625, 6);
    expect(score.passed).toBe(false);
    expect(score).toMatchObject({ correct: 3, total: 6, answered: 4, weakest: ['storage'] });
    expect(score.domains.map((d) => [d.domain, d.correct, d.total])).toEqual([
      ['troubleshooting', 3, 4],
      ['storage', 0, 2],
    ]);
    expect(score.weakSections[0]).toMatchObject({ missed: expect.any(Number) });
  });
});
