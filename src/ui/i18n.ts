import type { InvalidReason, Note } from '../answer/types.js';
import type { Command } from './keys.js';

export type Language = 'en' | 'ja';

/** Why kubectl refuses a typed command, per reason (the offending word is given). */
const EN_INVALID: Record<InvalidReason, (text: string) => string> = {
  unknownFlag: (w) => `unknown flag ${w}`,
  missingValue: (w) => `${w} needs a value`,
  badValue: (w) => `${w} is not a value this flag takes`,
  extraArgs: (w) => `one argument too many: ${w}`,
  missingArgs: () => 'a NAME is missing',
  argsOrder: (w) =>
    `${w} is out of place (resources first, then KEY=VALUE; TYPE/NAME and TYPE NAME do not mix)`,
  needsDash: (w) => `the command must follow -- (before ${w})`,
  unknownCommand: (w) => `${w} is not a subcommand`,
};

const JA_INVALID: Record<InvalidReason, (text: string) => string> = {
  unknownFlag: (w) => `不明なフラグ ${w}`,
  missingValue: (w) => `${w} には値が必要`,
  badValue: (w) => `${w} はこのフラグに使えない値`,
  extraArgs: (w) => `引数が多すぎる: ${w}`,
  missingArgs: () => 'NAME がない',
  argsOrder: (w) =>
    `${w} の位置が違う（リソースが先、KEY=VALUE が後。TYPE/NAME と TYPE NAME は混ぜられない）`,
  needsDash: (w) => `コマンドは -- の後に書く（${w} の前）`,
  unknownCommand: (w) => `${w} はサブコマンドではない`,
};

const en = {
  rate: 'rate',
  again: 'Again',
  hard: 'Hard',
  good: 'Good',
  easy: 'Easy',
  new: 'New',
  learning: 'Learn',
  due: 'Due',
  total: 'Total',
  deck: 'Deck',
  today: (cards: number) => `Today: ${cards} card${cards === 1 ? '' : 's'} studied`,
  homeTitle: 'Decks',
  examHeader: (days: number, recall: number | null | 'pending') =>
    days === 0
      ? 'Exam today'
      : `Exam in ${days} day${days === 1 ? '' : 's'}${recall === null ? '' : recall === 'pending' ? ' · predicting…' : ` · ${recall}% predicted`}`,
  problemsFlag: 'errors',
  noDecks: (dir: string) =>
    `No cards found in ${dir}. Add Markdown decks there (see docs/deck-format.md).`,
  doneTitle: 'Congratulations! You have finished for now.',
  laterToday: (n: number) => `${n} learning card${n === 1 ? '' : 's'} due later today.`,
  saved: (rating: string, label: string) => `saved: ${rating} → ${label}`,
  savedCram: (rating: string) => `saved (cram, schedule unchanged): ${rating}`,
  cramLeft: (n: number) => `Cram · ${n} left`,
  refused: 'This card changed meanwhile; the answer was not recorded.',
  saveFailed: (why: string) =>
    `Not saved: ${why} Answers given before this one are saved; no more are taken until kioku is restarted.`,
  undone: (what: string) => `undone: ${what}`,
  nothingToUndo: 'Nothing to undo.',
  buried: 'Buried until tomorrow.',
  suspended: 'Suspended: it will not be shown until you unsuspend it.',
  unsuspended: 'Unsuspended.',
  wasReset: 'Reset: the card is new again (u undoes it).',
  leech: (lapses: number) =>
    `Leech: forgotten ${lapses} times, so it is suspended and tagged leech. Rewrite it (e) or unsuspend it in browse (/).`,
  problems: (n: number, files: string) =>
    `${n} deck${n === 1 ? ' has' : 's have'} errors (${files}); run "kioku check"`,
  actions: {
    answer: 'answer',
    bury: 'bury',
    suspend: 'suspend',
    unsuspend: 'unsuspend',
    reset: 'reset',
  },
  typePrompt: 'Type the answer, then Enter:',
  fieldLeft: 'Not typing: the keys below act on the card.',
  typedCorrect: 'Correct',
  typedWrong: 'Not quite',
  typedYou: 'you:',
  typedExpected: 'answer:',
  /** One line of the explanation of a typed kubectl command (what matched, what differs). */
  typedNote: (note: Note): string => {
    const or = (s: string) => s || '(nothing)';
    switch (note.kind) {
      case 'same':
        return `same meaning: ${note.typed} = ${note.expected}`;
      case 'default':
        return `${note.text} is the default: the same as leaving it out`;
      case 'wrongValue':
        return `other value for ${note.flag}: ${note.typed} (answer: ${note.expected})`;
      case 'missingFlag':
        return `missing: ${note.expected}`;
      case 'extraFlag':
        return `not in the answer, changes what it does: ${note.typed}`;
      case 'wrongCommand':
        return `another command: ${note.typed} (answer: ${note.expected})`;
      case 'wrongArgs':
        return `other arguments: ${or(note.typed)} (answer: ${or(note.expected)})`;
      case 'wrongCommandLine':
        return `another command after --: ${or(note.typed)} (answer: ${or(note.expected)})`;
      case 'invalid':
        return `kubectl refuses this: ${EN_INVALID[note.reason](note.text)}`;
    }
  },
  suggested: (rating: string) => `suggested: ${rating}`,
  more: (n: number) => `↓ ${n} more line${n === 1 ? '' : 's'}`,
  edited: 'Deck reloaded after editing.',
  editorFailed: (why: string) => `Could not run the editor: ${why}`,
  sessionSummary: 'Session',
  summary: (cards: number, time: string, againRate: number) =>
    cards === 0
      ? 'No cards reviewed.'
      : `Reviewed ${cards} card${cards === 1 ? '' : 's'} in ${time} · again ${Math.round(againRate * 100)}%`,
  duration: (m: number, s: number) => (m > 0 ? `${m}m ${s}s` : `${s}s`),
  searchPrompt: 'Search:',
  searchHint: 'text, tag:x, deck:x, is:new|learning|review|suspended|leech, due:today|due:<7',
  noMatches: 'No cards match.',
  matches: (n: number, total: number) => `${n} of ${total} cards`,
  browseColumns: { card: 'Card', deck: 'Deck', due: 'Due', state: 'State' },
  states: {
    new: 'new',
    learning: 'learning',
    review: 'review',
    relearning: 'relearning',
    suspended: 'suspended',
    leech: 'leech',
    buried: 'buried',
  },
  detail: {
    due: 'Next due',
    stability: 'Stability',
    difficulty: 'Difficulty',
    retrievability: 'Retrievability',
    lapses: 'Lapses',
    reps: 'Reviews',
    file: 'File',
    tags: 'Tags',
    days: (n: number) => `${n} day${n === 1 ? '' : 's'}`,
    never: '—',
  },
  helpTitle: 'Keys',
  helpClose: 'Press any key to close.',
  helpScroll: '↑↓ PgUp PgDn scroll · any other key closes',
  screens: {
    home: 'Deck list',
    review: 'Reviewing',
    typing: 'Typing an answer',
    browse: 'Browse',
    search: 'Search box',
    stats: 'Statistics',
    exam: 'Mock exam',
    examDone: 'Exam results',
    help: 'Help',
  },
  commands: {
    up: 'move up / scroll up',
    down: 'move down / scroll down',
    pageUp: 'page up',
    pageDown: 'page down',
    top: 'first',
    bottom: 'last',
    open: 'review the selected deck',
    reviewAll: 'review all decks',
    search: 'browse and search cards',
    stats: 'statistics',
    help: 'this help',
    back: 'back / quit',
    quit: 'quit',
    reveal: 'show the answer; after it: Good',
    again: 'Again: forgot',
    hard: 'Hard: recalled with effort',
    good: 'Good: recalled',
    easy: 'Easy: recalled at once',
    undo: 'undo the last answer, bury or suspend',
    bury: 'bury until tomorrow',
    suspend: 'suspend the card',
    edit: 'edit the card in $EDITOR',
    submit: 'check the typed answer / run the search',
    erase: 'delete: a character, the word before (Ctrl-W), to the start/end (Ctrl-U/K)',
    cursor: 'move the cursor in the text',
    leaveField: 'leave the answer field (then undo, bury, edit… work)',
    focusField: 'type the answer again',
    toggleSuspend: 'suspend or unsuspend',
    reset: 'reset (forget): the card becomes new again',
    right: 'I knew it (self-graded cards)',
    wrong: 'I did not know it',
    finish: 'end the exam now (the rest count as wrong)',
  } satisfies Record<Command, string>,
  stats: {
    title: 'Statistics',
    today: 'Today',
    todayLine: (reviews: number, fresh: number, minutes: number) =>
      `${reviews} review${reviews === 1 ? '' : 's'} · ${fresh} new · ${minutes} min`,
    againRate: (pct: number) => `again ${pct}%`,
    cram: (n: number) => `and ${n} cram answer${n === 1 ? '' : 's'} (outside the schedule)`,
    streak: (current: number, longest: number) =>
      `Streak: ${current} day${current === 1 ? '' : 's'} · longest ${longest}`,
    calendar: 'Reviews, last 12 months',
    names: {
      months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
      weekdays: ['Mon', 'Wed', 'Fri'],
    } as { months: readonly string[]; weekdays: readonly [string, string, string] },
    forecast: 'Due, next 30 days',
    todayShort: 'today',
    forecastSummary: (today: number, week: number) => `${today} due today · ${week} this week`,
    counts: 'Cards',
    countNames: {
      total: 'total',
      new: 'new',
      learning: 'learning',
      young: 'young',
      mature: 'mature',
      suspended: 'suspended',
      leech: 'leech',
    },
    retention: (desired: number) => `True retention (desired ${desired}%)`,
    young: 'young',
    mature: 'mature',
    all: 'all',
    day: 'today',
    week: '7 days',
    month: '30 days',
    perDay: 'Reviews per day, last 30 days',
    average: (seconds: number | null) =>
      seconds === null ? 'No answers in 30 days.' : `Average ${seconds} s per answer`,
    buttons: 'Answer buttons, last 30 days',
    learningCards: 'learning',
    reviewCards: 'review',
    memory: 'Memory',
    recall: (recall: number, cards: number) =>
      `You would recall about ${recall} of ${cards} studied cards now`,
    stability: 'Stability',
    retrievability: 'Retrievability now',
    bucketDays: (from: number, to: number | null) =>
      to === null ? `≥ ${from} d` : `${from}–${to} d`,
    readiness: 'Exam readiness',
    readinessLine: (exam: string, days: number, start: string) =>
      days === 0
        ? `Exam today (${exam}): good luck. Plan since ${start}.`
        : `Exam on ${exam}: ${days} day${days === 1 ? '' : 's'} left · plan since ${start}`,
    readinessColumns: ['domain', 'plan start', 'now', 'trend', 'mock exam'] as readonly [
      string,
      string,
      string,
      string,
      string,
    ],
    overall: 'overall',
    readinessNote:
      'Predicted recall on exam day with the planned reviews done (FSRS); trend: the prediction when the plan started, at the start of each week since, and now. Mock exam: your latest tested score since the plan started, its change from the first, and its course.',
    exams: 'Mock exams',
    noExams: 'No mock exam yet: run "kioku exam".',
    domainShort: {
      troubleshooting: 'trouble',
      architecture: 'arch',
      networking: 'net',
      workloads: 'work',
      storage: 'storage',
    },
  },
  exam: {
    title: 'Mock exam',
    progress: (i: number, n: number) => `${i}/${n}`,
    timeLeft: (clock: string) => `⏱ ${clock} left`,
    selfGrade: 'Did you know it? y yes · n no',
    next: 'Space next',
    result: (pct: number, passed: boolean) =>
      `Mock exam: ${pct}% (pass mark 66%) · ${passed ? 'PASS' : 'not yet'}`,
    summary: (correct: number, total: number, answered: number, clock: string) =>
      `${correct} of ${total} correct · ${answered} answered · ${clock}`,
    timeUp: 'Time is up.',
    domain: 'Domain',
    weight: 'Weight',
    score: 'Score',
    weakest: (domains: string) => `Weakest: ${domains}`,
    allPassed: 'Every domain is at or above the pass mark.',
    reviewNext: 'Missed most:',
    saved: 'Result saved; "kioku stats" shows your exams over time.',
    domains: {
      troubleshooting: 'Troubleshooting',
      architecture: 'Cluster architecture',
      networking: 'Services & networking',
      workloads: 'Workloads & scheduling',
      storage: 'Storage',
    } as Record<string, string>,
    empty: 'No cards with a CKA domain: decks declare one in front matter (domain: …).',
  },
  /** Short names for the hint line at the bottom of each screen. */
  short: {
    up: 'up',
    down: 'down',
    pageUp: 'page up',
    pageDown: 'page down',
    top: 'first',
    bottom: 'last',
    open: 'review',
    reviewAll: 'all',
    search: 'search',
    stats: 'stats',
    help: 'help',
    back: 'back',
    quit: 'quit',
    reveal: 'answer',
    again: 'Again',
    hard: 'Hard',
    good: 'Good',
    easy: 'Easy',
    undo: 'undo',
    bury: 'bury',
    suspend: 'suspend',
    edit: 'edit',
    submit: 'check',
    erase: 'erase',
    cursor: 'move',
    leaveField: 'leave field',
    focusField: 'type',
    toggleSuspend: 'suspend',
    reset: 'reset',
    right: 'right',
    wrong: 'wrong',
    finish: 'end',
  } satisfies Record<Command, string>,
};

export type Messages = typeof en;

const ja: Messages = {
  rate: '評価',
  again: 'もう一度',
  hard: '難しい',
  good: '正解',
  easy: '簡単',
  new: '新規',
  learning: '学習中',
  due: '復習',
  total: '合計',
  deck: 'デッキ',
  today: (cards: number) => `今日の学習: ${cards} 枚`,
  homeTitle: 'デッキ',
  examHeader: (days: number, recall: number | null | 'pending') =>
    days === 0
      ? '今日が試験日'
      : `試験まで ${days} 日${recall === null ? '' : recall === 'pending' ? ' · 予測を計算中…' : ` · 予測 ${recall}%`}`,
  problemsFlag: 'エラー',
  noDecks: (dir: string) =>
    `${dir} にカードがありません。Markdown のデッキを置いてください (docs/deck-format.md)。`,
  doneTitle: 'おつかれさまです！今はこれで全部です。',
  laterToday: (n: number) => `今日あと ${n} 枚の学習中カードがあります。`,
  saved: (rating: string, label: string) => `保存しました: ${rating} → ${label}`,
  savedCram: (rating: string) => `保存しました（詰め込み、スケジュールは変わりません）: ${rating}`,
  cramLeft: (n: number) => `詰め込み · 残り ${n} 枚`,
  refused: 'このカードは表示後に変更されたため、回答は記録されませんでした。',
  saveFailed: (why: string) =>
    `保存できませんでした: ${why} これより前の回答は保存済みです。kioku を再起動するまで回答は受け付けません。`,
  undone: (what: string) => `取り消しました: ${what}`,
  nothingToUndo: '取り消せる操作はありません。',
  buried: '明日まで延期しました。',
  suspended: '保留にしました。解除するまで出題されません。',
  unsuspended: '保留を解除しました。',
  wasReset: 'リセットしました。新規カードに戻りました（u で取り消し）。',
  leech: (lapses: number) =>
    `リーチ: ${lapses} 回忘れたため保留にし、leech タグを付けました。書き直す (e) か、一覧 (/) で保留を解除してください。`,
  problems: (n: number, files: string) =>
    `${n} 個のデッキにエラーがあります (${files})。"kioku check" で確認してください`,
  actions: {
    answer: '回答',
    bury: '延期',
    suspend: '保留',
    unsuspend: '保留解除',
    reset: 'リセット',
  },
  typePrompt: '答えを入力して Enter:',
  fieldLeft: '入力欄を離れています。下のキーはカードに働きます。',
  typedCorrect: '正解',
  typedWrong: '違います',
  typedYou: '入力:',
  typedExpected: '正答:',
  typedNote: (note: Note): string => {
    const or = (s: string) => s || '（なし）';
    switch (note.kind) {
      case 'same':
        return `同じ意味: ${note.typed} = ${note.expected}`;
      case 'default':
        return `${note.text} は既定値（省略と同じ）`;
      case 'wrongValue':
        return `${note.flag} の値が違う: ${note.typed}（正答: ${note.expected}）`;
      case 'missingFlag':
        return `足りない: ${note.expected}`;
      case 'extraFlag':
        return `正答にない（動作が変わる）: ${note.typed}`;
      case 'wrongCommand':
        return `別のコマンド: ${note.typed}（正答: ${note.expected}）`;
      case 'wrongArgs':
        return `引数が違う: ${or(note.typed)}（正答: ${or(note.expected)}）`;
      case 'wrongCommandLine':
        return `-- の後のコマンドが違う: ${or(note.typed)}（正答: ${or(note.expected)}）`;
      case 'invalid':
        return `kubectl はエラーにする: ${JA_INVALID[note.reason](note.text)}`;
    }
  },
  suggested: (rating: string) => `おすすめ: ${rating}`,
  more: (n: number) => `↓ あと ${n} 行`,
  edited: '編集後にデッキを読み込み直しました。',
  editorFailed: (why: string) => `エディタを起動できませんでした: ${why}`,
  sessionSummary: 'セッション',
  summary: (cards: number, time: string, againRate: number) =>
    cards === 0
      ? '復習したカードはありません。'
      : `${cards} 枚を ${time} で復習 · もう一度 ${Math.round(againRate * 100)}%`,
  duration: (m: number, s: number) => (m > 0 ? `${m}分${s}秒` : `${s}秒`),
  searchPrompt: '検索:',
  searchHint: '文字列, tag:x, deck:x, is:new|learning|review|suspended|leech, due:today|due:<7',
  noMatches: '該当するカードはありません。',
  matches: (n: number, total: number) => `${total} 枚中 ${n} 枚`,
  browseColumns: { card: 'カード', deck: 'デッキ', due: '期日', state: '状態' },
  states: {
    new: '新規',
    learning: '学習中',
    review: '復習',
    relearning: '再学習',
    suspended: '保留',
    leech: 'リーチ',
    buried: '延期',
  },
  detail: {
    due: '次の期日',
    stability: '安定度',
    difficulty: '難易度',
    retrievability: '想起確率',
    lapses: '忘却回数',
    reps: '復習回数',
    file: 'ファイル',
    tags: 'タグ',
    days: (n: number) => `${n} 日`,
    never: '—',
  },
  helpTitle: 'キー一覧',
  helpClose: '何かキーを押すと閉じます。',
  helpScroll: '↑↓ PgUp PgDn でスクロール · ほかのキーで閉じます',
  screens: {
    home: 'デッキ一覧',
    review: '復習中',
    typing: '答えの入力中',
    browse: 'カード一覧',
    search: '検索欄',
    stats: '統計',
    exam: '模擬試験',
    examDone: '試験結果',
    help: 'ヘルプ',
  },
  commands: {
    up: '上へ / 上にスクロール',
    down: '下へ / 下にスクロール',
    pageUp: '前のページ',
    pageDown: '次のページ',
    top: '先頭へ',
    bottom: '末尾へ',
    open: '選んだデッキを復習',
    reviewAll: 'すべてのデッキを復習',
    search: 'カードの一覧と検索',
    stats: '統計',
    help: 'このヘルプ',
    back: '戻る / 終了',
    quit: '終了',
    reveal: '答えを表示。表示後は「正解」',
    again: 'もう一度: 忘れた',
    hard: '難しい: なんとか思い出した',
    good: '正解: 思い出した',
    easy: '簡単: すぐに思い出した',
    undo: '直前の回答・延期・保留を取り消す',
    bury: '明日まで延期',
    suspend: 'カードを保留',
    edit: '$EDITOR でカードを編集',
    submit: '入力した答えを確認 / 検索',
    erase: '削除: 1 文字、直前の単語 (Ctrl-W)、行頭/行末まで (Ctrl-U/K)',
    cursor: 'カーソル移動',
    leaveField: '入力欄を離れる（取消・延期・編集などが使える）',
    focusField: 'もう一度入力する',
    toggleSuspend: '保留 / 保留解除',
    reset: 'リセット（忘れる）: 新規カードに戻す',
    right: 'わかった（自己採点のカード）',
    wrong: 'わからなかった',
    finish: '試験を終える（残りは不正解）',
  },
  stats: {
    title: '統計',
    today: '今日',
    todayLine: (reviews: number, fresh: number, minutes: number) =>
      `${reviews} 回 · 新規 ${fresh} 枚 · ${minutes} 分`,
    againRate: (pct: number) => `もう一度 ${pct}%`,
    cram: (n: number) => `ほかに詰め込み学習 ${n} 回（スケジュール外）`,
    streak: (current: number, longest: number) => `連続学習: ${current} 日 · 最長 ${longest} 日`,
    calendar: '復習回数（過去 12 か月）',
    names: {
      months: [
        '1月',
        '2月',
        '3月',
        '4月',
        '5月',
        '6月',
        '7月',
        '8月',
        '9月',
        '10月',
        '11月',
        '12月',
      ],
      weekdays: ['月', '水', '金'],
    },
    forecast: '今後 30 日の復習予定',
    todayShort: '今日',
    forecastSummary: (today: number, week: number) => `今日 ${today} 枚 · 今週 ${week} 枚`,
    counts: 'カード',
    countNames: {
      total: '合計',
      new: '新規',
      learning: '学習中',
      young: '若い',
      mature: '成熟',
      suspended: '保留',
      leech: 'リーチ',
    },
    retention: (desired: number) => `実際の定着率（目標 ${desired}%）`,
    young: '若い',
    mature: '成熟',
    all: '全体',
    day: '今日',
    week: '7 日',
    month: '30 日',
    perDay: '1 日あたりの復習（過去 30 日）',
    average: (seconds: number | null) =>
      seconds === null ? '過去 30 日の回答はありません。' : `1 回あたり平均 ${seconds} 秒`,
    buttons: '評価ボタン（過去 30 日）',
    learningCards: '学習中',
    reviewCards: '復習',
    memory: '記憶',
    recall: (recall: number, cards: number) =>
      `学習済み ${cards} 枚のうち、今なら約 ${recall} 枚を思い出せます`,
    stability: '安定度',
    retrievability: '現在の想起確率',
    bucketDays: (from: number, to: number | null) =>
      to === null ? `${from} 日以上` : `${from}–${to} 日`,
    readiness: '試験への準備度',
    readinessLine: (exam: string, days: number, start: string) =>
      days === 0
        ? `今日が試験日（${exam}）です。がんばってください。計画開始 ${start}`
        : `試験日 ${exam}: あと ${days} 日 · 計画開始 ${start}`,
    readinessColumns: ['分野', '計画開始時', '現在', '推移', '模擬試験'] as readonly [
      string,
      string,
      string,
      string,
      string,
    ],
    overall: '全体',
    readinessNote:
      '計画どおり復習した場合の試験日の想起予測（FSRS）。推移: 計画開始時、その後の毎週の初め、現在の予測。模擬試験: 計画開始以降の最新の得点、最初の回からの変化と推移。',
    exams: '模擬試験',
    noExams: 'まだ模擬試験を受けていません（"kioku exam"）。',
    domainShort: {
      troubleshooting: 'トラブル',
      architecture: '構成',
      networking: 'ネット',
      workloads: 'ワーク',
      storage: 'ストレージ',
    },
  },
  exam: {
    title: '模擬試験',
    progress: (i: number, n: number) => `${i}/${n}`,
    timeLeft: (clock: string) => `⏱ 残り ${clock}`,
    selfGrade: 'わかりましたか？ y はい · n いいえ',
    next: 'Space 次へ',
    result: (pct: number, passed: boolean) =>
      `模擬試験: ${pct}%（合格ライン 66%）· ${passed ? '合格' : '不合格'}`,
    summary: (correct: number, total: number, answered: number, clock: string) =>
      `${total} 問中 ${correct} 問正解 · 回答 ${answered} 問 · ${clock}`,
    timeUp: '時間切れです。',
    domain: '分野',
    weight: '配点',
    score: '得点',
    weakest: (domains: string) => `弱い分野: ${domains}`,
    allPassed: 'すべての分野が合格ライン以上です。',
    reviewNext: '間違いが多かった所:',
    saved: '結果を保存しました。"kioku stats" で推移を確認できます。',
    domains: {
      troubleshooting: 'トラブルシューティング',
      architecture: 'クラスタアーキテクチャ',
      networking: 'サービスとネットワーク',
      workloads: 'ワークロードとスケジューリング',
      storage: 'ストレージ',
    } as Record<string, string>,
    empty:
      'CKA の分野を持つカードがありません。デッキのフロントマターで domain を指定してください。',
  },
  short: {
    up: '上',
    down: '下',
    pageUp: '前頁',
    pageDown: '次頁',
    top: '先頭',
    bottom: '末尾',
    open: '復習',
    reviewAll: '全部',
    search: '検索',
    stats: '統計',
    help: 'ヘルプ',
    back: '戻る',
    quit: '終了',
    reveal: '答え',
    again: 'もう一度',
    hard: '難しい',
    good: '正解',
    easy: '簡単',
    undo: '取消',
    bury: '延期',
    suspend: '保留',
    edit: '編集',
    submit: '確認',
    erase: '削除',
    cursor: '移動',
    leaveField: '入力欄を離れる',
    focusField: '入力',
    toggleSuspend: '保留',
    reset: 'リセット',
    right: '正解',
    wrong: '不正解',
    finish: '終了',
  },
};

export const MESSAGES: Record<Language, Messages> = { en, ja };
