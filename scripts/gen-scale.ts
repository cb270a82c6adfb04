// The data of a long-time user, for the benchmark and the start-up index tests:
// `decks` deck files of `cardsPerDeck` cards with explicit ids, in five folders,
// and a review log of `reviews` answers over the eleven months before `end`,
// scheduled by the real scheduler (fuzz off) with ratings from a seeded
// generator. Same arguments, same bytes: nothing here reads the clock.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDecks } from '../src/deck/load.js';
import type { Memory } from '../src/model/record.js';
import { DEFAULT_SETTINGS } from '../src/model/settings.js';
import { createScheduler, type Grade } from '../src/schedule/fsrs.js';
import { seededRandom } from '../src/util/random.js';

export interface ScaleOptions {
  readonly decks?: number;
  readonly cardsPerDeck?: number;
  readonly reviews?: number;
  /** The log ends just before this instant (the start of "today" in a benchmark). */
  readonly end: Date;
}

const DAY = 86_400_000;

interface GenCard {
  readonly id: string;
  readonly deck: string;
  readonly kind: string;
  readonly identityKey: string;
  readonly identityText: string;
}

/** Writes `decksDir/<folder>/<deck>.md`. */
export function generateDecks(decksDir: string, decks = 50, cardsPerDeck = 200): void {
  for (let d = 0; d < decks; d++) {
    const folder = `topic-${String(d % 5).padStart(2, '0')}`;
    const base = `deck-${String(d).padStart(3, '0')}`;
    const lines = ['---', `title: Generated deck ${d}`, 'lang: en', '---', ''];
    for (let i = 0; i < cardsPerDeck; i++) {
      if (i % 25 === 0) lines.push(`## Section ${i / 25}`, '');
      const id = `g${d}-${i}`;
      const k = i % 5;
      if (k === 0 || k === 3) {
        lines.push(
          `Q: What does object ${d}.${i} do in the cluster?`,
          `A: It answers ${i} requests per ${d} seconds.`,
        );
      } else if (k === 1) {
        lines.push(
          `T: Scale deployment web-${d}-${i} to 3 replicas`,
          `A: \`kubectl scale deployment web-${d}-${i} --replicas=3\``,
        );
      } else if (k === 2) {
        lines.push(`C: The {{port ${d}${i}}} of service ${d}-${i} is open`);
      } else {
        lines.push(
          `Q: Explain manifest ${d}-${i}`,
          'A: It runs one container.',
          '',
          '```yaml',
          `name: app-${d}-${i}`,
          'image: registry.example/app:1.0',
          '```',
        );
      }
      lines.push(`<!-- id: ${id} -->`, '');
    }
    mkdirSync(path.join(decksDir, folder), { recursive: true });
    writeFileSync(path.join(decksDir, folder, `${base}.md`), lines.join('\n'));
  }
}

/**
 * Writes `dataDir/reviews.jsonl`: each day new cards are introduced and the due
 * ones reviewed, as a steady user would, until `reviews` answers are logged.
 */
export function generateLog(
  dataDir: string,
  cards: readonly GenCard[],
  reviews: number,
  end: Date,
): { bytes: number; answers: number } {
  const day = { timeZone: 'UTC', rolloverHour: 4 };
  const scheduler = createScheduler({ ...DEFAULT_SETTINGS, fuzz: false }, day);
  const rand = seededRandom(17);
  const days = 334; // eleven months
  const first = Math.floor(end.getTime() / DAY) * DAY - days * DAY;
  const memory = new Map<string, Memory>();
  const byId = new Map(cards.map((c) => [c.id, c]));
  let introduced = 0;
  let written = 0;
  const out: string[] = [];
  const rating = (): Grade => {
    const r = rand();
    return (r < 0.1 ? 1 : r < 0.25 ? 2 : r < 0.9 ? 3 : 4) as Grade;
  };
  for (let d = 0; d < days && written < reviews; d++) {
    const budget = Math.ceil((reviews - written) / (days - d));
    const dayEnd = first + (d + 1) * DAY;
    // Due cards first (earliest first), then new ones, then the next due (studying ahead).
    const known = [...memory].sort((a, b) => (a[1].due < b[1].due ? -1 : 1));
    const today: string[] = [];
    for (const [id, m] of known) if (Date.parse(m.due) < dayEnd) today.push(id);
    const fresh = Math.min(40, cards.length - introduced);
    for (let i = 0; i < fresh; i++) today.push(cards[introduced + i]!.id);
    introduced += fresh;
    for (const [id, m] of known) if (Date.parse(m.due) >= dayEnd) today.push(id);
    const count = Math.min(budget, reviews - written);
    // Spread over the day from 08:00 UTC, a few seconds apart.
    let at = first + d * DAY + 8 * 3_600_000;
    for (let i = 0; i < count && today.length > 0; i++) {
      const id = today[i % today.length]!;
      const card = byId.get(id)!;
      at += 4000 + Math.floor(rand() * 8000);
      const when = new Date(at);
      const before = memory.get(id) ?? null;
      const r = rating();
      const after = scheduler.answer(before, when, r);
      memory.set(id, after);
      out.push(
        JSON.stringify({
          v: 1,
          id: `${at.toString(36)}-${(written % 1296).toString(36).padStart(2, '0')}${((written * 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
          at: when.toISOString(),
          type: 'answer',
          card: id,
          deck: card.deck,
          kind: card.kind,
          key: card.identityKey,
          text: card.identityText.slice(0, 200),
          rating: r,
          ms: 2000 + Math.floor(rand() * 9000),
          before,
          after,
        }),
      );
      written++;
    }
  }
  const text = `${out.join('\n')}\n`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'reviews.jsonl'), text);
  return { bytes: Buffer.byteLength(text), answers: written };
}

export async function generateScale(
  decksDir: string,
  dataDir: string,
  options: ScaleOptions,
): Promise<{ cards: number; bytes: number; answers: number }> {
  generateDecks(decksDir, options.decks ?? 50, options.cardsPerDeck ?? 200);
  // The parser's own ids and identities: what kioku will look the answers up by.
  const { cards } = await loadDecks({ root: decksDir });
  const log = generateLog(dataDir, cards, options.reviews ?? 100_000, options.end);
  return { cards: cards.length, ...log };
}
