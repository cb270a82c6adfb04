import type { Context } from '../context.js';
import { runSession } from '../session.js';

/** `kioku review [DECK]`: reviews what is due, in every deck or in one deck or folder. */
export function review(ctx: Context): Promise<number> {
  const deck = ctx.args[0];
  return runSession(ctx, 'review', () => ({ screen: 'review', ...(deck ? { deck } : {}) }));
}
