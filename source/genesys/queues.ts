// Queue names and lookups from GET /api/v2/routing/queues, following every page the server says exists.
import type {GenesysClient} from './client.js';
import {ResponseError} from '../errors.js';
import {runPool} from './pool.js';
import {queueListingSchema} from './schemas.js';

export const queuesPath = '/api/v2/routing/queues';

/** A queue of the listing; its division (id and name) as the listing gives it, when it does. */
export type QueueInfo = {id: string; name: string; divisionName?: string; divisionId?: string};

type PageOptions = {signal?: AbortSignal; pageSize?: number};

function queueInfo(entity: {
	id: string;
	name?: string | null;
	division?: {id?: string; name?: string} | null;
}): QueueInfo {
	return {
		id: entity.id,
		name: entity.name ?? unnamedQueueName(entity.id),
		...(entity.division?.name ? {divisionName: entity.division.name} : {}),
		...(entity.division?.id ? {divisionId: entity.division.id} : {}),
	};
}

/** The division of a queue, for rows; undefined when the listing gave none. */
export function divisionOfQueue(queue: QueueInfo | undefined): {id: string; name: string} | undefined {
	if (!queue?.divisionName) return undefined;
	return {id: queue.divisionId ?? '', name: queue.divisionName};
}

/** Walks all pages of one listing. Trusts `pageCount`, not the page size asked for (servers cap it silently). */
async function listPages(client: GenesysClient, params: URLSearchParams, options: PageOptions): Promise<QueueInfo[]> {
	const queues: QueueInfo[] = [];
	const pageSize = String(options.pageSize ?? 100);
	for (let pageNumber = 1; ; pageNumber++) {
		const search = new URLSearchParams(params);
		search.set('pageSize', pageSize);
		search.set('pageNumber', String(pageNumber));
		const page = await client.get(queuesPath, search, queueListingSchema, options.signal);
		for (const entity of page.entities ?? []) queues.push(queueInfo(entity));
		const pageCount = page.pageCount ?? (page.nextUri ? pageNumber + 1 : pageNumber);
		if (pageNumber >= pageCount || (page.entities ?? []).length === 0) break;
		if (pageNumber > 10_000)
			throw new ResponseError(
				'The queue listing did not end after 10,000 pages.',
				'Report this: the server keeps announcing more pages.',
			);
	}
	return queues;
}

/** Names for the given queue ids, asked for in batches as comma lists (the form the official SDKs send). */
export async function fetchQueueNames(
	client: GenesysClient,
	ids: readonly string[],
	options: PageOptions & {batchSize?: number; concurrency?: number} = {},
): Promise<Map<string, QueueInfo>> {
	const unique = [...new Set(ids)];
	const batchSize = options.batchSize ?? 100;
	const found = new Map<string, QueueInfo>();
	const batches: string[][] = [];
	for (let index = 0; index < unique.length; index += batchSize) batches.push(unique.slice(index, index + batchSize));
	await runPool(
		batches.map(batch => async (signal: AbortSignal) => {
			const queues = await listPages(client, new URLSearchParams({id: batch.join(',')}), {...options, signal});
			for (const queue of queues) found.set(queue.id, queue);
		}),
		options.concurrency ?? 4,
		options.signal,
	);
	return found;
}

export function deletedQueueName(id: string): string {
	return `(deleted queue ${id.slice(0, 8)})`;
}

/** A queue the listing gives without a name (seen in real organizations): named by its id, the page kept. */
export function unnamedQueueName(id: string): string {
	return `(queue ${id.slice(0, 8)})`;
}

/**
 * Every queue of the organization with its pages fetched in parallel after the first, or undefined
 * when the organization has more than `maxPages` pages (then looking ids up is cheaper). Used to
 * learn queue names while the aggregates query runs.
 */
export async function listQueuesInParallel(
	client: GenesysClient,
	options: PageOptions & {maxPages?: number; concurrency?: number} = {},
): Promise<QueueInfo[] | undefined> {
	const pageSize = options.pageSize ?? 100;
	const page = (pageNumber: number, signal = options.signal) =>
		client.get(
			queuesPath,
			new URLSearchParams({pageSize: String(pageSize), pageNumber: String(pageNumber)}),
			queueListingSchema,
			signal,
		);
	const first = await page(1);
	const pageCount = first.pageCount ?? 1;
	if (pageCount > (options.maxPages ?? 60)) return undefined;
	const rest = await runPool(
		Array.from({length: Math.max(0, pageCount - 1)}, (_, index) => (signal: AbortSignal) => page(index + 2, signal)),
		options.concurrency ?? 16,
		options.signal,
	);
	return [first, ...rest].flatMap(listing => (listing.entities ?? []).map(entity => queueInfo(entity)));
}

/** Every queue of the organization, for name lookups and pickers. */
export async function listAllQueues(client: GenesysClient, options: PageOptions = {}): Promise<QueueInfo[]> {
	return listPages(client, new URLSearchParams(), {pageSize: 500, ...options});
}
