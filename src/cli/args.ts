/**
 * The command line, declared once as data: commands, options, what each takes.
 * `parseCli` is pure so tests can feed it strings; only main.ts exits.
 */

export const COMMANDS = {
  home: { usage: '', summary: 'the deck list: pick a deck, review, browse and search' },
  review: {
    usage: 'review [DECK]',
    summary: 'review due cards (all decks, or one deck or folder)',
  },
  check: { usage: 'check [PATH…]', summary: 'check decks for errors; exit 1 when there are any' },
  due: { usage: 'due [DECK]', summary: 'print what is due now, per deck and in total' },
  cram: {
    usage: 'cram [DECK]',
    summary: 'review any cards, due or not, without changing their schedule (--tag T)',
  },
  exam: {
    usage: 'exam [DECK]',
    summary: 'a timed mock exam weighted like the CKA domains (--cards N --minutes M)',
  },
  optimize: {
    usage: 'optimize',
    summary: 'fit FSRS parameters to your own review log (saved only if better)',
  },
  plan: {
    usage: 'plan [DECK]',
    summary: 'plan toward an exam (--exam DATE): new cards a day, workload, recall',
  },
  stats: { usage: 'stats', summary: 'print statistics (review calendar, forecast, retention…)' },
  rebuild: { usage: 'rebuild', summary: 'recompute the state file from the review log' },
  relink: {
    usage: 'relink OLD NEW',
    summary: 'move an orphaned history (OLD id) to a card (NEW id)',
  },
  drop: {
    usage: 'drop OLD',
    summary: 'drop an orphaned history from the state (it stays in the log)',
  },
  help: { usage: 'help', summary: 'show this help' },
} as const;

export type CommandName = keyof typeof COMMANDS;

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly value?: string;
  readonly choices?: readonly string[];
  /** A whole number from 1 up. */
  readonly integer?: boolean;
  readonly description: string;
  /** Commands it applies to; absent: every command. */
  readonly commands?: readonly CommandName[];
}

export const OPTIONS = {
  decks: { type: 'string', value: 'DIR', description: 'decks directory (env KIOKU_DECKS)' },
  data: { type: 'string', value: 'DIR', description: 'data directory (env KIOKU_DATA)' },
  lang: {
    type: 'string',
    value: 'LANG',
    choices: ['en', 'ja'],
    description: 'interface language (default: from LC_ALL/LANG)',
  },
  color: { type: 'boolean', description: 'colour output (--no-color or NO_COLOR turns it off)' },
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
    description: 'cards in the mock exam (default 40)',
    commands: ['exam'],
  },
  minutes: {
    type: 'string',
    value: 'M',
    integer: true,
    description: 'exam: time for the mock exam (default 60); plan: minutes a day to fit',
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
    description: 'new cards a day to plan with',
    commands: ['plan'],
  },
  lead: {
    type: 'string',
    value: 'N',
    integer: true,
    description: 'see every card at least N days before the exam (default 7)',
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
  json: {
    type: 'boolean',
    description: 'print JSON',
    commands: ['check', 'due', 'stats', 'plan'],
  },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

export interface CliOptions {
  tag?: string;
  cards?: string;
  minutes?: string;
  exam?: string;
  new?: string;
  lead?: string;
  apply?: boolean;
  clear?: boolean;
  decks?: string;
  data?: string;
  lang?: 'en' | 'ja';
  color?: boolean;
  json?: boolean;
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

const OPTION_SPECS: Record<string, OptionSpec> = OPTIONS;

const EXAMPLES: Record<string, number> = { minutes: 60, new: 20, lead: 7 };

/** Parses argv (without `node` and the script). Global flags work before or after the command. */
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
    const spec = OPTION_SPECS[name];
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
        `Unexpected value "${value}" for --${name}. Use a whole number from 1, e.g. "--${name} ${EXAMPLES[name] ?? 40}".`,
      );
    }
    options[name] = value;
  }

  let command: CommandName = 'home';
  const first = positional[0];
  if (first !== undefined && first in COMMANDS) {
    command = first as CommandName;
    positional.shift();
  } else if (first !== undefined) {
    const suggestion = closest(first, Object.keys(COMMANDS));
    return fail(
      `Unknown command "${first}".${suggestion ? ` Did you mean "kioku ${suggestion}"?` : ` To review one deck, type "kioku review ${first}".`} Run "kioku --help" for the list.`,
    );
  }

  for (const [name, spec] of Object.entries(OPTION_SPECS)) {
    if (name in options && spec.commands && !spec.commands.includes(command)) {
      return fail(
        `Option --${name} does not apply to "kioku ${command}". It works with: ${spec.commands.map((c) => `kioku ${c}`).join(', ')}.`,
      );
    }
  }

  const arity: Record<CommandName, [number, number]> = {
    home: [0, 0],
    review: [0, 1],
    check: [0, Number.POSITIVE_INFINITY],
    due: [0, 1],
    stats: [0, 0],
    plan: [0, 1],
    optimize: [0, 0],
    cram: [0, 1],
    exam: [0, 1],
    rebuild: [0, 0],
    relink: [2, 2],
    drop: [1, 1],
    help: [0, 0],
  };
  const [min, max] = arity[command];
  if (positional.length < min || positional.length > max) {
    return fail(
      `"kioku${command === 'home' ? '' : ` ${command}`}" takes ${min === max ? min : `${min} to ${max === Number.POSITIVE_INFINITY ? 'any number of' : max}`} argument(s), got ${positional.length}. Usage: kioku ${COMMANDS[command].usage}`,
    );
  }

  return { ok: true, command, args: positional, options: options as CliOptions };
}

function unknownOption(arg: string): Parsed {
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

export function helpText(version: string): string {
  const lines = [
    `kioku ${version} — spaced-repetition flashcards in the terminal`,
    '',
    'Usage: kioku [COMMAND] [OPTIONS]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map(
      (c) => `  ${`kioku ${c.usage}`.trimEnd().padEnd(24)} ${c.summary}`,
    ),
    '',
    'Options:',
    ...Object.entries(OPTION_SPECS).map(([name, s]) => {
      const flag = `${s.short ? `-${s.short}, ` : '    '}--${s.type === 'boolean' && name === 'color' ? '[no-]' : ''}${name}${s.value ? ` ${s.value}` : ''}`;
      return `  ${flag.padEnd(22)} ${s.description}`;
    }),
    '',
    'Keys: ? in any screen lists them. Reviewing: Space shows the answer, 1–4 rate',
    '(Again, Hard, Good, Easy), u undo, b bury, s suspend, e edit, q back.',
  ];
  return lines.join('\n');
}
