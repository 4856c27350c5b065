// Queue names and lookups from GET /api/v2/routing/queues, following every page the server says exists.
import type {GenesysClient} from './client.js';
import {walkPages} from './paging.js';
import {runPool} from './pool.js';
import {type QueueListing, queueListingSchema} from './schemas.js';

export const queuesPath = '/api/v2/routing/queues';

/**
 * A queue of the listing; its division (id and name) as the listing gives it, when it does.
 * `serviceLevels`: per analytics media type, the queue's service-level target (0..1) and duration.
 */
export type QueueInfo = {
	id: string;
	name: string;
	divisionName?: string;
	divisionId?: string;
	serviceLevels?: Readonly<Record<string, {target?: number; durationMs?: number}>>;
};

/** The queue listing says `call` where analytics says `voice`. */
function serviceLevelsOf(entity: Pick<QueueEntity, 'mediaSettings'>): Pick<QueueInfo, 'serviceLevels'> {
	if (!entity.mediaSettings) return {};
	const levels: Record<string, {target?: number; durationMs?: number}> = {};
	for (const [media, settings] of Object.entries(entity.mediaSettings)) {
		const level = settings.serviceLevel;
		if (level) levels[media === 'call' ? 'voice' : media] = {target: level.percentage, durationMs: level.durationMs};
	}
	return {serviceLevels: levels};
}

type QueueEntity = NonNullable<QueueListing['entities']>[number];

type PageOptions = {signal?: AbortSignal; pageSize?: number};

function queueInfo(entity: {
	id: string;
	name?: string | null;
	division?: {id?: string; name?: string} | null;
	mediaSettings?: QueueEntity['mediaSettings'];
}): QueueInfo {
	return {
		id: entity.id,
		name: entity.name ?? unnamedQueueName(entity.id),
		...(entity.division?.name ? {divisionName: entity.division.name} : {}),
		...(entity.division?.id ? {divisionId: entity.division.id} : {}),
		...serviceLevelsOf(entity),
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
	await walkPages(
		'queue',
		pageNumber => {
			const search = new URLSearchParams(params);
			search.set('pageSize', pageSize);
			search.set('pageNumber', String(pageNumber));
			return client.get(queuesPath, search, queueListingSchema, options.signal);
		},
		entities => queues.push(...entities.map(entity => queueInfo(entity))),
	);
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
