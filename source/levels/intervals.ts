// Level 3: one queue and media type by interval (30 minutes up to weeks; `i` changes it).
import type {AggregateCell} from '../genesys/analytics.js';
import {emptyRowLike, fillBuckets, intervalFields, markPartial, rollUpWithStats, toRow} from '../metrics/rows.js';
import {shiftInterval} from '../range/compare.js';
import {bucketLabel, rangeBuckets} from '../range/range.js';
import {intervalLabel} from './record-table.js';
import type {LevelModule} from './types.js';
import {queueLevelExport} from './queue-export.js';

/** The level's answer: the cells with traffic, and every bucket of the range (to show the empty ones too). */
type IntervalData = {cells: AggregateCell[]; buckets: string[]};

export const intervalsLevel: LevelModule = {
	id: 'intervals',
	description: 'one queue and media type by interval',
	nameHeader: 'Interval',
	emptyText: 'No traffic in these intervals.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: true,
	exportFields: intervalFields,
	request: ({context: {queueId = '', mediaType = '', rowsBy}}, granularity) => ({
		key: `intervals\u0000${queueId}\u0000${mediaType}\u0000${granularity}${rowsBy ? `\u0000${rowsBy}` : ''}`,
		label: 'loading intervals',
		async load(client, range, {signal, onProgress, onDrop}): Promise<IntervalData> {
			const {fetchQueueAggregates} = await import('../genesys/analytics.js');
			const cells = await fetchQueueAggregates(
				client,
				{
					start: range.start,
					end: range.end,
					timeZone: range.timeZone,
					granularity,
					weekStart: range.weekStart,
					queueIds: [queueId],
					mediaTypes: [mediaType],
					...(rowsBy ? {rowsBy} : {}),
				},
				{signal, onProgress, onDrop},
			);
			return {cells, buckets: rangeBuckets(range, granularity)};
		},
	}),
	rows(data, ref, {timeZone, granularity}) {
		const {queueId = '', queueName = '', mediaType = '', division} = ref.context;
		const {cells, buckets} = data as IntervalData;
		const made = rollUpWithStats(
			cells,
			'intervals',
			() => queueName,
			null,
			() => division,
		);
		// Every interval of the range, those without traffic too (counts 0): a staffing grid has no holes.
		const seed = {
			row: toRow({queueId, queueName, mediaType: mediaType || null, interval: null, division}, {}),
			stats: {},
		};
		const filled = fillBuckets(
			made,
			buckets,
			{series: () => '', interval: ({row}) => row.interval ?? ''},
			({row}, interval) => ({row: emptyRowLike(row, interval), stats: {}}),
			[seed],
		);
		return {
			rows: filled.map(({row, stats}) => {
				markPartial([row], timeZone, granularity);
				const label = intervalLabel(row, timeZone, granularity);
				return {key: row.interval ?? '', label, search: label.toLowerCase(), row, stats};
			}),
		};
	},
	// Buckets pair by their place in the range: the first of one with the first of the other.
	alignCompared(row, {days, timeZone, granularity}) {
		const key = shiftInterval(row.key, days, timeZone);
		const label = bucketLabel(key, timeZone, granularity);
		return {...row, key, label, search: label.toLowerCase(), row: {...row.row, interval: key}};
	},
	opens: {heatmap: 'hours', drill: 'conversations', bands: 'bands'},
	// An interval row opens its conversations: the heat map takes the queue and media type only.
	openContext: (row, ref) => ({
		...ref.context,
		interval: row.key,
		intervalLabel: row.label,
		...(row.row ? {cell: {field: 'offered', count: row.row.offered}} : {}),
	}),
	crumb: ref => ref.context.mediaType,
	export: queueLevelExport('intervals'),
};
