import path from 'node:path';
import { deviceIdFile, loadDeviceId } from '../../store/device.js';
import { CliError, type Context, PACKAGE_DIR } from '../context.js';
import { importAnki } from './importAnki.js';
import type { CommandContext } from './shared.js';

/** The interop commands' view of the context: printing, progress on stderr, the folders. */
function commandContext(ctx: Context): CommandContext {
  let shown = false;
  const stderr = ctx.io.stderr;
  return {
    io: {
      out: ctx.out,
      err: ctx.err,
      progress: (s) => {
        if (!stderr.isTTY) return;
        if (s === null) {
          if (shown) stderr.write('\r\u001B[K');
          shown = false;
          return;
        }
        shown = true;
        stderr.write(`\r${s}\u001B[K`);
      },
    },
    where: { decks: ctx.where.decks, data: ctx.where.data, source: ctx.where.decksFrom },
    bundledDecks: path.join(PACKAGE_DIR, 'decks'),
    decksNamed: ctx.where.decksFrom === 'flag' || ctx.where.decksFrom === 'env',
    display: ctx.display,
    device: () => loadDeviceId(deviceIdFile(ctx.env, ctx.io.home)),
  };
}

/** `kioku import anki FILE`, `kioku import obsidian VAULT`. */
export async function importCommand(ctx: Context): Promise<number> {
  const [from, file] = ctx.args as [string, string];
  const options = { dryRun: ctx.options['dry-run'], json: ctx.options.json };
  if (from === 'anki') return importAnki(commandContext(ctx), file, options);
  if (from === 'obsidian') {
    const { importObsidian } = await import('./importObsidian.js');
    return importObsidian(commandContext(ctx), file, options);
  }
  throw new CliError(
    `cannot import from "${from}". Use "kioku import anki FILE" (.apkg, .colpkg, .anki2) or "kioku import obsidian VAULT".`,
    2,
  );
}

/** `kioku export anki [DECK…] -o FILE.apkg`. */
export async function exportCommand(ctx: Context): Promise<number> {
  const [to, ...decks] = ctx.args as [string, ...string[]];
  if (to !== 'anki') {
    throw new CliError(
      `cannot export to "${to}". Use "kioku export anki [DECK…] -o FILE.apkg".`,
      2,
    );
  }
  if (!ctx.options.output) {
    throw new CliError(
      'export needs the file to write. Use "kioku export anki [DECK…] -o FILE.apkg".',
      2,
    );
  }
  const { exportAnki } = await import('./exportAnki.js');
  return exportAnki(commandContext(ctx), decks, {
    output: path.resolve(ctx.io.cwd, ctx.options.output),
    history: ctx.options.history !== false,
  });
}
