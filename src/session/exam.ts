import type { Card } from '../model/card.js';
import {
  type DomainScore,
  EXAM_WEIGHTS,
  type ExamCard,
  type ExamScore,
  PASS_MARK,
} from '../model/exam.js';
import { shuffle } from '../util/random.js';

/**
 * Draws `count` cards for a mock exam: per domain in proportion to its weight
 * (largest remainder), at most one card per note (a reversible card's other
 * side or a cloze sibling would give the answer away), shuffled. A domain with
 * too few cards gives its share to the others. Pure: randomness is passed in.
 */
export function drawExam(
  cards: readonly Card[],
  domainOf: (card: Card) => string | undefined,
  count: number,
  random: () => number,
): ExamCard[] {
  const pools = new Map<string, Card[]>();
  const families = new Set<string>();
  for (const card of shuffle(cards, random)) {
    const domain = domainOf(card);
    if (!domain || !(domain in EXAM_WEIGHTS) || families.has(card.familyId)) continue;
    families.add(card.familyId);
    const pool = pools.get(domain) ?? [];
    pool.push(card);
    pools.set(domain, pool);
  }
  const available = [...pools.values()].reduce((n, p) => n + p.length, 0);
  let wanted = Math.min(count, available);
  const take = new Map<string, number>();
  // Share out by weight, over the domains that still have cards, until all are placed.
  while (wanted > 0) {
    const open = [...pools].filter(([d, p]) => p.length > (take.get(d) ?? 0));
    const weight = open.reduce((w, [d]) => w + (EXAM_WEIGHTS[d] ?? 0), 0);
    const shares = open.map(([d, p]) => {
      const exact = (wanted * (EXAM_WEIGHTS[d] ?? 0)) / weight;
      const room = p.length - (take.get(d) ?? 0);
      return { d, whole: Math.min(room, Math.floor(exact)), rest: exact - Math.floor(exact), room };
    });
    let placed = shares.reduce((n, s) => n + s.whole, 0);
    for (const s of [...shares].sort((a, b) => b.rest - a.rest)) {
      if (placed >= wanted) break;
      if (s.whole < s.room) {
        s.whole++;
        placed++;
      }
    }
    if (placed === 0) break;
    for (const s of shares) take.set(s.d, (take.get(s.d) ?? 0) + s.whole);
    wanted -= placed;
  }
  const drawn: ExamCard[] = [];
  for (const [domain, n] of take) {
    for (const card of pools.get(domain)!.slice(0, n)) drawn.push({ card, domain });
  }
  return shuffle(drawn, random);
}

/** Scores a mock exam; unanswered cards count as wrong, as in the real exam. Pure. */
export function scoreExam(
  exam: readonly ExamCard[],
  results: ReadonlyMap<string, boolean>,
): ExamScore {
  const byDomain = new Map<string, { correct: number; total: number }>();
  const missed = new Map<string, number>();
  let correct = 0;
  for (const { card, domain } of exam) {
    const ok = results.get(card.id) === true;
    const d = byDomain.get(domain) ?? { correct: 0, total: 0 };
    d.total++;
    if (ok) {
      d.correct++;
      correct++;
    } else {
      const section = [card.deck, ...card.headings.slice(0, 2)].join(' › ');
      missed.set(section, (missed.get(section) ?? 0) + 1);
    }
    byDomain.set(domain, d);
  }
  const domains: DomainScore[] = Object.keys(EXAM_WEIGHTS)
    .filter((d) => byDomain.has(d))
    .map((domain) => {
      const d = byDomain.get(domain)!;
      return { domain, weight: EXAM_WEIGHTS[domain]!, ...d, rate: d.correct / d.total };
    });
  const weight = domains.reduce((w, d) => w + d.weight, 0);
  const score = weight === 0 ? 0 : domains.reduce((s, d) => s + d.weight * d.rate, 0) / weight;
  return {
    score,
    passed: score >= PASS_MARK,
    correct,
    total: exam.length,
    answered: exam.filter((e) => results.has(e.card.id)).length,
    domains,
    weakest: domains
      .filter((d) => d.rate < PASS_MARK)
      .sort((a, b) => a.rate - b.rate || b.weight - a.weight)
      .map((d) => d.domain),
    weakSections: [...missed]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([section, n]) => ({ section, missed: n })),
  };
}
