import type { CommandContext } from './shared.js';

export async function exportAnki(
  ctx: CommandContext,
  _decks: readonly string[],
  _options: { output: string; history: boolean },
): Promise<number> {
  ctx.io.err('kioku: exporting to Anki is not available yet.');
  return 1;
}
