import { render } from 'ink';
import type { Study } from '../app/study.js';
import { neutralize } from '../text/sanitize.js';
import { type Language, MESSAGES } from './i18n.js';
import { formatSummary, Review, type SessionSummary } from './Review.js';
import { defaultTheme, monochromeTheme } from './theme.js';

export interface RunOptions {
  readonly study: Study;
  readonly deck?: string;
  readonly warnings: readonly string[];
  /** Deck files with errors, flagged on screen. */
  readonly problems: readonly string[];
  readonly language: Language;
  readonly color: boolean;
}

/** Renders the review screen until the user quits; returns the one-line summary. */
export async function runReview(options: RunOptions): Promise<string> {
  const t = MESSAGES[options.language];
  for (const w of options.warnings) process.stderr.write(`kioku: ${neutralize(w)}\n`);
  let summary: SessionSummary = { reviewed: 0, again: 0, ms: 0 };
  const app = render(
    <Review
      study={options.study}
      problems={options.problems}
      {...(options.deck ? { deck: options.deck } : {})}
      messages={t}
      theme={options.color ? defaultTheme : monochromeTheme}
      now={() => new Date()}
      onQuit={(s) => {
        summary = s;
        app.unmount();
      }}
    />,
    { exitOnCtrlC: false },
  );
  await app.waitUntilExit();
  return formatSummary(summary, t);
}
