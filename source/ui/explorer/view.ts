// From fetched cells to what one level shows: labelled rows in filter and sort order, their keys, the totals.
import {DateTime} from 'luxon';
import {type Cell, type QueueRow, rollUpWithStats, toRow} from '../../metrics/rows.js';
import {mergeBags, type StatsBag} from '../../metrics/stats.js';
import type {Granularity} from '../../range/range.js';
import {type Column, columns} from './columns.js';
import type {Frame, LevelRef} from './state.js';
import type {Running} from './source.js';
import {compareText} from '../../metrics/compare.js';

/** `search` is the label in lower case, for the filter and name order. */
export type DisplayRow = {key: string; label: string; search: string; row: QueueRow; stats: StatsBag};

export type LevelView = {rows: DisplayRow[]; total: QueueRow; nameHeader: string; count: number};

export function intervalLabel(interval: string, timeZone: string, granularity: Granularity): string {
	const start = DateTime.fromISO(interval.split('/')[0] ?? '', {zone: 'utc'}).setZone(timeZone);
	if (granularity === 'P1D') return start.toFormat('ccc dd LLL yyyy');
	if (granularity === 'P7D') return `week of ${start.toFormat('dd LLL yyyy')}`;
	return start.toFormat('ccc dd LLL HH:mm');
}

/** Name order (intervals by time) of two rows of a level. */
function byName(level: LevelRef): (a: DisplayRow, b: DisplayRow) => number {
	return level.kind === 'intervals'
		? (a, b) => compareText(a.key, b.key)
		: (a, b) => compareText(a.search, b.search) || compareText(a.label, b.label);
}

/** Each row's place in name order, computed once per level's rows, when a sort needs many names compared. */
const nameRanks = new WeakMap<LevelRows, Int32Array>();

function rankByName(base: LevelRows, level: LevelRef): Int32Array {
	let ranks = nameRanks.get(base);
	if (!ranks) {
		const {rows} = base;
		const compare = byName(level);
		const order = rows.map((_, index) => index).sort((a, b) => compare(rows[a]!, rows[b]!));
		ranks = new Int32Array(rows.length);
		for (const [rank, index] of order.entries()) ranks[index] = rank;
		nameRanks.set(base, ranks);
	}
	return ranks;
}

/**
 * All rows of a level in one sort order: by name, or by a column with null last and ties in name
 * order. Each order is kept, so typing a filter never sorts again: filtering a sorted list keeps
 * it sorted.
 */
const sortedCache = new WeakMap<LevelRows, Map<string, DisplayRow[]>>();

function sortedRows(base: LevelRows, level: LevelRef, sort: Frame['sort']): DisplayRow[] {
	let orders = sortedCache.get(base);
	if (!orders) {
		orders = new Map();
		sortedCache.set(base, orders);
	}
	const cacheKey = `${sort.column} ${sort.descending}`;
	let sorted = orders.get(cacheKey);
	if (!sorted) {
		const {rows} = base;
		const indexes = rows.map((_, index) => index);
		if (sort.column === 'name') {
			const ranks = rankByName(base, level);
			const direction = sort.descending ? -1 : 1;
			indexes.sort((a, b) => direction * (ranks[a]! - ranks[b]!));
		} else {
			const column = columns.find(each => each.id === sort.column) as Column;
			const values = rows.map(row => column.value(row.row));
			const direction = sort.descending ? -1 : 1;
			// Ties go in name order: compared directly while they are few (as for the first table,
			// by offered), by rank once ranks exist.
			const known = nameRanks.get(base);
			const compareNames = byName(level);
			const tie = known
				? (a: number, b: number) => known[a]! - known[b]!
				: (a: number, b: number) => compareNames(rows[a]!, rows[b]!);
			indexes.sort((a, b) => {
				const x = values[a];
				const y = values[b];
				if (x === y) return tie(a, b);
				if (x === null || x === undefined) return 1;
				if (y === null || y === undefined) return -1;
				return x < y ? -direction : direction;
			});
		}
		sorted = indexes.map(index => rows[index]!);
		orders.set(cacheKey, sorted);
	}
	return sorted;
}

/** `allStats`, when known, is the statistics of all rows merged (the unfiltered total). */
export type LevelRows = {rows: DisplayRow[]; nameHeader: string; allStats?: StatsBag};

/**
 * Rows of one level, before filter and sort: level 1 rolls all media of a queue together, level 2
 * splits one queue by media type, level 3 is one queue and media by interval. Depends only on the
 * level and the data, so moving the selection never recomputes it.
 */
export function levelRows(
	level: LevelRef,
	totals: {cells: readonly Cell[]; running?: Running; nameOf: (id: string) => string},
	intervalCells: readonly Cell[] | undefined,
	timeZone: string,
	granularity: Granularity,
): LevelRows {
	if (level.kind === 'queues' && totals.running) {
		// Added up while the answers arrived: only names and derived numbers are left to do.
		const rows: DisplayRow[] = [];
		for (const [queueId, stats] of totals.running.byQueue) {
			const queueName = totals.nameOf(queueId);
			rows.push({
				key: queueId,
				label: queueName,
				search: queueName.toLowerCase(),
				row: toRow({queueId, queueName, mediaType: null, interval: null}, stats),
				stats,
			});
		}
		return {rows, nameHeader: 'Queue', allStats: totals.running.all};
	}
	if (level.kind === 'queues') {
		return {
			rows: rollUpWithStats(totals.cells, 'queues', totals.nameOf, null).map(({row, stats}) => ({
				key: row.queueId ?? '',
				label: row.queueName,
				search: row.queueName.toLowerCase(),
				row,
				stats,
			})),
			nameHeader: 'Queue',
		};
	}
	if (level.kind === 'media') {
		const cells = totals.cells.filter(cell => cell.queueId === level.queueId);
		return {
			rows: rollUpWithStats(cells, 'media', totals.nameOf, null).map(({row, stats}) => ({
				key: row.mediaType ?? '',
				label: row.mediaType ?? '(none)',
				search: (row.mediaType ?? '(none)').toLowerCase(),
				row,
				stats,
			})),
			nameHeader: 'Media',
		};
	}
	const cells = intervalCells ?? [];
	return {
		rows: rollUpWithStats(cells, 'intervals', totals.nameOf, null).map(({row, stats}) => {
			const label = intervalLabel(row.interval ?? '', timeZone, granularity);
			return {key: row.interval ?? '', label, search: label.toLowerCase(), row, stats};
		}),
		nameHeader: 'Interval',
	};
}

const unfilteredTotals = new WeakMap<LevelRows, QueueRow>();

/** Totals come from the rows' merged statistics, never from averaging the rows. */
function totalOf(base: LevelRows, rows: readonly DisplayRow[], filtered: boolean): QueueRow {
	const cached = filtered ? undefined : unfilteredTotals.get(base);
	if (cached) return cached;
	const stats = !filtered && base.allStats ? base.allStats : mergeBags(rows.map(row => row.stats));
	const total = toRow(
		{queueId: null, queueName: filtered ? 'Total (filtered)' : 'Total', mediaType: null, interval: null},
		stats,
	);
	if (!filtered) unfilteredTotals.set(base, total);
	return total;
}

/** Filter, sort and totals of what is shown. */
export function shapeView(base: LevelRows, level: LevelRef, filter: string, sort: Frame['sort']): LevelView {
	const needle = filter.trim().toLowerCase();
	const sorted = sortedRows(base, level, sort);
	const rows = needle ? sorted.filter(row => row.search.includes(needle)) : sorted;
	return {rows, total: totalOf(base, rows, needle !== ''), nameHeader: base.nameHeader, count: base.rows.length};
}

export function levelView(
	frame: Frame,
	totals: {cells: readonly Cell[]; nameOf: (id: string) => string},
	intervalCells: readonly Cell[] | undefined,
	timeZone: string,
	granularity: Granularity,
): LevelView {
	return shapeView(
		levelRows(frame.level, totals, intervalCells, timeZone, granularity),
		frame.level,
		frame.filter,
		frame.sort,
	);
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
	return columnsOut
		.map(value => (value === null ? ' ' : bars[max === 0 ? 0 : Math.min(7, Math.round((value / max) * 7))]))
		.join('');
}
