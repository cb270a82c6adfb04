// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell scripts, where ${…} is the shell's.
import { deckName, listDeckFiles } from '../../deck/load.js';
import { neutralize } from '../../text/sanitize.js';
import {
  type ArgSpec,
  COMMANDS,
  type CommandName,
  type Complete,
  OPTION_SPECS,
  type OptionName,
  type OptionSpec,
  optionsOf,
  visibleCommands,
} from '../args.js';
import { type Context, requireFolders } from '../context.js';

/** `kioku completion bash|zsh|fish`: a script derived from the command and option tables. */
export async function completion(ctx: Context): Promise<number> {
  const shell = ctx.args[0] as 'bash' | 'zsh' | 'fish';
  ctx.out(completionScript(shell));
  return 0;
}

/** `kioku _decks`: deck and folder names, one a line, for the completion scripts. */
export async function decks(ctx: Context): Promise<number> {
  requireFolders(ctx, { decks: true });
  const files = await listDeckFiles({ root: ctx.where.decks, display: ctx.display });
  const names = new Set<string>();
  for (const file of files.files) {
    const parts = deckName(files.root, file.path).split('/');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('/'));
  }
  for (const name of [...names].sort()) ctx.out(neutralize(name));
  return 0;
}

export function completionScript(shell: 'bash' | 'zsh' | 'fish'): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
  }
}

const valued = (Object.entries(OPTION_SPECS) as [OptionName, OptionSpec][]).filter(
  ([, s]) => s.type === 'string',
);

function flags(command: CommandName): string[] {
  return optionsOf(command).flatMap(([name, s]) => [
    `--${name}`,
    ...(s.type === 'boolean' && name === 'color' ? [`--no-${name}`] : []),
    ...(s.short ? [`-${s.short}`] : []),
  ]);
}

function firstArg(command: CommandName): ArgSpec | undefined {
  return COMMANDS[command].args[0];
}

function commandsCompleting(kind: 'deck' | 'file'): CommandName[] {
  return visibleCommands().filter((c) => firstArg(c)?.complete === kind);
}

/** A single-quoted shell word. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function bash(): string {
  const valueCase = (complete: Complete | undefined): string => {
    if (complete === 'dir') return 'COMPREPLY=($(compgen -d -- "$cur"))';
    if (complete === 'file') return 'COMPREPLY=($(compgen -f -- "$cur"))';
    if (Array.isArray(complete))
      return `COMPREPLY=($(compgen -W ${sq(complete.join(' '))} -- "$cur"))`;
    return 'COMPREPLY=()';
  };
  const lines = [
    '# kioku completion for bash. Install:',
    '#   kioku completion bash > ~/.local/share/bash-completion/completions/kioku',
    '# or add to ~/.bashrc:  eval "$(kioku completion bash)"',
    '_kioku() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  local cmd="" decks="" i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case "${COMP_WORDS[i]}" in',
    '      --decks) decks="${COMP_WORDS[i+1]}"; ((i++)) ;;',
    `      ${valued.map(([n]) => `--${n}`).join('|')}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) [[ -z "$cmd" ]] && cmd="${COMP_WORDS[i]}" ;;',
    '    esac',
    '  done',
    '  case "$prev" in',
    ...valued.map(([name, s]) => `    --${name}) ${valueCase(s.choices ?? s.complete)}; return ;;`),
    '  esac',
    '  if [[ "$cur" == -* ]]; then',
    '    case "$cmd" in',
    ...visibleCommands().map(
      (c) => `      ${c}) COMPREPLY=($(compgen -W ${sq(flags(c).join(' '))} -- "$cur")) ;;`,
    ),
    `      *) COMPREPLY=($(compgen -W ${sq(flags('home').join(' '))} -- "$cur")) ;;`,
    '    esac',
    '    return',
    '  fi',
    '  case "$cmd" in',
    `    "") COMPREPLY=($(compgen -W ${sq(visibleCommands().join(' '))} -- "$cur")) ;;`,
    `    ${commandsCompleting('deck').join('|')})`,
    "      local IFS=$'\\n'",
    '      COMPREPLY=($(compgen -W "$(kioku ${decks:+--decks "$decks"} _decks 2>/dev/null)" -- "$cur")) ;;',
    `    ${commandsCompleting('file').join('|')}) COMPREPLY=($(compgen -f -- "$cur")) ;;`,
    ...visibleCommands()
      .filter((c) => Array.isArray(firstArg(c)?.complete))
      .map((c) => `    ${c}) ${valueCase(firstArg(c)?.complete)} ;;`),
    `    help) COMPREPLY=($(compgen -W ${sq(visibleCommands().join(' '))} -- "$cur")) ;;`,
    '  esac',
    '}',
    'complete -o filenames -F _kioku kioku',
  ];
  return lines.join('\n');
}

/** Text inside a zsh `_arguments` spec: brackets and colons escaped. */
function zq(text: string): string {
  return text.replace(/[[\]:\\]/g, (c) => `\\${c}`);
}

function zshAction(complete: Complete | undefined): string {
  if (complete === 'dir') return '_files -/';
  if (complete === 'file') return '_files';
  if (complete === 'deck') return '_kioku_decks';
  if (complete === 'command') return '_kioku_commands';
  if (Array.isArray(complete)) return `(${complete.join(' ')})`;
  return ' ';
}

function zshOption(name: OptionName, s: OptionSpec): string[] {
  const value =
    s.type === 'string' ? `:${zq(s.value ?? 'value')}:${zshAction(s.choices ?? s.complete)}` : '';
  const description = `[${zq(s.description)}]`;
  const specs = [
    s.short
      ? `(-${s.short} --${name})'{-${s.short},--${name}}'${description}${value}`
      : `--${name}${description}${value}`,
  ];
  if (s.type === 'boolean' && name === 'color') specs.push(`--no-${name}[no colour]`);
  return specs;
}

function zsh(): string {
  const commandList = visibleCommands().map((c) => `    ${sq(`${c}:${COMMANDS[c].summary}`)}`);
  const specsOf = (c: CommandName) =>
    optionsOf(c)
      .flatMap(([n, s]) => zshOption(n, s))
      .map((spec) => (spec.includes("'{") ? `'${spec}'` : sq(spec)));
  const argSpecs = (c: CommandName) =>
    COMMANDS[c].args.map((a: ArgSpec, i) =>
      sq(
        `${a.variadic ? '*' : String(i + 1)}:${zq(a.name.toLowerCase())}:${zshAction(a.complete)}`,
      ),
    );
  const lines = [
    '#compdef kioku',
    '# kioku completion for zsh. Install: kioku completion zsh > ~/.zfunc/_kioku',
    '# with fpath+=~/.zfunc before compinit in ~/.zshrc (any folder in $fpath will do).',
    '_kioku_decks() {',
    '  local -a decks',
    '  local i dir',
    '  for ((i = 1; i < $#words; i++)); do [[ $words[i] == --decks ]] && dir=$words[i+1]; done',
    '  decks=(${(f)"$(kioku ${dir:+--decks "$dir"} _decks 2>/dev/null)"})',
    '  compadd -a decks',
    '}',
    '_kioku_commands() {',
    '  local -a commands',
    '  commands=(',
    ...commandList,
    '  )',
    "  _describe -t commands 'kioku command' commands",
    '}',
    '_kioku() {',
    '  local curcontext="$curcontext" state line',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...specsOf('home').map((s) => `    ${s} \\`),
    "    '1: :_kioku_commands' \\",
    "    '*:: :->args'",
    '  [[ $state == args ]] || return',
    '  case $words[1] in',
    ...visibleCommands().map((c) =>
      [
        `    ${c})`,
        '      _arguments \\',
        ...[...specsOf(c), ...argSpecs(c)].map((s) => `        ${s} \\`),
        '      ;;',
      ]
        .join('\n')
        .replace(/ \\\n {6};;$/, '\n      ;;'),
    ),
    '  esac',
    '}',
    '_kioku "$@"',
  ];
  return lines.join('\n');
}

function fish(): string {
  const seen = (commands: readonly string[]) => `__fish_seen_subcommand_from ${commands.join(' ')}`;
  const lines = [
    '# kioku completion for fish. Install:',
    '#   kioku completion fish > ~/.config/fish/completions/kioku.fish',
    'complete -c kioku -f',
    ...visibleCommands().map(
      (c) => `complete -c kioku -n __fish_use_subcommand -a ${c} -d ${sq(COMMANDS[c].summary)}`,
    ),
  ];
  for (const [name, s] of Object.entries(OPTION_SPECS) as [OptionName, OptionSpec][]) {
    const condition = s.commands ? ` -n ${sq(seen(s.commands))}` : '';
    const short = s.short ? ` -s ${s.short}` : '';
    let values = '';
    if (s.type === 'string') {
      const complete = s.choices ?? s.complete;
      values =
        complete === 'dir'
          ? " -x -a '(__fish_complete_directories)'"
          : Array.isArray(complete)
            ? ` -x -a ${sq(complete.join(' '))}`
            : ' -x';
    }
    lines.push(`complete -c kioku${condition} -l ${name}${short}${values} -d ${sq(s.description)}`);
    if (s.type === 'boolean' && name === 'color') {
      lines.push(`complete -c kioku -l no-${name} -d 'no colour'`);
    }
  }
  lines.push(
    `complete -c kioku -n ${sq(seen(commandsCompleting('deck')))} -a '(kioku _decks 2>/dev/null)'`,
    `complete -c kioku -n ${sq(seen(commandsCompleting('file')))} -F`,
    ...visibleCommands()
      .filter((c) => Array.isArray(firstArg(c)?.complete))
      .map(
        (c) =>
          `complete -c kioku -n ${sq(seen([c]))} -a ${sq((firstArg(c)!.complete as readonly string[]).join(' '))}`,
      ),
    `complete -c kioku -n ${sq(seen(['help']))} -a ${sq(visibleCommands().join(' '))}`,
  );
  return lines.join('\n');
}
