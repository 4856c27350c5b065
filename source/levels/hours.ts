// The heat map (h): one queue (and media type), or all queues, by weekday and local hour, drawn as a grid.
import type {StatsBag} from '../genesys/stats.js';
import {gridTotal, type HourGrid, hourFields, hourRow} from '../metrics/hour-grid.js';
import type {QueueRow} from '../metrics/rows.js';
import {queueRecordTable} from './record-table.js';
import {reportQuery} from './queue-export.js';
import type {LevelExport, LevelModule} from './types.js';

/**
 * `gqx export --level hours`: per queue (and media type with --by-media) a record for every weekday-hour the range
 * holds, a batch of queues at a time like the interval level.
 */
const hoursExport: LevelExport<QueueRow> = {
	name: 'hours',
	help: 'one record per queue, weekday and local hour (weekday, hour, days)',
	dated: true,
	granularity: 'no',
	byMedia: true,
	compare: false,
	spec: () => ({fields: hourFields, table: queueRecordTable({by: 'hours', media: 'when-any'})}),
	async stream(client, request, callbacks) {
		const {streamHourRecords} = await import('../reports/hours.js');
		const total: StatsBag = {};
		await streamHourRecords(client, reportQuery(request), {
			knownQueues: request.knownQueues,
			onProgress: callbacks.onProgress,
			byMedia: request.byMedia,
			total,
			onRows: rows => callbacks.onRecords(rows),
		});
		return {total: hourRow(total, 'Total')};
	},
};

export const hoursLevel: LevelModule = {
	id: 'hours',
	description: 'a queue (and media type), or all queues, by weekday and hour: a heat map',
	nameHeader: 'Hour',
	emptyText: 'No queue traffic in this range.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	// Only the queue and media type of what opened it count: any level's row can open the heat map.
	request: ({context: {queueId, mediaType, rowsBy}}) => ({
		key: `hours\u0000${queueId ?? ''}\u0000${mediaType ?? ''}${rowsBy ? `\u0000${rowsBy}` : ''}`,
		label: 'loading hours',
		async load(client, range, {signal, onProgress}): Promise<HourGrid> {
			const {fetchHourGrid} = await import('../reports/hours.js');
			return fetchHourGrid(
				client,
				{
					start: range.start,
					end: range.end,
					timeZone: range.timeZone,
					...(queueId ? {queueId} : {}),
					...(mediaType ? {mediaType} : {}),
					...(rowsBy ? {rowsBy} : {}),
				},
				{signal, onProgress},
			);
		},
	}),
	// The grid is the view; its rows are none, its total the whole grid.
	rows: data => ({rows: [], allStats: gridTotal(data as HourGrid)}),
	opens: {},
	openContext: (_row, ref) => ref.context,
	crumb: () => 'weekday × hour',
	grid: data => data as HourGrid,
	// From any level's rows, and from the totals row for all of them.
	key: {
		action: 'heatmap',
		key: 'h',
		short: 'heat map',
		description: 'weekday × hour heat map',
		footer: false,
		onTotal: true,
	},
	export: hoursExport,
};
