import { inDeck } from '../../deck/tree.js';
import { drawExam } from '../../session/exam.js';
import { seededRandom } from '../../util/random.js';
import type { Context } from '../context.js';
import { runSession } from '../session.js';

/** `kioku exam [DECK] [--cards N] [--minutes M]`: a timed mock exam weighted like the CKA. */
export function exam(ctx: Context): Promise<number> {
  const deck = ctx.args[0];
  return runSession(ctx, 'exam', (opened, decks) => {
    const domains = new Map(decks.decks.map((d) => [d.name, d.meta.domain]));
    // One language per exam: the deck given, else the interface language's folder if there is one.
    const lang = ctx.language;
    const scope = deck ?? (decks.decks.some((d) => inDeck(d.name, lang)) ? lang : undefined);
    const cards = drawExam(
      decks.cards.filter(
        (c) => opened.store.cards[c.id]?.suspended !== true && (!scope || inDeck(c.deck, scope)),
      ),
      (card) => domains.get(card.deck),
      Number(ctx.options.cards ?? 40),
      seededRandom(Date.now()),
    );
    if (cards.length === 0) {
      ctx.err('kioku: no cards with a CKA domain: decks declare one in front matter (domain: …).');
      return 1;
    }
    return { screen: 'exam', cards, minutes: Number(ctx.options.minutes ?? 60) };
  });
}
