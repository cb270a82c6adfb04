import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generatorParameters } from 'ts-fsrs';
import { loadDecks } from '../../deck/load.js';
import {
  convertVault,
  syntaxFromSettings,
  type VaultFile,
} from '../../interop/obsidian/convert.js';
import { localTimeZone } from '../../schedule/day.js';
import { dayConfig } from '../../session/study.js';
import { loadSettings, ownLogFile } from '../../store/store.js';
import { neutralize } from '../../text/sanitize.js';
import { type ImportOptions, writableDecks, writeImport } from './importAnki.js';
import type { CommandContext } from './shared.js';

const MAX_FILE = 4 * 1024 * 1024;

/** Every Markdown note of the vault, skipping Obsidian's own folders and hidden ones. Only reads. */
function readVault(root: string): VaultFile[] {
  const out: VaultFile[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (
        e.isFile() &&
        e.name.toLowerCase().endsWith('.md') &&
        statSync(full).size <= MAX_FILE
      ) {
        out.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          text: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(root);
  return out;
}

/** `kioku import obsidian VAULT`: Spaced Repetition plugin cards and their schedules. */
export async function importObsidian(
  ctx: CommandContext,
  dir: string,
  options: ImportOptions,
): Promise<number> {
  const { io, display } = ctx;
  const decksDir = writableDecks(ctx);
  if (typeof decksDir !== 'string') {
    io.err(`kioku: ${decksDir.error}.`);
    return 2;
  }
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) {
    io.err(
      `kioku: ${neutralize(dir)} is not a folder. Use "kioku import obsidian VAULT" with the vault's folder.`,
    );
    return 2;
  }
  const existing = new Set<string>();
  for (const c of (await loadDecks({ root: decksDir, display })).cards) existing.add(c.id);
  const { settings } = await loadSettings(ctx.where.data, { readOnly: true });
  // The plugin's own settings, if the vault has them: its separators, tags and cloze styles.
  let pluginSettings: unknown = null;
  try {
    pluginSettings = JSON.parse(
      readFileSync(
        path.join(dir, '.obsidian', 'plugins', 'obsidian-spaced-repetition', 'data.json'),
        'utf8',
      ),
    );
  } catch {
    // No plugin settings, or unreadable ones: the plugin's defaults.
  }
  const result = convertVault(readVault(dir), {
    syntax: syntaxFromSettings(pluginSettings),
    weights: settings.weights.length > 0 ? settings.weights : generatorParameters().w,
    day: dayConfig(settings, localTimeZone()),
    existingCardIds: existing,
  });
  const dryRun = options.dryRun === true;
  const { files, fresh } = await writeImport(
    ctx,
    decksDir,
    result.decks,
    [],
    result.events,
    dryRun,
  );
  const s = result.summary;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          vault: dir,
          dryRun,
          summary: s,
          decksWritten: files.map((f) => ({
            deck: f.deck.name,
            file: display(f.target),
            notes: f.deck.notes,
            cards: f.deck.cards,
            appended: f.exists,
          })),
          eventsAdded: fresh.length,
          eventsAlreadyInLog: result.events.length - fresh.length,
          deckProblems: result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const kinds = Object.entries(s.cards)
    .filter(([, n]) => n > 0)
    .map(
      ([k, n]) =>
        `${n} ${k === 'basic' ? 'Q:' : k === 'reversible' ? 'R:' : k === 'typed' ? 'T:' : 'C:'}`,
    )
    .join(', ');
  const lines = [
    `${path.basename(path.resolve(dir))}: ${s.files} notes read, ${s.filesWithCards} with flashcards`,
    `  decks    ${s.decks}${files.length > 0 ? ` (${files.map((f) => `${f.deck.name}.md${f.exists ? ' +' : ''}`).join(', ')})` : ''}`,
    `  notes    ${s.notes}${s.notesExisting > 0 ? ` (${s.notesExisting} already in your decks, left as they are)` : ''}`,
    `  cards    ${kinds || '0'}`,
    `  state    ${s.statesSm2} from SM-2 schedules, ${s.statesFsrs} from FSRS schedules, ${s.newCards} new${s.unreadableSchedules > 0 ? `, ${s.unreadableSchedules} unreadable schedules left new` : ''}`,
    `  log      ${fresh.length} new events${result.events.length > fresh.length ? `, ${result.events.length - fresh.length} already imported` : ''}`,
  ];
  for (const l of lines) io.out(neutralize(l));
  for (const d of result.diagnostics)
    io.err(`kioku: warning: ${neutralize(`${d.file}:${d.line}: ${d.message}`)}`);
  if (dryRun) io.out('Dry run: nothing was written.');
  else
    io.out(
      `Added ${fresh.length} event(s) to ${display(ownLogFile(ctx.where.data, ctx.device))}. The vault was only read.`,
    );
  return 0;
}
