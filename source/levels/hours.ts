// The heat map (h): one queue (and media type), or all queues, by weekday and local hour, drawn as a grid.
import {gridTotal, type HourGrid} from '../metrics/hour-grid.js';
import type {LevelModule} from './types.js';

export const hoursLevel: LevelModule = {
	id: 'hours',
	description: 'a queue (and media type), or all queues, by weekday and hour: a heat map',
	nameHeader: 'Hour',
	emptyText: 'No queue traffic in this range.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	// Only the queue and media type of what opened it count: any level's row can open the heat map.
	request: ({context: {queueId, mediaType}}) => ({
		key: `hours\u0000${queueId ?? ''}\u0000${mediaType ?? ''}`,
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
};
