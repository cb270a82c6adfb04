import path from 'node:path';
import { readLogEvents, SETTINGS_FILE, updateSettings } from '../../store/store.js';
import type { Context } from '../context.js';
import { openData } from '../open.js';

/** `kioku optimize`: fits FSRS parameters to the review log; saves them only if better. */
export async function optimize(ctx: Context): Promise<number> {
  const { where, display, io } = ctx;
  // The store is opened for writing so that no other kioku changes the log meanwhile.
  const { settings, day, store } = await openData(ctx, { readOnly: false });
  try {
    const { optimize, shouldSave } = await import('../../optimize/run.js');
    const tty = io.stderr.isTTY;
    let lastShown = -1;
    const result = await optimize({
      events: readLogEvents(store.dir),
      day,
      currentWeights: settings.weights,
      numRelearningSteps: settings.relearningSteps.length,
      onProgress: ({ current, total }) => {
        const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
        if (pct === lastShown) return;
        lastShown = pct;
        const bar = `${'█'.repeat(Math.floor(pct / 5))}${'░'.repeat(20 - Math.floor(pct / 5))}`;
        if (tty) io.stderr.write(`\roptimizing ${bar} ${pct}%`);
        else if (pct % 25 === 0) ctx.err(`optimizing… ${pct}%`);
      },
    });
    if (tty && lastShown >= 0) io.stderr.write('\n');
    const metrics = (m: { logLoss: number; rmse: number }) =>
      `log loss ${m.logLoss.toFixed(4)}, RMSE(bins) ${(m.rmse * 100).toFixed(2)}%`;
    switch (result.outcome) {
      case 'too-few':
        ctx.out(`${result.message} Nothing was changed.`);
        return 0;
      case 'unavailable':
      case 'failed':
        ctx.err(`kioku: ${result.message}. Nothing was changed.`);
        return 1;
      default:
        ctx.out(
          `before: ${metrics(result.before)}  (${settings.weights.length > 0 ? 'your parameters' : 'default parameters'})`,
        );
        ctx.out(
          `after:  ${metrics(result.after)}  (fitted to ${result.data.reviews} reviews of ${result.data.cards} cards)`,
        );
        if (shouldSave(result)) {
          await updateSettings(where.data, { weights: [...result.weights] });
          ctx.out(`saved the new parameters to ${display(path.join(where.data, SETTINGS_FILE))}`);
        } else {
          ctx.out('the fitted parameters are not better than the ones in use; nothing was changed');
        }
        return 0;
    }
  } finally {
    await store.close();
  }
}
