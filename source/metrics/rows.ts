// Queue rows: the derived numbers users see (the export contract), computed from raw statistics.
import {callbackFields, type MetricField, metricFor, queueMetricFields} from './catalog.js';

const isCallbackField = (field: MetricField) => (callbackFields as readonly MetricField[]).includes(field);
import type {DivisionLookup, QueueRow, RowIdentity} from './queue-row.js';
import {addInto, mergeBags, type StatsBag} from '../genesys/stats.js';
import {compareText} from '../text/collate.js';
import {averageMs as timerAverageMs, holdTimer, talkTimer} from '../genesys/timers.js';
import type {AggregateCell} from '../genesys/analytics.js';
import {flowCells, hasFlowStats} from './flows.js';
import {type Granularity, isPartialBucket} from '../range/range.js';

/**
 * Every record's fields in order (the CSV header, the JSON keys): the row's identity, the queue levels'
 * metrics, then the queue's division (added later, so it comes last and readers by position keep working).
 */
export const rowFields: readonly RowField[] = [
	'queueId',
	'queueName',
	'mediaType',
	'interval',
	...queueMetricFields.filter(field => metricFor(field).kind !== 'text' && !isCallbackField(field)),
	'divisionId',
	'divisionName',
	...callbackFields,
];

/** An interval record's fields: a row's, whether the range cuts its bucket (`partial`), then the callbacks (added later). */
export const intervalFields = [...withPartialField(rowFields.slice(0, -callbackFields.length)), ...callbackFields];

/** The fields of records by interval: the level's own, then `partial`. */
export function withPartialField(fields: readonly string[]): readonly string[] {
	return [...fields, 'partial'];
}

/**
 * Says of each row whether its bucket is partial (cut by the range's start or end: a week from a Wednesday, a day
 * up to now), so the table marks it and the export flags it. Rows are changed in place and returned.
 */
export function markPartial<Row extends QueueRow>(rows: Row[], timeZone: string, granularity: Granularity): Row[] {
	for (const row of rows) row.partial = row.interval ? isPartialBucket(row.interval, timeZone, granularity) : false;
	return rows;
}

export type {Division, DivisionLookup, QueueRow, RowIdentity} from './queue-row.js';

export type RowField = 'queueId' | 'queueName' | 'mediaType' | 'interval' | 'divisionId' | MetricField;

function count(stats: StatsBag, metric: string): number {
	return stats[metric]?.count ?? 0;
}

function ratio(numerator: number, denominator: number | undefined): number | null {
	return denominator ? numerator / denominator : null;
}

function averageMs(stats: StatsBag, metric: string): number | null {
	return timerAverageMs(stats[metric]);
}

export function toRow(identity: RowIdentity, stats: StatsBag): QueueRow {
	const offered = count(stats, 'nOffered');
	const answered = count(stats, 'tAnswered');
	const abandoned = count(stats, 'tAbandon');
	const serviceLevel = stats['oServiceLevel'];
	// Fields written out, not spread: spreading then adding twenty fields is slow in V8 (it showed
	// as 20 µs a row, most of the time to draw 5,000 queues).
	const row: QueueRow = {
		queueId: identity.queueId,
		queueName: identity.queueName,
		mediaType: identity.mediaType,
		interval: identity.interval,
		offered,
		answered,
		abandoned,
		flowOuts: count(stats, 'tFlowOut'),
		shortAbandoned: count(stats, 'tShortAbandon'),
		transferred: count(stats, 'nTransferred'),
		overSla: count(stats, 'nOverSla'),
		answerRate: ratio(answered, offered),
		abandonRate: ratio(abandoned, offered),
		serviceLevel: serviceLevel ? ratio(serviceLevel.numerator ?? 0, serviceLevel.denominator) : null,
		serviceLevelTarget: serviceLevel?.denominator ? (serviceLevel.target ?? null) : null,
		asaMs: averageMs(stats, 'tAnswered'),
		avgWaitMs: averageMs(stats, 'tWait'),
		ahtMs: averageMs(stats, 'tHandle'),
		avgTalkMs: averageMs(stats, talkTimer),
		avgHoldMs: averageMs(stats, holdTimer),
		avgAcwMs: averageMs(stats, 'tAcw'),
		divisionId: identity.division?.id ?? null,
		divisionName: identity.division?.name ?? null,
		handled: count(stats, 'tHandle'),
		notResponding: count(stats, 'tNotResponding'),
		share: null,
		count: count(stats, 'tHandle'),
		callbacksScheduled: count(stats, 'nCallbackScheduled'),
		callbackAttempts: count(stats, 'nCallbackAttempts'),
		callbackAbandoned: count(stats, 'tCallbackAbandon'),
		avgCallbackWaitMs: averageMs(stats, 'tCallbackVirtualWait'),
	};
	// A flow's statistics (the flows levels): its cells too, so totals and comparisons come from the same place.
	if (hasFlowStats(stats)) Object.assign(row, flowCells(stats));
	return row;
}

export type Level = 'queues' | 'media' | 'intervals';

export type NameLookup = (queueId: string) => string;

function intervalStart(interval: string | null): string {
	return interval?.split('/')[0] ?? '';
}

/** Queue name, then (for queues of the same name) division, then id; then media type and interval. */
export function compareRows(a: QueueRow, b: QueueRow): number {
	return (
		compareText(a.queueName, b.queueName) ||
		compareText(a.divisionName ?? '', b.divisionName ?? '') ||
		compareText(a.queueId ?? '', b.queueId ?? '') ||
		compareText(a.mediaType ?? '', b.mediaType ?? '') ||
		compareText(intervalStart(a.interval), intervalStart(b.interval))
	);
}

/**
 * Rolls cells up to one level: per queue (all media), per queue and media, or per queue, media and
 * interval. `rangeInterval` labels the queues and media levels. Rows come sorted by queue name, id,
 * media type and interval start.
 */
export function rollUp(
	cells: Iterable<AggregateCell>,
	level: Level,
	nameOf: NameLookup,
	rangeInterval: string | null,
	divisionOf?: DivisionLookup,
): QueueRow[] {
	return rollUpWithStats(cells, level, nameOf, rangeInterval, divisionOf)
		.map(entry => entry.row)
		.sort(compareRows);
}

/** rollUp, unsorted, keeping each row's merged raw statistics (for totals of any subset of rows). */
export function rollUpWithStats(
	cells: Iterable<AggregateCell>,
	level: Level,
	nameOf: NameLookup,
	rangeInterval: string | null,
	divisionOf?: DivisionLookup,
): Array<{row: QueueRow; stats: StatsBag}> {
	// A group keeps its first bag as is and copies only when a second one is added into it: most
	// rows come from one to three cells, and copying every metric of every cell was most of the time.
	type Group = {
		queueId: string;
		mediaType: string | null;
		interval: string | null;
		stats: Readonly<StatsBag>;
		owned: boolean;
	};
	const groups = new Map<string, Group>();
	for (const cell of cells) {
		const mediaType = level === 'queues' ? null : cell.mediaType;
		const interval = level === 'intervals' ? cell.interval : rangeInterval;
		const key = level === 'queues' ? cell.queueId : `${cell.queueId}\u0000${mediaType ?? ''}\u0000${interval ?? ''}`;
		const group = groups.get(key);
		if (!group) groups.set(key, {queueId: cell.queueId, mediaType, interval, stats: cell.stats, owned: false});
		else if (group.owned) addInto(group.stats, cell.stats);
		else {
			group.stats = addInto(addInto({}, group.stats), cell.stats);
			group.owned = true;
		}
	}
	const rows: Array<{row: QueueRow; stats: StatsBag}> = [];
	for (const group of groups.values()) {
		rows.push({
			row: toRow(
				{
					queueId: group.queueId,
					queueName: nameOf(group.queueId),
					mediaType: group.mediaType,
					interval: group.interval,
					division: divisionOf?.(group.queueId),
				},
				group.stats,
			),
			stats: group.stats,
		});
	}
	return rows;
}

/** The totals row over any set of cells. */
export function totalRow(cells: Iterable<AggregateCell>, label = 'Total', interval: string | null = null): QueueRow {
	const bags: StatsBag[] = [];
	for (const cell of cells) bags.push(cell.stats);
	return toRow({queueId: null, queueName: label, mediaType: null, interval}, mergeBags(bags));
}

/**
 * Every bucket of `buckets` for each series of `entries` (a queue and media type, an agent's or a code's): the
 * entries as they are, plus `empty(first entry of the series, bucket)` for each bucket a series has no entry for.
 * `seeds` name series that may have no entry at all (they are not written themselves). The one filler of every interval grid (queue x media, agents, wrap-up codes): staffing needs the empty intervals.
 */
export function fillBuckets<Entry>(
	entries: readonly Entry[],
	buckets: readonly string[],
	of: {series: (entry: Entry) => string; interval: (entry: Entry) => string},
	empty: (entry: Entry, interval: string) => Entry,
	seeds: readonly Entry[] = [],
): Entry[] {
	const series = new Map<string, {entry: Entry; seen: Set<string>}>();
	for (const seed of seeds)
		if (!series.has(of.series(seed))) series.set(of.series(seed), {entry: seed, seen: new Set()});
	for (const entry of entries) {
		const key = of.series(entry);
		let found = series.get(key);
		if (!found) series.set(key, (found = {entry, seen: new Set()}));
		found.seen.add(of.interval(entry));
	}
	const filled = [...entries];
	for (const {entry, seen} of series.values())
		for (const interval of buckets) if (!seen.has(interval)) filled.push(empty(entry, interval));
	return filled;
}

/** A row of no traffic in `interval` for the queue, media type and division of `row` (counts 0, rates none). */
export function emptyRowLike(row: QueueRow, interval: string): QueueRow {
	const division = row.divisionId ? {id: row.divisionId, name: row.divisionName ?? ''} : undefined;
	return toRow({queueId: row.queueId, queueName: row.queueName, mediaType: row.mediaType, interval, division}, {});
}

/**
 * Interval rows with every bucket of `buckets` for each queue and media type they have (counts 0, rates and times
 * none where a bucket had no traffic), in export order.
 */
export function filledIntervals(rows: readonly QueueRow[], buckets: readonly string[]): QueueRow[] {
	const filled = fillBuckets(
		rows,
		buckets,
		{series: row => `${row.queueId ?? ''}\u0000${row.mediaType ?? ''}`, interval: row => row.interval ?? ''},
		emptyRowLike,
	);
	return filled.length === rows.length ? filled : filled.sort(compareRows);
}
