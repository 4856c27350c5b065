// `gqx export --level agents|wrapups`: every queue's agents or wrap-up codes, a batch of queues at a
// time in export order (queue name, media, agent or code name, interval), so memory stays flat however
// many queues and agents there are. Names are looked up per batch and kept for the run.
import {type DrillEntry, type DrillKind, type DrillRow, compareDrillEntries, drillRows} from '../metrics/drill-rows.js';
import {compareText} from '../text/collate.js';
import {type Granularity, isoInterval, rangeBuckets} from '../range/range.js';
import {streamBatches} from './batches.js';
import {fetchQueueAggregates, type Progress} from '../genesys/analytics.js';
import type {GenesysClient} from '../genesys/client.js';
import {fetchDrillCells} from '../genesys/drills.js';
import {deletedQueueName, fetchQueueNames, type QueueInfo} from '../genesys/queues.js';
import type {ReportQuery} from './report.js';
import {fetchUserNames} from '../genesys/users.js';
import {fetchWrapupCodeNames} from '../genesys/wrapup-codes.js';

export type DrillReportQuery = ReportQuery & {
	kind: DrillKind;
	byMedia: boolean;
	granularity?: Granularity;
	/** By interval: only the buckets with work (else every bucket of the range for each agent or code). */
	sparse?: boolean;
};

export type DrillReportOptions = {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	knownQueues?: ReadonlyMap<string, QueueInfo>;
	/** A line for the user (names shown as ids for want of a permission), said once. */
	onNotice?: (text: string) => void;
	batchSize?: number;
	concurrency?: number;
	onRows: (rows: DrillRow[], entries: DrillEntry[]) => Promise<void>;
};

/** Streams the rows of every queue with traffic (or of `queueIds`); returns how many were written. */
export async function streamDrillRows(
	client: GenesysClient,
	query: DrillReportQuery,
	options: DrillReportOptions,
): Promise<number> {
	let ids: string[];
	if (query.queueIds?.length) ids = [...new Set(query.queueIds)];
	else {
		// A small query first finds every queue with traffic, deleted ones included.
		const found = await fetchQueueAggregates(
			client,
			{...query, granularity: undefined, metrics: ['nOffered']},
			{signal: options.signal},
		);
		ids = [...new Set(found.map(cell => cell.queueId))];
	}
	const queues = new Map(options.knownQueues ?? []);
	const missing = ids.filter(id => !queues.has(id));
	if (missing.length > 0)
		for (const [id, info] of await fetchQueueNames(client, missing, {signal: options.signal})) queues.set(id, info);
	const nameOf = (id: string) => queues.get(id)?.name ?? deletedQueueName(id);
	ids.sort((a, b) => compareText(nameOf(a), nameOf(b)) || compareText(a, b));
	let codeNames: Promise<(code: string) => string> | undefined;
	const memberNames = async (members: string[], signal: AbortSignal): Promise<(member: string) => string> => {
		if (query.kind === 'agents') return fetchUserNames(client, members, {signal});
		codeNames ??= fetchWrapupCodeNames(client, {signal}).then(({nameOf: codeName, missingPermission}) => {
			if (missingPermission)
				options.onNotice?.(`wrap-up codes are shown as ids: the OAuth client lacks ${missingPermission}.`);
			return codeName;
		});
		return codeNames;
	};
	const rangeInterval = isoInterval(query.start, query.end);
	const buckets = query.granularity && !query.sparse ? rangeBuckets(query, query.granularity) : undefined;
	const batchSize = options.batchSize ?? 25;
	return streamBatches<DrillEntry>(ids, {
		signal: options.signal,
		onProgress: options.onProgress,
		batchSize,
		concurrency: options.concurrency,
		fetchBatch: async (batch, signal) => {
			const cells = await fetchDrillCells(
				client,
				{
					start: query.start,
					end: query.end,
					timeZone: query.timeZone,
					granularity: query.granularity,
					weekStart: query.weekStart,
					queueIds: batch,
					mediaTypes: query.mediaTypes,
					dimension: query.kind === 'agents' ? 'userId' : 'wrapUpCode',
				},
				{signal, queueBatchSize: batchSize},
			);
			const members = [...new Set(cells.flatMap(cell => (cell.member === null ? [] : [cell.member])))];
			const memberName = await memberNames(members, signal);
			const single = query.mediaTypes?.length === 1 ? query.mediaTypes[0] : null;
			return drillRows(cells, {
				kind: query.kind,
				queueName: nameOf,
				memberName,
				byMedia: query.byMedia,
				media: single,
				byInterval: query.granularity !== undefined,
				rangeInterval,
				...(buckets ? {buckets} : {}),
			}).entries.sort(compareDrillEntries);
		},
		onRows: entries =>
			options.onRows(
				entries.map(entry => entry.row),
				entries,
			),
	});
}
