import type { ImportOptions } from './importAnki.js';
import type { CommandContext } from './shared.js';

export async function importObsidian(
  ctx: CommandContext,
  _dir: string,
  _options: ImportOptions,
): Promise<number> {
  ctx.io.err('kioku: importing Obsidian vaults is not available yet.');
  return 1;
}
