// Conversation aggregates of queues by agent (userId) or by wrap-up code: one query per chunk and
// batch of queues, the AND-of-OR filter shape the reference advises, merged exactly per queue, media
// type, agent or code, and interval.
import type {DateTime} from 'luxon';
import {mergeMetric, type StatsBag} from './stats.js';
import {type Granularity, isoInterval, planChunks, type WeekStart} from '../range/range.js';
import {aggregatesPath, buildAggregateBody, describePart, type Progress} from './analytics.js';
import type {GenesysClient} from './client.js';
import {GqxError} from '../errors.js';
import {runPool} from './pool.js';
import {aggregatesReader} from './aggregates-reader.js';

export type DrillDimension = 'userId' | 'wrapUpCode';

/** One answer cell: `member` is the agent's id or the code, null for work without one (or the queue's own). */
export type DrillCell = {
	queueId: string;
	mediaType: string | null;
	member: string | null;
	interval: string;
	stats: StatsBag;
};

/**
 * What an agent's and a code's rows are computed from. Talk and hold both ways (`tTalk` and
 * `tTalkComplete`, `tHeld` and `tHeldComplete`), so rows follow whichever definition the catalog uses.
 */
export const drillMetricNames: Readonly<Record<DrillDimension, readonly string[]>> = {
	userId: [
		'tAnswered',
		'tHandle',
		'tTalk',
		'tTalkComplete',
		'tHeld',
		'tHeldComplete',
		'tAcw',
		'nTransferred',
		'tNotResponding',
	],
	wrapUpCode: ['tAnswered', 'tHandle', 'tTalk', 'tTalkComplete', 'tHeld', 'tHeldComplete', 'tAcw'],
};

export type DrillQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	granularity?: Granularity;
	/** The day weekly buckets start on (P7D): Monday when absent. */
	weekStart?: WeekStart;
	queueIds: readonly string[];
	mediaTypes?: readonly string[];
	dimension: DrillDimension;
};

export async function fetchDrillCells(
	client: GenesysClient,
	query: DrillQuery,
	options: {
		signal?: AbortSignal;
		onProgress?: (progress: Progress) => void;
		queueBatchSize?: number;
		concurrency?: number;
	} = {},
): Promise<DrillCell[]> {
	const chunks = planChunks(query.start, query.end, query.granularity, undefined, query.weekStart);
	const batchSize = options.queueBatchSize ?? 100;
	const batches: Array<readonly string[]> = [];
	for (let index = 0; index < query.queueIds.length; index += batchSize)
		batches.push(query.queueIds.slice(index, index + batchSize));
	const wholeRange = query.granularity ? undefined : isoInterval(query.start, query.end);
	const cells = new Map<string, DrillCell>();
	const total = chunks.length * batches.length;
	let done = 0;
	options.onProgress?.({done, total});
	const tasks = chunks.flatMap(([start, end]) =>
		batches.map((batch, batchIndex) => async (signal: AbortSignal) => {
			const body = {
				...buildAggregateBody(
					isoInterval(start, end),
					{
						timeZone: query.timeZone,
						granularity: query.granularity,
						mediaTypes: query.mediaTypes,
						metrics: drillMetricNames[query.dimension],
					},
					batch,
				),
				groupBy: ['queueId', 'mediaType', query.dimension],
			};
			try {
				await client.post(
					aggregatesPath,
					body,
					aggregatesReader(result => {
						const queueId = result.group?.['queueId'];
						if (!queueId) return;
						const mediaType = result.group?.['mediaType'] ?? null;
						const member = result.group?.[query.dimension] ?? null;
						for (const data of result.data ?? []) {
							const interval = wholeRange ?? data.interval;
							const key = `${queueId}\u0000${mediaType ?? ''}\u0000${member ?? ''}\u0000${interval}`;
							let cell = cells.get(key);
							if (!cell) {
								cell = {queueId, mediaType, member, interval, stats: {}};
								cells.set(key, cell);
							}
							for (const metric of data.metrics ?? []) {
								const existing = cell.stats[metric.metric];
								cell.stats[metric.metric] = existing ? mergeMetric(existing, metric.stats) : metric.stats;
							}
						}
					}),
					signal,
				);
			} catch (error) {
				if (error instanceof GqxError && total > 1) error.part ??= describePart(start, end, batchIndex, batches.length);
				throw error;
			}
			done++;
			options.onProgress?.({done, total});
		}),
	);
	await runPool(tasks, options.concurrency ?? 6, options.signal);
	return [...cells.values()];
}
