import { DataLockedError } from '../store/lock.js';
import { type CommandName, parseCli } from './args.js';
import { cards } from './commands/cards.js';
import { check } from './commands/check.js';
import { completion, decks } from './commands/completion.js';
import { cram } from './commands/cram.js';
import { drop } from './commands/drop.js';
import { due } from './commands/due.js';
import { exam } from './commands/exam.js';
import { help } from './commands/help.js';
import { home } from './commands/home.js';
import { init } from './commands/init.js';
import { exportCommand, importCommand } from './commands/interop.js';
import { optimize } from './commands/optimize.js';
import { plan } from './commands/plan.js';
import { rebuild } from './commands/rebuild.js';
import { relink } from './commands/relink.js';
import { review } from './commands/review.js';
import { show } from './commands/show.js';
import { stats } from './commands/stats.js';
import { sync } from './commands/sync.js';
import { CliError, type Context, makeContext, VERSION } from './context.js';
import type { CliIo, Env } from './io.js';

const COMMAND_RUNNERS: Record<CommandName, (ctx: Context) => Promise<number>> = {
  home,
  review,
  check,
  due,
  cram,
  exam,
  optimize,
  plan,
  stats,
  rebuild,
  relink,
  drop,
  help,
  completion,
  _decks: decks,
  cards,
  show,
  import: importCommand,
  export: exportCommand,
  init,
  sync,
};

/**
 * The whole command line, minus the process: parses `argv` (without node and the
 * script), runs the command, and returns the exit code (0 success, 1 failure,
 * 2 usage). It never exits and never lets an error escape: the bin does the rest.
 */
export async function run(argv: readonly string[], io: CliIo, env: Env): Promise<number> {
  const err = (line: string) => io.stderr.write(`kioku: ${line}\n`);
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    err(parsed.error);
    return 2;
  }
  const { command, args, options } = parsed;
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    const ctx = makeContext(io, env, args, options);
    if (options.help) return await help(ctx, command === 'home' ? undefined : command);
    return await COMMAND_RUNNERS[command](ctx);
  } catch (error) {
    if (error instanceof CliError) {
      err(error.message);
      return error.code;
    }
    if (error instanceof DataLockedError) err(error.message);
    else err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
