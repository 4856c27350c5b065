// Live queue status from POST /api/v2/analytics/queues/observations/query (reference §A): waiting, interacting and
// the longest wait per queue and media type, agents on queue and available per queue. At most 100 queues a query.
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {runPool} from './pool.js';

export const observationsPath = '/api/v2/analytics/queues/observations/query';
/** Queue ids per query (reference §A.4: what tools chunk at; treated as the cap). */
export const observationChunk = 100;

export type LiveMedia = {mediaType: string; waiting: number; interacting: number; longestWaitingMs: number | null};

/** One queue right now: conversation counts over its media, agent counts of the queue. */
export type LiveQueue = {
	queueId: string;
	waiting: number;
	interacting: number;
	longestWaitingMs: number | null;
	onQueueAgents: number;
	availableAgents: number;
	media: LiveMedia[];
	/** When the answer arrived (epoch ms). */
	observedAt: number;
};

const observationSchema = z.object({
	results: z
		.array(
			z.object({
				group: z.object({queueId: z.string(), mediaType: z.string().optional()}).partial().optional(),
				data: z
					.array(
						z.object({
							metric: z.string().optional(),
							qualifier: z.string().optional(),
							stats: z.object({count: z.number().optional(), calculatedMetricValue: z.number().optional()}).optional(),
						}),
					)
					.optional(),
			}),
		)
		.optional(),
});

export function observationBody(queueIds: readonly string[]): unknown {
	return {
		filter: {type: 'or', predicates: queueIds.map(value => ({dimension: 'queueId', value}))},
		metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers'],
	};
}

function emptyQueue(queueId: string, observedAt: number): LiveQueue {
	return {
		queueId,
		waiting: 0,
		interacting: 0,
		longestWaitingMs: null,
		onQueueAgents: 0,
		availableAgents: 0,
		media: [],
		observedAt,
	};
}

/**
 * `oLongestWaiting` is the epoch-ms timestamp of the oldest waiter (reference §A.3); a small value is read as a
 * duration already, as two live-org clients guard. Missing or 0: nobody waits.
 */
export function longestWaitMs(value: number | undefined, now: number): number | null {
	if (!value) return null;
	return value > 1e12 ? Math.max(0, now - value) : value;
}

/** One answer read into queues; every asked queue gets a record, zeros when the answer has no group for it. */
export function readObservations(
	answer: z.infer<typeof observationSchema>,
	queueIds: readonly string[],
	now: number,
): Map<string, LiveQueue> {
	const queues = new Map(queueIds.map(id => [id, emptyQueue(id, now)]));
	for (const result of answer.results ?? []) {
		const queueId = result.group?.queueId;
		if (!queueId) continue;
		let queue = queues.get(queueId);
		if (!queue) {
			queue = emptyQueue(queueId, now);
			queues.set(queueId, queue);
		}
		const mediaType = result.group?.mediaType;
		if (mediaType === undefined) {
			// The user-count group: agents on queue by routing status; IDLE is on queue and free.
			for (const item of result.data ?? []) {
				if (item.metric !== 'oOnQueueUsers') continue;
				const count = item.stats?.count ?? 0;
				queue.onQueueAgents += count;
				if (item.qualifier === 'IDLE') queue.availableAgents += count;
			}
			continue;
		}
		const media: LiveMedia = {mediaType, waiting: 0, interacting: 0, longestWaitingMs: null};
		for (const item of result.data ?? []) {
			if (item.metric === 'oWaiting') media.waiting += item.stats?.count ?? 0;
			else if (item.metric === 'oInteracting') media.interacting += item.stats?.count ?? 0;
			else if (item.metric === 'oLongestWaiting')
				media.longestWaitingMs = longestWaitMs(item.stats?.calculatedMetricValue, now);
		}
		// The timestamp can outlive the waiter by a moment: no waiter, no wait.
		if (media.waiting === 0) media.longestWaitingMs = null;
		queue.media.push(media);
		queue.waiting += media.waiting;
		queue.interacting += media.interacting;
		if (media.longestWaitingMs !== null)
			queue.longestWaitingMs = Math.max(queue.longestWaitingMs ?? 0, media.longestWaitingMs);
	}
	for (const queue of queues.values()) queue.media.sort((a, b) => (a.mediaType < b.mediaType ? -1 : 1));
	return queues;
}

/** Live status of the given queues, 100 a query, a few queries at a time. */
export async function fetchObservations(
	client: GenesysClient,
	queueIds: readonly string[],
	options: {signal?: AbortSignal; concurrency?: number} = {},
): Promise<Map<string, LiveQueue>> {
	const unique = [...new Set(queueIds)];
	const chunks: string[][] = [];
	for (let index = 0; index < unique.length; index += observationChunk)
		chunks.push(unique.slice(index, index + observationChunk));
	const answers = await runPool(
		chunks.map(chunk => async (signal: AbortSignal) => {
			const answer = await client.post(observationsPath, observationBody(chunk), observationSchema, signal);
			return readObservations(answer, chunk, client.serverNow());
		}),
		options.concurrency ?? 4,
		options.signal,
	);
	const all = new Map<string, LiveQueue>();
	for (const answer of answers) for (const [id, queue] of answer) all.set(id, queue);
	return all;
}
