/**
 * The latest values beside the charts, one row per series, in docker stats's own words (the same
 * strings the CLI prints), plus the rates the charts draw. Sortable by any column (click a
 * header; again to reverse); blank values sort last. Rows are kept per series and only their
 * text is updated, so a tick does not rebuild the table.
 */
import { dockerStatsColumns, humanRate } from '../../shared/dockerFormat';
import { FigureIndex, type FigureRow } from '../../shared/protocol';

export interface TableRow {
  key: string;
  label: string;
  colour: string;
  members: string[];
  /** Undefined when there was no sample in the last 2 s: the values are blank. */
  figures: FigureRow | undefined;
  status: string;
  /** For styling the status: live, stopped, failed, … */
  statusKind: string;
}

interface Column {
  key: string;
  title: string;
  numeric: boolean;
  /** What the heading's tooltip explains. */
  hint?: string;
  value: (row: TableRow) => number | string | undefined;
  text: (row: TableRow, platform: 'linux' | 'windows') => string;
}

const BLANK = '—';
const figure = (row: TableRow, name: keyof typeof FigureIndex): number | undefined => row.figures?.[FigureIndex[name]] ?? undefined;
const sum = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
function cli(row: TableRow, platform: 'linux' | 'windows'): ReturnType<typeof dockerStatsColumns> | undefined {
  const f = row.figures;
  if (!f) return undefined;
  const at = (name: keyof typeof FigureIndex): number => f[FigureIndex[name]] ?? 0;
  return dockerStatsColumns(
    {
      cpuPercent: at('cpuPercent'),
      memoryUsed: at('memoryUsed'),
      memoryLimit: at('memoryLimit'),
      memoryPercent: at('memoryPercent'),
      netRx: at('netRx'),
      netTx: at('netTx'),
      blockRead: at('blockRead'),
      blockWrite: at('blockWrite'),
      pids: at('pids'),
    },
    platform,
  );
}
/** Each half kept on one line (no-break spaces), so a narrow panel wraps the cell between them. */
const rates = (a: number | undefined, b: number | undefined, up: string, down: string): string =>
  a === undefined && b === undefined ? BLANK : `${up}\u00a0${a === undefined ? BLANK : humanRate(a)} ${down}\u00a0${b === undefined ? BLANK : humanRate(b)}`;

export const COLUMNS: Column[] = [
  { key: 'name', title: 'Name', numeric: false, value: (r) => r.label.toLowerCase(), text: (r) => r.label },
  { key: 'status', title: 'Status', numeric: false, value: (r) => r.status, text: (r) => r.status },
  { key: 'cpu', title: 'CPU %', numeric: true, value: (r) => figure(r, 'cpuPercent'), text: (r, p) => cli(r, p)?.CPUPerc ?? BLANK },
  { key: 'memory', title: 'Mem usage / limit', numeric: true, value: (r) => figure(r, 'memoryUsed'), text: (r, p) => cli(r, p)?.MemUsage ?? BLANK },
  { key: 'memoryPercent', title: 'Mem %', numeric: true, value: (r) => figure(r, 'memoryPercent'), text: (r, p) => cli(r, p)?.MemPerc ?? BLANK },
  { key: 'net', title: 'Net I/O', numeric: true, value: (r) => sum(figure(r, 'netRx'), figure(r, 'netTx')), text: (r, p) => cli(r, p)?.NetIO ?? BLANK },
  { key: 'netRate', title: 'Net / s', hint: '▲ received ▼ sent, per second', numeric: true, value: (r) => sum(figure(r, 'netRxRate'), figure(r, 'netTxRate')), text: (r) => rates(figure(r, 'netRxRate'), figure(r, 'netTxRate'), '▲', '▼') },
  { key: 'block', title: 'Block I/O', numeric: true, value: (r) => sum(figure(r, 'blockRead'), figure(r, 'blockWrite')), text: (r, p) => cli(r, p)?.BlockIO ?? BLANK },
  { key: 'blockRate', title: 'Block / s', hint: '▲ read ▼ written, per second', numeric: true, value: (r) => sum(figure(r, 'blockReadRate'), figure(r, 'blockWriteRate')), text: (r) => rates(figure(r, 'blockReadRate'), figure(r, 'blockWriteRate'), '▲', '▼') },
  { key: 'pids', title: 'PIDs', numeric: true, value: (r) => figure(r, 'pids'), text: (r, p) => cli(r, p)?.PIDs ?? BLANK },
];

export interface TableSort {
  column: string;
  descending: boolean;
}

/** Rows in the order of `sort`; blanks last whichever the direction. */
export function sortRows(rows: readonly TableRow[], sort: TableSort): TableRow[] {
  const column = COLUMNS.find((c) => c.key === sort.column) ?? COLUMNS[0]!;
  return [...rows].sort((a, b) => {
    const va = column.value(a);
    const vb = column.value(b);
    if (va === undefined || vb === undefined) return va === vb ? a.label.localeCompare(b.label) : va === undefined ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return (sort.descending ? -order : order) || a.label.localeCompare(b.label);
  });
}

export class StatsTable {
  private readonly body: HTMLTableSectionElement;
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private readonly rows = new Map<string, { tr: HTMLTableRowElement; cells: HTMLTableCellElement[]; swatch: HTMLElement; remove: HTMLButtonElement }>();
  private order = '';

  constructor(
    parent: HTMLElement,
    private readonly onSort: (column: string) => void,
    private readonly onUnpick: (members: string[], label: string) => void,
  ) {
    const table = document.createElement('table');
    table.className = 'latest';
    const caption = document.createElement('caption');
    caption.textContent = 'Latest values (docker stats) — click a heading to sort';
    const head = table.createTHead().insertRow();
    const swatches = document.createElement('th');
    swatches.className = 'swatch-cell';
    swatches.setAttribute('aria-label', 'Colour');
    head.append(swatches);
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.className = 'sort';
      button.textContent = column.title;
      if (column.hint) button.title = column.hint;
      button.addEventListener('click', () => this.onSort(column.key));
      th.append(button);
      if (column.numeric) th.classList.add('numeric');
      head.append(th);
      this.headers.set(column.key, th);
    }
    const actions = document.createElement('th');
    actions.scope = 'col';
    actions.className = 'actions';
    head.append(actions);
    this.body = table.createTBody();
    table.prepend(caption);
    // A panel narrower than the table scrolls it sideways instead of cutting its last columns off.
    const scroller = document.createElement('div');
    scroller.className = 'table-scroll';
    scroller.append(table);
    parent.append(scroller);
  }

  render(rows: readonly TableRow[], sort: TableSort, platform: 'linux' | 'windows'): void {
    for (const [key, th] of this.headers) th.setAttribute('aria-sort', key === sort.column ? (sort.descending ? 'descending' : 'ascending') : 'none');
    const keep = new Set(rows.map((r) => r.key));
    for (const [key, row] of this.rows) {
      if (keep.has(key)) continue;
      row.tr.remove();
      this.rows.delete(key);
    }
    const sorted = sortRows(rows, sort);
    // Moving rows costs a layout: only when the order changed.
    const order = sorted.map((r) => r.key).join('\n');
    const reorder = order !== this.order;
    this.order = order;
    for (const row of sorted) {
      const view = this.rows.get(row.key) ?? this.createRow(row);
      if (view.swatch.style.backgroundColor !== row.colour) view.swatch.style.backgroundColor = row.colour;
      COLUMNS.forEach((column, i) => {
        const text = column.text(row, platform);
        if (view.cells[i]!.textContent !== text) view.cells[i]!.textContent = text;
      });
      view.tr.dataset.status = row.statusKind;
      view.remove.onclick = () => this.onUnpick(row.members, row.label);
      view.remove.title = `Stop showing ${row.label}`;
      view.remove.setAttribute('aria-label', `Stop showing ${row.label}`);
      if (reorder || !view.tr.isConnected) this.body.append(view.tr);
    }
  }

  private createRow(row: TableRow): { tr: HTMLTableRowElement; cells: HTMLTableCellElement[]; swatch: HTMLElement; remove: HTMLButtonElement } {
    const tr = document.createElement('tr');
    tr.dataset.key = row.key;
    const cells = COLUMNS.map((column) => {
      const td = document.createElement(column.key === 'name' ? 'th' : 'td') as HTMLTableCellElement;
      if (column.key === 'name') td.setAttribute('scope', 'row');
      if (column.numeric) td.classList.add('numeric');
      td.dataset.column = column.key;
      tr.append(td);
      return td;
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    const nameCell = cells[0]!;
    const wrapper = document.createElement('td');
    wrapper.className = 'swatch-cell';
    wrapper.append(swatch);
    tr.prepend(wrapper);
    const actions = document.createElement('td');
    actions.className = 'actions';
    const remove = document.createElement('button');
    remove.className = 'icon';
    remove.textContent = '×';
    actions.append(remove);
    tr.append(actions);
    nameCell.classList.add('name');
    const view = { tr, cells, swatch, remove };
    this.rows.set(row.key, view);
    return view;
  }
}
