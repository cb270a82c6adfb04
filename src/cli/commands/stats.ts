import { loadDecks } from '../../deck/load.js';
import { type Context, openData, statsFor } from '../context.js';

/** `kioku stats`: the statistics screen as text, or every figure as JSON. */
export async function stats(ctx: Context): Promise<number> {
  const decks = await loadDecks({ root: ctx.where.decks, display: ctx.display });
  const { settings, day, store } = await openData(ctx, { readOnly: true });
  try {
    const stats = statsFor(store, decks, settings, day);
    if (ctx.options.json) {
      ctx.out(JSON.stringify(stats, null, 2));
      return 0;
    }
    const { statsReport } = await import('../../ui/statsReport.js');
    const { MESSAGES } = await import('../../ui/i18n.js');
    const width = Math.min(ctx.io.stdout.columns || 80, 120);
    for (const line of statsReport(stats, width, MESSAGES[ctx.language])) {
      ctx.out(
        line
          .map((s) => s.text)
          .join('')
          .trimEnd(),
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
