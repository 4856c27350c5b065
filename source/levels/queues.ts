// Level 1: every queue, all media together, with a totals row.
import {liveMetrics} from '../metrics/catalog.js';
import {queueLive} from '../metrics/live.js';
import {rollUpWithStats, toRow} from '../metrics/rows.js';
import {type Totals, totalsRequest} from './totals.js';
import type {DisplayRow, LevelModule} from './types.js';

export const queuesLevel: LevelModule = {
	id: 'queues',
	description: 'every queue, all media together',
	nameHeader: 'Queue',
	emptyText: 'No queue traffic in this range. Press d to pick other dates.',
	defaultSort: {column: 'offered', descending: true},
	byKey: false,
	usesGranularity: false,
	request: () => totalsRequest,
	rows(data) {
		const totals = data as Totals;
		if (totals.running) {
			// Added up while the answers arrived: only names and derived numbers are left to do.
			const rows: DisplayRow[] = [];
			for (const [queueId, stats] of totals.running.byQueue) {
				const queueName = totals.nameOf(queueId);
				const row = toRow({queueId, queueName, mediaType: null, interval: null}, stats);
				rows.push({key: queueId, label: queueName, search: queueName.toLowerCase(), row, stats});
			}
			return {rows, allStats: totals.running.all};
		}
		return {
			rows: rollUpWithStats(totals.cells, 'queues', totals.nameOf, null).map(({row, stats}) => ({
				key: row.queueId ?? '',
				label: row.queueName,
				search: row.queueName.toLowerCase(),
				row,
				stats,
			})),
		};
	},
	opens: {drill: 'media'},
	openContext: row => ({queueId: row.key, queueName: row.label}),
	crumb: () => undefined,
	live: {
		fields: liveMetrics.map(metric => metric.field),
		attach: (base, _ref, queues) => ({
			...base,
			rows: base.rows.map(row => {
				const queue = queues.get(row.key);
				return queue ? {...row, live: queueLive(queue)} : row;
			}),
		}),
		queueIds: visibleKeys => [...visibleKeys],
	},
};
