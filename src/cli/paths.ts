import path from 'node:path';

export interface Locations {
  readonly decks: string;
  readonly data: string;
  /** Where each came from, for error messages. */
  readonly decksFrom: Source;
  readonly dataFrom: Source;
}

export type Source = 'flag' | 'env' | 'cwd' | 'default';

export interface LocateInput {
  readonly flags: { readonly decks?: string; readonly data?: string };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly home: string;
  /** Decks shipped with the package. */
  readonly bundledDecks: string;
  readonly isDirectory: (p: string) => boolean;
}

/**
 * Where decks and data live: flags, then KIOKU_DECKS / KIOKU_DATA, then
 * `./decks` + `./data` when the working directory has a `decks/` folder (a deck
 * repository), else the bundled decks and `$XDG_DATA_HOME/kioku`. Pure.
 */
export function locate(input: LocateInput): Locations {
  const { flags, env, cwd } = input;
  const resolve = (p: string) => path.resolve(cwd, p);
  const localDecks = path.join(cwd, 'decks');
  const inRepo = input.isDirectory(localDecks);
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  const defaultData = path.join(xdg ?? path.join(input.home, '.local', 'share'), 'kioku');

  const decks = flags.decks
    ? resolve(flags.decks)
    : env.KIOKU_DECKS
      ? resolve(env.KIOKU_DECKS)
      : inRepo
        ? localDecks
        : input.bundledDecks;
  const data = flags.data
    ? resolve(flags.data)
    : env.KIOKU_DATA
      ? resolve(env.KIOKU_DATA)
      : inRepo
        ? path.join(cwd, 'data')
        : defaultData;
  const from = (flag: string | undefined, envValue: string | undefined): Source =>
    flag ? 'flag' : envValue ? 'env' : inRepo ? 'cwd' : 'default';
  return {
    decks,
    data,
    decksFrom: from(flags.decks, env.KIOKU_DECKS),
    dataFrom: from(flags.data, env.KIOKU_DATA),
  };
}
