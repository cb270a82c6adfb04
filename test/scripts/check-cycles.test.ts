import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/check-cycles.mjs');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check(files: Record<string, string>) {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-cycles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return spawnSync(process.execPath, [script, dir], { encoding: 'utf8', cwd: dir });
}

describe('import-cycle check', () => {
  it('fails on a cycle made only of type imports, and prints it', () => {
    const r = check({
      'a/a.ts': "import type { B } from '../b.js';\nexport type A = { b: B };\n",
      'b.ts': "import type { A } from './a/a.js';\nexport type B = { a?: A };\n",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a/a.ts -> b.ts -> a/a.ts');
  });

  it('passes when the imports form no cycle, ignoring imports inside comments', () => {
    const r = check({
      'a.ts': "import { b } from './b.js';\nexport const a = b;\n",
      'b.ts': "// import { a } from './a.js';\nexport const b = 1;\n",
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('passes on the sources of kioku itself', () => {
    const r = spawnSync(process.execPath, [script, 'src'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
