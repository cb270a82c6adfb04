import { helpText } from '../args.js';
import { type Context, VERSION } from '../context.js';

/** `kioku help`, `kioku --help`. */
export async function help(ctx: Context): Promise<number> {
  ctx.out(helpText(VERSION));
  return 0;
}
