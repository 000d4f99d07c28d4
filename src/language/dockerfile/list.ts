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

/** Items gathered for exactList: the array is reused (and keeps its room), so gathering allocates nothing. */
const gathered: unknown[] = [];
let count = 0;
let gathering = false;
const gather = (item: unknown): void => {
  gathered[count++] = item;
};

/**
 * The items `fill` adds, in an array of exactly their number: an array grown by push keeps room for
 * 17, and most of a parse's lists (flags, words) hold one to three, for as long as the analysis.
 */
export function exactList<T>(fill: (add: (item: T) => void) => void): T[] {
  if (gathering) {
    const out = list<T>();
    fill((item) => out.push(item));
    return out;
  }
  gathering = true;
  try {
    fill(gather);
    return gathered.slice(0, count) as T[];
  } finally {
    gathered.fill(undefined, 0, count); // hold on to nothing
    count = 0;
    gathering = false;
  }
}
