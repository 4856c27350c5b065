// Conversation aggregates per queue and media type: chunked, batched, run in parallel, merged exactly.
import {analyticsMediaTypes, ownPartitionMediaTypes} from './media-types.js';
import type {DateTime} from 'luxon';
import {holdTimer, talkTimer} from './timers.js';
import {mergeMetric, type RunningTotals, type StatsBag} from './stats.js';
import {type Granularity, isoInterval, planChunks, type WeekStart} from '../range/range.js';
import type {GenesysClient} from './client.js';
import {GqxError} from '../errors.js';
import {runPool} from './pool.js';
import type {AggregateResult} from './schemas.js';
import {aggregatesReader} from './aggregates-reader.js';
import type {DropSink} from './dropped-statistics.js';
import {rowDimensionName, type RowsBy} from './row-dimensions.js';

/** The Genesys metrics a queue row is computed from. */
export const queueMetricNames = [
	'nOffered',
	'tAnswered',
	'tAbandon',
	'tFlowOut',
	'tShortAbandon',
	'nTransferred',
	'nOverSla',
	'oServiceLevel',
	'tWait',
	'tHandle',
	talkTimer,
	holdTimer,
	'tAcw',
	'nCallbackScheduled',
	'nCallbackAttempts',
	'tCallbackAbandon',
	'tCallbackVirtualWait',
] as const;

/**
 * One aggregate cell as the API gives it: a queue, a media type and an interval. `queueId` is the row's id: a queue's,
 * or a requested skill's or language's when the query's `rowsBy` says so (row-dimensions.ts).
 */
export type AggregateCell = {
	queueId: string;
	mediaType: string | null;
	/** `start/end` in UTC ISO: a bucket, or the whole range when no granularity was asked. */
	interval: string;
	stats: StatsBag;
};

export const aggregatesPath = '/api/v2/analytics/conversations/aggregates/query';

export type AggregateQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	granularity?: Granularity;
	/** The day weekly buckets start on (P7D): Monday when absent. */
	weekStart?: WeekStart;
	queueIds?: readonly string[];
	mediaTypes?: readonly string[];
	/** Metrics to ask for; default the ones a queue row needs. */
	metrics?: readonly string[];
	/**
	 * Dimensions to group by; default queueId and mediaType. Without queueId, `queuedOnly` keeps the
	 * answer to queue traffic (what the queue level adds up) without one group per queue.
	 */
	groupBy?: readonly string[];
	queuedOnly?: boolean;
	/** What `queueIds` and the rows are: queues (default), requested skills or requested languages. */
	rowsBy?: RowsBy;
};

export type Progress = {done: number; total: number};

export type FetchOptions = {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	/** Requests in flight at once; default 4. */
	concurrency?: number;
	/** Queue ids per request when filtering by queue; default 100. */
	queueBatchSize?: number;
	/**
	 * Split an unfiltered query into one request per media partition, run in parallel: the answers
	 * are smaller, and each is parsed while the server still works on the next. Default true.
	 */
	splitByMedia?: boolean;
	/**
	 * When given, every answer is also added up per queue (all media and intervals together) and
	 * over everything as it arrives, so the queue level and its total are ready with the last answer.
	 */
	totals?: RunningTotals;
	/**
	 * Keep the cells (default true). Without them the answers live on only in `totals`, which is a
	 * fraction of the memory: the TUI's queue and media levels read nothing else.
	 */
	keepCells?: boolean;
	/** Called with every result of every answer as it is read (the heat map adds buckets up by weekday and hour). */
	onResult?: (result: AggregateResult) => void;
	/** Told of each impossible statistic left out of an answer (the rest of the answer is kept). */
	onDrop?: DropSink;
};

type Predicate = {type: 'dimension'; dimension: string; operator: 'matches' | 'exists' | 'notExists'; value?: string};

/** Media partitions that together cover every conversation: each analytics media type once, and none. */
export const mediaPartitions: readonly Predicate[][] = [
	...ownPartitionMediaTypes.map(type => [type]),
	analyticsMediaTypes.filter(type => !ownPartitionMediaTypes.includes(type)),
]
	.map(types => predicates('mediaType', types))
	.concat([[{type: 'dimension', dimension: 'mediaType', operator: 'notExists'}]]);

function predicates(dimension: string, values: readonly string[]): Predicate[] {
	return values.map(value => ({type: 'dimension', dimension, operator: 'matches', value}));
}

/**
 * The request body: AND of an OR-clause of row ids (queues, or the skills or languages of `rowsBy`) and an OR-clause
 * of media types. `queuedOnly` keeps traffic that has the row dimension (queue traffic, or that requested a skill).
 */
export function buildAggregateBody(
	interval: string,
	query: Pick<
		AggregateQuery,
		'timeZone' | 'granularity' | 'mediaTypes' | 'metrics' | 'groupBy' | 'queuedOnly' | 'rowsBy'
	>,
	queueIds: readonly string[] | undefined,
	mediaPartition?: readonly Predicate[],
): Record<string, unknown> {
	const dimension = rowDimensionName(query.rowsBy);
	const clauses = [];
	if (queueIds?.length) clauses.push({type: 'or', predicates: predicates(dimension, queueIds)});
	if (query.mediaTypes?.length) clauses.push({type: 'or', predicates: predicates('mediaType', query.mediaTypes)});
	else if (mediaPartition) clauses.push({type: 'or', predicates: mediaPartition});
	if (query.queuedOnly && !queueIds?.length)
		clauses.push({type: 'or', predicates: [{type: 'dimension', dimension, operator: 'exists'}]});
	return {
		interval,
		...(query.granularity ? {granularity: query.granularity} : {}),
		timeZone: query.timeZone,
		groupBy: [...(query.groupBy ?? [dimension, 'mediaType'])],
		...(clauses.length ? {filter: {type: 'and', clauses}} : {}),
		metrics: [...(query.metrics ?? queueMetricNames)],
	};
}

/**
 * Adds one result of an answer (a queue and media type) into the cell map. Groups without a queueId (or the
 * skill or language `dimension` the rows are) are not the rows' traffic and are left out; `wholeRange` replaces
 * bucket intervals when no granularity was asked, so chunks merge.
 */
export function mergeResult(
	cells: Map<string, AggregateCell> | undefined,
	result: AggregateResult,
	wholeRange: string | undefined,
	totals?: RunningTotals,
	dimension: string = 'queueId',
): void {
	const queueId = result.group?.[dimension];
	if (!queueId) return;
	const mediaType = result.group?.['mediaType'] ?? null;
	const queueBag = totals?.bagOf(queueId);
	const pair = totals?.byMedia?.pairOf(queueId, mediaType);
	for (const data of result.data ?? []) {
		const cell = cells ? cellOf(cells, queueId, mediaType, wholeRange ?? data.interval) : undefined;
		for (const metric of data.metrics ?? []) {
			if (cell) {
				const existing = cell.stats[metric.metric];
				// The parsed answer is ours alone: a new cell keeps its statistics object (never changed
				// afterwards; a later chunk makes a merged copy), which saves a copy of every metric. Its
				// extra fields (the API's `ratio`) are never read: rows derive every number themselves.
				cell.stats[metric.metric] = existing ? mergeMetric(existing, metric.stats) : metric.stats;
			}
			if (queueBag) totals!.add(queueBag, metric.metric, metric.stats);
			if (pair) totals!.byMedia!.add(pair, metric.metric, metric.stats);
		}
	}
}

function cellOf(
	cells: Map<string, AggregateCell>,
	queueId: string,
	mediaType: string | null,
	interval: string,
): AggregateCell {
	const key = `${queueId}\u0000${mediaType ?? ''}\u0000${interval}`;
	let cell = cells.get(key);
	if (!cell) {
		cell = {queueId, mediaType, interval, stats: {}};
		cells.set(key, cell);
	}
	return cell;
}

/**
 * Whether a result is of the rows asked for. A conversation that requested several skills is in the answer of a filter
 * on one of them, and grouped by skill it may come back under each of its skills: the others are not rows asked for.
 */
export function ofBatch(result: AggregateResult, batch: readonly string[] | undefined, dimension: string): boolean {
	const id = result.group?.[dimension];
	return !batch || id === undefined || batch.includes(id);
}

export function describePart(start: DateTime, end: DateTime, batch: number, batches: number): string {
	const days = `${start.toISODate()} to ${end.minus({milliseconds: 1}).toISODate()}`;
	return batches > 1 ? `${days}, queue batch ${batch + 1} of ${batches}` : days;
}

/**
 * Fetches queue x media aggregates for a range. Ranges over 31 days are split into chunks and
 * queue filters into batches; the answers are merged into one cell per queue, media type and
 * interval (the whole range when no granularity is given).
 */
export async function fetchQueueAggregates(
	client: GenesysClient,
	query: AggregateQuery,
	options: FetchOptions = {},
): Promise<AggregateCell[]> {
	const chunks = planChunks(query.start, query.end, query.granularity, undefined, query.weekStart);
	const batchSize = options.queueBatchSize ?? 100;
	const batches: Array<readonly string[] | undefined> = [];
	if (query.queueIds?.length) {
		for (let index = 0; index < query.queueIds.length; index += batchSize)
			batches.push(query.queueIds.slice(index, index + batchSize));
	} else {
		batches.push(undefined);
	}
	const wholeRange = query.granularity ? undefined : isoInterval(query.start, query.end);
	const dimension = rowDimensionName(query.rowsBy);
	const partitions: Array<readonly Predicate[] | undefined> =
		!query.queueIds?.length && !query.mediaTypes?.length && options.splitByMedia !== false
			? [...mediaPartitions]
			: [undefined];
	const cells = options.keepCells === false ? undefined : new Map<string, AggregateCell>();
	const total = chunks.length * batches.length * partitions.length;
	let done = 0;
	options.onProgress?.({done, total});
	const tasks = chunks.flatMap(([start, end]) =>
		batches.flatMap((batch, batchIndex) =>
			partitions.map(partition => async (signal: AbortSignal) => {
				try {
					// Each result is merged as it is read: the answer is never held parsed whole.
					await client.post(
						aggregatesPath,
						buildAggregateBody(isoInterval(start, end), query, batch, partition),
						aggregatesReader(result => {
							if (!ofBatch(result, batch, dimension)) return;
							mergeResult(cells, result, wholeRange, options.totals, dimension);
							options.onResult?.(result);
						}, options.onDrop),
						signal,
					);
				} catch (error) {
					if (error instanceof GqxError && chunks.length * batches.length > 1)
						error.part ??= describePart(start, end, batchIndex, batches.length);
					throw error;
				}
				done++;
				options.onProgress?.({done, total});
			}),
		),
	);
	await runPool(tasks, options.concurrency ?? 6, options.signal);
	return cells ? [...cells.values()] : [];
}
