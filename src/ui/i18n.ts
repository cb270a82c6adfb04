export type Language = 'en' | 'ja';

const en = {
  again: 'Again',
  hard: 'Hard',
  good: 'Good',
  easy: 'Easy',
  new: 'New',
  learning: 'Learn',
  due: 'Due',
  revealHint: 'Space/Enter show answer · u undo · b bury · s suspend · q quit',
  rateHint: '1–4 rate · Space/Enter Good · u undo · b bury · s suspend · q quit',
  doneTitle: 'Congratulations! You have finished for now.',
  doneHint: 'q quit',
  laterToday: (n: number) => `${n} learning card${n === 1 ? '' : 's'} due later today.`,
  saved: (rating: string, label: string) => `saved: ${rating} → ${label}`,
  refused: 'This card changed meanwhile; the answer was not recorded.',
  undone: (what: string) => `undone: ${what}`,
  nothingToUndo: 'Nothing to undo.',
  buried: 'Buried until tomorrow.',
  suspended: 'Suspended: it will not be shown until you unsuspend it.',
  leech: (lapses: number) =>
    `Leech: forgotten ${lapses} times, so it is suspended and tagged leech. Rewrite it (e) or unsuspend it.`,
  problems: (n: number, files: string) =>
    `${n} deck${n === 1 ? ' has' : 's have'} errors (${files}); run "kioku check"`,
  actions: {
    answer: 'answer',
    bury: 'bury',
    suspend: 'suspend',
    unsuspend: 'unsuspend',
    reset: 'reset',
  },
  summary: (cards: number, time: string, againRate: number) =>
    cards === 0
      ? 'No cards reviewed.'
      : `Reviewed ${cards} card${cards === 1 ? '' : 's'} in ${time} · again ${Math.round(againRate * 100)}%`,
  duration: (m: number, s: number) => (m > 0 ? `${m}m ${s}s` : `${s}s`),
};

export type Messages = typeof en;

const ja: Messages = {
  again: 'もう一度',
  hard: '難しい',
  good: '正解',
  easy: '簡単',
  new: '新規',
  learning: '学習中',
  due: '復習',
  revealHint: 'Space/Enter 答えを表示 · u 取り消し · b 延期 · s 保留 · q 終了',
  rateHint: '1–4 で評価 · Space/Enter 正解 · u 取り消し · b 延期 · s 保留 · q 終了',
  doneTitle: 'おつかれさまです！今はこれで全部です。',
  doneHint: 'q 終了',
  laterToday: (n: number) => `今日あと ${n} 枚の学習中カードがあります。`,
  saved: (rating: string, label: string) => `保存しました: ${rating} → ${label}`,
  refused: 'このカードは表示後に変更されたため、回答は記録されませんでした。',
  undone: (what: string) => `取り消しました: ${what}`,
  nothingToUndo: '取り消せる操作はありません。',
  buried: '明日まで延期しました。',
  suspended: '保留にしました。解除するまで出題されません。',
  leech: (lapses: number) =>
    `リーチ: ${lapses} 回忘れたため保留にし、leech タグを付けました。カードを書き直す (e) か保留を解除してください。`,
  problems: (n: number, files: string) =>
    `${n} 個のデッキにエラーがあります (${files})。"kioku check" で確認してください`,
  actions: {
    answer: '回答',
    bury: '延期',
    suspend: '保留',
    unsuspend: '保留解除',
    reset: 'リセット',
  },
  summary: (cards: number, time: string, againRate: number) =>
    cards === 0
      ? '復習したカードはありません。'
      : `${cards} 枚を ${time} で復習 · もう一度 ${Math.round(againRate * 100)}%`,
  duration: (m: number, s: number) => (m > 0 ? `${m}分${s}秒` : `${s}秒`),
};

export const MESSAGES: Record<Language, Messages> = { en, ja };
