// From fetched cells to what one level shows: labelled rows in filter and sort order, their keys, the totals.
import {DateTime} from 'luxon';
import {type Cell, type QueueRow, rollUpWithStats, toRow} from '../../metrics/rows.js';
import {mergeBags, type StatsBag} from '../../metrics/stats.js';
import type {Granularity} from '../../range/range.js';
import {type Column, columns, compareBy} from './columns.js';
import type {Frame, LevelRef} from './state.js';
import {compareText} from '../../metrics/compare.js';

export type DisplayRow = {key: string; label: string; row: QueueRow; stats: StatsBag};

export type LevelView = {rows: DisplayRow[]; total: QueueRow; nameHeader: string; count: number};

export function intervalLabel(interval: string, timeZone: string, granularity: Granularity): string {
	const start = DateTime.fromISO(interval.split('/')[0] ?? '', {zone: 'utc'}).setZone(timeZone);
	if (granularity === 'P1D') return start.toFormat('ccc dd LLL yyyy');
	if (granularity === 'P7D') return `week of ${start.toFormat('dd LLL yyyy')}`;
	return start.toFormat('ccc dd LLL HH:mm');
}

function sortRows(rows: DisplayRow[], frame: Pick<Frame, 'sort'>, level: LevelRef): DisplayRow[] {
	const column = columns.find(each => each.id === frame.sort.column) as Column;
	if (column.id === 'name') {
		const direction = frame.sort.descending ? -1 : 1;
		// Intervals sort by time (their key), everything else by its label.
		const name = (row: DisplayRow) => (level.kind === 'intervals' ? row.key : row.label.toLowerCase());
		return [...rows].sort((a, b) => direction * compareText(name(a), name(b)));
	}
	const compare = compareBy(column, frame.sort.descending);
	return [...rows].sort((a, b) => compare(a.row, b.row) || compareText(a.label, b.label));
}

export type LevelRows = {rows: DisplayRow[]; nameHeader: string};

/**
 * Rows of one level, before filter and sort: level 1 rolls all media of a queue together, level 2
 * splits one queue by media type, level 3 is one queue and media by interval. Depends only on the
 * level and the data, so moving the selection never recomputes it.
 */
export function levelRows(level: LevelRef, totals: {cells: readonly Cell[]; nameOf: (id: string) => string}, intervalCells: readonly Cell[] | undefined, timeZone: string, granularity: Granularity): LevelRows {
	if (level.kind === 'queues') {
		return {rows: rollUpWithStats(totals.cells, 'queues', totals.nameOf, null).map(({row, stats}) => ({key: row.queueId ?? '', label: row.queueName, row, stats})), nameHeader: 'Queue'};
	}
	if (level.kind === 'media') {
		const cells = totals.cells.filter(cell => cell.queueId === level.queueId);
		return {rows: rollUpWithStats(cells, 'media', totals.nameOf, null).map(({row, stats}) => ({key: row.mediaType ?? '', label: row.mediaType ?? '(none)', row, stats})), nameHeader: 'Media'};
	}
	const cells = intervalCells ?? [];
	return {
		rows: rollUpWithStats(cells, 'intervals', totals.nameOf, null).map(({row, stats}) => ({key: row.interval ?? '', label: intervalLabel(row.interval ?? '', timeZone, granularity), row, stats})),
		nameHeader: 'Interval',
	};
}

/** Filter, sort and totals of what is shown. */
export function shapeView(base: LevelRows, level: LevelRef, filter: string, sort: Frame['sort']): LevelView {
	const needle = filter.trim().toLowerCase();
	const shown = needle ? base.rows.filter(row => row.label.toLowerCase().includes(needle)) : base.rows;
	// Totals come from the rows' merged statistics, never from averaging the rows.
	const total = toRow({queueId: null, queueName: needle ? 'Total (filtered)' : 'Total', mediaType: null, interval: null}, mergeBags(shown.map(row => row.stats)));
	return {rows: sortRows(shown, {sort}, level), total, nameHeader: base.nameHeader, count: base.rows.length};
}

export function levelView(frame: Frame, totals: {cells: readonly Cell[]; nameOf: (id: string) => string}, intervalCells: readonly Cell[] | undefined, timeZone: string, granularity: Granularity): LevelView {
	return shapeView(levelRows(frame.level, totals, intervalCells, timeZone, granularity), frame.level, frame.filter, frame.sort);
}

const bars = '▁▂▃▄▅▆▇█';

/** A one-line chart; gaps (null) show as spaces. Values are scaled to the largest one. */
export function sparkline(values: ReadonlyArray<number | null>, maxWidth: number): string {
	if (values.length === 0 || maxWidth <= 0) return '';
	// Wider than the screen: average neighbouring values into `maxWidth` columns.
	const width = Math.min(values.length, maxWidth);
	const columnsOut: Array<number | null> = [];
	for (let column = 0; column < width; column++) {
		const from = Math.floor((column * values.length) / width);
		const to = Math.max(from + 1, Math.floor(((column + 1) * values.length) / width));
		const part = values.slice(from, to).filter((value): value is number => value !== null);
		columnsOut.push(part.length > 0 ? part.reduce((a, b) => a + b, 0) / part.length : null);
	}
	const max = Math.max(0, ...columnsOut.filter((value): value is number => value !== null));
	return columnsOut.map(value => (value === null ? ' ' : bars[max === 0 ? 0 : Math.min(7, Math.round((value / max) * 7))])).join('');
}
