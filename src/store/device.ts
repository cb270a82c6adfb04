// This machine's device id: random, made on first use, and kept in the user's
// state folder, outside any data folder, so that a copy of a synced folder on
// another machine never appends to this machine's log.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEVICE_ID, makeDeviceId } from '../sync/logNames.js';

/** `$XDG_STATE_HOME/kioku/device-id`, or `~/.local/state/kioku/device-id`. */
export function deviceIdFile(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  const state =
    env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)
      ? env.XDG_STATE_HOME
      : path.join(home, '.local', 'state');
  return path.join(state, 'kioku', 'device-id');
}

/** Reads the device id, making it the first time (two kiokus starting at once agree on one). */
export function loadDeviceId(file: string): string {
  const read = () => {
    try {
      const id = readFileSync(file, 'utf8').trim();
      return DEVICE_ID.test(id) ? id : null;
    } catch {
      return null;
    }
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const fresh = makeDeviceId(randomBytes(8));
  try {
    writeFileSync(file, `${fresh}\n`, { flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const other = read();
  if (other) return other;
  // The file is there but not an id (edited by hand): replace it, saying nothing
  // is lost, as the id names only which file this machine appends to.
  writeFileSync(file, `${fresh}\n`);
  return fresh;
}
