import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMANDS,
  type CommandName,
  commandHelp,
  helpText,
  OPTIONS,
  optionsOf,
  parseCli,
  usageOf,
  visibleCommands,
} from '../../src/cli/args.js';
import { completionScript } from '../../src/cli/commands/completion.js';
import { KIOKU } from '../e2e/tmux.js';
import { kiokuIn } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-help-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  mkdirSync(path.join(dir, 'decks', 'ja'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'kubectl.md'), 'Q: a\nA: b\n');
  writeFileSync(path.join(dir, 'decks', 'ja', 'ネットワーク.md'), 'Q: a\nA: b\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kioku = (...args: string[]) => kiokuIn(dir, args);

describe('help per command', () => {
  it('prints each command’s usage, arguments, options with defaults and examples', async () => {
    for (const command of visibleCommands()) {
      const r = await kioku(command, '--help');
      expect(r.status, command).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(
        `Usage: kioku ${command}${commandHelp(command).split('\n')[0]!.slice(`Usage: kioku ${command}`.length)}`,
      );
      expect(r.stdout).toContain(`Usage: kioku ${command}`);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout.match(/^ {2}kioku /gm)?.length ?? 0).toBeGreaterThanOrEqual(1);
      // Every option that applies is listed, with its default when it has one.
      for (const [name, spec] of optionsOf(command)) {
        expect(r.stdout, `${command} --${name}`).toContain(
          `--${name === 'color' ? '[no-]' : ''}${name}`,
        );
        if ('default' in spec && spec.default) {
          expect(r.stdout.replace(/\s+/g, ' ')).toContain(`default: ${spec.default}`);
        }
      }
      // No line wider than a terminal.
      for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      expect((await kioku('help', command)).stdout).toBe(r.stdout);
    }
  });

  it('answers --help whatever the arguments: relink and drop without their ids', async () => {
    for (const args of [
      ['relink', '--help'],
      ['drop', '-h'],
      ['show', '--help'],
      ['due', 'a', 'b', '--help'],
    ]) {
      const r = await kioku(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: kioku ${args[0]}`);
    }
    // Options that belong to another command do not stop --help either.
    expect((await kioku('review', '--json', '--help')).status).toBe(0);
  });

  it('lists every command in the global help, and refuses an unknown one with exit 2', async () => {
    const r = await kioku('--help');
    for (const c of visibleCommands()) expect(r.stdout).toContain(`  ${c}`);
    expect(r.stdout).toContain('Exit status: 0 success, 1 failure');
    const bad = await kioku('help', 'revew');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Did you mean "kioku help review"?');
  });

  it('derives validation from the same table: arity, values, applicability', () => {
    expect(parseCli(['relink', 'a'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('needs NEW'),
    });
    expect(parseCli(['completion', 'tcsh'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('kioku completion bash'),
    });
    expect(parseCli(['stats', '--width', '0'])).toMatchObject({ ok: false });
    expect(parseCli(['due', '--width', '100'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('kioku stats'),
    });
    for (const [name, spec] of Object.entries(OPTIONS)) {
      for (const command of Object.keys(COMMANDS) as CommandName[]) {
        if (command === 'home') continue;
        const applies =
          !('commands' in spec) || (spec.commands as readonly string[]).includes(command);
        const value = spec.type === 'string' ? [('choices' in spec ? spec.choices[0] : '5')!] : [];
        const parsed = parseCli([command, `--${name}`, ...value]);
        if (!applies) expect(parsed.ok, `${command} --${name}`).toBe(false);
      }
    }
  });
});

describe('kioku completion', () => {
  it('prints scripts for bash, zsh and fish naming every command and option', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await kioku('completion', shell);
      expect(r.status).toBe(0);
      for (const c of visibleCommands()) expect(r.stdout, `${shell} ${c}`).toContain(c);
      for (const name of Object.keys(OPTIONS)) {
        const flag = shell === 'fish' ? `-l ${name}` : `--${name}`;
        expect(r.stdout, `${shell} ${flag}`).toContain(flag);
      }
    }
    expect((await kioku('completion', 'bash')).stdout).toBe(`${completionScript('bash')}\n`);
  });

  it('passes bash -n, and completes commands, option values and deck names in bash', () => {
    const script = path.join(dir, 'kioku.bash');
    writeFileSync(script, completionScript('bash'));
    execFileSync('bash', ['-n', script]);
    // `kioku` on PATH for the deck names: the built program.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'kioku'),
      `#!/bin/sh\nexec "${process.execPath}" "${KIOKU}" "$@"\n`,
    );
    chmodSync(path.join(bin, 'kioku'), 0o755);
    const complete = (...words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kioku; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'complete',
          script,
          ...words,
        ],
        { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } },
      )
        .stdout.split('\n')
        .filter(Boolean);
    expect(complete('kioku', 'du')).toEqual(['due']);
    expect(complete('kioku', '--lang', '')).toEqual(['en', 'ja']);
    expect(complete('kioku', 'due', '--j')).toEqual(['--json']);
    expect(complete('kioku', 'check', '--w')).toEqual(['--watch']);
    expect(complete('kioku', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('kioku', 'review', '')).toEqual(['en', 'en/kubectl', 'ja', 'ja/ネットワーク']);
    expect(complete('kioku', 'review', 'ja/')).toEqual(['ja/ネットワーク']);
  });
});

const installed = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

describe.each(['zsh', 'fish'])('the %s script', (shell) => {
  it.skipIf(!installed(shell))('passes the shell’s own syntax check', () => {
    const script = path.join(dir, `kioku.${shell}`);
    writeFileSync(script, completionScript(shell as 'zsh' | 'fish'));
    const r = spawnSync(shell, ['-n', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('the README', () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

  it('has a section for every command, with the usage kioku help prints', () => {
    const headings = readme.split('\n').filter((l) => l.startsWith('### `kioku'));
    for (const command of visibleCommands()) {
      if (command === 'help') continue;
      const usage = usageOf(command);
      expect(
        headings.some(
          (h) =>
            h.includes(`\`${usage}`) || h.includes(`\`${usage.split(' ').slice(0, 2).join(' ')} `),
        ),
        usage,
      ).toBe(true);
    }
  });

  it('documents every option, and the exit codes help prints', () => {
    for (const name of Object.keys(OPTIONS))
      expect(readme, `--${name}`).toMatch(new RegExp(`--(\\[no-\\])?${name}\\b`));
    expect(readme).toMatch(/\| 0 \| success \|/);
    expect(readme).toMatch(/\| 1 \| failure/);
    expect(readme).toMatch(/\| 2 \| usage/);
    expect(helpTextFor()).toContain('Exit status: 0 success, 1 failure');
  });
});

function helpTextFor(): string {
  return commandHelp('help') + helpText('x');
}
