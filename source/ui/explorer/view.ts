// From fetched cells to what one level shows: labelled rows in filter and sort order, their keys, the totals.
import type {DisplayRow, LevelModule, LevelRows, Sort} from '../../levels/types.js';
import {compareText} from '../../text/collate.js';
import {type QueueRow, toRow} from '../../metrics/rows.js';
import {mergeBags} from '../../genesys/stats.js';
import {isLiveField, type LiveValues} from '../../metrics/catalog.js';
import {sumLive} from '../../metrics/live.js';
import {columnFor} from './columns.js';

/** The totals row's name while a filter keeps some rows. */
export const filteredTotalName = 'Total (filtered)';

/** `liveTotal`: the live values of the rows shown added up, when they have any; `previousTotal`, while comparing, the
 * totals row of the comparison period (of the rows shown). */
export type LevelView = {
	rows: DisplayRow[];
	total: QueueRow;
	/** The level's rows, those without traffic only when shown. */
	count: number;
	/** The level's rows without traffic (`z` shows or hides them). */
	idle: number;
	liveTotal?: LiveValues;
	previousTotal?: QueueRow;
};

/** Name order (intervals by time) of two rows of a level; same names by division, then by id, so the order is stable. */
function byName(level: LevelModule): (a: DisplayRow, b: DisplayRow) => number {
	return level.byKey
		? (a, b) => compareText(a.key, b.key)
		: (a, b) =>
				compareText(a.search, b.search) ||
				compareText(a.label, b.label) ||
				compareText(a.row.divisionName ?? '', b.row.divisionName ?? '') ||
				compareText(a.key, b.key);
}

/** Each row's place in name order, computed once per level's rows, when a sort needs many names compared. */
const nameRanks = new WeakMap<LevelRows, Int32Array>();

function rankByName(rowsIn: LevelRows, level: LevelModule): Int32Array {
	const base = rowsIn.sameOrderAs ?? rowsIn;
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
 * A column's values to sort by, with each text replaced by its place among the column's distinct texts: a column of
 * a few words (routing statuses, presences) down thousands of rows compares numbers, not words, when sorted.
 */
function textRanks(values: ReadonlyArray<number | string | null | undefined>): {
	of: ReadonlyArray<number | null | undefined>;
	words: boolean;
} {
	if (!values.some(value => typeof value === 'string'))
		return {of: values as Array<number | null | undefined>, words: false};
	const texts = [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort(compareText);
	const rank = new Map<string, number>();
	for (const text of texts)
		rank.set(
			text,
			rank.size > 0 && compareText(texts[rank.size - 1]!, text) === 0 ? rank.get(texts[rank.size - 1]!)! : rank.size,
		);
	return {
		of: values.map(value => (typeof value === 'string' ? rank.get(value)! : value)),
		words: texts.length < values.length / 2,
	};
}

/**
 * All rows of a level in one sort order: by name, or by a column with null last and ties in name
 * order. Each order is kept, so typing a filter never sorts again: filtering a sorted list keeps
 * it sorted.
 */
const sortedCache = new WeakMap<LevelRows, Map<string, DisplayRow[]>>();
/** The orders as row indexes, kept on the rows without live values when they do not depend on them. */
const orderCache = new WeakMap<LevelRows, Map<string, number[]>>();
/**
 * The last order by a live column of rows with live values, kept on the rows without them: the next live update
 * sorts from it, nearly sorted already (an update changes a few rows of thousands), which the sort finishes in
 * about one pass. The order found is the same from any start: ties go by name.
 */
const liveOrderCache = new WeakMap<LevelRows, Map<string, number[]>>();

/** The values (words as their ranks) an order by a column was sorted by, by place. */
const sortValues = new WeakMap<number[], ReadonlyArray<number | null | undefined>>();

/**
 * An order by a column the other way: its runs of equal values in reverse, each run still in name order, and the rows
 * without a value still last (by name no two rows rank the same: the order reversed). Undefined when the values it
 * was sorted by are not known.
 */
function reverseOrder(
	order: number[],
	values: ReadonlyArray<number | null | undefined> | undefined,
): number[] | undefined {
	if (values === undefined) return undefined;
	let end = order.length;
	while (end > 0 && (values[order[end - 1]!] === null || values[order[end - 1]!] === undefined)) end--;
	const reversed: number[] = [];
	for (let runEnd = end; runEnd > 0;) {
		let runStart = runEnd - 1;
		while (runStart > 0 && values[order[runStart - 1]!] === values[order[runEnd - 1]!]) runStart--;
		for (let at = runStart; at < runEnd; at++) reversed.push(order[at]!);
		runEnd = runStart;
	}
	for (let at = end; at < order.length; at++) reversed.push(order[at]!);
	return reversed;
}

/** Each sorted array's rows as places among its level's rows. */
const orderOf = new WeakMap<DisplayRow[], number[]>();

function sortedRows(base: LevelRows, level: LevelModule, sort: Sort): DisplayRow[] {
	let orders = sortedCache.get(base);
	if (!orders) {
		orders = new Map();
		sortedCache.set(base, orders);
	}
	const cacheKey = `${sort.column} ${sort.descending}`;
	let sorted = orders.get(cacheKey);
	if (!sorted) {
		const owner = base.sameOrderAs && !isLiveField(sort.column) ? base.sameOrderAs : base;
		let indexOrders = orderCache.get(owner);
		if (!indexOrders) {
			indexOrders = new Map();
			orderCache.set(owner, indexOrders);
		}
		const cachedOrder = indexOrders.get(cacheKey);
		if (cachedOrder) {
			sorted = cachedOrder.map(index => base.rows[index]!);
			orders.set(cacheKey, sorted);
			orderOf.set(sorted, cachedOrder);
			return sorted;
		}
		const {rows} = base;
		// The other way of an order made already (`S`): reversed, not sorted again.
		const opposite = indexOrders.get(`${sort.column} ${!sort.descending}`);
		const reversed =
			opposite && (sort.column === 'name' ? [...opposite].reverse() : reverseOrder(opposite, sortValues.get(opposite)));
		if (reversed) {
			sorted = reversed.map(index => rows[index]!);
			orders.set(cacheKey, sorted);
			orderOf.set(sorted, reversed);
			indexOrders.set(cacheKey, reversed);
			return sorted;
		}
		const liveOrders = base.sameOrderAs && isLiveField(sort.column) ? liveOrderCache.get(base.sameOrderAs) : undefined;
		const lastOrder = liveOrders?.get(cacheKey);
		const indexes = lastOrder?.length === rows.length ? [...lastOrder] : rows.map((_, index) => index);
		let sortedBy: ReadonlyArray<number | null | undefined> | undefined;
		if (sort.column === 'name') {
			const ranks = rankByName(base, level);
			const direction = sort.descending ? -1 : 1;
			indexes.sort((a, b) => direction * (ranks[a]! - ranks[b]!));
		} else {
			const column = columnFor(sort.column);
			const values = textRanks(rows.map(row => column.value(row.row, row.previous?.row, row.live)));
			sortedBy = values.of;
			const direction = sort.descending ? -1 : 1;
			// Ties go in name order: compared directly while they are few (as for the first table,
			// by offered), by rank once ranks exist or where a column of words (statuses) ties most rows.
			const known =
				nameRanks.get(base.sameOrderAs ?? base) ??
				(values.words && rows.length > 200 ? rankByName(base, level) : undefined);
			const compareNames = byName(level);
			const tie = known
				? (a: number, b: number) => known[a]! - known[b]!
				: (a: number, b: number) => compareNames(rows[a]!, rows[b]!);
			indexes.sort((a, b) => {
				const x = values.of[a];
				const y = values.of[b];
				if (x === y) return tie(a, b);
				if (x === null || x === undefined) return 1;
				if (y === null || y === undefined) return -1;
				return x < y ? -direction : direction;
			});
		}
		sorted = indexes.map(index => rows[index]!);
		orders.set(cacheKey, sorted);
		orderOf.set(sorted, indexes);
		indexOrders.set(cacheKey, indexes);
		if (sortedBy) sortValues.set(indexes, sortedBy);
		if (base.sameOrderAs && isLiveField(sort.column)) {
			const kept = liveOrderCache.get(base.sameOrderAs) ?? new Map<string, number[]>();
			kept.set(cacheKey, indexes);
			liveOrderCache.set(base.sameOrderAs, kept);
		}
	}
	return sorted;
}

/** The totals of a level's rows by what chose them (filter, quick filter, idle rows): the same in any sort order. */
const totalsCache = new WeakMap<LevelRows, Map<string, QueueRow>>();

/** Totals come from the rows' merged statistics, never from averaging the rows. */
function totalOf(base: LevelRows, rows: readonly DisplayRow[], filtered: boolean, chosenBy: string): QueueRow {
	// Kept on the rows without live values: the totals are of the rows' statistics, which a live update leaves alone.
	const owner = base.sameOrderAs ?? base;
	let totals = totalsCache.get(owner);
	if (!totals) {
		totals = new Map();
		totalsCache.set(owner, totals);
	}
	const key = filtered ? chosenBy : '';
	const cached = totals.get(key);
	if (cached) return cached;
	const stats = !filtered && base.allStats ? base.allStats : mergeBags(rows.map(row => row.stats));
	const total = toRow(
		{queueId: null, queueName: filtered ? filteredTotalName : 'Total', mediaType: null, interval: null},
		stats,
	);
	// A share's total is the rows' part of the whole they are shares of (agents: of the queue's answered).
	if (base.shareBase) total.share = base.shareBase.of > 0 ? total[base.shareBase.field] / base.shareBase.of : null;
	// A few choices are kept (typing a filter makes one a keypress).
	if (totals.size >= 16) totals.clear();
	totals.set(key, total);
	return total;
}

function previousTotalOf(base: LevelRows, rows: readonly DisplayRow[], filtered: boolean): QueueRow {
	const stats =
		!filtered && base.previousAllStats ? base.previousAllStats : mergeBags(rows.map(row => row.previous?.stats ?? {}));
	return toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, stats);
}

/**
 * Which rows are without traffic, by place, read once for rows and their copies with live values (which keep them):
 * a live update then hides them by place, not by reading thousands of rows of many shapes again.
 */
const idleMarks = new WeakMap<LevelRows, {marks: Uint8Array; count: number}>();

function idleOf(base: LevelRows): {marks: Uint8Array; count: number} {
	const owner = base.sameOrderAs ?? base;
	let known = idleMarks.get(owner);
	if (!known) {
		const marks = new Uint8Array(owner.rows.length);
		let count = 0;
		for (const [index, row] of owner.rows.entries())
			if (row.idle) {
				marks[index] = 1;
				count++;
			}
		known = {marks, count};
		idleMarks.set(owner, known);
	}
	return known;
}

/** The sorted rows without those without traffic, kept with the sorted rows (typing a filter reuses them). */
const withoutIdleCache = new WeakMap<DisplayRow[], DisplayRow[]>();

function withoutIdle(sorted: DisplayRow[], marks: Uint8Array): DisplayRow[] {
	let kept = withoutIdleCache.get(sorted);
	if (!kept) {
		const order = orderOf.get(sorted);
		kept = [];
		if (order) {
			const keptOrder: number[] = [];
			for (const [at, index] of order.entries())
				if (marks[index] === 0) {
					kept.push(sorted[at]!);
					keptOrder.push(index);
				}
			orderOf.set(kept, keptOrder);
		} else kept = sorted.filter(row => !row.idle);
		withoutIdleCache.set(sorted, kept);
	}
	return kept;
}

/** The texts a filter matches, by place: read once for rows and their copies with live values. */
const searchTexts = new WeakMap<LevelRows, {search: string[]; also: Array<string | undefined>}>();

/** The rows a typed filter keeps (a name, or a queue's division: `/emea`). */
function matching(base: LevelRows, rows: DisplayRow[], needle: string): DisplayRow[] {
	const order = orderOf.get(rows);
	if (!order) return rows.filter(row => row.search.includes(needle) || row.searchAlso?.includes(needle));
	const owner = base.sameOrderAs ?? base;
	let texts = searchTexts.get(owner);
	if (!texts) {
		texts = {search: owner.rows.map(row => row.search), also: owner.rows.map(row => row.searchAlso)};
		searchTexts.set(owner, texts);
	}
	const {search, also} = texts;
	const kept: DisplayRow[] = [];
	for (const [at, index] of order.entries())
		if (search[index]!.includes(needle) || also[index]?.includes(needle)) kept.push(rows[at]!);
	return kept;
}

/** A level's view: its rows with the frame's filter and sort, and the totals of what is shown. */
export function levelView(
	base: LevelRows,
	level: LevelModule,
	filter: string,
	sort: Sort,
	quick = 0,
	showIdle = false,
): LevelView {
	const needle = filter.trim().toLowerCase();
	const sorted = sortedRows(base, level, sort);
	const {marks, count: idle} = idleOf(base);
	// The rows without traffic unless shown (`z`), the level's quick filter (`o`), then the typed one; a queue's
	// division matches too (`/emea`).
	const shown = idle > 0 && !showIdle ? withoutIdle(sorted, marks) : sorted;
	const test = level.quickFilter?.choices[quick]?.test;
	const kept = test ? shown.filter(test) : shown;
	const rows = needle ? matching(base, kept, needle) : kept;
	const liveTotal = sumLive(rows);
	const filtered = needle !== '' || kept.length !== shown.length;
	const total = totalOf(base, rows, filtered, `${quick} ${showIdle} ${needle}`);
	const view: LevelView = {
		rows,
		total: level.total ? level.total(total, rows) : total,
		count: base.rows.length - (showIdle ? 0 : idle),
		idle,
	};
	if (liveTotal) view.liveTotal = liveTotal;
	if (base.previousAllStats) {
		const previous = previousTotalOf(base, rows, filtered);
		// A level that makes its own totals row (from its rows' cells) makes the comparison period's the same way.
		const previousRows = rows.flatMap(row => (row.previous ? [{...row, ...row.previous}] : []));
		view.previousTotal = level.total ? level.total(previous, previousRows) : previous;
	}
	return view;
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
