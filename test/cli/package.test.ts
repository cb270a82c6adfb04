import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('install hygiene', () => {
  it('runs no script when installed, from the registry, a tarball or a clone', () => {
    // prepare runs on `npm install` in a clone and from a git URL, and npm warns about it.
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook], hook).toBeUndefined();
    }
    // The package ships the built program instead: built when packed, and by
    // `npm start` in a clone when dist/ is missing or stale.
    expect(pkg.files).toContain('dist');
    expect(pkg.scripts.prepack).toMatch(/build/);
    expect(pkg.scripts.prestart).toMatch(/ensure-built/);
  });

  it('keeps npm pack output out of git', () => {
    const ignored = execFileSync('git', ['check-ignore', '--no-index', 'kioku-0.1.0.tgz'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(ignored.trim()).toBe('kioku-0.1.0.tgz');
  });

  it('has every platform’s optional packages in the lockfile, so npm install does not add them', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const wanted = (name: string) =>
      Object.keys(lock.packages[`node_modules/${name}`]?.optionalDependencies ?? {});
    for (const parent of ['@biomejs/biome', 'esbuild']) {
      const platforms = wanted(parent);
      expect(platforms.length, parent).toBeGreaterThan(0);
      for (const p of platforms) expect(lock.packages, p).toHaveProperty([`node_modules/${p}`]);
    }
  });
});
