// One report: the aggregates for a range plus the names of the queues in it. Used by export and the TUI.
import type {Cell} from '../metrics/rows.js';
import type {Granularity} from '../range/range.js';
import {fetchQueueAggregates, type Progress} from './analytics.js';
import type {GenesysClient} from './client.js';
import {deletedQueueName, fetchQueueNames, type QueueInfo} from './queues.js';
import type {DateTime} from 'luxon';

export type ReportQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	granularity?: Granularity;
	queueIds?: readonly string[];
	mediaTypes?: readonly string[];
};

export type Report = {
	cells: Cell[];
	queues: Map<string, QueueInfo>;
	nameOf: (queueId: string) => string;
};

export type ReportOptions = {signal?: AbortSignal; onProgress?: (progress: Progress) => void; knownQueues?: ReadonlyMap<string, QueueInfo>};

export async function fetchReport(client: GenesysClient, query: ReportQuery, options: ReportOptions = {}): Promise<Report> {
	const cells = await fetchQueueAggregates(client, query, {signal: options.signal, onProgress: options.onProgress});
	const ids = [...new Set(cells.map(cell => cell.queueId))];
	const known = options.knownQueues;
	const missing = known ? ids.filter(id => !known.has(id)) : ids;
	const queues = new Map(known ?? []);
	if (missing.length > 0) for (const [id, info] of await fetchQueueNames(client, missing, {signal: options.signal})) queues.set(id, info);
	return {cells, queues, nameOf: id => queues.get(id)?.name ?? deletedQueueName(id)};
}
