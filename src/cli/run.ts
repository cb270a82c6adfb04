import { DataError } from '../store/files.js';
import { DataLockedError } from '../store/lock.js';
import { neutralize } from '../text/sanitize.js';
import { type CommandName, parseCli } from './args.js';
import { CliError, type Context, makeContext, VERSION } from './context.js';
import type { CliIo, Env } from './io.js';

// Each command's module loads when it runs: importing them all made every
// command (and `--version`) pay for the deck parser, YAML, the importers and the
// optimizer, 15 MB and a bare node start's worth of time.
const COMMAND_RUNNERS: Record<CommandName, (ctx: Context) => Promise<number>> = {
  home: async (ctx) => (await import('./commands/home.js')).home(ctx),
  review: async (ctx) => (await import('./commands/review.js')).review(ctx),
  check: async (ctx) => (await import('./commands/check.js')).check(ctx),
  due: async (ctx) => (await import('./commands/due.js')).due(ctx),
  cram: async (ctx) => (await import('./commands/cram.js')).cram(ctx),
  exam: async (ctx) => (await import('./commands/exam.js')).exam(ctx),
  optimize: async (ctx) => (await import('./commands/optimize.js')).optimize(ctx),
  plan: async (ctx) => (await import('./commands/plan.js')).plan(ctx),
  stats: async (ctx) => (await import('./commands/stats.js')).stats(ctx),
  rebuild: async (ctx) => (await import('./commands/rebuild.js')).rebuild(ctx),
  relink: async (ctx) => (await import('./commands/relink.js')).relink(ctx),
  drop: async (ctx) => (await import('./commands/drop.js')).drop(ctx),
  help: async (ctx) => (await import('./commands/help.js')).help(ctx),
  completion: async (ctx) => (await import('./commands/completion.js')).completion(ctx),
  _decks: async (ctx) => (await import('./commands/completion.js')).decks(ctx),
  cards: async (ctx) => (await import('./commands/cards.js')).cards(ctx),
  show: async (ctx) => (await import('./commands/show.js')).show(ctx),
  import: async (ctx) => (await import('./commands/interop.js')).importCommand(ctx),
  export: async (ctx) => (await import('./commands/interop.js')).exportCommand(ctx),
  init: async (ctx) => (await import('./commands/init.js')).init(ctx),
  sync: async (ctx) => (await import('./commands/sync.js')).sync(ctx),
};

/**
 * The whole command line, minus the process: parses `argv` (without node and the
 * script), runs the command, and returns the exit code (0 success, 1 failure,
 * 2 usage). It never exits and never lets an error escape: the bin does the rest.
 */
export async function run(argv: readonly string[], io: CliIo, env: Env): Promise<number> {
  // Messages echo arguments, file and deck names: nothing in them may act on the terminal.
  const err = (line: string) => io.stderr.write(`kioku: ${neutralize(line)}\n`);
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
    if (options.help) {
      const { help } = await import('./commands/help.js');
      return await help(ctx, command === 'home' ? undefined : command);
    }
    return await COMMAND_RUNNERS[command](ctx);
  } catch (error) {
    if (error instanceof CliError) {
      err(error.message);
      return error.code;
    }
    if (error instanceof DataLockedError || error instanceof DataError) err(error.message);
    else err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
