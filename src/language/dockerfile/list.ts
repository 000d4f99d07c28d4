/**
 * `list()` is `[]` for the arrays an analysis keeps until it ends: flags, words, a stage's
 * instructions, a RUN's commands and words, a mount's options. Pure.
 *
 * Why not `[]`: an array literal carries a V8 allocation site. When a young-generation GC finds
 * nearly every array from one site still alive (as it does in the middle of a lint), V8 allocates
 * that site's arrays in the old generation from then on. Dead, those arrays keep the young objects
 * they point to alive until the next full GC, so every GC pause grows; a 2,000-line lint's p95 went
 * from 4 ms to 14 ms in about half of the processes. A copy of an empty array has no allocation
 * site and costs what `[]` does (Array.of is four times slower; copying a frozen array is slower
 * still). Long-lived per-analysis objects are class instances for the same reason.
 */
const EMPTY: readonly never[] = [];

export function list<T>(): T[] {
  return EMPTY.slice();
}

/**
 * Builds lists of exactly their length: an array grown by push keeps room for 17 elements, and
 * most of a parse's lists (flags, words, a command's words) hold one to three, for as long as the
 * analysis. One buffer per call site, reused; a site must take() before it builds again.
 */
export class ListBuffer<T> {
  private readonly items: (T | undefined)[] = [];
  private count = 0;

  push(item: T): void {
    this.items[this.count++] = item;
  }

  /** The items pushed since the last take, in a new array of their number; the buffer holds on to nothing. */
  take(): T[] {
    const out = this.items.slice(0, this.count) as T[];
    this.items.fill(undefined, 0, this.count);
    this.count = 0;
    return out;
  }
}
