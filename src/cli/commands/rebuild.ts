import { removeStartIndex } from '../../store/startIndex.js';
import { logFilesShown } from '../../store/store.js';
import type { Context } from '../context.js';
import { openData } from '../open.js';

/** `kioku rebuild`: recomputes the state file from the review log and says what differed. */
export async function rebuild(ctx: Context): Promise<number> {
  // Rebuilding reads only the log: no decks, so memory stays flat on a large log.
  const { store } = await openData(ctx, { readOnly: false });
  // Its counts came from the state this corrects.
  removeStartIndex(ctx.where.data);
  const logs = () => logFilesShown(ctx.display(ctx.where.data), Object.keys(store.logMark));
  try {
    if (store.replayedAtOpen) {
      // The state file was missing, unreadable or behind an edited or merged log:
      // opening already replayed the whole log, so there is nothing left to compare.
      ctx.out(
        `rebuilt the state file from ${logs()}: the old state file was missing or did not match the log`,
      );
      return 0;
    }
    const result = await store.rebuild();
    ctx.out(
      result.differing.length === 0
        ? `rebuilt ${result.cards} cards from ${logs()}: the state file matched the log`
        : `rebuilt ${result.cards} cards from ${logs()}: ${result.differing.length} card(s) differed from the state file and were corrected`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
