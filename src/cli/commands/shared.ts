import path from 'node:path';
import { registryDeckSettings } from '../../deck/registry.js';
import { localTimeZone } from '../../schedule/day.js';
import { deckScheduling } from '../../schedule/perDeck.js';
import { dayConfig } from '../../session/study.js';
import { loadSettings, openStore } from '../../store/store.js';

/** What a command module needs from the program around it. */
export interface CommandIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Progress on one line of stderr (a TTY only); `null` ends the line. */
  readonly progress: (s: string | null) => void;
}

export interface CommandContext {
  readonly io: CommandIo;
  /** Decks and data folders (see `locate`). */
  readonly where: { readonly decks: string; readonly data: string; readonly source: string };
  /** The packaged decks folder: never written to unless named with --decks or KIOKU_DECKS. */
  readonly bundledDecks: string;
  readonly decksNamed: boolean;
  readonly display: (p: string) => string;
  /** This machine's device id: events are appended to `log/<device-id>.jsonl`. */
  readonly device: () => string;
}

/** Settings and a writable store, replaying merged answers as the other commands do. */
export async function openForWrite(
  dataDir: string,
  display: (p: string) => string,
  device: () => string,
) {
  const shown = display(dataDir);
  const { settings, warnings } = await loadSettings(dataDir, { displayDir: shown });
  const day = dayConfig(settings, localTimeZone());
  const store = await openStore({
    dir: dataDir,
    displayDir: shown,
    device,
    replay: (registry) => {
      const { schedulerFor } = deckScheduling(settings, registryDeckSettings(registry), day);
      return (before, at, rating, deck) => schedulerFor(deck).answer(before, at, rating);
    },
  });
  return { settings, day, store, warnings: [...warnings, ...store.warnings] };
}

/** A text progress bar: `label ████░░░░ 40%`. */
export function bar(label: string, done: number, total: number): string {
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const filled = Math.floor(pct / 5);
  return `${label} ${'█'.repeat(filled)}${'░'.repeat(20 - filled)} ${pct}%`;
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
