// Level 2: one queue by media type.
import {liveMetrics} from '../metrics/catalog.js';
import {mediaLive} from '../metrics/live.js';
import {rollUpWithStats, toRow} from '../metrics/rows.js';
import {type Totals, totalsRequestFor} from './totals.js';
import type {LevelModule} from './types.js';
import {queueLevelExport} from './queue-export.js';

export const mediaLevel: LevelModule = {
	id: 'media',
	description: 'one queue by media type',
	nameHeader: 'Media',
	emptyText: 'No traffic in this queue in this range.',
	defaultSort: {column: 'offered', descending: true},
	byKey: false,
	usesGranularity: false,
	request: ref => totalsRequestFor(ref.context.rowsBy),
	rows(data, ref) {
		const totals = data as Totals;
		const queueId = ref.context.queueId ?? '';
		const media = totals.running?.byMedia
			? totals.running.byMedia.mediaOf(queueId).map(({mediaType, stats}) => ({
					row: toRow(
						{
							queueId,
							queueName: totals.nameOf(queueId),
							mediaType,
							interval: null,
							division: totals.divisionOf?.(queueId),
						},
						stats,
					),
					stats,
				}))
			: rollUpWithStats(
					totals.cells.filter(cell => cell.queueId === queueId),
					'media',
					totals.nameOf,
					null,
					totals.divisionOf,
				);
		return {
			rows: media.map(({row, stats}) => {
				const label = row.mediaType ?? '(none)';
				return {key: row.mediaType ?? '', label, search: label.toLowerCase(), row, stats};
			}),
		};
	},
	opens: {
		drill: 'intervals',
		agents: 'agents',
		wrapups: 'wrapups',
		heatmap: 'hours',
		conversations: 'conversations',
		bands: 'bands',
	},
	openContext: (row, ref) => ({
		...ref.context,
		mediaType: row.key,
		...(row.row ? {cell: {field: 'offered', count: row.row.offered}} : {}),
	}),
	crumb: ref => ref.context.queueLabel ?? ref.context.queueName,
	omitColumns: ref => (ref.context.rowsBy ? liveMetrics.map(metric => metric.field) : []),
	live: {
		fields: liveMetrics.filter(metric => !metric.queueOnly).map(metric => metric.field),
		attach: (base, ref, queues, info) => {
			const queue = queues.get(ref.context.queueId ?? '');
			const levels = info?.get(ref.context.queueId ?? '')?.serviceLevels;
			return {
				...base,
				sameOrderAs: base,
				rows: base.rows.map(row => {
					const live = mediaLive(queue, row.key);
					const waitLimitMs = levels?.[row.key]?.durationMs;
					return live ? {...row, live, ...(waitLimitMs ? {waitLimitMs} : {})} : row;
				}),
			};
		},
		queueIds: (_visibleKeys, ref) => (ref.context.queueId ? [ref.context.queueId] : []),
	},
	export: queueLevelExport('media'),
};
