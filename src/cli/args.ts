/**
 * The command line, declared once as data: commands, their arguments and
 * options. Parsing (validation), `--help` and the shell completion scripts are
 * all derived from these two tables. `parseCli` is pure so tests can feed it
 * strings; only the bin exits.
 */

/** What a shell may offer for a value: deck names, files, folders, or a fixed list. */
export type Complete = 'deck' | 'file' | 'dir' | 'command' | readonly string[];

export interface ArgSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  /** Takes any number of values (only the last argument). */
  readonly variadic?: boolean;
  readonly complete?: Complete;
}

export interface CommandSpec {
  readonly summary: string;
  /** More about it, for `kioku help CMD`. */
  readonly description?: string;
  readonly args: readonly ArgSpec[];
  readonly examples: readonly (readonly [string, string])[];
  /** Not listed as a command (`kioku` alone opens it). */
  readonly hidden?: boolean;
}

const deckArg: ArgSpec = {
  name: 'DECK',
  description: 'a deck (en/kubectl) or a folder of decks (en); default: every deck',
  complete: 'deck',
};

export const COMMANDS = {
  home: {
    summary: 'the deck list: pick a deck, review, browse and search',
    args: [],
    examples: [['kioku', 'open the deck list']],
    hidden: true,
  },
  review: {
    summary: 'review due cards (all decks, or one deck or folder)',
    description:
      'Shows each due card, then its answer; rate it 1 Again, 2 Hard, 3 Good, 4 Easy. Every answer is saved as it is given. Needs a terminal.',
    args: [deckArg],
    examples: [
      ['kioku review', 'review everything due today'],
      ['kioku review ja', 'only the decks under ja/'],
      ['kioku review en/kubectl', 'one deck'],
    ],
  },
  cram: {
    summary: 'review any cards, due or not, without changing their schedule',
    args: [deckArg],
    examples: [
      ['kioku cram en/storage-config', 'every card of a deck, shuffled'],
      ['kioku cram --tag rbac', 'every card tagged rbac'],
    ],
  },
  exam: {
    summary: 'a timed mock exam weighted like the CKA domains',
    args: [deckArg],
    examples: [
      ['kioku exam', '40 questions in 60 minutes, in your interface language'],
      ['kioku exam ja --cards 20 --minutes 30', 'a shorter one in Japanese'],
    ],
  },
  due: {
    summary: 'print what is due now, per deck and in total',
    description:
      'Each deck\'s numbers are what "kioku review DECK" would start with now; the total is what "kioku review" would. A daily limit shared by a folder (the global 20 new cards a day) applies to each deck alone, so the decks can add up to more than the total.',
    args: [deckArg],
    examples: [
      ['kioku due', 'a table of every deck'],
      ['kioku due ja --json', 'the Japanese decks, as JSON'],
      ['kioku due --json | jq .review', 'reviews due, for a shell prompt'],
    ],
  },
  cards: {
    summary: 'list the cards matching a query, with their schedule',
    description:
      'The query is the browse screen\'s: words match front, back, headings and tags; tag:T, deck:D, is:new|learning|review|suspended|leech|buried, due:today|overdue|<N; -TERM negates; "quoted phrases" match whole. Several terms must all match.',
    args: [
      {
        name: 'QUERY',
        description: 'the search (quote it as one argument, or give several words)',
        variadic: true,
      },
    ],
    examples: [
      ['kioku cards', 'every card'],
      ["kioku cards 'deck:ja is:review due:<7'", 'Japanese reviews due within a week'],
      ['kioku cards is:leech --json | jq -r .file', 'where the leeches are'],
    ],
  },
  show: {
    summary: 'print the card(s) at FILE[:LINE] as the review screen draws them',
    args: [
      {
        name: 'FILE[:LINE]',
        description: 'a deck file; with :LINE, the card at or around that line',
        required: true,
        complete: 'file',
      },
    ],
    examples: [
      ['kioku show decks/en/kubectl.md:12', 'the card at line 12'],
      ['kioku show decks/en/kubectl.md', 'every card of the file'],
    ],
  },
  plan: {
    summary: 'plan toward an exam date: new cards a day, workload, predicted recall',
    description:
      'Simulates every day until the exam with FSRS (your own parameters once "kioku optimize" has fitted them): the new cards a day needed to see every card --lead days before the exam, the reviews and minutes each day, and the predicted recall on exam day, overall and per CKA domain. --apply saves the plan so the daily new-card limit follows it; --clear removes it.',
    args: [deckArg],
    examples: [
      [
        'kioku plan --exam 2027-01-15',
        'the plan for an exam on 15 January, all decks of your language',
      ],
      ['kioku plan --exam 2027-01-15 en --minutes 30', 'what fits in 30 minutes a day'],
      ['kioku plan --exam 2027-01-15 --apply', 'save it: the daily new-card limit follows it'],
    ],
  },
  stats: {
    summary: 'print statistics (review calendar, forecast, retention…)',
    args: [],
    examples: [
      ['kioku stats', 'the statistics screen, as text'],
      ['kioku stats --json', 'every figure as JSON'],
      ['kioku stats --width 100 | less', 'charts 100 columns wide'],
    ],
  },
  check: {
    summary: 'check decks for errors; exit 1 when there are any',
    description:
      'Prints file:line:column: error|warning: message lines and a summary. With --watch, checks again on every save (as tsc --watch does).',
    args: [
      {
        name: 'PATH',
        description: 'deck files or folders; default: the decks folder',
        variadic: true,
        complete: 'file',
      },
    ],
    examples: [
      ['kioku check', 'every deck'],
      ['kioku check --watch decks/en/my-deck.md', 'live diagnostics while you write'],
      ['kioku check --json', 'the diagnostics as JSON'],
    ],
  },
  optimize: {
    summary: 'fit FSRS parameters to your own review log (saved only if better)',
    args: [],
    examples: [['kioku optimize', 'fit, compare, and save if better']],
  },
  rebuild: {
    summary: 'recompute the state file from the review log',
    args: [],
    examples: [['kioku rebuild', 'after editing or merging a log file by hand']],
  },
  relink: {
    summary: 'move an orphaned history (OLD id) to a card (NEW id)',
    args: [
      { name: 'OLD', description: 'the id of the orphaned history', required: true },
      { name: 'NEW', description: 'the id of the card to give it to', required: true },
    ],
    examples: [['kioku relink 3f9a0c1b7d2e 8c41d2a9e0f3', '"kioku check" lists orphans']],
  },
  drop: {
    summary: 'drop an orphaned history from the state (it stays in the log)',
    args: [{ name: 'OLD', description: 'the id of the orphaned history', required: true }],
    examples: [['kioku drop 3f9a0c1b7d2e', 'forget a deleted card’s history']],
  },
  import: {
    summary: 'an Anki file with its history, or an Obsidian vault, as decks',
    description:
      "anki FILE: an .apkg, .colpkg or .anki2 (every package version Anki writes); notes become Markdown decks, the review log becomes your history, Anki's FSRS memory and due dates are kept. obsidian VAULT: Spaced Repetition plugin cards and their schedules; the vault is only read. Importing again adds only what is new; deck files that exist are never rewritten. See docs/interop.md.",
    args: [
      {
        name: 'FROM',
        description: 'anki or obsidian',
        required: true,
        complete: ['anki', 'obsidian'],
      },
      {
        name: 'PATH',
        description: 'the Anki file, or the vault folder',
        required: true,
        complete: 'file',
      },
    ],
    examples: [
      ['kioku import anki collection.colpkg --dry-run', 'what it would import'],
      ['kioku import anki collection.colpkg', 'import the decks and the history'],
      ['kioku import obsidian ~/vault', 'cards tagged #flashcards'],
    ],
  },
  export: {
    summary: 'decks and their history as an Anki package (.apkg)',
    description:
      "Writes a package every Anki since 2.1 opens (Legacy2: schema 11, schedVer 2), with the cards' scheduling and every answer as a review. Anki takes scheduling and reviews only for cards it does not have yet.",
    args: [
      { name: 'TO', description: 'anki', required: true, complete: ['anki'] },
      {
        name: 'DECK',
        description: 'decks or folders; default: every deck',
        variadic: true,
        complete: 'deck',
      },
    ],
    examples: [
      ['kioku export anki -o kioku.apkg', 'every deck, with history'],
      ['kioku export anki en --no-history -o en.apkg', 'the English decks, cards only'],
    ],
  },
  completion: {
    summary: 'print a shell completion script (bash, zsh or fish)',
    args: [
      {
        name: 'SHELL',
        description: 'bash, zsh or fish',
        required: true,
        complete: ['bash', 'zsh', 'fish'],
      },
    ],
    examples: [
      ['kioku completion bash > ~/.local/share/bash-completion/completions/kioku', 'bash'],
      ['kioku completion zsh > ~/.zfunc/_kioku', 'zsh, with fpath+=~/.zfunc in ~/.zshrc'],
      ['kioku completion fish > ~/.config/fish/completions/kioku.fish', 'fish'],
    ],
  },
  init: {
    summary: 'make a deck repository for your own decks, ready to sync',
    description:
      'Makes DIR (default: here) a deck repository: decks/ with a short example deck, data/ laid out for syncing (one log file per device in data/log/), a .gitignore and a .stignore (Syncthing) for the caches, lock and leftovers, a .gitattributes with a union merge on the logs, a README, and a git repository with a first commit when git is installed. Never overwrites a file; run again, it adds what is missing.',
    args: [{ name: 'DIR', description: 'the folder (made if missing)', complete: 'dir' }],
    examples: [
      ['kioku init ~/decks', 'a new deck repository'],
      ['kioku init --with-bundled', 'here, with the bundled decks copied in to edit'],
    ],
  },
  sync: {
    summary: 'in a deck repository: commit answers and deck edits, pull --rebase, push',
    description:
      'Commits the log files, settings.json and the deck files, rebases onto the remote branch and pushes, then says what came in and went out. A deck file edited on both sides stops it with the file named and git’s instructions; the logs never conflict. Without a remote it says how to add one.',
    args: [],
    examples: [['kioku sync', 'before and after you study, on each machine']],
  },
  _decks: {
    summary: 'deck and folder names, one a line (for the completion scripts)',
    args: [],
    examples: [['kioku _decks', 'every deck and folder name']],
    hidden: true,
  },
  help: {
    summary: 'show help, or one command’s help',
    args: [{ name: 'COMMAND', description: 'a command', complete: 'command' }],
    examples: [
      ['kioku help', 'every command'],
      ['kioku help due', 'one command (as "kioku due --help")'],
    ],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
const COMMAND_SPECS: Record<CommandName, CommandSpec> = COMMANDS;

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's placeholder in help (DIR, N). */
  readonly value?: string;
  readonly choices?: readonly string[];
  /** A whole number from 1 up. */
  readonly integer?: boolean;
  readonly description: string;
  /** Shown as "(default: …)". */
  readonly default?: string;
  /** Commands it applies to; absent: every command. */
  readonly commands?: readonly CommandName[];
  readonly complete?: Complete;
}

export const OPTIONS = {
  decks: {
    type: 'string',
    value: 'DIR',
    description: 'decks folder (env KIOKU_DECKS)',
    default: './decks if there is one, else the bundled decks',
    complete: 'dir',
  },
  data: {
    type: 'string',
    value: 'DIR',
    description: 'data folder: review log, state, settings (env KIOKU_DATA)',
    default: './data beside ./decks, else $XDG_DATA_HOME/kioku',
    complete: 'dir',
  },
  lang: {
    type: 'string',
    value: 'LANG',
    choices: ['en', 'ja'],
    description: 'interface language',
    default: 'from LC_ALL, LC_MESSAGES or LANG',
  },
  color: {
    type: 'boolean',
    description: 'colour output (--no-color or NO_COLOR turns it off)',
    default: 'on a terminal',
  },
  width: {
    type: 'string',
    value: 'N',
    integer: true,
    description: 'columns to fit the output to',
    default: 'the terminal’s width; unlimited on a pipe or file',
    commands: ['stats', 'cards', 'show', 'plan'],
  },
  'with-bundled': {
    type: 'boolean',
    description: 'copy the decks that come with kioku into the new repository',
    commands: ['init'],
  },
  json: {
    type: 'boolean',
    description: 'print JSON (cards: one object per line)',
    commands: ['check', 'due', 'stats', 'cards', 'plan', 'import'],
  },
  'dry-run': {
    type: 'boolean',
    description: 'say what the import would do, and write nothing',
    commands: ['import'],
  },
  output: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'the package to write',
    commands: ['export'],
    complete: 'file',
  },
  history: {
    type: 'boolean',
    description: 'include the review history (--no-history: cards and schedules only)',
    default: 'on',
    commands: ['export'],
  },
  watch: {
    type: 'boolean',
    short: 'w',
    description: 'check again on every change, until interrupted',
    commands: ['check'],
  },
  tag: {
    type: 'string',
    value: 'TAG',
    description: 'only cards with this tag',
    commands: ['cram'],
  },
  cards: {
    type: 'string',
    value: 'N',
    integer: true,
    description: 'questions in the mock exam',
    default: '40',
    commands: ['exam'],
  },
  minutes: {
    type: 'string',
    value: 'M',
    integer: true,
    description: 'exam: time for the mock exam; plan: minutes a day to fit the plan into',
    default: '60',
    commands: ['exam', 'plan'],
  },
  exam: {
    type: 'string',
    value: 'DATE',
    description: 'the exam date, YYYY-MM-DD',
    commands: ['plan'],
  },
  new: {
    type: 'string',
    value: 'N',
    integer: true,
    description: 'new cards a day to plan with (instead of solving for them)',
    commands: ['plan'],
  },
  lead: {
    type: 'string',
    value: 'N',
    integer: true,
    description: 'see every card at least N days before the exam',
    default: '7',
    commands: ['plan'],
  },
  apply: {
    type: 'boolean',
    description: 'save the plan: the daily new-card limit follows it',
    commands: ['plan'],
  },
  clear: {
    type: 'boolean',
    description: 'remove the saved plan (the new-card limit goes back)',
    commands: ['plan'],
  },
  help: { type: 'boolean', short: 'h', description: 'show help (for a command: its help)' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
export const OPTION_SPECS: Record<OptionName, OptionSpec> = OPTIONS;

export interface CliOptions {
  decks?: string;
  data?: string;
  lang?: 'en' | 'ja';
  color?: boolean;
  width?: string;
  json?: boolean;
  watch?: boolean;
  tag?: string;
  cards?: string;
  minutes?: string;
  exam?: string;
  new?: string;
  lead?: string;
  apply?: boolean;
  clear?: boolean;
  'dry-run'?: boolean;
  output?: string;
  history?: boolean;
  'with-bundled'?: boolean;
  help?: boolean;
  version?: boolean;
}

export type Parsed =
  | {
      readonly ok: true;
      readonly command: CommandName;
      readonly args: string[];
      readonly options: CliOptions;
    }
  | { readonly ok: false; readonly error: string };

/** The options a command takes, its own first, then the global ones. */
export function optionsOf(command: CommandName): [OptionName, OptionSpec][] {
  const all = Object.entries(OPTION_SPECS) as [OptionName, OptionSpec][];
  return [
    ...all.filter(([, s]) => s.commands?.includes(command)),
    ...all.filter(([, s]) => !s.commands),
  ];
}

/** Commands listed in help and completion. */
export function visibleCommands(): CommandName[] {
  return (Object.keys(COMMAND_SPECS) as CommandName[]).filter((c) => !COMMAND_SPECS[c].hidden);
}

/** `[DECK]`, `OLD NEW`, `[PATH…]`. */
export function argsUsage(command: CommandName): string {
  return COMMAND_SPECS[command].args
    .map((a) => {
      const name = a.variadic ? `${a.name}…` : a.name;
      return a.required ? name : `[${name}]`;
    })
    .join(' ');
}

export function usageOf(command: CommandName): string {
  return ['kioku', command === 'home' ? '' : command, argsUsage(command)]
    .filter((s) => s !== '')
    .join(' ');
}

/**
 * Parses argv (without `node` and the script). Global flags work before or
 * after the command. With --help, a command's arguments are not checked: help
 * is always one flag away.
 */
export function parseCli(argv: readonly string[]): Parsed {
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  let onlyPositional = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositional || arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      const short = arg.slice(1);
      const found = Object.entries(OPTION_SPECS).find(([, s]) => s.short === short);
      if (!found) return unknownOption(arg);
      name = found[0];
    }
    let negated = false;
    if (!(name in OPTION_SPECS) && name.startsWith('no-') && name.slice(3) in OPTION_SPECS) {
      name = name.slice(3);
      negated = true;
    }
    const spec = OPTION_SPECS[name as OptionName] as OptionSpec | undefined;
    if (!spec) return unknownOption(arg);

    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        if (inline !== 'true' && inline !== 'false') {
          return fail(`Unexpected value "${arg}". Use "--${name}" or "--no-${name}" instead.`);
        }
        options[name] = (inline === 'true') !== negated;
      } else {
        options[name] = !negated;
      }
      continue;
    }
    if (negated) return unknownOption(arg);
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        return fail(`Option --${name} needs a value. Use "--${name} ${spec.value ?? 'VALUE'}".`);
      }
      value = next;
      i++;
    }
    if (value === '') {
      return fail(`Option --${name} needs a value. Use "--${name} ${spec.value ?? 'VALUE'}".`);
    }
    if (spec.choices && !spec.choices.includes(value)) {
      return fail(
        `Unexpected value "${value}" for --${name}. Use one of: ${spec.choices.map((c) => `--${name} ${c}`).join(', ')}.`,
      );
    }
    if (spec.integer && !/^[1-9]\d{0,5}$/.test(value)) {
      return fail(
        `Unexpected value "${value}" for --${name}. Use a whole number from 1, e.g. "--${name} ${spec.default ?? 80}".`,
      );
    }
    options[name] = value;
  }

  let command: CommandName = 'home';
  const first = positional[0];
  if (first !== undefined && first in COMMAND_SPECS && first !== 'home') {
    command = first as CommandName;
    positional.shift();
  } else if (first !== undefined) {
    const suggestion = closest(first, visibleCommands());
    return fail(
      `Unknown command "${first}".${suggestion ? ` Did you mean "kioku ${suggestion}"?` : ` To review one deck, type "kioku review ${first}".`} Run "kioku --help" for the list.`,
    );
  }
  const done: Parsed = { ok: true, command, args: positional, options: options as CliOptions };
  if (options.help === true || options.version === true) return done;

  for (const [name, spec] of Object.entries(OPTION_SPECS)) {
    if (name in options && spec.commands && !spec.commands.includes(command)) {
      return fail(
        `Option --${name} does not apply to "${usageOf(command).split(' ').slice(0, 2).join(' ')}". It works with: ${spec.commands.map((c) => `kioku ${c}`).join(', ')}.`,
      );
    }
  }

  const specs = COMMAND_SPECS[command].args;
  const min = specs.filter((a) => a.required).length;
  const max = specs.some((a) => a.variadic) ? Number.POSITIVE_INFINITY : specs.length;
  if (positional.length < min || positional.length > max) {
    const what =
      positional.length < min
        ? `needs ${specs
            .slice(positional.length, min)
            .map((a) => a.name)
            .join(' and ')}`
        : `takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`}, got ${positional.map((p) => `"${p}"`).join(' ')}`;
    return fail(
      `"${usageOf(command).split(' ').slice(0, 2).join(' ')}" ${what}. Usage: ${usageOf(command)}. More: "kioku help ${command === 'home' ? '' : command}".`.replace(
        'help ".',
        'help".',
      ),
    );
  }
  const oneOf = specs[0]?.complete;
  if (command === 'help' && positional[0] !== undefined) {
    const target = positional[0];
    if (!(target in COMMAND_SPECS) || COMMAND_SPECS[target as CommandName].hidden) {
      const suggestion = closest(target, visibleCommands());
      return fail(
        `No command "${target}".${suggestion ? ` Did you mean "kioku help ${suggestion}"?` : ''} Run "kioku --help" for the list.`,
      );
    }
  } else if (
    Array.isArray(oneOf) &&
    positional[0] !== undefined &&
    !oneOf.includes(positional[0])
  ) {
    return fail(
      `Unexpected ${specs[0]!.name} "${positional[0]}". Use one of: ${oneOf.map((v) => `kioku ${command} ${v}`).join(', ')}.`,
    );
  }
  return done;
}

function unknownOption(arg: string): Parsed {
  if (/^-[^-]\S*:/.test(arg) || /^-"/.test(arg)) {
    return fail(
      `Unknown option "${arg}". A query term that starts with "-" goes after "--" or inside the quoted query: kioku cards -- ${arg}`,
    );
  }
  const name = arg.replace(/^-+/, '').split('=')[0]!;
  const suggestion = closest(name, Object.keys(OPTION_SPECS));
  return fail(
    `Unknown option "${arg}".${suggestion ? ` Did you mean "--${suggestion}"?` : ''} Run "kioku --help" for the list.`,
  );
}

function fail(error: string): Parsed {
  return { ok: false, error };
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Help rows: a name column, then the text wrapped to 80 columns under itself. */
function row(name: string, text: string): string[] {
  const indent = 25;
  const wrapped = wrapText(text, 80 - indent);
  const first = `  ${name}`;
  const lines =
    first.length < indent - 1
      ? [
          `${first.padEnd(indent)}${wrapped[0] ?? ''}`,
          ...wrapped.slice(1).map((l) => ' '.repeat(indent) + l),
        ]
      : [first, ...wrapped.map((l) => ' '.repeat(indent) + l)];
  return lines.map((l) => l.trimEnd());
}

function optionLines(name: string, s: OptionSpec): string[] {
  const flag = `${s.short ? `-${s.short}, ` : '    '}--${s.type === 'boolean' && name === 'color' ? '[no-]' : ''}${name}${s.value ? ` ${s.value}` : ''}`;
  const values = s.choices ? ` (${s.choices.join('|')})` : '';
  return [
    ...row(flag, `${s.description}${values}`),
    ...(s.default ? row('', `default: ${s.default}`) : []),
  ];
}

/** `kioku --help`: every command and the global options. */
export function helpText(version: string): string {
  const commands = visibleCommands();
  const lines = [
    `kioku ${version} — spaced-repetition flashcards in the terminal`,
    '',
    'Usage: kioku [COMMAND] [ARGUMENTS] [OPTIONS]',
    '       kioku             the deck list (needs a terminal)',
    '',
    'Commands:',
    ...commands.map(
      (c) => `  ${`${c} ${argsUsage(c)}`.trimEnd().padEnd(22)} ${COMMAND_SPECS[c].summary}`,
    ),
    '',
    'Options for every command:',
    ...optionsOf('home').flatMap(([name, s]) => optionLines(name, s)),
    '',
    'Exit status: 0 success, 1 failure (errors found, a missing decks or data folder),',
    '2 usage (unknown command, option or value).',
    '',
    '"kioku help COMMAND" or "kioku COMMAND --help" shows one command’s arguments,',
    'options and examples. Keys: ? in any screen lists them.',
  ];
  return lines.join('\n');
}

/** `kioku help CMD`: usage, what it does, arguments, options with defaults, examples. */
export function commandHelp(command: CommandName): string {
  const spec = COMMAND_SPECS[command];
  const own = optionsOf(command).filter(([, s]) => s.commands);
  const global = optionsOf(command).filter(([, s]) => !s.commands);
  const lines = [`Usage: ${usageOf(command)} [OPTIONS]`, '', `${capitalise(spec.summary)}.`];
  if (spec.description) lines.push('', ...wrapText(spec.description, 78));
  if (spec.args.length > 0) {
    lines.push('', 'Arguments:');
    for (const a of spec.args) lines.push(...row(a.name, a.description));
  }
  if (own.length > 0) {
    lines.push('', 'Options:');
    for (const [name, s] of own) lines.push(...optionLines(name, s));
  }
  lines.push('', 'Options for every command:');
  for (const [name, s] of global) lines.push(...optionLines(name, s));
  lines.push('', 'Examples:');
  for (const [cmd, what] of spec.examples) lines.push(`  ${cmd}`, `      ${what}`);
  return lines.join('\n');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
