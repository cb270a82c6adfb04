import { loadDecks } from '../../deck/load.js';
import { toJson } from '../../text/sanitize.js';
import { type Context, outputWidth, requireFolders } from '../context.js';
import { openData, statsFor } from '../open.js';

/** `kioku stats`: the statistics screen as text, or every figure as JSON. */
export async function stats(ctx: Context): Promise<number> {
  requireFolders(ctx, { decks: true });
  const decks = await loadDecks({ root: ctx.where.decks, display: ctx.display });
  const { settings, day, store } = await openData(ctx, { readOnly: true });
  try {
    const stats = statsFor(store, decks, settings, day, ctx.now());
    if (ctx.options.json) {
      ctx.out(toJson(stats, 2));
      return 0;
    }
    const { statsReport } = await import('../../ui/statsReport.js');
    const { MESSAGES } = await import('../../ui/i18n.js');
    // A pipe or a file gets whole lines, with the charts at their full width
    // (a year of weeks, two columns each).
    const width = outputWidth(ctx, null);
    for (const line of statsReport(stats, width ?? 120, MESSAGES[ctx.language], width !== null)) {
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
