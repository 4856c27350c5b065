// Level 1: every queue, all media together, with a totals row.
import type {LiveQueue} from '../genesys/observations.js';
import type {QueueInfo} from '../genesys/queues.js';
import {liveMetrics} from '../metrics/catalog.js';
import {queueLive} from '../metrics/live.js';
import {type QueueRow, rollUpWithStats, toRow} from '../metrics/rows.js';
import type {StatsBag} from '../genesys/stats.js';
import {lowestTarget} from '../metrics/thresholds.js';
import {queueLabel, sharedNames} from './queue-labels.js';
import {totalsRequestFor, type Totals} from './totals.js';
import {rowDimensionOf} from '../genesys/row-dimensions.js';
import type {DisplayRow, LevelModule, LevelRows} from './types.js';
import {queueLevelExport} from './queue-export.js';

/** Each queue row with the live values last attached to it, and what they were made of. */
const attached = new WeakMap<
	DisplayRow,
	{queue: LiveQueue; info: ReadonlyMap<string, QueueInfo> | undefined; row: DisplayRow}
>();

/** A queue row with an observation attached. */
function withLive(row: DisplayRow, queue: LiveQueue, info: ReadonlyMap<string, QueueInfo> | undefined): DisplayRow {
	// A queue whose observation did not change keeps its row (what is measured and drawn of it is remembered by the row).
	const kept = attached.get(row);
	if (kept?.queue === queue && kept.info === info) return kept.row;
	// The limit of the media type waited on longest.
	let longest: LiveQueue['media'][number] | undefined;
	for (const media of queue.media)
		if ((media.longestWaitingMs ?? -1) > (longest?.longestWaitingMs ?? -1)) longest = media;
	const waitLimitMs = longest && info?.get(row.key)?.serviceLevels?.[longest.mediaType]?.durationMs;
	const made = {...row, live: queueLive(queue), ...(waitLimitMs ? {waitLimitMs} : {})};
	attached.set(row, {queue, info, row: made});
	return made;
}

/** Each row's place among a level's rows, by its key. */
const places = new WeakMap<LevelRows, Map<string, number>>();

function placesOf(base: LevelRows): Map<string, number> {
	let known = places.get(base);
	if (!known) {
		known = new Map(base.rows.map((row, index) => [row.key, index]));
		places.set(base, known);
	}
	return known;
}

export const queuesLevel: LevelModule = {
	id: 'queues',
	description: 'every queue, all media together',
	nameHeader: 'Queue',
	emptyText: 'No queue traffic in this range. Press d to pick other dates.',
	defaultSort: {column: 'offered', descending: true},
	byKey: false,
	usesGranularity: false,
	// Queues, skills or languages no conversation entered or requested in the range.
	idleRows: ref => {
		const one = rowDimensionOf(ref.context.rowsBy).header.toLowerCase();
		return {one, many: `${one}s`};
	},
	// The rows are queues, or requested skills or languages (`t`): the same numbers by another dimension.
	request: ref => totalsRequestFor(ref.context.rowsBy),
	headerOf: ref => rowDimensionOf(ref.context.rowsBy).header,
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
		// The listed queues without traffic in the range: rows too, hidden until `z` shows them (the status line counts them).
		const withTraffic = made.length;
		const seen = new Set(made.map(({row}) => row.queueId));
		for (const [queueId, queue] of totals.queues ?? [])
			if (!seen.has(queueId)) {
				const division = totals.divisionOf?.(queueId);
				made.push({
					row: toRow({queueId, queueName: queue.name, mediaType: null, interval: null, division}, {}),
					stats: {},
				});
			}
		const shared = sharedNames(made.map(({row}) => row.queueName));
		const rows = made.map(({row, stats}, index): DisplayRow => {
			const label = queueLabel(row.queueName, row.divisionName, shared);
			const key = row.queueId ?? '';
			const shown: DisplayRow = {
				key,
				label,
				search: label.toLowerCase(),
				...(row.divisionName ? {searchAlso: row.divisionName.toLowerCase()} : {}),
				row,
				stats,
				...(index >= withTraffic ? {idle: true} : {}),
			};
			const target = row.serviceLevelTarget === null ? lowestTarget(totals.queues?.get(key)?.serviceLevels) : undefined;
			return target === undefined ? shown : {...shown, serviceLevelTarget: target};
		});
		const note = totals.missingPermission
			? `skills shown by id: the OAuth client lacks ${totals.missingPermission}`
			: undefined;
		return {rows, ...(totals.running ? {allStats: totals.running.all} : {}), ...(note ? {note} : {})};
	},
	opens: {
		drill: 'media',
		agents: 'agents',
		wrapups: 'wrapups',
		heatmap: 'hours',
		conversations: 'conversations',
		people: 'people',
		flows: 'flows',
		bands: 'bands',
	},
	openContext: ({key, label, row}) => ({
		...(row ? {cell: {field: 'offered', count: row.offered}} : {}),
		queueId: key,
		queueName: row?.queueName ?? label,
		...(row && label !== row.queueName ? {queueLabel: label} : {}),
		...(row?.divisionName ? {division: {id: row.divisionId ?? '', name: row.divisionName}} : {}),
	}),
	crumb: ref => (ref.context.rowsBy ? rowDimensionOf(ref.context.rowsBy).many : undefined),
	// Observations are per queue: rows of skills or languages have no live values (registry.ts liveOf).
	omitColumns: ref => (ref.context.rowsBy ? liveMetrics.map(metric => metric.field) : []),
	live: {
		fields: liveMetrics.map(metric => metric.field),
		attach: (base, _ref, queues, info, since) => {
			const joined = (row: DisplayRow): DisplayRow => {
				const queue = queues.get(row.key);
				return queue ? withLive(row, queue, info) : row;
			};
			if (since?.rows.sameOrderAs === base && since.rows.rows.length === base.rows.length) {
				// Only the changed queues' rows are made again; the others are those of the last rows.
				const rows = [...since.rows.rows];
				const places = placesOf(base);
				for (const id of since.changed) {
					const place = places.get(id);
					if (place !== undefined) rows[place] = joined(base.rows[place]!);
				}
				return {...base, sameOrderAs: base, rows};
			}
			return {...base, sameOrderAs: base, rows: base.rows.map(joined)};
		},
		queueIds: visibleKeys => [...visibleKeys],
	},
	export: queueLevelExport('queues'),
};
