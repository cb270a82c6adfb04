import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deckName } from '../../deck/load.js';
import type { Card } from '../../model/card.js';
import { neutralize } from '../../text/sanitize.js';
import { CliError, type Context, outputWidth } from '../context.js';

/** `decks/a.md:12` → file and line; a file whose own name ends in `:12` wins. */
export function parseLocation(
  arg: string,
  exists: (file: string) => boolean,
): { file: string; line?: number } {
  const m = /^(.*):(\d+)$/.exec(arg);
  if (!m || exists(arg)) return { file: arg };
  return { file: m[1]!, line: Number(m[2]) };
}

/**
 * The cards a line points at: those whose marker is on the nearest card line at
 * or above it (a cloze note's or a reversible card's cards share one), or every
 * card without a line. Pure.
 */
export function cardsAt(cards: readonly Card[], line?: number): Card[] {
  if (line === undefined) return [...cards];
  const start = Math.max(-1, ...cards.filter((c) => c.line <= line).map((c) => c.line));
  return cards.filter((c) => c.line === start);
}

/** `kioku show FILE[:LINE]`: the card(s) there, as the review screen draws them. */
export async function show(ctx: Context): Promise<number> {
  const arg = ctx.args[0]!;
  const absolute = (p: string) => path.resolve(ctx.io.cwd, p);
  const isFile = (p: string) => existsSync(absolute(p)) && statSync(absolute(p)).isFile();
  const { file, line } = parseLocation(arg, isFile);
  if (!isFile(file)) {
    throw new CliError(
      `${neutralize(file)} ${existsSync(absolute(file)) ? 'is not a file' : 'does not exist'}. Give a deck file, e.g. "kioku show decks/en/kubectl.md:12".`,
    );
  }
  let source: string;
  try {
    source = await readFile(absolute(file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${neutralize(file)}: ${(error as Error).message}`);
  }
  const { parseDeck } = await import('../../deck/parse.js');
  const deck = parseDeck({
    name: deckName(ctx.where.decks, absolute(file)),
    file: ctx.display(absolute(file)),
    source,
  });
  for (const d of deck.diagnostics.filter((x) => x.severity === 'error')) {
    ctx.err(`${neutralize(d.file)}:${d.line}:${d.column}: error: ${neutralize(d.message)}`);
  }
  const chosen = cardsAt(deck.cards, line);
  if (chosen.length === 0) {
    ctx.err(
      `kioku: no card ${line === undefined ? 'in' : `at or above line ${line} of`} ${neutralize(file)}.`,
    );
    return 1;
  }
  // The review screen's own drawing (Markdown, cloze masks), loaded only for this command.
  const [{ cardLines }, { lineToAnsi }, { defaultTheme, monochromeTheme }, { MESSAGES }] =
    await Promise.all([
      import('../../ui/screens/Review.js'),
      import('../../ui/style.js'),
      import('../../ui/theme.js'),
      import('../../ui/i18n.js'),
    ]);
  const theme = ctx.color ? defaultTheme : monochromeTheme;
  const t = MESSAGES[ctx.language];
  const width = outputWidth(ctx, 80);
  const print = (segments: Parameters<typeof lineToAnsi>[0]) =>
    ctx.out(
      ctx.color
        ? lineToAnsi(segments, theme)
        : segments
            .map((s) => s.text)
            .join('')
            .trimEnd(),
    );
  chosen.forEach((card, i) => {
    if (i > 0) ctx.out('');
    const which =
      card.kind === 'cloze' ? ` ${card.cloze?.group}` : card.direction ? ` ${card.direction}` : '';
    print([
      {
        text: neutralize(
          `${card.file}:${card.line} · ${[card.deck, ...card.headings].join(' › ')} · ${card.kind}${which}`,
        ),
        style: 'muted',
      },
    ]);
    const front = cardLines(card, false, null, width, t, theme);
    for (const l of front) print(l);
    if (card.expected !== undefined) {
      print([
        { text: `${t.typedExpected} `, style: 'muted' },
        { text: neutralize(card.expected), style: 'good' },
      ]);
    }
    for (const l of cardLines(card, true, null, width, t, theme).slice(front.length)) print(l);
  });
  return 0;
}
