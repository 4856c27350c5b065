// A queue's wrap-up codes for the range (`w` on a queue or media row), and one code's intervals in that queue.
import {wrapupFields} from '../metrics/drill-rows.js';
import {type DrillConfig, drillIntervalsLevel, drillLevel} from './drill.js';

const wrapups: DrillConfig = {
	kind: 'wrapups',
	dimension: 'wrapUpCode',
	id: 'wrapups',
	intervalsId: 'wrapup-intervals',
	description: 'the wrap-up codes of one queue (or one queue and media type)',
	intervalsDescription: 'one wrap-up code in one queue by interval',
	nameHeader: 'Wrap-up',
	emptyText: 'No handled work in this queue in this range.',
	columns: ['count', 'share', 'ahtMs', 'avgAcwMs'],
	sparklines: ['count', 'ahtMs'],
	defaultSort: {column: 'count', descending: true},
	exportFields: wrapupFields,
	exportHelp: 'one record per queue and wrap-up code (--by-media, --granularity: as agents)',
	crumb: 'wrap-ups',
	key: {
		action: 'wrapups',
		key: 'w',
		short: 'wrap-ups',
		description: 'wrap-up codes of the queue or media row',
		footer: true,
	},
	async names(client, _members, signal) {
		const {fetchWrapupCodeNames} = await import('../genesys/wrapup-codes.js');
		const {nameOf, missingPermission} = await fetchWrapupCodeNames(client, {signal});
		return {
			nameOf,
			...(missingPermission ? {notice: `ids shown: needs ${missingPermission}`} : {}),
		};
	},
	note: (_rows, {notice}) => notice,
};

export const wrapupsLevel = drillLevel(wrapups);
export const wrapupIntervalsLevel = drillIntervalsLevel(wrapups);
