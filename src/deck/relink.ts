import type { Card } from '../model/card.js';
import type { CardMeta } from '../model/record.js';
import { RELINK_THRESHOLD, similarity } from './identity.js';

export interface Relink {
  readonly from: string;
  readonly to: string;
  readonly similarity: number;
}

export interface Orphan {
  readonly id: string;
  readonly meta: CardMeta;
  /** Cards it resembles but could not be matched to unambiguously, best first. */
  readonly candidates: readonly { readonly id: string; readonly similarity: number }[];
}

/**
 * Matches history whose card no longer exists (its front was edited) to the
 * edited card. A match must be unambiguous: same deck, kind and sibling key,
 * similar text, and no other orphan or card competing for it. Everything else
 * stays an orphan for the user to re-link or drop. Pure.
 */
export function findRelinks(
  cards: readonly Card[],
  records: Readonly<Record<string, CardMeta>>,
): { relinks: Relink[]; orphans: Orphan[] } {
  const live = new Set(cards.map((c) => c.id));
  const orphanIds = Object.keys(records)
    .filter((id) => !live.has(id))
    .sort();
  if (orphanIds.length === 0) return { relinks: [], orphans: [] };

  // Candidates by deck, kind and sibling key: each orphan only looks at its own
  // group (10,000 cards and thousands of orphans would otherwise be quadratic).
  const unlinked = new Map<string, Card[]>();
  for (const c of cards) {
    if (records[c.id]) continue;
    const group = `${c.deck}\u0000${c.kind}\u0000${c.identityKey}`;
    const list = unlinked.get(group);
    if (list) list.push(c);
    else unlinked.set(group, [c]);
  }
  const matches = new Map<string, { id: string; similarity: number }[]>();
  const claims = new Map<string, number>();
  for (const orphanId of orphanIds) {
    const meta = records[orphanId]!;
    const found: { id: string; similarity: number }[] = [];
    for (const card of unlinked.get(`${meta.deck}\u0000${meta.kind}\u0000${meta.key}`) ?? []) {
      const s = similarity(meta.text, card.identityText.slice(0, 200));
      if (s >= RELINK_THRESHOLD) found.push({ id: card.id, similarity: s });
    }
    found.sort((a, b) => b.similarity - a.similarity);
    matches.set(orphanId, found);
    for (const f of found) claims.set(f.id, (claims.get(f.id) ?? 0) + 1);
  }

  const relinks: Relink[] = [];
  const orphans: Orphan[] = [];
  for (const orphanId of orphanIds) {
    const found = matches.get(orphanId)!;
    const only = found.length === 1 ? found[0]! : null;
    if (only && claims.get(only.id) === 1) {
      relinks.push({ from: orphanId, to: only.id, similarity: only.similarity });
    } else {
      orphans.push({ id: orphanId, meta: records[orphanId]!, candidates: found });
    }
  }
  return { relinks, orphans };
}

/** Identity fields recorded with each answer. */
export function cardMeta(card: Card): CardMeta {
  return {
    deck: card.deck,
    kind: card.kind,
    key: card.identityKey,
    text: card.identityText.slice(0, 200),
  };
}
