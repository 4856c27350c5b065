// `gqx export --level queues|media|intervals`: the queue levels' rows for every queue with traffic (or those chosen),
// with a totals line for a table; intervals a batch of queues at a time; --compare joins the comparison period's.
import type {GenesysClient} from '../genesys/client.js';
import type {StatsBag} from '../genesys/stats.js';
import {compareRecords, comparedFields, withAddedFields} from '../metrics/compared.js';
import {
	filledIntervals,
	intervalFields,
	type Level,
	markPartial,
	rollUp,
	rowFields,
	toRow,
	type QueueRow,
} from '../metrics/rows.js';
import {comparisonRange, shiftDays} from '../range/compare.js';
import {type DateRange, isoInterval, rangeBuckets} from '../range/range.js';
import {queueRecordTable} from './record-table.js';
import type {ExportCallbacks, ExportRequest, ExportResult, LevelExport} from './types.js';
import type {Report} from '../reports/report.js';

/** An export request as a report's query: its range (or another period's), queues, media and bucket size. */
export function reportQuery(
	request: ExportRequest,
	range: Pick<DateRange, 'start' | 'end' | 'timeZone' | 'weekStart'> = request.range,
) {
	return {
		start: range.start,
		end: range.end,
		timeZone: range.timeZone,
		weekStart: range.weekStart,
		queueIds: request.queueIds,
		mediaTypes: [...request.mediaTypes],
		granularity: request.granularity,
		...(request.rowsBy ? {rowsBy: request.rowsBy} : {}),
	};
}

/**
 * A report's totals line from its running total, not the rows added up: rows of requested skills overlap (a
 * conversation that requested two skills is in both), and the report's total counts it once (reports/report.ts).
 */
function reportTotal(report: Pick<Report, 'totals'>): QueueRow {
	return toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, report.totals.all);
}

/** The interval level can be millions of records: a batch of queues at a time, the total added up as they pass. */
async function streamIntervals(
	client: GenesysClient,
	request: ExportRequest,
	callbacks: ExportCallbacks<QueueRow>,
): Promise<ExportResult<QueueRow>> {
	const {distinctSkillTotal, streamIntervalRows} = await import('../reports/report.js');
	const {deletedQueueName} = await import('../genesys/queues.js');
	const names = new Map<string, string>();
	const total: StatsBag = {};
	const granularity = request.granularity ?? 'PT30M';
	// Skill records overlap (a conversation in each skill it requested): their total is asked of its own.
	const distinct =
		request.rowsBy === 'skill'
			? distinctSkillTotal(client, {...reportQuery(request), rowsBy: 'skill'}, undefined)
			: undefined;
	const streamed = streamIntervalRows(
		client,
		{...reportQuery(request), granularity},
		{
			...(request.sparse ? {} : {buckets: rangeBuckets(request.range, granularity)}),
			knownQueues: request.knownQueues,
			onProgress: callbacks.onProgress,
			onDrop: callbacks.onDrop,
			total,
			onRows: rows => {
				for (const row of rows) if (row.queueId) names.set(row.queueId, row.queueName);
				return callbacks.onRecords(markPartial(rows, request.range.timeZone, granularity));
			},
		},
	);
	const [, distinctTotal] = await Promise.all([streamed, distinct]);
	return {
		total: toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, distinctTotal ?? total),
		nameOf: id => names.get(id) ?? deletedQueueName(id),
	};
}

/**
 * --compare: the range and its comparison period fetched in parallel (one queue listing for both), joined record by
 * record. Not streamed: both periods' records are held to join them.
 */
async function compared(
	client: GenesysClient,
	level: Level,
	request: ExportRequest & {compare: NonNullable<ExportRequest['compare']>},
	callbacks: ExportCallbacks<QueueRow>,
): Promise<ExportResult<QueueRow>> {
	const {fetchReport} = await import('../reports/report.js');
	const {listQueuesInParallel} = await import('../genesys/queues.js');
	const {range, knownQueues} = request;
	const earlier = comparisonRange(range, request.compare);
	const listing =
		knownQueues || request.rowsBy ? undefined : listQueuesInParallel(client, {concurrency: 50}).catch(() => undefined);
	const progress = [
		{done: 0, total: 0},
		{done: 0, total: 0},
	];
	const report = (index: number, period: Pick<DateRange, 'start' | 'end' | 'timeZone'>) =>
		fetchReport(client, reportQuery(request, period), {
			knownQueues,
			listing,
			onDrop: callbacks.onDrop,
			onProgress: each => {
				progress[index] = each;
				callbacks.onProgress?.({
					done: progress[0]!.done + progress[1]!.done,
					total: progress[0]!.total + progress[1]!.total,
				});
			},
		});
	const [now, before] = await Promise.all([report(0, range), report(1, earlier)]);
	const rangeInterval = isoInterval(range.start, range.end);
	const comparedRange = isoInterval(earlier.start, earlier.end);
	const options = {
		days: shiftDays(range, request.compare),
		timeZone: range.timeZone,
		range: rangeInterval,
		comparedRange,
		byBucket: level === 'intervals',
	};
	const current = rollUp(now.cells, level, now.nameOf, rangeInterval, now.divisionOf);
	const granularity = request.granularity ?? 'PT30M';
	const records = compareRecords(
		level === 'intervals' && !request.sparse ? filledIntervals(current, rangeBuckets(range, granularity)) : current,
		rollUp(before.cells, level, before.nameOf, comparedRange, before.divisionOf),
		options,
	);
	await callbacks.onRecords(level === 'intervals' ? markPartial(records, range.timeZone, granularity) : records);
	// The totals line compared as one more record: its change beside each number.
	const [total] = compareRecords([reportTotal(now)], [reportTotal(before)], {...options, byBucket: false});
	return {total, nameOf: id => (now.queues.has(id) ? now.nameOf(id) : before.nameOf(id))};
}

export function queueLevelExport(level: Level): LevelExport<QueueRow> {
	return {
		name: level,
		help: {
			queues: 'one record per queue (all media together)',
			media: 'one record per queue and media type (the default)',
			intervals: 'one record per queue, media type and bucket of --granularity',
		}[level],
		dated: true,
		granularity: level === 'intervals' ? 'always' : 'no',
		byMedia: false,
		compare: true,
		byRows: true,
		spec: request => ({
			// By interval: `partial` after the row's fields, the comparison's after it (as the explorer's `e` writes them).
			fields:
				level === 'intervals'
					? request.compare
						? withAddedFields(intervalFields, {compared: true})
						: intervalFields
					: request.compare
						? comparedFields
						: rowFields,
			table: queueRecordTable({
				media: level !== 'queues',
				...(level === 'intervals' ? {by: 'intervals'} : {}),
				timeZone: request.range.timeZone,
				granularity: request.granularity,
				comparing: request.compare !== undefined,
			}),
		}),
		async stream(client, request, callbacks) {
			if (request.compare) return compared(client, level, {...request, compare: request.compare}, callbacks);
			if (level === 'intervals') return streamIntervals(client, request, callbacks);
			const {fetchReport} = await import('../reports/report.js');
			const report = await fetchReport(client, reportQuery(request), {
				knownQueues: request.knownQueues,
				onProgress: callbacks.onProgress,
				onDrop: callbacks.onDrop,
			});
			const {range} = request;
			await callbacks.onRecords(
				rollUp(report.cells, level, report.nameOf, isoInterval(range.start, range.end), report.divisionOf),
			);
			return {total: reportTotal(report), nameOf: report.nameOf};
		},
	};
}
