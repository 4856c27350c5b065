// Live queue status from POST /api/v2/analytics/queues/observations/query (reference §A): waiting, interacting and
// the longest wait per queue and media type, agents on queue and available per queue. At most 100 queues a query.
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
	/** On queue with routing status NOT_RESPONDING: they get no new interactions until they act. */
	notRespondingAgents?: number;
	media: LiveMedia[];
	/** When the answer arrived (epoch ms). */
	observedAt: number;
};

type ObservationAnswer = {
	results?: Array<{
		group?: {queueId?: string; mediaType?: string};
		data?: Array<{metric?: string; qualifier?: string; stats?: {count?: number; calculatedMetricValue?: number}}>;
	}>;
};

type Issue = {path: PropertyKey[]; message: string};
type Checked = {success: true; data: ObservationAnswer} | {success: false; error: {issues: Issue[]}};

/**
 * A count or an epoch-ms timestamp as the API can give it: a whole number from 0 to 2^53. The push path's events are
 * held to the same (notifications.ts).
 */
export const countable = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first place where an answer is not the shape the API promises, if any. */
function shapeIssue(body: unknown): Issue | undefined {
	if (!isObject(body)) return {path: [], message: 'expected an object'};
	const {results} = body;
	if (results === undefined) return undefined;
	if (!Array.isArray(results)) return {path: ['results'], message: 'expected an array'};
	for (const [index, result] of results.entries()) {
		if (!isObject(result)) return {path: ['results', index], message: 'expected an object'};
		const {group, data} = result;
		if (group !== undefined) {
			if (!isObject(group)) return {path: ['results', index, 'group'], message: 'expected an object'};
			for (const key of ['queueId', 'mediaType'])
				if (group[key] !== undefined && typeof group[key] !== 'string')
					return {path: ['results', index, 'group', key], message: 'expected a string'};
		}
		if (data === undefined) continue;
		if (!Array.isArray(data)) return {path: ['results', index, 'data'], message: 'expected an array'};
		for (const [at, item] of data.entries()) {
			const where = ['results', index, 'data', at];
			if (!isObject(item)) return {path: where, message: 'expected an object'};
			for (const key of ['metric', 'qualifier'])
				if (item[key] !== undefined && typeof item[key] !== 'string')
					return {path: [...where, key], message: 'expected a string'};
			const {stats} = item;
			if (stats === undefined) continue;
			if (!isObject(stats)) return {path: [...where, 'stats'], message: 'expected an object'};
			for (const key of ['count', 'calculatedMetricValue']) {
				const value = stats[key];
				if (value === undefined) continue;
				if (typeof value !== 'number') return {path: [...where, 'stats', key], message: 'expected a number'};
				// A count or a timestamp that cannot be one (negative, a fraction, past 2^53): the answer is not believed.
				if (!countable(value))
					return {path: [...where, 'stats', key], message: 'expected a whole number from 0 to 2^53'};
			}
		}
	}
	return undefined;
}

/**
 * Checks an answer by hand rather than with zod: at 5,000 queues the live refreshes read 18 answers every 10 s,
 * and zod took 9-50 ms an answer on the main thread (keypresses waited behind it); this takes well under 1 ms.
 */
export const observationParser = {
	safeParse(body: unknown): Checked {
		const issue = shapeIssue(body);
		return issue ? {success: false, error: {issues: [issue]}} : {success: true, data: body as ObservationAnswer};
	},
};

export function observationBody(queueIds: readonly string[]): unknown {
	return {
		filter: {type: 'or', predicates: queueIds.map(value => ({dimension: 'queueId', value}))},
		metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers'],
	};
}

export function emptyQueue(queueId: string, observedAt: number): LiveQueue {
	return {
		queueId,
		waiting: 0,
		interacting: 0,
		longestWaitingMs: null,
		onQueueAgents: 0,
		availableAgents: 0,
		notRespondingAgents: 0,
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

type DataItem = NonNullable<NonNullable<ObservationAnswer['results']>[number]['data']>[number];

/**
 * One group's numbers into its queue, replacing what the group said before: the user-count group (no media type)
 * sets the agent counts, a media group its media; the queue's conversation totals are summed again. Shared by the
 * query's answers and the notifications' events (each event is a whole group).
 */
export function applyObservationGroup(
	queue: LiveQueue,
	mediaType: string | undefined,
	data: readonly DataItem[],
	now: number,
): void {
	if (mediaType === undefined) {
		// The user-count group: agents on queue by routing status; IDLE is on queue and free.
		queue.onQueueAgents = 0;
		queue.availableAgents = 0;
		queue.notRespondingAgents = 0;
		for (const item of data) {
			if (item.metric !== 'oOnQueueUsers') continue;
			const count = item.stats?.count ?? 0;
			queue.onQueueAgents += count;
			if (item.qualifier === 'IDLE') queue.availableAgents += count;
			else if (item.qualifier === 'NOT_RESPONDING') queue.notRespondingAgents += count;
		}
		return;
	}
	const media: LiveMedia = {mediaType, waiting: 0, interacting: 0, longestWaitingMs: null};
	for (const item of data) {
		if (item.metric === 'oWaiting') media.waiting += item.stats?.count ?? 0;
		else if (item.metric === 'oInteracting') media.interacting += item.stats?.count ?? 0;
		else if (item.metric === 'oLongestWaiting')
			media.longestWaitingMs = longestWaitMs(item.stats?.calculatedMetricValue, now);
	}
	// The timestamp can outlive the waiter by a moment: no waiter, no wait.
	if (media.waiting === 0) media.longestWaitingMs = null;
	queue.media = [...queue.media.filter(each => each.mediaType !== mediaType), media].sort((a, b) =>
		a.mediaType < b.mediaType ? -1 : 1,
	);
	queue.waiting = 0;
	queue.interacting = 0;
	queue.longestWaitingMs = null;
	for (const each of queue.media) {
		queue.waiting += each.waiting;
		queue.interacting += each.interacting;
		if (each.longestWaitingMs !== null)
			queue.longestWaitingMs = Math.max(queue.longestWaitingMs ?? 0, each.longestWaitingMs);
	}
}

/** One answer read into queues; every asked queue gets a record, zeros when the answer has no group for it. */
export function readObservations(
	answer: ObservationAnswer,
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
		applyObservationGroup(queue, result.group?.mediaType, result.data ?? [], now);
	}
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
			const answer = await client.post(observationsPath, observationBody(chunk), observationParser, signal);
			return readObservations(answer, chunk, client.serverNow());
		}),
		options.concurrency ?? 4,
		options.signal,
	);
	const all = new Map<string, LiveQueue>();
	for (const answer of answers) for (const [id, queue] of answer) all.set(id, queue);
	return all;
}
