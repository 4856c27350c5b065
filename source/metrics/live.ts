// Live records: one per queue (all media, with agent counts) and one per queue and media type, from observations.
import type {LiveQueue} from '../genesys/observations.js';
import {type LiveValues, liveMetrics} from './catalog.js';
import {compareText} from '../text/collate.js';

/** The fields of `export --level live`, in order (the CSV header, the JSON keys). */
export const liveRecordFields = [
	'queueId',
	'queueName',
	'mediaType',
	'waiting',
	'interacting',
	'longestWaitingMs',
	'onQueueAgents',
	'availableAgents',
	'observedAt',
] as const;

/** The live columns' fields, in the catalog's order: what a live view's export adds to each of its records. */
export const liveValueFields: readonly string[] = liveMetrics.map(metric => metric.field);

/** A row's live values as record fields (null where it has none: agent counts on a media row, a queue not seen). */
export function liveValuesRecord(values: LiveValues | undefined): Record<string, number | null> {
	return Object.fromEntries(liveMetrics.map(({field}) => [field, values?.[field] ?? null]));
}

export type LiveRecord = {
	queueId: string;
	queueName: string;
	mediaType: string | null;
	waiting: number;
	interacting: number;
	longestWaitingMs: number | null;
	onQueueAgents: number | null;
	availableAgents: number | null;
	/** ISO-8601 UTC. */
	observedAt: string;
};

/** A queue row's live values. */
export function queueLive(queue: LiveQueue): LiveValues {
	return {
		waiting: queue.waiting,
		interacting: queue.interacting,
		longestWaitingMs: queue.longestWaitingMs,
		onQueueAgents: queue.onQueueAgents,
		availableAgents: queue.availableAgents,
	};
}

/** A media row's live values: no agent counts (Genesys counts agents per queue only). */
export function mediaLive(queue: LiveQueue | undefined, mediaType: string): LiveValues | undefined {
	const media = queue?.media.find(each => each.mediaType === mediaType);
	if (!media) return undefined;
	return {
		waiting: media.waiting,
		interacting: media.interacting,
		longestWaitingMs: media.longestWaitingMs,
		onQueueAgents: null,
		availableAgents: null,
	};
}

/** The sum of rows' live values (the longest wait is the longest of them), for a totals row. */
export function sumLive(rows: ReadonlyArray<{readonly live?: LiveValues | undefined}>): LiveValues | undefined {
	let any = false;
	const total = {
		waiting: 0,
		interacting: 0,
		longestWaitingMs: null as number | null,
		onQueueAgents: 0,
		availableAgents: 0,
	};
	let agents = false;
	// One pass over the rows (thousands, on every live update).
	for (const row of rows) {
		const value = row.live;
		if (!value) continue;
		any = true;
		total.waiting += value.waiting ?? 0;
		total.interacting += value.interacting ?? 0;
		if (value.longestWaitingMs !== null)
			total.longestWaitingMs = Math.max(total.longestWaitingMs ?? 0, value.longestWaitingMs);
		if (value.onQueueAgents !== null) agents = true;
		total.onQueueAgents += value.onQueueAgents ?? 0;
		total.availableAgents += value.availableAgents ?? 0;
	}
	if (!any) return undefined;
	return agents ? total : {...total, onQueueAgents: null, availableAgents: null};
}

/** Records of queues in name order, each queue's record before its media records (media in name order). */
export function liveRecords(queues: Iterable<LiveQueue>, nameOf: (queueId: string) => string): LiveRecord[] {
	const sorted = [...queues]
		.map(queue => ({queue, name: nameOf(queue.queueId)}))
		.sort((a, b) => compareText(a.name, b.name) || compareText(a.queue.queueId, b.queue.queueId));
	const records: LiveRecord[] = [];
	for (const {queue, name} of sorted) {
		const observedAt = new Date(queue.observedAt).toISOString();
		records.push({
			queueId: queue.queueId,
			queueName: name,
			mediaType: null,
			...queueLive(queue),
			waiting: queue.waiting,
			interacting: queue.interacting,
			observedAt,
		});
		for (const media of queue.media)
			records.push({
				queueId: queue.queueId,
				queueName: name,
				mediaType: media.mediaType,
				waiting: media.waiting,
				interacting: media.interacting,
				longestWaitingMs: media.longestWaitingMs,
				onQueueAgents: null,
				availableAgents: null,
				observedAt,
			});
	}
	return records;
}
