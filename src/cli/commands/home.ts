import type { Context } from '../context.js';
import { runSession } from '../session.js';

/** `kioku`: the deck list. */
export function home(ctx: Context): Promise<number> {
  return runSession(ctx, 'home', () => ({ screen: 'home' }));
}
