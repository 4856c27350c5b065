// Level 1: every queue, all media together, with a totals row.
import {type QueueRow, rollUpWithStats, toRow} from '../metrics/rows.js';
import type {StatsBag} from '../metrics/stats.js';
import {queueLabel, sharedNames} from './queue-labels.js';
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
		let made: Array<{row: QueueRow; stats: StatsBag}>;
		if (totals.running) {
			// Added up while the answers arrived: only names and derived numbers are left to do.
			made = [];
			for (const [queueId, stats] of totals.running.byQueue) {
				const queueName = totals.nameOf(queueId);
				const division = totals.divisionOf?.(queueId);
				made.push({row: toRow({queueId, queueName, mediaType: null, interval: null, division}, stats), stats});
			}
		} else made = rollUpWithStats(totals.cells, 'queues', totals.nameOf, null, totals.divisionOf);
		const shared = sharedNames(made.map(({row}) => row.queueName));
		const rows = made.map(({row, stats}): DisplayRow => {
			const label = queueLabel(row.queueName, row.divisionName, shared);
			return {
				key: row.queueId ?? '',
				label,
				search: label.toLowerCase(),
				...(row.divisionName ? {searchAlso: row.divisionName.toLowerCase()} : {}),
				row,
				stats,
			};
		});
		return totals.running ? {rows, allStats: totals.running.all} : {rows};
	},
	opens: {drill: 'media', heatmap: 'hours'},
	openContext: ({key, label, row}) => ({
		queueId: key,
		queueName: row?.queueName ?? label,
		...(row && label !== row.queueName ? {queueLabel: label} : {}),
		...(row?.divisionName ? {division: {id: row.divisionId ?? '', name: row.divisionName}} : {}),
	}),
	crumb: () => undefined,
};
