// The agent and wrap-up code levels, made from one description each: a queue's (or a queue and media
// type's) agents or codes for the range, and one agent's or code's intervals in that queue.
import type {DrillDimension} from '../genesys/drills.js';
import type {MetricField} from '../metrics/catalog.js';
import {type DrillKind, type DrillRow, type DrillRows, drillRows} from '../metrics/drill-rows.js';
import {addInto, type StatsBag} from '../genesys/stats.js';
import {markPartial, toRow, type QueueRow, withPartialField} from '../metrics/rows.js';
import {queueRecordTable} from './record-table.js';
import {reportQuery} from './queue-export.js';
import {formatPercent} from '../metrics/format.js';
import {DateTime} from 'luxon';
import {type DateRange, type Granularity, rangeBuckets, resolveRange} from '../range/range.js';
import {intervalLabel} from './record-table.js';
import type {
	DataRequest,
	DisplayRow,
	LevelExport,
	LevelContext,
	LevelId,
	LevelKey,
	LevelModule,
	LevelRef,
	LevelRows,
	Sort,
} from './types.js';
import type {GenesysClient} from '../genesys/client.js';
import type {DrillCell} from '../genesys/drills.js';

/** A drill's answer: the cells, the names of their agents or codes, and a line about the names. */
export type DrillData = {
	cells: DrillCell[];
	nameOf: (member: string) => string;
	notice?: string;
	/** By interval: every bucket of the range (the empty ones are rows too). */
	buckets?: string[];
};

export type DrillNames = {nameOf: (member: string) => string; notice?: string};

export type DrillConfig = {
	kind: DrillKind;
	dimension: DrillDimension;
	id: LevelId;
	intervalsId: LevelId;
	description: string;
	intervalsDescription: string;
	nameHeader: string;
	emptyText: string;
	columns: readonly MetricField[];
	sparklines: readonly MetricField[];
	defaultSort: Sort;
	exportFields: readonly string[];
	/** What a record of `export --level` is. */
	exportHelp: string;
	/** The key that opens the list from a queue or media row. */
	key: LevelKey;
	/** What the breadcrumb calls the list ("agents", "wrap-ups"). */
	crumb: string;
	/** Names of the members found in the cells (once per session: the lookups cache them). */
	names(client: GenesysClient, members: string[], signal?: AbortSignal): Promise<DrillNames>;
	/** The status line of a listing: coverage, a permission missing. */
	note(rows: DrillRows, names: DrillNames): string | undefined;
};

/** Today in the range's time zone, from midnight to now (the range's now when it runs to now). */
export function todayOf(range: DateRange): DateRange {
	return resolveRange({preset: 'today'}, range.timeZone, range.clamped ? range.end : DateTime.now());
}

function request(config: DrillConfig, ref: LevelRef, granularity?: Granularity): DataRequest {
	const {queueId = '', mediaType, today} = ref.context;
	const id = granularity ? config.intervalsId : config.id;
	return {
		// Today's date in the key: after midnight the answer kept is yesterday's, not today's.
		key: `${id}\u0000${queueId}\u0000${mediaType ?? ''}\u0000${granularity ?? ''}${today ? `\u0000today ${DateTime.now().toISODate()}` : ''}`,
		label: `loading ${granularity ? 'intervals' : config.crumb}${today ? ' of today' : ''}`,
		async load(client, rangeAsked, {signal, onProgress}): Promise<DrillData> {
			const range = today ? todayOf(rangeAsked) : rangeAsked;
			const {fetchDrillCells} = await import('../genesys/drills.js');
			const cells = await fetchDrillCells(
				client,
				{
					start: range.start,
					end: range.end,
					timeZone: range.timeZone,
					granularity,
					weekStart: range.weekStart,
					queueIds: [queueId],
					...(mediaType ? {mediaTypes: [mediaType]} : {}),
					dimension: config.dimension,
				},
				{signal, onProgress},
			);
			// An interval level's member is named by the level it was opened from.
			if (granularity) return {cells, nameOf: member => member, buckets: rangeBuckets(range, granularity)};
			const members = [...new Set(cells.flatMap(cell => (cell.member === null ? [] : [cell.member])))];
			const names = await config.names(client, members, signal);
			return {cells, ...names};
		},
	};
}

function crumbOf(config: DrillConfig, ref: LevelRef): string {
	// From a media row the queue is in the breadcrumb already.
	return ref.context.mediaType
		? `${ref.context.mediaType} ${config.crumb}`
		: `${ref.context.queueLabel ?? ref.context.queueName ?? ''} › ${config.crumb}`;
}

export function drillLevel(config: DrillConfig): LevelModule {
	return {
		id: config.id,
		description: config.description,
		nameHeader: config.nameHeader,
		emptyText: config.emptyText,
		defaultSort: config.defaultSort,
		byKey: false,
		usesGranularity: false,
		columns: config.columns,
		exportFields: config.exportFields,
		request: ref => request(config, ref),
		rows(data, ref): LevelRows {
			const {cells, nameOf, notice} = data as DrillData;
			const result = drillRows(cells, {
				kind: config.kind,
				queueName: () => ref.context.queueName ?? '',
				memberName: nameOf,
				byMedia: false,
				media: ref.context.mediaType ?? null,
				byInterval: false,
				rangeInterval: null,
			});
			const rows: DisplayRow[] = result.entries.map(({row, stats, member, label}) => ({
				key: member ?? '',
				label,
				search: label.toLowerCase(),
				row,
				stats,
			}));
			const note = config.note(result, {nameOf, notice});
			return {
				rows,
				shareBase: {field: config.kind === 'agents' ? 'answered' : 'handled', of: result.shareWhole},
				...(note ? {note} : {}),
			};
		},
		opens: {drill: config.intervalsId, conversations: 'conversations', bands: 'bands'},
		openContext: (row, ref) => ({
			...ref.context,
			member: row.key,
			memberName: row.label,
			memberKind: config.kind,
			...(row.row ? {cell: cellOf(config, row.row)} : {}),
		}),
		crumb: ref => crumbOf(config, ref),
		key: config.key,
		export: drillExport(config),
	};
}

/**
 * `gqx export --level agents|wrapups`: every queue's agents or codes, a batch of queues at a time in export order
 * (queue name, media, agent or code name, interval); the totals line adds up every record's statistics as they pass.
 */
function drillExport(config: DrillConfig): LevelExport<DrillRow> {
	const memberName = (row: DrillRow) => (config.kind === 'agents' ? row.userName : row.wrapUpCodeName) ?? '';
	return {
		name: config.kind,
		help: config.exportHelp,
		dated: true,
		granularity: 'optional',
		byMedia: true,
		compare: false,
		spec: ({byMedia, granularity, range}) => ({
			fields: granularity ? withPartialField(config.exportFields) : config.exportFields,
			table: queueRecordTable<DrillRow>({
				media: byMedia,
				...(granularity ? {by: 'intervals'} : {}),
				member: {header: config.nameHeader, text: memberName},
				metrics: config.columns,
				timeZone: range.timeZone,
				granularity,
			}),
		}),
		async stream(client, request, callbacks) {
			const {streamDrillRows} = await import('../reports/drill-report.js');
			const total: StatsBag = {};
			await streamDrillRows(
				client,
				{...reportQuery(request), kind: config.kind, byMedia: request.byMedia, sparse: request.sparse === true},
				{
					knownQueues: request.knownQueues,
					onProgress: callbacks.onProgress,
					onNotice: callbacks.onNotice,
					onRows: async (rows, entries) => {
						for (const entry of entries) addInto(total, entry.stats);
						await callbacks.onRecords(
							request.granularity ? markPartial(rows, request.range.timeZone, request.granularity) : rows,
						);
					},
				},
			);
			return {total: toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, total)};
		},
	};
}

export function drillIntervalsLevel(config: DrillConfig): LevelModule {
	return {
		id: config.intervalsId,
		description: config.intervalsDescription,
		nameHeader: 'Interval',
		emptyText: 'No work in these intervals.',
		defaultSort: {column: 'name', descending: false},
		byKey: true,
		usesGranularity: true,
		columns: config.columns,
		sparklines: config.sparklines,
		exportFields: withPartialField(config.exportFields),
		request: (ref, granularity) => request(config, ref, granularity),
		rows(data, ref, {timeZone, granularity}): LevelRows {
			const {cells, buckets} = data as DrillData;
			const member = ref.context.member ?? '';
			const result = drillRows(cells, {
				kind: config.kind,
				queueName: () => ref.context.queueName ?? '',
				memberName: () => ref.context.memberName ?? member,
				byMedia: false,
				media: ref.context.mediaType ?? null,
				byInterval: true,
				rangeInterval: null,
				...(buckets ? {buckets} : {}),
			});
			const rows: DisplayRow[] = [];
			for (const entry of result.entries) {
				if ((entry.member ?? '') !== member) continue;
				markPartial([entry.row], timeZone, granularity);
				const label = intervalLabel(entry.row, timeZone, granularity);
				rows.push({
					key: entry.row.interval ?? '',
					label,
					search: label.toLowerCase(),
					row: entry.row,
					stats: entry.stats,
				});
			}
			return {rows, shareBase: {field: config.kind === 'agents' ? 'answered' : 'handled', of: result.shareWhole}};
		},
		opens: {drill: 'conversations'},
		openContext: (row, ref) => ({
			...ref.context,
			interval: row.key,
			intervalLabel: row.label,
			...(row.row ? {cell: cellOf(config, row.row)} : {}),
		}),
		crumb: ref => (ref.context.today ? `${ref.context.memberName ?? ''} today` : ref.context.memberName),
	};
}

/** What a list of an agent's or a code's conversations is held against: the agent's answered, the code's handled. */
function cellOf(config: DrillConfig, row: QueueRow): NonNullable<LevelContext['cell']> {
	return config.kind === 'agents' ? {field: 'answered', count: row.answered} : {field: 'handled', count: row.handled};
}

/** "97.5%" of a part of a whole, for the status lines. */
export function percentOf(part: number, whole: number): string {
	return formatPercent(whole > 0 ? part / whole : null);
}
