import { type CommandName, commandHelp, helpText } from '../args.js';
import { type Context, VERSION } from '../context.js';

/** `kioku help [COMMAND]`, `kioku --help`, `kioku COMMAND --help`. */
export async function help(ctx: Context, command?: CommandName): Promise<number> {
  const about = command ?? (ctx.args[0] as CommandName | undefined);
  ctx.out(about ? commandHelp(about) : helpText(VERSION));
  return 0;
}
