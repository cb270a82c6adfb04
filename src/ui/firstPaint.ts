import { withWidths } from '../text/width.js';
import { type DeckRow, type HomeView, homeLines, languageRow } from './homeView.js';
import { type Language, MESSAGES } from './i18n.js';
import { lineToAnsi } from './style.js';
import { defaultTheme, monochromeTheme } from './theme.js';

export interface PaintOptions {
  /** The rows and today's count: from the study, or from the start-up index. */
  readonly rows: readonly DeckRow[];
  readonly studiedToday: number;
  readonly exam: HomeView['exam'];
  readonly problems: readonly string[];
  readonly decksDir: string;
  readonly language: Language;
  readonly color: boolean;
  readonly stats: boolean;
  readonly out: NodeJS.WriteStream;
}

/**
 * Draws the deck list straight to the terminal, before Ink and React have
 * loaded (most of the start-up time): the same lines the Ink screen prints, so
 * when Ink takes over (see `handOver`) nothing visibly changes. Keys pressed
 * meanwhile wait in stdin, unechoed, for Ink to read. Returns the number of
 * lines drawn and the row selected, for Ink to start from.
 */
export async function paintHome(
  options: PaintOptions,
): Promise<{ lines: number; selected: number }> {
  const { rows, out } = options;
  const selected = languageRow(rows, options.language);
  const layout = () =>
    homeLines({
      rows,
      selected,
      width: Math.max(20, out.columns || 80),
      height: Math.max(10, out.rows || 24),
      studiedToday: options.studiedToday,
      exam: options.exam,
      problems: options.problems,
      decksDir: options.decksDir,
      stats: options.stats,
      color: options.color,
      t: MESSAGES[options.language],
    });
  // Text the quick measure does not know (emoji, combining marks) is measured
  // exactly, as Ink will, so that its frame lands on the same columns.
  const lines = await withWidths(layout);
  const theme = options.color ? defaultTheme : monochromeTheme;
  // Hide the cursor, as Ink will; and show it again however the process ends.
  process.once('exit', () => out.write('\u001B[?25h'));
  out.write(`\u001B[?25l${lines.map((l) => lineToAnsi(l, theme)).join('\n')}\n`);
  return { lines: lines.length, selected };
}

/**
 * Moves back to the first painted line, without clearing: Ink's first frame
 * (the same lines) is written over the painted one in place, so there is never
 * a blank screen between the two, however loaded the machine. `clearBelow`
 * then removes whatever of the painting Ink's frame did not cover.
 */
export function handOver(lines: number, out: NodeJS.WriteStream): void {
  if (lines > 0) out.write(`\u001B[${lines}A\r`);
}

/** After Ink's first frame: clears from its end down (Ink leaves the cursor there). */
export function clearBelow(out: NodeJS.WriteStream): void {
  out.write('\u001B[J');
}
