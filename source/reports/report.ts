// One report: the aggregates for a range plus the names of the queues in it. Used by export and the TUI.
import {type DivisionLookup, filledIntervals, type QueueRow, rollUp} from '../metrics/rows.js';
import {type AggregateCell} from '../genesys/analytics.js';
import {addInto, RunningTotals, type StatsBag} from '../genesys/stats.js';
import type {Granularity} from '../range/range.js';
import {type AggregateQuery, fetchQueueAggregates, type Progress} from '../genesys/analytics.js';
import type {GenesysClient} from '../genesys/client.js';
import {
	deletedQueueName,
	divisionOfQueue,
	fetchQueueNames,
	listQueuesInParallel,
	type QueueInfo,
} from '../genesys/queues.js';
import {fetchRoutingNames} from '../genesys/routing-names.js';
import {compareText} from '../text/collate.js';
import {streamBatches} from './batches.js';
import type {DropSink} from '../genesys/dropped-statistics.js';

/** An aggregates query as a report asks it: always the metrics a queue row needs. */
export type ReportQuery = Omit<AggregateQuery, 'metrics'>;

export type Report = {
	/** Empty when asked for `sumsOnly`. */
	cells: AggregateCell[];
	/** The cells added up per queue and over all as the answers arrived (the queue level, before names). */
	totals: RunningTotals;
	queues: Map<string, QueueInfo>;
	nameOf: (queueId: string) => string;
	divisionOf: DivisionLookup;
	/** Skills named by their ids for want of this permission (rows by skill). */
	missingPermission?: string;
};

export type ReportOptions = {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	knownQueues?: ReadonlyMap<string, QueueInfo>;
	/**
	 * Keep the answers only as running sums per queue and per queue and media type, not as cells: what
	 * the TUI's queue and media levels read, in a fraction of the memory.
	 */
	sumsOnly?: boolean;
	/** The queue listing when another report of the same run asks it already (export --compare): asked once. */
	listing?: Promise<QueueInfo[] | undefined>;
	/** Told of each impossible statistic left out of an answer. */
	onDrop?: DropSink;
};

/**
 * The interval level for a whole organization, a batch of queues at a time, in export order (queue
 * name, id, media, interval), so memory stays flat however many queues there are.
 */
export async function streamIntervalRows(
	client: GenesysClient,
	query: ReportQuery & {granularity: Granularity},
	options: ReportOptions & {
		batchSize?: number;
		concurrency?: number;
		onRows: (rows: QueueRow[]) => Promise<void>;
		/** When given, every cell's statistics are added into it (the totals row of a table). */
		total?: StatsBag;
		/** Every bucket of the range: each queue and media type gets all of them (those without traffic too). */
		buckets?: readonly string[];
	},
): Promise<number> {
	const batchSize = options.batchSize ?? 25;
	const {buckets} = options;
	return streamQueueBatches(client, query, {
		...options,
		batchSize,
		fetchBatch: (queueIds, nameOf, signal, divisionOf) =>
			fetchQueueAggregates(
				client,
				{...query, queueIds},
				{signal, queueBatchSize: batchSize, onDrop: options.onDrop},
			).then(cells => {
				if (options.total) for (const cell of cells) addInto(options.total, cell.stats);
				const rows = rollUp(cells, 'intervals', nameOf, null, divisionOf);
				return buckets ? filledIntervals(rows, buckets) : rows;
			}),
	});
}

/**
 * Records of every queue with traffic, a batch of queues at a time, handed over in queue name and id
 * order. A small query first finds every queue with traffic, deleted ones included; the batches then
 * run a few at a time (`fetchBatch` makes a batch's records in order) and are handed over in order.
 */
export async function streamQueueBatches<Row>(
	client: GenesysClient,
	query: ReportQuery,
	options: ReportOptions & {
		batchSize?: number;
		concurrency?: number;
		fetchBatch: (
			queueIds: string[],
			nameOf: (queueId: string) => string,
			signal: AbortSignal,
			divisionOf: DivisionLookup,
		) => Promise<Row[]>;
		onRows: (rows: Row[]) => Promise<void>;
	},
): Promise<number> {
	const found = await fetchQueueAggregates(
		client,
		{...query, granularity: undefined, metrics: ['nOffered']},
		{signal: options.signal, onDrop: options.onDrop},
	);
	const ids = [...new Set(found.map(cell => cell.queueId))];
	const known = options.knownQueues;
	const queues = new Map(known ?? []);
	const missing = ids.filter(id => !queues.has(id));
	// Rows of requested skills or languages are named from their own listing.
	const routed =
		query.rowsBy && query.rowsBy !== 'queue'
			? await fetchRoutingNames(client, query.rowsBy, missing, {signal: options.signal})
			: undefined;
	if (missing.length > 0 && !routed)
		for (const [id, info] of await fetchQueueNames(client, missing, {signal: options.signal})) queues.set(id, info);
	const nameOf = (id: string) => queues.get(id)?.name ?? routed?.nameOf(id) ?? deletedQueueName(id);
	const divisionOf = (id: string) => divisionOfQueue(queues.get(id));
	const divisionName = (id: string) => queues.get(id)?.divisionName ?? '';
	// The export's order: name, then division (same-named queues), then id.
	ids.sort(
		(a, b) => compareText(nameOf(a), nameOf(b)) || compareText(divisionName(a), divisionName(b)) || compareText(a, b),
	);
	return streamBatches(ids, {
		...options,
		fetchBatch: (batch, signal) => options.fetchBatch(batch, nameOf, signal, divisionOf),
	});
}

export async function fetchReport(
	client: GenesysClient,
	query: ReportQuery,
	options: ReportOptions = {},
): Promise<Report> {
	if (query.rowsBy && query.rowsBy !== 'queue')
		return fetchRoutedReport(client, {...query, rowsBy: query.rowsBy}, options);
	const known = options.knownQueues;
	// Names are learned while the aggregates run: the whole queue list in parallel pages, unless the
	// caller knows the queues already or the organization is too big to list cheaply.
	const listing = known
		? Promise.resolve(undefined)
		: (options.listing ??
			listQueuesInParallel(client, {signal: options.signal, concurrency: 50}).catch(() => undefined));
	const sumsOnly = options.sumsOnly === true;
	const totals = new RunningTotals({byMedia: sumsOnly});
	const [cells, listed] = await Promise.all([aggregatesInto(client, query, options, totals), listing]);
	const queues = new Map(known ?? []);
	for (const queue of listed ?? []) queues.set(queue.id, queue);
	const ids = sumsOnly ? totals.byQueue.keys() : new Set(cells.map(cell => cell.queueId));
	const missing = [...ids].filter(id => !queues.has(id));
	// Ids the listing did not have: deleted queues, or a listing that was skipped or failed.
	if (missing.length > 0)
		for (const [id, info] of await fetchQueueNames(client, missing, {signal: options.signal})) queues.set(id, info);
	return {
		cells,
		totals,
		queues,
		nameOf: id => queues.get(id)?.name ?? deletedQueueName(id),
		divisionOf: id => divisionOfQueue(queues.get(id)),
	};
}

/** The report's aggregates, added into `totals` as they arrive (the cells kept too unless `sumsOnly`). */
function aggregatesInto(
	client: GenesysClient,
	query: ReportQuery,
	options: ReportOptions,
	totals: RunningTotals,
): Promise<AggregateCell[]> {
	return fetchQueueAggregates(client, query, {
		signal: options.signal,
		onProgress: options.onProgress,
		totals,
		keepCells: options.sumsOnly !== true,
		onDrop: options.onDrop,
	});
}

/**
 * The report with requested skills or languages for rows: the same aggregates grouped by that dimension, named from
 * its listing (no divisions, no service-level settings: those are a queue's).
 */
async function fetchRoutedReport(
	client: GenesysClient,
	query: ReportQuery & {rowsBy: 'skill' | 'language'},
	options: ReportOptions,
): Promise<Report> {
	const sumsOnly = options.sumsOnly === true;
	const totals = new RunningTotals({byMedia: sumsOnly});
	const [cells, distinct] = await Promise.all([
		aggregatesInto(client, query, options, totals),
		query.rowsBy === 'skill' ? distinctSkillTotal(client, query, options.signal) : undefined,
	]);
	if (distinct) {
		for (const name of Object.keys(totals.all)) delete totals.all[name];
		addInto(totals.all, distinct);
	}
	const ids = sumsOnly ? [...totals.byQueue.keys()] : cells.map(cell => cell.queueId);
	const names = await fetchRoutingNames(client, query.rowsBy, ids, {signal: options.signal});
	return {
		cells,
		totals,
		// The listing's skills or languages, as the queue listing's queues: `z` shows those without traffic.
		queues: new Map([...names.listed].map(([id, name]) => [id, {id, name}])),
		nameOf: names.nameOf,
		divisionOf: () => undefined,
		...(names.missingPermission ? {missingPermission: names.missingPermission} : {}),
	};
}

/**
 * The total over requested skills: a conversation that requested two skills is in both skills' rows (the dimension is
 * multi-valued), so the rows add up to more than there were conversations. The total is asked of its own, grouped by
 * media type only, over the traffic that requested any skill (or the skills asked for).
 */
export async function distinctSkillTotal(
	client: GenesysClient,
	query: ReportQuery & {rowsBy: 'skill' | 'language'},
	signal: AbortSignal | undefined,
): Promise<StatsBag> {
	const total: StatsBag = {};
	await fetchQueueAggregates(
		client,
		{...query, granularity: undefined, groupBy: ['mediaType'], queuedOnly: true},
		{
			...(signal ? {signal} : {}),
			keepCells: false,
			onResult: result => {
				for (const data of result.data ?? [])
					for (const metric of data.metrics ?? []) addInto(total, {[metric.metric]: metric.stats});
			},
		},
	);
	return total;
}
