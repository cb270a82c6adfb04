/**
 * `kioku plan`'s report and messages, in the interface languages. Errors (exit 2)
 * stay English, as every command's do.
 */

const en = {
  allDecks: 'all decks',
  scope: (scope: string) => (scope === '' ? 'every deck' : `"${scope}"`),
  summary: (exam: string, days: number, where: string, cards: number, fresh: number) =>
    `Exam on ${exam}: ${days} day(s) from today · ${where} · ${cards} card(s), ${fresh} new`,
  noneLeft: 'New cards: none left; the plan is reviews only.',
  noneADay: 'New cards: none a day, so no new card is covered.',
  newCards: (perDay: number, last: string, covered: number, total: number, lead: number) =>
    `New cards: ${perDay} a day until ${last} (${covered} of ${total}), every one at least ${lead} day(s) before the exam.`,
  paceLog: (seconds: number) => `Pace: ${seconds} s an answer (the median of your latest answers).`,
  paceDefault: (seconds: number, answers: number) =>
    `Pace: ${seconds} s an answer (a default: your log has ${answers} answer(s), too few to tell your own).`,
  backlog: (n: number) =>
    `Backlog: ${n} overdue review(s), all planned for today (a budget leaves them out).`,
  tooClose: (days: number, lead: number) =>
    `Note: the exam is ${days} day(s) away, fewer than the ${lead} days every card should be seen before it: every new card is introduced today.`,
  minutesADay: 'Minutes a day',
  inAll: (fresh: string, reviews: string, time: string, busiest: string, minutes: number) =>
    `In all: ${fresh} new, ${reviews} reviews, ${time}; busiest day ${busiest}: ${minutes} min.`,
  examWeek: (days: number, n: number, missed: number) =>
    `Exam week (the last ${days} day(s)): ${n} review(s) ahead of their date, so that every card is reviewed once more before the exam, the weakest last${missed > 0 ? `; ${missed} card(s) meet the exam without one (no room left under the daily limits, or a card of the same note took the last day)` : ''}.`,
  minutes: (n: number) => `${n} min`,
  hours: (n: string) => `${n} h`,
  recallTitle: 'Predicted recall on exam day, with the planned reviews done',
  columns: ['domain', 'weight', 'recall', 'not covered'] as const,
  overall: 'overall',
  weighted: (idle: string) =>
    `Overall is weighted like the exam. If you stopped studying today: ${idle}.`,
  noDomains: (recall: string, idle: string) =>
    `Overall: ${recall} (if you stopped studying today: ${idle}). No deck here names a CKA domain, so there is no domain table.`,
  uncovered: (n: number, by: string) =>
    `Not covered: ${n} new card(s) are not introduced before the cut-off${by ? ` (${by})` : ''}; they count as not recalled. More minutes, more new cards a day or a later date would cover them.`,
  saved: (file: string, perDay: number, scope: string, exam: string, others: number | null) =>
    `Saved the plan to ${file}: ${perDay} new card(s) a day from ${scope} until the exam on ${exam}.${others === null ? '' : ` Other decks keep the limit of ${others} new card(s) a day.`} "kioku plan --clear" removes it.`,
  noPlan: 'There is no saved plan; nothing was changed.',
  cleared: (exam: string, limit: number, scope: string) =>
    `Removed the plan for the exam on ${exam}; new cards a day are back to ${limit} for ${scope}.`,
};

export type PlanText = typeof en;

const ja: PlanText = {
  allDecks: 'すべてのデッキ',
  scope: (scope) => (scope === '' ? 'すべてのデッキ' : `"${scope}"`),
  summary: (exam, days, where, cards, fresh) =>
    `試験日 ${exam}: 今日から ${days} 日 · ${where} · ${cards} 枚（うち新規 ${fresh} 枚）`,
  noneLeft: '新規カード: 残りはありません。復習だけの計画です。',
  noneADay: '新規カード: 1 日 0 枚のため、新規カードは学習されません。',
  newCards: (perDay, last, covered, total, lead) =>
    `新規カード: ${last} まで 1 日 ${perDay} 枚（${total} 枚中 ${covered} 枚）。どれも試験の ${lead} 日以上前に学習します。`,
  paceLog: (seconds) => `ペース: 1 回答 ${seconds} 秒（最近の回答の中央値）。`,
  paceDefault: (seconds, answers) =>
    `ペース: 1 回答 ${seconds} 秒（既定値。記録の回答が ${answers} 件で、あなたのペースを求めるには少なすぎます）。`,
  backlog: (n) =>
    `未消化: 期限切れの復習 ${n} 件はすべて今日に予定しています（時間の予算には含めません）。`,
  tooClose: (days, lead) =>
    `注意: 試験まであと ${days} 日で、どのカードも試験の ${lead} 日前までに学習するには足りません。新規カードはすべて今日学習します。`,
  minutesADay: '1 日の所要時間（分）',
  inAll: (fresh, reviews, time, busiest, minutes) =>
    `合計: 新規 ${fresh} 枚、復習 ${reviews} 回、${time}。最も忙しい日 ${busiest}: ${minutes} 分。`,
  examWeek: (days, n, missed) =>
    `試験前の週（最後の ${days} 日）: 期日より早い復習 ${n} 回。どのカードも試験前にもう一度復習し、弱いカードほど試験の直前にします${missed > 0 ? `。${missed} 枚は 1 日の上限に収まらないか、同じノートのカードが最終日を使うため、復習せずに試験を迎えます` : ''}。`,
  minutes: (n) => `${n} 分`,
  hours: (n) => `${n} 時間`,
  recallTitle: '試験日の想起予測（計画どおり復習した場合）',
  columns: ['分野', '配点', '想起', '未学習'] as unknown as PlanText['columns'],
  overall: '全体',
  weighted: (idle) => `全体は試験の配点で重み付けしています。今日で学習をやめた場合: ${idle}。`,
  noDomains: (recall, idle) =>
    `全体: ${recall}（今日で学習をやめた場合: ${idle}）。CKA の分野を指定したデッキがないため、分野別の表はありません。`,
  uncovered: (n, by) =>
    `未学習: 新規カード ${n} 枚は締め切りまでに学習されません${by ? `（${by}）` : ''}。想起できないものとして数えています。1 日の時間や新規カードを増やすか、試験日を遅らせれば学習できます。`,
  saved: (file, perDay, scope, exam, others) =>
    `計画を ${file} に保存しました: 試験日 ${exam} まで、${scope} に 1 日 ${perDay} 枚の新規カード。${others === null ? '' : `ほかのデッキは 1 日 ${others} 枚のままです。`}"kioku plan --clear" で削除できます。`,
  noPlan: '保存された計画はありません。何も変更していません。',
  cleared: (exam, limit, scope) =>
    `試験日 ${exam} の計画を削除しました。${scope} の新規カードは 1 日 ${limit} 枚に戻りました。`,
};

export const PLAN_TEXT: Readonly<Record<'en' | 'ja', PlanText>> = { en, ja };
