// Aggregates by weekday and hour: one hourly query in the range's time zone (chunked like the others),
// its buckets added into 168 cells as they are read. The heat map's data and `export --level hours`.
import type {DateTime} from 'luxon';
import {addBuckets, emptyCells, type HourGrid, type HourRecord, hourRecord} from '../metrics/hour-grid.js';

export {hourFields, type HourRecord} from '../metrics/hour-grid.js';
import {compareText} from '../text/collate.js';
import {addInto, type StatsBag} from '../genesys/stats.js';
import {isoInterval} from '../range/range.js';
import {cellCount, rangeHours} from '../range/weekday-hours.js';
import {fetchQueueAggregates, type Progress} from '../genesys/analytics.js';
import type {GenesysClient} from '../genesys/client.js';
import type {RowsBy} from '../genesys/row-dimensions.js';
import {type ReportOptions, streamQueueBatches} from './report.js';

export type HourQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	/** One queue, or all queue traffic when absent. */
	queueId?: string;
	mediaType?: string;
	/** What `queueId` is: a queue (default), a requested skill or language (all traffic that requested one). */
	rowsBy?: RowsBy;
};

/**
 * One queue's (or all queues') traffic by weekday and hour. All queues are asked grouped by media
 * type only, not per queue: the answer stays small however many queues there are, and it is the same
 * queue traffic the queue level adds up.
 */
export async function fetchHourGrid(
	client: GenesysClient,
	query: HourQuery,
	options: {signal?: AbortSignal; onProgress?: (progress: Progress) => void} = {},
): Promise<HourGrid> {
	const {days, changes, granularity} = rangeHours(query.start, query.end, query.timeZone);
	const cells = emptyCells();
	await fetchQueueAggregates(
		client,
		{
			start: query.start,
			end: query.end,
			timeZone: query.timeZone,
			granularity,
			...(query.queueId ? {queueIds: [query.queueId]} : {groupBy: ['mediaType'], queuedOnly: true}),
			...(query.mediaType ? {mediaTypes: [query.mediaType]} : {}),
			...(query.rowsBy ? {rowsBy: query.rowsBy} : {}),
		},
		{
			signal: options.signal,
			onProgress: options.onProgress,
			keepCells: false,
			onResult: result => addBuckets(cells, result.data ?? [], query.timeZone),
		},
	);
	return {cells, days, changes, timeZone: query.timeZone};
}

/**
 * `export --level hours`: per queue (and media type with `byMedia`) one record for every weekday-hour the
 * range holds, in queue name, id, media type, weekday and hour order, a batch of queues at a time.
 */
export async function streamHourRecords(
	client: GenesysClient,
	query: {start: DateTime; end: DateTime; timeZone: string; queueIds?: string[]; mediaTypes?: string[]},
	options: ReportOptions & {
		byMedia: boolean;
		batchSize?: number;
		onRows: (rows: HourRecord[]) => Promise<void>;
		/** When given, every record's statistics are added into it (the totals row of a table). */
		total?: StatsBag;
	},
): Promise<number> {
	const {days, granularity} = rangeHours(query.start, query.end, query.timeZone);
	const interval = isoInterval(query.start, query.end);
	const batchSize = options.batchSize ?? 25;
	return streamQueueBatches<HourRecord>(client, query, {
		...options,
		batchSize,
		async fetchBatch(queueIds, nameOf, signal, divisionOf) {
			const grids = new Map<string, {queueId: string; mediaType: string | null; cells: StatsBag[]}>();
			await fetchQueueAggregates(
				client,
				{...query, queueIds, granularity},
				{
					signal,
					queueBatchSize: batchSize,
					keepCells: false,
					onResult(result) {
						const queueId = result.group?.['queueId'];
						if (!queueId) return;
						const mediaType = options.byMedia ? (result.group?.['mediaType'] ?? null) : null;
						const key = `${queueId}\u0000${mediaType ?? ''}`;
						let grid = grids.get(key);
						if (!grid) grids.set(key, (grid = {queueId, mediaType, cells: emptyCells()}));
						addBuckets(grid.cells, result.data ?? [], query.timeZone);
					},
				},
			);
			const ordered = [...grids.values()].sort(
				(a, b) =>
					compareText(nameOf(a.queueId), nameOf(b.queueId)) ||
					compareText(a.queueId, b.queueId) ||
					compareText(a.mediaType ?? '', b.mediaType ?? ''),
			);
			const records: HourRecord[] = [];
			for (const grid of ordered) {
				const identity = {
					queueId: grid.queueId,
					queueName: nameOf(grid.queueId),
					mediaType: grid.mediaType,
					interval,
					division: divisionOf(grid.queueId),
				};
				for (let index = 0; index < cellCount; index++) {
					const count = days[index] ?? 0;
					if (count === 0) continue;
					records.push(hourRecord(identity, index, count, grid.cells[index]!));
					if (options.total) addInto(options.total, grid.cells[index]!);
				}
			}
			return records;
		},
	});
}
