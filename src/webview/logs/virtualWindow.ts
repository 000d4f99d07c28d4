/**
 * Which lines are in sight for a scroll position. Every line is one row of a fixed height; past
 * what a browser can scroll (a few million pixels), the scroll bar maps proportionally onto the
 * lines, so a ten-million-line log still scrolls from top to bottom.
 */

/** Must match `--row-height` in media/logs.css. */
export const ROW_HEIGHT = 18;
/** Well under every browser's largest element height. */
const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowLayout {
  /** First line in sight. */
  first: number;
  /** Lines that fit, plus one partly shown. */
  count: number;
  /** Where the rows go, in pixels from the top of the scrolled content. */
  top: number;
}

export class VirtualWindow {
  spacerHeight(total: number): number {
    return Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT);
  }

  private scaled(total: number): boolean {
    return total * ROW_HEIGHT > MAX_SCROLL_HEIGHT;
  }

  layout(scrollTop: number, viewportHeight: number, total: number): WindowLayout {
    const count = Math.ceil(viewportHeight / ROW_HEIGHT) + 1;
    if (!this.scaled(total)) {
      const first = Math.max(0, Math.min(Math.floor(scrollTop / ROW_HEIGHT), Math.max(0, total - 1)));
      return { first, count, top: first * ROW_HEIGHT };
    }
    const maxScroll = Math.max(1, MAX_SCROLL_HEIGHT - viewportHeight);
    const lastFirst = Math.max(0, total - count + 1);
    const first = Math.min(lastFirst, Math.round((scrollTop / maxScroll) * lastFirst));
    return { first, count, top: scrollTop };
  }

  /** The scroll position that puts `line` in the middle of the viewport. */
  scrollTopFor(line: number, viewportHeight: number, total: number): number {
    if (!this.scaled(total)) return Math.max(0, line * ROW_HEIGHT - viewportHeight / 2);
    const count = Math.ceil(viewportHeight / ROW_HEIGHT) + 1;
    const lastFirst = Math.max(1, total - count + 1);
    const first = Math.max(0, line - Math.floor(count / 2));
    return (first / lastFirst) * Math.max(1, MAX_SCROLL_HEIGHT - viewportHeight);
  }
}
