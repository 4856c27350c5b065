// Rows of the agent and wrap-up code levels from their cells: per queue (and media, and interval) and
// agent or code, with each row's share of its queue and how much of the queue's work the rows cover.
import type {DrillCell} from '../genesys/drills.js';
import {compareText} from '../text/collate.js';
import {emptyRowLike, fillBuckets, type QueueRow, toRow} from './rows.js';
import {addInto, type StatsBag} from '../genesys/stats.js';

/** An agent's or a wrap-up code's row: a queue row plus who or what it is. */
export type DrillRow = QueueRow & {
	userId?: string | null;
	userName?: string | null;
	wrapUpCodeId?: string | null;
	wrapUpCodeName?: string | null;
};

/** The export fields of the agent level, in order. */
export const agentFields = [
	'queueId',
	'queueName',
	'mediaType',
	'userId',
	'userName',
	'interval',
	'answered',
	'handled',
	'transferred',
	'notResponding',
	'share',
	'ahtMs',
	'avgTalkMs',
	'avgHoldMs',
	'avgAcwMs',
] as const;

/** The export fields of the wrap-up code level, in order. */
export const wrapupFields = [
	'queueId',
	'queueName',
	'mediaType',
	'wrapUpCodeId',
	'wrapUpCodeName',
	'interval',
	'count',
	'share',
	'ahtMs',
	'avgAcwMs',
] as const;

export type DrillKind = 'agents' | 'wrapups';

/** How work without a wrap-up code is shown. */
export const noWrapupLabel = '(no wrap-up)';

export type DrillEntry = {row: DrillRow; stats: StatsBag; member: string | null; label: string};

export type DrillRowsOptions = {
	kind: DrillKind;
	queueName: (queueId: string) => string;
	memberName: (member: string) => string;
	/** One row per media type too (else media types are added together and `mediaType` is `media`). */
	byMedia: boolean;
	/** The media type the rows are of when not split by media (the one asked for), else null. */
	media?: string | null;
	/** One row per bucket too (else `interval` is `rangeInterval`). */
	byInterval: boolean;
	rangeInterval: string | null;
	/** With `byInterval`: every bucket of the range, so each agent or code has all of them (empty ones: counts 0). */
	buckets?: readonly string[];
};

export type DrillRows = {
	entries: DrillEntry[];
	/** Handled by the listed rows, and by the queue in all (agents: work without a user is not listed). */
	handledListed: number;
	handledAll: number;
	/** The queue's answered (agents) or handled (codes) that shares are of, over every row's queue and bucket. */
	shareWhole: number;
};

function countOf(stats: StatsBag, metric: string): number {
	return stats[metric]?.count ?? 0;
}

/**
 * Rows from cells. Agents: work without a user is not an agent and is left out (counted in
 * `handledAll`). Wrap-up codes: handled work without a code is the row "(no wrap-up)". A row's share
 * is of its queue (and media, and bucket): answered for agents, handled for codes.
 */
export function drillRows(cells: Iterable<DrillCell>, options: DrillRowsOptions): DrillRows {
	const shareMetric = options.kind === 'agents' ? 'tAnswered' : 'tHandle';
	type Group = {cell: DrillCell; stats: StatsBag; parent: string};
	const groups = new Map<string, Group>();
	const parents = new Map<string, number>();
	let handledAll = 0;
	for (const cell of cells) {
		const parent = `${cell.queueId}\u0000${options.byMedia ? (cell.mediaType ?? '') : ''}\u0000${options.byInterval ? cell.interval : ''}`;
		parents.set(parent, (parents.get(parent) ?? 0) + countOf(cell.stats, shareMetric));
		handledAll += countOf(cell.stats, 'tHandle');
		if (cell.member === null && (options.kind === 'agents' || countOf(cell.stats, 'tHandle') === 0)) continue;
		const key = `${parent}\u0000${cell.member ?? ''}`;
		const group = groups.get(key);
		if (group) addInto(group.stats, cell.stats);
		else groups.set(key, {cell, stats: addInto({}, cell.stats), parent});
	}
	const entries: DrillEntry[] = [];
	let handledListed = 0;
	for (const {cell, stats, parent} of groups.values()) {
		const member = cell.member;
		const label = member === null ? noWrapupLabel : options.memberName(member);
		const base = toRow(
			{
				queueId: cell.queueId,
				queueName: options.queueName(cell.queueId),
				mediaType: options.byMedia ? cell.mediaType : (options.media ?? null),
				interval: options.byInterval ? cell.interval : options.rangeInterval,
			},
			stats,
		);
		const whole = parents.get(parent) ?? 0;
		const row: DrillRow =
			options.kind === 'agents'
				? {...base, userId: member, userName: label}
				: {...base, wrapUpCodeId: member, wrapUpCodeName: label};
		row.share = whole > 0 ? countOf(stats, shareMetric) / whole : null;
		handledListed += row.handled;
		entries.push({row, stats, member, label});
	}
	let shareWhole = 0;
	for (const value of parents.values()) shareWhole += value;
	const filled =
		options.byInterval && options.buckets
			? fillBuckets(
					entries,
					options.buckets,
					{
						series: ({row, member}) => `${row.queueId ?? ''}\u0000${row.mediaType ?? ''}\u0000${member ?? ''}`,
						interval: ({row}) => row.interval ?? '',
					},
					(entry, interval) => ({...entry, row: {...entry.row, ...emptyRowLike(entry.row, interval)}, stats: {}}),
				)
			: entries;
	return {entries: filled, handledListed, handledAll, shareWhole};
}

/** Export order: queue name, queue id, media type, agent or code name, interval start. */
export function compareDrillEntries(a: DrillEntry, b: DrillEntry): number {
	return (
		compareText(a.row.queueName, b.row.queueName) ||
		compareText(a.row.queueId ?? '', b.row.queueId ?? '') ||
		compareText(a.row.mediaType ?? '', b.row.mediaType ?? '') ||
		compareText(a.label, b.label) ||
		compareText(a.member ?? '', b.member ?? '') ||
		compareText(a.row.interval ?? '', b.row.interval ?? '')
	);
}
