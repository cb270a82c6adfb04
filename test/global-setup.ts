import { execFileSync } from 'node:child_process';

export default function setup() {
  // The end-to-end tests run dist/kioku.js: make sure it is built from this source.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
