/**
 * The one scrolling rule of every scrolled pane (a long card, the exam's
 * answer, the help, the statistics): `height` rows from `top`, clamped so the
 * end is never scrolled past; until the end is on screen, the last row says
 * how many are left below.
 */
export interface Scrolled<T> {
  readonly rows: T[];
  /** The first row shown, after clamping. */
  readonly top: number;
  /** The largest useful `top`. */
  readonly last: number;
  /** Rows below the window (the "more" row counts itself). */
  readonly below: number;
}

export function scrolled<T>(
  items: readonly T[],
  height: number,
  top: number,
  more: ((left: number) => T) | null,
): Scrolled<T> {
  const room = Math.max(1, height);
  const last = Math.max(0, items.length - room);
  const first = Math.max(0, Math.min(top, last));
  if (items.length <= room || first >= last || !more)
    return { rows: items.slice(first, first + room), top: first, last, below: 0 };
  const below = items.length - first - room + 1;
  return { rows: [...items.slice(first, first + room - 1), more(below)], top: first, last, below };
}
