import { logFilesShown } from '../../store/store.js';
import { neutralize } from '../../text/sanitize.js';
import type { Context } from '../context.js';
import { openData } from '../open.js';

/** `kioku drop OLD`: drops an orphaned history from the state; the log keeps it. */
export async function drop(ctx: Context): Promise<number> {
  const [from] = ctx.args as [string];
  const { store } = await openData(ctx, { readOnly: false });
  try {
    if (!store.cards[from]) {
      ctx.err(
        `kioku: no history for card "${neutralize(from)}". "kioku check" lists orphaned histories.`,
      );
      return 1;
    }
    const now = ctx.now();
    store.append('drop', { card: from }, now);
    ctx.out(
      `dropped the history of ${from} (it is still in ${logFilesShown(ctx.display(ctx.where.data), Object.keys(store.logMark))})`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
