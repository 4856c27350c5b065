// The explorer's columns: the level's name column, then metric columns from the catalog, fitted to the width.
import {routingText} from '../../metrics/people.js';
import {
	defaultColumns,
	formatLive,
	formatMetric,
	isLiveField,
	type LiveField,
	type LiveMetric,
	type LiveValues,
	liveMetricFor,
	liveMetrics,
	type Metric,
	type MetricField,
	metricFor,
	metrics,
	numericMetrics,
} from '../../metrics/catalog.js';
import {
	type DeltaField,
	deltaField,
	deltaOf,
	deltaText,
	deltaWidths,
	metricDelta,
	type Verdict,
} from '../../metrics/delta.js';
import type {QueueRow} from '../../metrics/rows.js';
import {withHours} from '../../metrics/format.js';
import {fitToWidth, textWidth} from '../../text/columns.js';
import type {DisplayRow} from '../../levels/types.js';
import {
	abandonTone,
	agentTone,
	longestWaitTone,
	serviceLevelTone,
	type Thresholds,
	type Tone,
	waitingTone,
} from '../../metrics/thresholds.js';

export type ColumnId = 'name' | MetricField | LiveField | DeltaField;

export type Column = {
	id: ColumnId;
	header: string;
	width: number;
	/** Lower numbers are dropped first when the terminal is narrow. */
	priority: number;
	align: 'left' | 'right';
	/** `previous` is the row in the comparison period, while comparing; `live` the row's live values, for live columns. */
	text: (row: QueueRow, previous?: QueueRow, live?: LiveValues) => string;
	/** Sort key; null sorts last. */
	value: (row: QueueRow, previous?: QueueRow, live?: LiveValues) => number | string | null;
	/** Better or worse (a change's colour), for the columns that say it. */
	verdict?: (row: QueueRow, previous?: QueueRow) => Verdict | undefined;
	/** Out of bounds (coloured, or marked under NO_COLOR). */
	tone?: (row: DisplayRow, thresholds: Thresholds) => Tone | undefined;
};

/** The threshold rules of the columns that have one. */
const tones: Partial<Record<ColumnId, Column['tone']>> = {
	serviceLevel: (row, thresholds) => serviceLevelTone(row.row, thresholds, row.serviceLevelTarget),
	abandonRate: (row, thresholds) => abandonTone(row.row, thresholds),
	waiting: row => waitingTone(row.live),
	longestWaitingMs: (row, thresholds) => longestWaitTone(row.live, row.waitLimitMs, thresholds),
	// An agent who let an offer ring out gets no new ones until they act: always worth a look.
	routingStatus: (row, thresholds) =>
		row.row.routingStatus === routingText('NOT_RESPONDING') ? 'bad' : agentTone(row.row, thresholds, 'maxIdleSeconds'),
	presence: (row, thresholds) => agentTone(row.row, thresholds, 'maxBreakSeconds'),
	activeMedia: (row, thresholds) => agentTone(row.row, thresholds, 'maxAcwSeconds'),
};

/** Sort keys of the columns that do not sort by their value (the Routing column: by status group, then time). */
const sortKeys: Partial<Record<ColumnId, Column['value']>> = {
	routingStatus: row => row.statusOrder ?? row.routingStatus ?? null,
};

function metricColumn(metric: Metric): Column {
	return {
		id: metric.field,
		header: metric.header,
		width: metric.width,
		priority: metric.priority,
		// Text (the division) reads from the left, numbers line up on the right.
		align: metric.kind === 'text' ? 'left' : 'right',
		text: row => formatMetric(metric, row),
		value: sortKeys[metric.field] ?? (row => row[metric.field] ?? null),
		tone: tones[metric.field],
	};
}

function liveColumn(metric: LiveMetric): Column {
	return {
		id: metric.field,
		header: metric.header,
		width: metric.width,
		priority: metric.priority,
		align: 'right',
		text: (_row, _previous, live) => formatLive(metric, live),
		value: (_row, _previous, live) => live?.[metric.field] ?? null,
		tone: tones[metric.field],
	};
}

/** A metric's change beside it while comparing: dropped before its value when space runs out. */
function deltaColumn(metric: Metric): Column {
	return {
		id: deltaField(metric.field),
		header: 'Δ',
		width: metric.kind === 'text' ? 0 : deltaWidths[metric.kind],
		priority: metric.priority - 0.5,
		align: 'right',
		text: (row, previous) => deltaText(metricDelta(metric, row, previous)),
		value: (row, previous) => metricDelta(metric, row, previous).value,
		verdict: (row, previous) => metricDelta(metric, row, previous).verdict,
	};
}

// Only numbers have a change: a text column (the division) has no Δ beside it.
const metricColumns = new Map<ColumnId, Column>([
	...metrics.map(metric => [metric.field, metricColumn(metric)] as const),
	...liveMetrics.map(metric => [metric.field, liveColumn(metric)] as const),
	...numericMetrics.map(metric => [deltaField(metric.field), deltaColumn(metric)] as const),
]);

/** The metric columns shown when the user has not picked any. */
export const defaultMetricFields: readonly MetricField[] = defaultColumns;

export function nameColumn(header: string): Column {
	return {
		id: 'name',
		header,
		width: 24,
		priority: 100,
		align: 'left',
		text: row => row.queueName,
		value: row => row.queueName.toLowerCase(),
	};
}

/** The column of a metric field, a live field or a change, for sorting by a column that may not be on screen. */
export function columnFor(id: MetricField | LiveField | DeltaField): Column {
	return metricColumns.get(id)!;
}

/** How a sort column is named in the status bar: "Δ SL %" for a change. */
export function sortTitle(id: MetricField | LiveField | DeltaField): string {
	const metric = deltaOf(id as DeltaField);
	if (metric) return `Δ ${metricFor(metric).header}`;
	return isLiveField(id) ? liveMetricFor(id).header : metricFor(id as MetricField).header;
}

/** The widest a name column gets: longer names are cut in the middle. */
export const nameWidthCap = 40;

type FitOptions = {
	/** The table's width: the columns, a space after each and the two-column selection marker. */
	width: number;
	nameHeader: string;
	/** The metric and live columns in the order chosen (live ones only where the level is live). */
	fields?: readonly (MetricField | LiveField)[];
	/** The longest name's width; the name column is as wide, up to `nameWidthCap`. */
	longestName?: number;
	/** A change column (Δ) beside each metric that has one. */
	comparing?: boolean;
	/** The widest value of each column in the view, its mark (`!`, `~`) included: no column is narrower. */
	widest?: ReadonlyMap<string, number>;
	/** The column the rows are sorted by: never dropped for want of room. */
	sortColumn?: ColumnId;
	/** Live columns the user has not placed (`v`): while comparing they give way to the compared metrics. */
	yieldingLive?: readonly LiveField[];
	/**
	 * The user ordered the columns (`v`): their order decides what survives, dropped from the end, never skipping
	 * ahead; else the catalog's priorities do.
	 */
	byOrder?: boolean;
};

/** Below every metric and change: what a live column left in its default place has while comparing. */
const yieldedPriority = 1;

/**
 * The name column, as wide as the longest name (capped), then as many of `fields` as fit `width` (one space
 * between), dropping the lowest priority first. The space left stays at the right.
 */
export function fitColumns({
	width,
	nameHeader,
	fields = defaultMetricFields,
	longestName = 24,
	comparing = false,
	widest,
	sortColumn,
	yieldingLive = [],
	byOrder = false,
}: FitOptions): Column[] {
	// A number is never cut: a column is as wide as its widest value (a wait of hours, with its mark).
	const sized = (column: Column): Column => {
		const needed = widest?.get(column.id) ?? 0;
		return needed > column.width ? {...column, width: needed} : column;
	};
	// In the user's order the first column is the most important; above `yieldedPriority` (and a change's half
	// step below its metric), so live columns left in place still give way first while comparing.
	const ranked = (field: MetricField | LiveField): Column => {
		const column = columnFor(field);
		return byOrder ? {...column, priority: yieldedPriority + 1 + fields.length - fields.indexOf(field)} : column;
	};
	const deltaFor = (field: MetricField): Column | undefined => {
		const delta = metricColumns.get(deltaField(field));
		return delta && {...delta, priority: ranked(field).priority - 0.5};
	};
	const name = nameColumn(nameHeader);
	// The header has room for its sort arrow.
	name.width = Math.min(nameWidthCap, Math.max(12, textWidth(nameHeader) + 1, longestName));
	const room = width - 3;
	if (comparing) {
		// While comparing, a long name column gives way (down to a readable 14) so that three metrics with their
		// changes fit: the comparison is what the user asked to see.
		const three = fields
			.filter((field): field is MetricField => !isLiveField(field) && metricColumns.has(deltaField(field)))
			.map(field => [ranked(field), deltaFor(field)!] as const)
			.sort(([a], [b]) => b.priority - a.priority)
			.slice(0, 3);
		const wanted = three.reduce((sum, [metric, delta]) => sum + metric.width + delta.width + 2, 0);
		name.width = Math.max(Math.min(name.width, 14), Math.min(name.width, room - wanted - 1));
	}
	// Sorted by a change: its metric stays beside it.
	const pinned = new Set<ColumnId | undefined>([sortColumn, sortColumn && deltaOf(sortColumn as DeltaField)]);
	const fitted = fitToWidth(
		room,
		[name],
		fields.flatMap(field => {
			const delta = comparing && !isLiveField(field) ? deltaFor(field) : undefined;
			return (delta ? [sized(ranked(field)), delta] : [sized(ranked(field))]).map(column =>
				pinned.has(column.id)
					? {...column, priority: Number.POSITIVE_INFINITY}
					: comparing && isLiveField(column.id) && yieldingLive.includes(column.id)
						? {...column, priority: yieldedPriority}
						: column,
			);
		}),
	);
	if (fitted.length === 1 && fields.length > 0) {
		// Not even one number fits beside the name: the name gives way to the most important one.
		const best = fields.map(field => sized(ranked(field))).sort((a, b) => b.priority - a.priority)[0]!;
		name.width = Math.max(6, room - best.width - 1);
		return [name, best];
	}
	// A list of names last (people now's Queues) takes the room left over, rather than being cut beside it.
	const last = fitted.at(-1);
	if (last && last !== name && growing.has(last.id)) {
		const used = fitted.reduce((sum, column) => sum + column.width, 0) + fitted.length - 1;
		if (used < room) return [...fitted.slice(0, -1), {...last, width: last.width + Math.min(room - used, 40)}];
	}
	return fitted;
}

/** Text columns that grow into the room a wide terminal leaves, when they come last. */
const growing = new Set<ColumnId>(['memberOf']);

/** What a view's values need of each column: its widest value, and whether a duration column has one of hours. */
export type ValueWidths = {
	/** The widest value of each field, with room for a mark where the column has a threshold. */
	widths: Map<string, number>;
	/** The duration fields with a value of an hour or more: the whole column reads h:mm:ss. */
	hours: Set<string>;
};

const hasHours = /^\d+:\d\d:\d\d$/;

/** One value's measure: its width, and whether it has hours and its width written h:mm:ss. */
type Measured = {width: number; hours: boolean; hoursWidth: number};

function measure(text: string, duration: boolean): Measured {
	const width = textWidth(text);
	const hours = duration && hasHours.test(text);
	return {width, hours, hoursWidth: duration ? textWidth(withHours(text)) : width};
}

/** One field's tally: how many rows have a value of each width, of each width written h:mm:ss, and with hours. */
type FieldTally = {
	field: MetricField | LiveField;
	column: Column;
	duration: boolean;
	live: boolean;
	widths: number[];
	hoursWidths: number[];
	hoursRows: number;
};

/**
 * The measures of each field's values over a level's rows, as counts of rows by width: a live update that changes a
 * few rows of thousands takes their old measures out and puts their new ones in, and the widest is the highest width
 * still counted. `rows` are the rows counted, in the order they were counted; `measured` holds each row's measures by
 * place (a row's fields one after another), so that a row counted out is not measured again.
 */
export type WidthTally = {
	rows: readonly DisplayRow[];
	fields: string;
	showIdle: boolean;
	tallies: FieldTally[];
	measured: Measures;
};

/** Rows' measures by place: a value's width, its width written h:mm:ss, and whether it has hours (1) or not. */
type Measures = {width: Uint16Array; hoursWidth: Uint16Array; hours: Uint8Array};

function measuresFor(cells: number): Measures {
	return {width: new Uint16Array(cells), hoursWidth: new Uint16Array(cells), hours: new Uint8Array(cells)};
}

/** `measures` with room for `cells`, its values kept. */
function withRoom(measures: Measures, cells: number): Measures {
	if (measures.width.length >= cells) return measures;
	const grown = measuresFor(Math.max(cells, measures.width.length * 2));
	grown.width.set(measures.width);
	grown.hoursWidth.set(measures.hoursWidth);
	grown.hours.set(measures.hours);
	return grown;
}

function fieldTallies(fields: readonly (MetricField | LiveField)[]): FieldTally[] {
	// Names and divisions (text) are cut in the middle by design; numbers never are.
	return fields.flatMap(field => {
		const metric = isLiveField(field) ? liveMetricFor(field) : metricFor(field);
		if (metric.kind === 'text') return [];
		const duration = metric.kind === 'duration';
		return [
			{field, column: columnFor(field), duration, live: isLiveField(field), widths: [], hoursWidths: [], hoursRows: 0},
		];
	});
}

/**
 * Measures the row at `place` and counts it in. Rows without traffic count only while shown (`z`). `replaced`: the row
 * counted out of this place, whose metric values are kept when its numbers are the same object (a live update makes
 * the row anew for its live values alone).
 */
function countIn(tally: WidthTally, row: DisplayRow, place: number, replaced?: DisplayRow): void {
	if (row.idle && !tally.showIdle) return;
	const {measured, tallies} = tally;
	const sameNumbers = replaced?.row === row.row && !(replaced.idle && !tally.showIdle);
	let cell = place * tallies.length;
	for (const each of tallies) {
		let width: number;
		let hoursWidth: number;
		let hours: boolean;
		if (sameNumbers && !each.live) {
			width = measured.width[cell]!;
			hoursWidth = measured.hoursWidth[cell]!;
			hours = measured.hours[cell] === 1;
		} else {
			// measure(), without an object a cell: thousands of rows are counted before the first frame.
			const text = each.column.text(row.row, undefined, row.live);
			width = textWidth(text);
			hours = each.duration && hasHours.test(text);
			hoursWidth = each.duration ? textWidth(withHours(text)) : width;
			measured.width[cell] = width;
			measured.hoursWidth[cell] = hoursWidth;
			measured.hours[cell] = hours ? 1 : 0;
		}
		cell++;
		each.widths[width] = (each.widths[width] ?? 0) + 1;
		each.hoursWidths[hoursWidth] = (each.hoursWidths[hoursWidth] ?? 0) + 1;
		if (hours) each.hoursRows++;
	}
}

/** Counts the row at `place` out, by the measures it was counted in with. */
function countOut(tally: WidthTally, row: DisplayRow, place: number): void {
	if (row.idle && !tally.showIdle) return;
	const {measured, tallies} = tally;
	let cell = place * tallies.length;
	for (const each of tallies) {
		each.widths[measured.width[cell]!]!--;
		each.hoursWidths[measured.hoursWidth[cell]!]!--;
		each.hoursRows -= measured.hours[cell]!;
		cell++;
	}
}

/**
 * The tally of `rows` for `fields`, made from `previous` where it counted the same fields: the rows that are not the
 * same objects at the same places are counted out and in again (a live update keeps the rows it did not change).
 * `previous` is changed in place and must not be used after.
 */
export function tallyWidths(
	previous: WidthTally | undefined,
	rows: readonly DisplayRow[],
	fields: readonly (MetricField | LiveField)[],
	showIdle: boolean,
): WidthTally {
	const key = fields.join(',');
	// The same fields: the rows not at their places before are counted out (by their kept measures, which costs
	// nothing) and in, their metric values kept where their numbers are the same (live values pushed: often thousands
	// of rows at once, when every wait ages).
	if (previous?.fields === key && previous.showIdle === showIdle) {
		const before = previous.rows;
		const common = Math.min(before.length, rows.length);
		const tally: WidthTally = {
			...previous,
			rows,
			measured: withRoom(previous.measured, rows.length * previous.tallies.length),
		};
		for (let index = 0; index < common; index++)
			if (before[index] !== rows[index]) {
				countOut(tally, before[index]!, index);
				countIn(tally, rows[index]!, index, before[index]);
			}
		for (let index = common; index < before.length; index++) countOut(tally, before[index]!, index);
		for (let index = common; index < rows.length; index++) countIn(tally, rows[index]!, index);
		return tally;
	}
	const tallies = fieldTallies(fields);
	const tally: WidthTally = {rows, fields: key, showIdle, tallies, measured: measuresFor(rows.length * tallies.length)};
	for (let index = 0; index < rows.length; index++) countIn(tally, rows[index]!, index);
	return tally;
}

/** The highest width counted by `counts`, or 0. */
function highest(counts: readonly number[]): number {
	for (let width = counts.length - 1; width > 0; width--) if ((counts[width] ?? 0) > 0) return width;
	return 0;
}

/**
 * The widest value of each field of the tally and the totals row, with room for a mark where the column has a
 * threshold (under NO_COLOR `!` or `~` goes before the number), and which duration columns have hours.
 */
export function widestOf(tally: WidthTally, total: {row: QueueRow; live?: LiveValues | undefined}): ValueWidths {
	const widths = new Map<string, number>();
	const hours = new Set<string>();
	for (const each of tally.tallies) {
		const totalMeasure = measure(each.column.text(total.row, undefined, total.live), each.duration);
		const withHours = each.duration && (each.hoursRows > 0 || totalMeasure.hours);
		if (withHours) hours.add(each.field);
		const widest = withHours
			? Math.max(highest(each.hoursWidths), totalMeasure.hoursWidth)
			: Math.max(highest(each.widths), totalMeasure.width);
		widths.set(each.field, widest + (each.column.tone ? 1 : 0));
	}
	return {widths, hours};
}

/** The columns with one format of duration each: h:mm:ss throughout where any value of the column has hours. */
export function oneDurationFormat(columns: readonly Column[], hours: ReadonlySet<string>): Column[] {
	return columns.map(column =>
		hours.has(column.id) ? {...column, text: (...args) => withHours(column.text(...args))} : column,
	);
}
