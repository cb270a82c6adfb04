// `settings.json`: the user's settings, validated by the pure schema in
// model/settings.ts. Edited by people, so written indented and never lost.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../model/settings.js';
import { errorMessage, timestamp } from './files.js';

export const SETTINGS_FILE = 'settings.json';

/**
 * Reads `settings.json`, creating it with the defaults on first use so users can
 * see what there is to change. A file that is not JSON is kept aside, never
 * overwritten in place; a bad value keeps its default and is reported.
 */
export async function loadSettings(
  dir: string,
  options: { readOnly?: boolean; displayDir?: string } = {},
): Promise<{ settings: Settings; warnings: string[] }> {
  const file = path.join(path.resolve(dir), SETTINGS_FILE);
  const shown = path.join(options.displayDir ?? dir, SETTINGS_FILE);
  const db = new Low<unknown>(new JSONFile(file), null);
  const warnings: string[] = [];
  if (existsSync(file)) {
    try {
      await db.read();
      const { settings, problems } = readSettings(db.data);
      return { settings, warnings: problems.map((p) => `${shown}: ${p}`) };
    } catch (err) {
      if (options.readOnly) {
        return {
          settings: DEFAULT_SETTINGS,
          warnings: [`${shown} is not valid JSON; using the defaults`],
        };
      }
      const aside = `${file}.corrupt-${timestamp()}`;
      renameSync(file, aside);
      warnings.push(
        `${shown} is not valid JSON (${errorMessage(err)}); kept as ${path.basename(aside)}, using the defaults`,
      );
    }
  }
  if (!options.readOnly) {
    mkdirSync(path.dirname(file), { recursive: true });
    db.data = DEFAULT_SETTINGS;
    await db.write();
  }
  return { settings: DEFAULT_SETTINGS, warnings };
}

/**
 * Changes some settings in `settings.json`, keeping every other key as it is
 * (written to a temporary file and renamed, as lowdb does).
 */
export async function updateSettings(dir: string, changes: Partial<Settings>): Promise<void> {
  const file = path.join(path.resolve(dir), SETTINGS_FILE);
  const db = new Low<Record<string, unknown>>(new JSONFile(file), {});
  if (existsSync(file)) await db.read();
  db.data = { ...(db.data ?? {}), ...changes };
  await db.write();
}
