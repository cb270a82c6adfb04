import type { Card } from '../../model/card.js';
import { intervalLabel } from '../../schedule/fsrs.js';
import { nextCard } from '../../schedule/queue.js';
import {
  type QueueSource,
  type ReviewAction,
  type ReviewEffect,
  type Showing,
  sourceCard,
} from '../../session/review.js';
import { parseQuery, searchCards } from '../../session/search.js';
import { StaleAnswerError, type Study } from '../../session/study.js';
import type { Stats } from '../../stats/stats.js';
import { DataError } from '../../store/files.js';
import { deckNames } from '../homeView.js';
import type { Messages } from '../i18n.js';
import { KeyDecoder } from '../input/decode.js';
import {
  type AppEffect,
  type AppEnv,
  type AppEvent,
  type AppState,
  appReducer,
  type SessionSummary,
} from './state.js';

export type AppResult =
  | { readonly type: 'quit'; readonly summary: SessionSummary; readonly message?: string }
  /** Open the card in $EDITOR, then come back to this state. */
  | { readonly type: 'edit'; readonly card: Card; readonly state: AppState };

export interface ControllerDeps {
  readonly study: Study;
  readonly t: Messages;
  readonly now: () => Date;
  readonly loadStats?: () => Stats;
  /** Layout figures the reducer needs, for the terminal's current size. */
  readonly layout: (
    state: AppState,
  ) => Pick<AppEnv, 'homePage' | 'browsePage' | 'reviewScroll' | 'helpRows' | 'statsRows'>;
  readonly onDone: (result: AppResult) => void;
}

/**
 * The shell around the pure reducer: keys come in here, in order, one at a
 * time; each goes through `appReducer`, and what it asks for (an answer
 * saved, the next card) is done through the study service before the next
 * key is looked at. React only draws the state this holds.
 */
export class Controller {
  private state: AppState;
  private readonly decoder = new KeyDecoder();
  private readonly listeners = new Set<() => void>();
  private finished = false;
  private homeNames: readonly { name: string }[] | null = null;

  constructor(
    initial: AppState,
    effects: readonly AppEffect[],
    private deps: ControllerDeps,
  ) {
    this.state = initial;
    this.run(effects);
  }

  readonly getState = (): AppState => this.state;

  /** The decks were read again (a file changed on disk): the same state, from the new study. */
  setStudy(study: Study): void {
    if (study === this.deps.study) return;
    this.deps = { ...this.deps, study };
    this.homeNames = null;
    // The card on screen follows its file: redrawn from its new text, or, when
    // it is gone (deleted, or its front rewritten), replaced by the next card.
    const view = this.state.view;
    const showing = view.screen === 'review' ? view.session.showing : null;
    if (view.screen === 'review' && showing && view.session.source.kind === 'schedule') {
      const fresh = study.decks.cards.find((c) => c.id === showing.card.id);
      if (!fresh) this.run([{ type: 'review', effect: { type: 'pick' } }]);
      else if (fresh !== showing.card)
        this.apply({ type: 'review', action: { type: 'refresh', card: fresh } });
    }
    this.notify();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** One input event from the terminal: its keys, each dispatched in turn. */
  input(chunk: string): void {
    for (const key of this.decoder.push(chunk)) this.apply({ type: 'key', key });
    this.notify();
  }

  /** The clock: the exam's time, and a finished session picking up a card that became due. */
  tick(): void {
    const before = this.state;
    this.apply({ type: 'tick' });
    if (this.state !== before || this.state.view.screen === 'review') this.notify();
  }

  private apply(event: AppEvent): void {
    if (this.finished) return;
    const step = appReducer(this.state, event, this.env());
    this.state = step.state;
    this.run(step.effects);
  }

  private run(effects: readonly AppEffect[]): void {
    for (const effect of effects) {
      if (this.finished) return;
      for (const event of this.perform(effect)) this.apply(event);
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private env(): AppEnv {
    const { study, t, now } = this.deps;
    return {
      at: now().getTime(),
      t,
      homeRows: () => {
        this.homeNames ??= homeNames(study);
        return this.homeNames;
      },
      results: (query) => {
        const parsed = parseQuery(query, now(), study.day);
        return searchCards(study.decks.cards, study.records, parsed);
      },
      statsAvailable: this.deps.loadStats !== undefined,
      ...this.deps.layout(this.state),
    };
  }

  private perform(effect: AppEffect): AppEvent[] {
    try {
      return this.performEffect(effect);
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      const text = this.deps.t.saveFailed(err.message);
      return this.state.view.screen === 'browse'
        ? [{ type: 'status', text }]
        : [{ type: 'review', action: { type: 'status', status: { text, tone: 'error' } } }];
    }
  }

  private performEffect(effect: AppEffect): AppEvent[] {
    const { study, t, now } = this.deps;
    switch (effect.type) {
      case 'review':
        return this.review(effect.effect).map((action) => ({ type: 'review', action }));
      case 'loadStats':
        return this.deps.loadStats ? [{ type: 'stats', stats: this.deps.loadStats() }] : [];
      case 'suspendToggle': {
        const suspended = study.record(effect.card)?.suspended === true;
        study.suspend(effect.card, !suspended, now());
        return [{ type: 'status', text: suspended ? t.unsuspended : t.suspended }];
      }
      case 'reset':
        study.reset(effect.card, now());
        return [{ type: 'status', text: t.wasReset }];
      case 'browseUndo': {
        const undone = study.undo(now());
        return [
          { type: 'status', text: undone ? t.undone(t.actions[undone.action]) : t.nothingToUndo },
        ];
      }
      case 'edit':
        this.finish({ type: 'edit', card: effect.card, state: this.state });
        return [];
      case 'quit':
        this.finish({
          type: 'quit',
          summary: this.state.total,
          ...(effect.message ? { message: effect.message } : {}),
        });
        return [];
    }
  }

  private finish(result: AppResult): void {
    this.finished = true;
    this.deps.onDone(result);
  }

  private source(): QueueSource | null {
    const view = this.state.view;
    return view.screen === 'review' ? view.session.source : null;
  }

  private pick(): Showing | null {
    const source = this.source();
    if (!source) return null;
    const { study, now } = this.deps;
    const card =
      source.kind === 'schedule' ? nextCard(study.queue(now(), source.deck)) : sourceCard(source);
    if (!card) return null;
    return {
      card,
      seen: source.kind === 'exam' ? null : study.memory(card),
      shownAt: now().getTime(),
    };
  }

  private review(effect: ReviewEffect): ReviewAction[] {
    try {
      return this.reviewEffect(effect);
    } catch (err) {
      // The log could not be written (a full disk, permissions): say so, show
      // nothing as saved, and let the store refuse every later answer.
      if (!(err instanceof DataError)) throw err;
      return [
        { type: 'status', status: { text: this.deps.t.saveFailed(err.message), tone: 'error' } },
      ];
    }
  }

  private reviewEffect(effect: ReviewEffect): ReviewAction[] {
    const { study, t, now } = this.deps;
    const at = now();
    switch (effect.type) {
      case 'pick': {
        const view = this.state.view;
        const showing = this.pick();
        // Nothing new on a finished screen: leave its status alone.
        if (
          !showing &&
          view.screen === 'review' &&
          !view.session.showing &&
          effect.status === undefined
        )
          return [];
        return [
          {
            type: 'show',
            showing,
            ...(effect.status !== undefined ? { status: effect.status } : {}),
          },
        ];
      }
      case 'answer': {
        const name = t[RATING_NAMES[effect.rating - 1]!];
        try {
          const result = study.answer(effect.card, effect.seen, effect.rating, effect.ms, at);
          // The interval the answer gave, as its button showed it: no second scheduling pass.
          const label = intervalLabel(at, new Date(result.memory.due));
          return [
            {
              type: 'answered',
              rating: effect.rating,
              next: this.pick(),
              status: result.leech
                ? { text: t.leech(result.memory.lapses), tone: 'error' }
                : { text: t.saved(name, label), tone: 'success' },
            },
          ];
        } catch (err) {
          if (!(err instanceof StaleAnswerError)) throw err;
          return [
            { type: 'show', showing: this.pick(), status: { text: t.refused, tone: 'error' } },
          ];
        }
      }
      case 'cram': {
        study.cram(effect.card, effect.rating, effect.ms, at);
        const name = t[RATING_NAMES[effect.rating - 1]!];
        return [
          {
            type: 'answered',
            rating: effect.rating,
            next: this.pick(),
            status: { text: t.savedCram(name), tone: 'success' },
          },
        ];
      }
      case 'bury':
      case 'suspend': {
        if (effect.type === 'bury') study.bury(effect.card, at);
        else study.suspend(effect.card, true, at);
        return [
          {
            type: 'show',
            showing: this.pick(),
            status: { text: effect.type === 'bury' ? t.buried : t.suspended, tone: 'success' },
          },
        ];
      }
      case 'undo': {
        const undone = study.undo(at);
        if (!undone) return [{ type: 'status', status: { text: t.nothingToUndo, tone: 'error' } }];
        return [
          {
            type: 'undone',
            answer: undone.action === 'answer',
            // The card the undo restored comes back, question first, as in Anki.
            showing: { card: undone.card, seen: study.memory(undone.card), shownAt: at.getTime() },
            status: { text: t.undone(t.actions[undone.action]), tone: 'success' },
          },
        ];
      }
      case 'recordExam':
        study.recordExam(effect.score, effect.ms, at);
        return [];
      case 'edit':
      case 'leave':
        // The app reducer turns these into its own effects.
        return [];
    }
  }
}

const RATING_NAMES = ['again', 'hard', 'good', 'easy'] as const;

/** The deck list's row names in order, for moving the selection (counts are drawn fresh). */
function homeNames(study: Study): { name: string }[] {
  return [...deckNames(study).all.map((name) => ({ name })), { name: '' }];
}
