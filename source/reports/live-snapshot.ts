// One snapshot of live queue status for scripts (`export --level live`, `check --max-wait`): the queues chosen by
// --queue and --division (all by default), their observations, --media applied to the media records and the queue sums.
import type {GenesysClient} from '../genesys/client.js';
import {fetchObservations, type LiveQueue} from '../genesys/observations.js';
import {listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {selectQueueIds} from './queue-match.js';

export type LiveSnapshot = {queues: LiveQueue[]; nameOf: (queueId: string) => string};

/** Queue sums over the kept media only; agent counts are the queue's whatever the media. */
function keepMedia(queue: LiveQueue, media: readonly string[]): LiveQueue {
	const kept = queue.media.filter(each => media.includes(each.mediaType));
	let longest: number | null = null;
	for (const each of kept) if (each.longestWaitingMs !== null) longest = Math.max(longest ?? 0, each.longestWaitingMs);
	return {
		...queue,
		media: kept,
		waiting: kept.reduce((sum, each) => sum + each.waiting, 0),
		interacting: kept.reduce((sum, each) => sum + each.interacting, 0),
		longestWaitingMs: longest,
	};
}

export async function fetchLiveSnapshot(
	client: GenesysClient,
	filter: {queues: readonly string[]; divisions?: readonly string[]; media: readonly string[]},
	options: {signal?: AbortSignal; known?: readonly QueueInfo[]} = {},
): Promise<LiveSnapshot> {
	const all = options.known ?? (await listAllQueues(client, {signal: options.signal}));
	const ids =
		selectQueueIds({queues: filter.queues, divisions: filter.divisions ?? []}, all) ?? all.map(queue => queue.id);
	const names = new Map(all.map(queue => [queue.id, queue.name]));
	const live = await fetchObservations(client, ids, {signal: options.signal});
	const queues = [...live.values()].map(queue => (filter.media.length > 0 ? keepMedia(queue, filter.media) : queue));
	return {queues, nameOf: id => names.get(id) ?? id};
}
