// `npm start` in a clone: builds dist/ first when it is missing or older than
// the sources, so a fresh clone needs no build step at install time (the
// published package ships dist/ and runs no script at all).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(entry) {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

let built = 0;
try {
  built = statSync(path.join(root, 'dist', 'kioku.js')).mtimeMs;
} catch {
  // Not built yet.
}
const sources = ['src', 'scripts', 'decks', 'package.json'].map((p) => path.join(root, p));
if (built === 0 || sources.some((p) => newest(p) > built)) {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
