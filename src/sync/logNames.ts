/**
 * Names in the synced log folder (`data/log/`). Each device appends only to
 * `<device-id>.jsonl`, so no sync tool ever sees two writers on one file. A file
 * that is not named like that is either a copy a sync tool made when it did see
 * two writers (a device id copied to a second machine), or something else; the
 * reader skips both and says which. Pure.
 */

/** 16 lowercase hex digits: random, made once per machine. */
export const DEVICE_ID = /^[0-9a-f]{16}$/;

export const LOG_DIR = 'log';
export const LOG_EXT = '.jsonl';

export type LogName =
  | { readonly kind: 'device'; readonly device: string }
  | { readonly kind: 'conflict'; readonly tool: string }
  | { readonly kind: 'other' };

const CONFLICT_PATTERNS: readonly (readonly [RegExp, string])[] = [
  // name.sync-conflict-20260310-081500-ABCDEFG.jsonl
  [/\.sync-conflict-\d{8}-\d{6}(-[A-Z0-9]+)?/i, 'Syncthing'],
  // name (Bob's conflicted copy 2026-03-10).jsonl, Nextcloud's (conflicted copy 2026-03-10 081500)
  [/conflicted copy/i, 'Dropbox or Nextcloud'],
  // ownCloud: name_conflict-20260310-081500.jsonl
  [/_conflict-\d{8}-\d{6}/i, 'ownCloud'],
  // Resilio Sync
  [/\.conflict\d*\./i, 'Resilio Sync'],
  // iCloud Drive: "name 2.jsonl"
  [/^[^ ]+ \d+\.jsonl$/i, 'iCloud Drive'],
  // Google Drive and OneDrive keep both as "name (1).jsonl"
  [/ \(\d+\)\.jsonl$/i, 'Google Drive or OneDrive'],
  // OneDrive also appends the machine name: "name-LAPTOP.jsonl"
  [/^[0-9a-f]{16}-[^.]+\.jsonl$/i, 'OneDrive'],
];

export function classifyLogName(name: string): LogName {
  if (name.endsWith(LOG_EXT)) {
    const stem = name.slice(0, -LOG_EXT.length);
    if (DEVICE_ID.test(stem)) return { kind: 'device', device: stem };
  }
  for (const [pattern, tool] of CONFLICT_PATTERNS) {
    if (pattern.test(name)) return { kind: 'conflict', tool };
  }
  return { kind: 'other' };
}

/** True for any path that looks like a sync tool's conflict copy (deck files too). */
export function isConflictCopy(name: string): boolean {
  return classifyLogName(name).kind === 'conflict';
}

export function deviceLogName(device: string): string {
  if (!DEVICE_ID.test(device)) throw new Error(`not a device id: ${JSON.stringify(device)}`);
  return `${device}${LOG_EXT}`;
}

/** A fresh device id from 8 random bytes (the caller supplies them: the core has no randomness). */
export function makeDeviceId(bytes: Uint8Array): string {
  if (bytes.length !== 8) throw new Error('a device id takes 8 random bytes');
  return Buffer.from(bytes).toString('hex');
}
