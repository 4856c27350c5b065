// Conversation aggregates of queues by agent (userId) or by wrap-up code: one query per chunk and
// batch of queues, the AND-of-OR filter shape the reference advises, merged exactly per queue, media
// type, agent or code, and interval.
import type {DateTime} from 'luxon';
import type {StatsBag} from './stats.js';
import type {Granularity, WeekStart} from '../range/range.js';
import {aggregatesPath, buildAggregateBody, type Progress} from './analytics.js';
import type {GenesysClient} from './client.js';
import {fetchGroupedCells} from './grouped-cells.js';

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
	const batchSize = options.queueBatchSize ?? 100;
	const batches: Array<readonly string[]> = [];
	for (let index = 0; index < query.queueIds.length; index += batchSize)
		batches.push(query.queueIds.slice(index, index + batchSize));
	const cells = await fetchGroupedCells(
		client,
		{
			path: aggregatesPath,
			start: query.start,
			end: query.end,
			granularity: query.granularity,
			weekStart: query.weekStart,
			batches,
			body: (interval, batch) => ({
				...buildAggregateBody(
					interval,
					{
						timeZone: query.timeZone,
						granularity: query.granularity,
						mediaTypes: query.mediaTypes,
						metrics: drillMetricNames[query.dimension],
					},
					batch,
				),
				groupBy: ['queueId', 'mediaType', query.dimension],
			}),
			dimensions: ['queueId', 'mediaType', query.dimension],
			keep: group => Boolean(group?.['queueId']),
		},
		options,
	);
	return cells.map(({group, interval, stats}) => ({
		queueId: group['queueId'] ?? '',
		mediaType: group['mediaType'] ?? null,
		member: group[query.dimension] ?? null,
		interval,
		stats,
	}));
}
