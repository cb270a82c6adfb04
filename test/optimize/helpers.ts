import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The binding's ESM entry in this checkout. */
export const BINDING_ENTRY = path.join(
  ROOT,
  'node_modules/@open-spaced-repetition/binding/dist/index.mjs',
);

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles src/optimize/worker.ts the way scripts/build.mjs does (ESM, the
 * binding external) into `dir`. A bundle outside the repo cannot resolve the
 * bare package name, so the import is pointed at `binding` by absolute URL: the
 * real entry, or a missing file to play an install without the binding.
 */
export async function bundleWorker(dir: string, binding = BINDING_ENTRY): Promise<string> {
  const outfile = path.join(dir, 'optimize-worker.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src/optimize/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    plugins: [
      {
        name: 'binding-path',
        setup(b) {
          b.onResolve({ filter: /^@open-spaced-repetition\/binding$/ }, () => ({
            path: pathToFileURL(binding).href,
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}

/** Writes a throwaway worker script (plain ESM) and returns its path. */
export function writeScript(dir: string, name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}
