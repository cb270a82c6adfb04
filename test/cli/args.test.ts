import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { locate } from '../../src/cli/paths.js';

describe('parseCli', () => {
  it('opens the deck list without a command', () => {
    expect(parseCli([])).toEqual({ ok: true, command: 'home', args: [], options: {} });
  });

  it('takes global flags before or after the command', () => {
    const a = parseCli(['--decks', 'd', 'check', '--json']);
    const b = parseCli(['check', '--json', '--decks=d']);
    expect(a).toEqual({
      ok: true,
      command: 'check',
      args: [],
      options: { decks: 'd', json: true },
    });
    expect(b).toEqual(a);
  });

  it('says what it received and what to type for a bad value', () => {
    expect(parseCli(['--lang', 'fr'])).toEqual({
      ok: false,
      error: 'Unexpected value "fr" for --lang. Use one of: --lang en, --lang ja.',
    });
    expect(parseCli(['--json=yes', 'check'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('Use "--json" or "--no-json" instead'),
    });
  });

  it('suggests the nearest option or command', () => {
    expect(parseCli(['--deck', 'x'])).toMatchObject({
      error: expect.stringContaining('"--decks"'),
    });
    expect(parseCli(['chek'])).toMatchObject({ error: expect.stringContaining('"kioku check"') });
  });

  it('needs a value after a string option', () => {
    expect(parseCli(['--data'])).toMatchObject({
      ok: false,
      error: 'Option --data needs a value. Use "--data DIR".',
    });
  });

  it('rejects options on commands they do not apply to, and extra arguments', () => {
    expect(parseCli(['review', '--json'])).toMatchObject({ ok: false });
    expect(parseCli(['review', 'a', 'b'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('Usage: kioku review [DECK]'),
    });
  });

  it('honours --no-color', () => {
    expect(parseCli(['--no-color'])).toMatchObject({ ok: true, options: { color: false } });
  });
});

describe('locate', () => {
  const base = {
    flags: {},
    env: {},
    cwd: '/work/repo',
    home: '/home/u',
    bundledDecks: '/pkg/decks',
    isDirectory: (p: string) => p === '/work/repo/decks',
  };

  it('uses ./decks and ./data in a deck repository', () => {
    expect(locate(base)).toEqual({
      decks: '/work/repo/decks',
      data: '/work/repo/data',
      decksFrom: 'cwd',
      dataFrom: 'cwd',
    });
  });

  it('falls back to the bundled decks and XDG data elsewhere', () => {
    const elsewhere = { ...base, cwd: '/tmp', isDirectory: () => false };
    expect(locate(elsewhere)).toMatchObject({
      decks: '/pkg/decks',
      data: '/home/u/.local/share/kioku',
    });
    expect(locate({ ...elsewhere, env: { XDG_DATA_HOME: '/x' } }).data).toBe('/x/kioku');
  });

  it('lets flags beat the environment, and the environment beat the directory', () => {
    const env = { KIOKU_DECKS: 'envdecks', KIOKU_DATA: '/envdata' };
    expect(locate({ ...base, env })).toMatchObject({
      decks: '/work/repo/envdecks',
      data: '/envdata',
    });
    expect(locate({ ...base, env, flags: { data: 'flagdata' } }).data).toBe('/work/repo/flagdata');
  });
});
