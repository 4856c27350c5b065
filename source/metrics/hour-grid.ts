// Statistics by weekday and hour: buckets added into 168 cells, and what a cell shows (counts per day,
// rates and times derived from the summed parts, never averaged).
import {cellAt, cellCount, cellIndex, type ClockChange, weekdayHourAt} from '../range/weekday-hours.js';
import {metricFor, type Metric, type MetricField, metricValue} from './catalog.js';
import {type QueueRow, rowFields, toRow} from './rows.js';
import {addInto, mergeBags, type MetricStats, type StatsBag} from '../genesys/stats.js';
import {formatCount} from './format.js';

/** The metrics the heat map offers (`←/→`), in that order. */
export const heatMetricFields: readonly MetricField[] = [
	'offered',
	'answered',
	'abandonRate',
	'serviceLevel',
	'asaMs',
	'ahtMs',
];

/**
 * One queue (or all) by weekday and hour: per cell the summed statistics and how many such hours the range has.
 * A grid of something else than queues (a flow's) names the metrics it offers, the count under which its rates and
 * times are left blank (`base`: offered for queues), and what it covers.
 */
export type HourGrid = {
	cells: StatsBag[];
	days: readonly number[];
	changes: readonly ClockChange[];
	timeZone: string;
	fields?: readonly MetricField[];
	base?: MetricField;
	scope?: string;
};

/** The metrics a grid offers (`←/→`): its own, else the queues'. */
export function heatFieldsOf(grid: Pick<HourGrid, 'fields'> | undefined): readonly MetricField[] {
	return grid?.fields ?? heatMetricFields;
}

/** Adds statistics of a bucket starting at `intervalStart` (ISO) into the cell of its local weekday and hour. */
export function addAt(cells: StatsBag[], intervalStart: string, stats: StatsBag, timeZone: string): void {
	const {weekday, hour} = weekdayHourAt(Date.parse(intervalStart), timeZone);
	addInto(cells[cellIndex(weekday, hour)]!, stats);
}

export function emptyCells(): StatsBag[] {
	return Array.from({length: cellCount}, () => ({}));
}

type Bucket = {interval: string; metrics?: ReadonlyArray<{metric: string; stats: MetricStats}>};

/** Adds an answer's buckets into the cells of their local weekday and hour. */
export function addBuckets(cells: StatsBag[], buckets: readonly Bucket[], timeZone: string): void {
	for (const bucket of buckets) {
		const stats: StatsBag = {};
		for (const metric of bucket.metrics ?? []) addInto(stats, {[metric.metric]: metric.stats});
		addAt(cells, bucket.interval.split('/')[0] ?? '', stats, timeZone);
	}
}

/** The grid's cells merged: the statistics of the whole range. */
export function gridTotal(grid: Pick<HourGrid, 'cells'>): StatsBag {
	return mergeBags(grid.cells);
}

/** A cell's (or any statistics') numbers as a row. */
export function hourRow(stats: StatsBag, label = ''): QueueRow {
	return toRow({queueId: null, queueName: label, mediaType: null, interval: null}, stats);
}

/**
 * What a cell shows for a metric: counts are an average per day (the total over the number of such
 * weekday-hours in the range); rates and times come from the summed parts. Null where there is nothing:
 * no such hour in the range, or no traffic to take a rate or time of.
 */
export function cellValue(metric: Metric, stats: StatsBag, days: number): number | null {
	if (days === 0) return null;
	const value = metricValue(metric, hourRow(stats));
	if (value === null) return null;
	return metric.kind === 'count' ? value / days : value;
}

/** Every cell's value for a metric, Monday 00:00 first. */
export function gridValues(grid: HourGrid, field: MetricField): Array<number | null> {
	const metric = metricFor(field);
	return grid.cells.map((stats, index) => cellValue(metric, stats, grid.days[index] ?? 0));
}

/** A per-day count as people read it: whole numbers from 100, one decimal below. */
export function formatPerDay(value: number): string {
	return value >= 100 ? formatCount(Math.round(value)) : value.toFixed(1);
}

/** The cell with the highest (or lowest) value; ties go to the earliest in the week. */
export function extremeCell(values: ReadonlyArray<number | null>, highest: boolean): number | undefined {
	let best: number | undefined;
	for (const [index, value] of values.entries()) {
		if (value === null) continue;
		const current = best === undefined ? undefined : values[best]!;
		if (current === undefined || (highest ? value > current : value < current)) best = index;
	}
	return best;
}

/** A record of `export --level hours`: a queue (and media type) on one weekday-hour of the range. */
export type HourRecord = QueueRow & {weekday: number; hour: number; days: number};

/** Its fields in order (CSV header, JSON keys): the row's identity, weekday, hour and days, then the metrics. */
export const hourFields: ReadonlyArray<keyof HourRecord> = [
	...rowFields.slice(0, 4),
	'weekday',
	'hour',
	'days',
	...rowFields.slice(4),
];

/** Whose weekday-hours: the queue (none for all queues), its division where known, media type and range. */
export type HourIdentity = {
	queueId: string | null;
	queueName: string;
	mediaType: string | null;
	interval: string;
	division?: {id: string; name: string} | undefined;
};

export function hourRecord(identity: HourIdentity, index: number, days: number, stats: StatsBag): HourRecord {
	const {queueName: _name, queueId: _id, mediaType: _media, interval: _interval, ...metrics} = hourRow(stats);
	const {division, ...rest} = identity;
	const {weekday, hour} = cellAt(index);
	return {
		...rest,
		weekday,
		hour,
		days,
		...metrics,
		divisionId: division?.id ?? null,
		divisionName: division?.name ?? null,
	};
}

/** A grid's records as `export --level hours` writes them: one for every weekday-hour the range holds. */
export function gridRecords(grid: HourGrid, identity: HourIdentity): HourRecord[] {
	return eachHour(grid, (index, days, stats) => hourRecord(identity, index, days, stats));
}

/** One record for every weekday-hour the range holds, made from its cell: its index, how many such hours, its stats. */
export function eachHour<R>(grid: HourGrid, make: (index: number, days: number, stats: StatsBag) => R): R[] {
	const records: R[] = [];
	for (let index = 0; index < cellCount; index++) {
		const days = grid.days[index] ?? 0;
		if (days > 0) records.push(make(index, days, grid.cells[index]!));
	}
	return records;
}
