// The settings schema, defaults and validation: pure values, read by the store
// (settings.json), the deck parser (front matter) and the scheduler alike.

/** What the FSRS scheduler needs. */
export interface SchedulerSettings {
  readonly desiredRetention: number;
  readonly maximumInterval: number;
  readonly learningSteps: readonly string[];
  readonly relearningSteps: readonly string[];
  readonly fuzz: boolean;
  /** Personal FSRS weights; empty for the defaults. */
  readonly weights: readonly number[];
}

export const DEFAULT_SCHEDULER: SchedulerSettings = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
  weights: [],
};

/** The daily queue's limits. */
export interface QueueSettings {
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  /** Learning cards due within this many minutes are shown now rather than ending the session early. */
  readonly learnAheadMinutes: number;
  /**
   * An exam plan in force: its new cards a day replace `newPerDay` for the
   * cards of its deck or folder (every card when `deck` is ''); other decks
   * keep `newPerDay`. With its exam date and lead, the last `lead` days before
   * the exam add its cards' exam-week reviews (schedule/examWeek).
   */
  readonly plan?:
    | (Pick<ExamPlan, 'deck' | 'newPerDay'> &
        Partial<Pick<ExamPlan, 'exam' | 'lead' | 'examWeekPerDay'>>)
    | null;
}

export const DEFAULT_QUEUE: QueueSettings = {
  newPerDay: 20,
  reviewsPerDay: 200,
  learnAheadMinutes: 20,
};

/** A plan toward an exam date (`kioku plan --apply`): the daily new-card limit follows it. */
export interface ExamPlan {
  /** Exam study day, `YYYY-MM-DD`. */
  readonly exam: string;
  /** New cards per day the plan introduces to its deck or folder (the queue's limit there). */
  readonly newPerDay: number;
  /** Study day the plan was applied on. */
  readonly start: string;
  /** Deck or folder planned for; '' for every deck. */
  readonly deck: string;
  /** Days before the exam by which every card is to be seen: the exam week's length. */
  readonly lead: number;
  /**
   * Planned with a time budget (`--minutes`): the most answers a day to the
   * plan's cards that the exam week's reviews fill the day up to.
   */
  readonly examWeekPerDay?: number;
  /**
   * `newPerDay` when the plan was applied. Plans saved before the limit was
   * scoped to the plan's deck overwrote `newPerDay`; clearing one puts it back.
   */
  readonly previousNewPerDay: number;
  /** True for plans whose limit is the planned deck's alone (not written to `newPerDay`). */
  readonly scoped?: boolean;
  /** Predicted recall on exam day when the plan was applied: where the trend starts. */
  readonly startRecall?: {
    readonly overall: number;
    readonly domains: Readonly<Record<string, number>>;
  };
}

/** Everything a user can tune. Stored in `data/settings.json`; decks may override some. */
export interface Settings extends SchedulerSettings, QueueSettings {
  /** Local hour at which the next study day starts. */
  readonly rolloverHour: number;
  /** Lapses after which a card is tagged leech and suspended. */
  readonly leechThreshold: number;
  /** IANA zone for the study day; empty: the machine's zone. */
  readonly timeZone: string;
  /** The exam plan in force, if any. */
  readonly plan: ExamPlan | null;
}

export const DEFAULT_SETTINGS: Settings = {
  ...DEFAULT_SCHEDULER,
  ...DEFAULT_QUEUE,
  rolloverHour: 4,
  leechThreshold: 8,
  timeZone: '',
  plan: null,
};

/** Settings a deck may set for itself under `scheduling:` in its front matter. */
export const DECK_SETTING_KEYS = [
  'desiredRetention',
  'maximumInterval',
  'learningSteps',
  'relearningSteps',
  'newPerDay',
  'reviewsPerDay',
  'leechThreshold',
] as const;

export type DeckSettings = Partial<Pick<Settings, (typeof DECK_SETTING_KEYS)[number]>>;

const STEP = /^\d+(\.\d+)?[mhd]$/;

type Check = (value: unknown) => string | null;

const number =
  (min: number, max: number, integer = true): Check =>
  (v) =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    v >= min &&
    v <= max &&
    (!integer || Number.isInteger(v))
      ? null
      : `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;

const steps: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && STEP.test(s))
    ? null
    : 'must be a list of steps like ["1m", "10m"] (m, h or d)';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const fraction = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;

function isRecall(v: unknown): boolean {
  const r = v as { overall?: unknown; domains?: unknown };
  return (
    typeof v === 'object' &&
    v !== null &&
    fraction(r.overall) &&
    typeof r.domains === 'object' &&
    r.domains !== null &&
    Object.values(r.domains).every(fraction)
  );
}

const examPlan: Check = (v) => {
  if (v === null) return null;
  const p = v as Partial<Record<keyof ExamPlan, unknown>>;
  const ok =
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof p.exam === 'string' &&
    DATE.test(p.exam) &&
    typeof p.start === 'string' &&
    DATE.test(p.start) &&
    typeof p.deck === 'string' &&
    [p.newPerDay, p.lead, p.previousNewPerDay].every(
      (n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 99999,
    ) &&
    (p.examWeekPerDay === undefined ||
      (typeof p.examWeekPerDay === 'number' &&
        Number.isInteger(p.examWeekPerDay) &&
        p.examWeekPerDay >= 0)) &&
    (p.scoped === undefined || typeof p.scoped === 'boolean') &&
    (p.startRecall === undefined || isRecall(p.startRecall));
  return ok
    ? null
    : 'must be null or a plan from "kioku plan --apply" ({"exam", "newPerDay", "start", "deck", "lead", "previousNewPerDay"})';
};

const CHECKS: Record<keyof Settings, Check> = {
  desiredRetention: number(0.7, 0.99, false),
  maximumInterval: number(1, 36500),
  learningSteps: steps,
  relearningSteps: steps,
  fuzz: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  weights: (v) =>
    Array.isArray(v) &&
    (v.length === 0 || (v.length >= 17 && v.every((w) => typeof w === 'number')))
      ? null
      : 'must be a list of FSRS weights (or empty for the defaults)',
  newPerDay: number(0, 9999),
  reviewsPerDay: number(0, 99999),
  learnAheadMinutes: number(0, 1440),
  rolloverHour: number(0, 23),
  leechThreshold: number(1, 99),
  plan: examPlan,
  timeZone: (v) => {
    if (v === '') return null;
    if (typeof v !== 'string') return 'must be an IANA time zone such as "Asia/Tokyo"';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: v });
      return null;
    } catch {
      return `unknown time zone "${v}" (use an IANA name such as "Asia/Tokyo")`;
    }
  },
};

/**
 * Validates user settings key by key: a bad value keeps its default and is
 * reported, so one typo never throws away the rest of the file. Pure.
 */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: DEFAULT_SETTINGS, problems: ['settings must be a JSON object'] };
  }
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(raw)) {
    const check = CHECKS[key as keyof Settings];
    if (!check) {
      problems.push(`unknown setting "${key}" (known: ${Object.keys(CHECKS).join(', ')})`);
      continue;
    }
    const problem = check(value);
    if (problem) problems.push(`"${key}" ${problem}; using ${JSON.stringify(out[key])}`);
    else out[key] = value;
  }
  return { settings: out as unknown as Settings, problems };
}

/** Validates a deck's `scheduling:` front matter. Pure. */
export function readDeckSettings(raw: unknown): { settings: DeckSettings; problems: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: {}, problems: ['"scheduling" must be a mapping of settings'] };
  }
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(DECK_SETTING_KEYS as readonly string[]).includes(key)) {
      problems.push(`unknown scheduling setting "${key}" (known: ${DECK_SETTING_KEYS.join(', ')})`);
      continue;
    }
    const problem = CHECKS[key as keyof Settings](value);
    if (problem) problems.push(`scheduling "${key}" ${problem}`);
    else out[key] = value;
  }
  return { settings: out as DeckSettings, problems };
}

/** The daily limits decks set for themselves, in the shape `buildQueue` takes. Pure. */
export function deckLimits(
  deckSettings: Readonly<Record<string, DeckSettings>>,
): Record<string, Partial<Pick<Settings, 'newPerDay' | 'reviewsPerDay'>>> {
  return Object.fromEntries(
    Object.entries(deckSettings).map(([name, s]) => [
      name,
      {
        ...(s.newPerDay !== undefined ? { newPerDay: s.newPerDay } : {}),
        ...(s.reviewsPerDay !== undefined ? { reviewsPerDay: s.reviewsPerDay } : {}),
      },
    ]),
  );
}
