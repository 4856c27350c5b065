// Flows before the queues (`f` on the queues level; `f` again goes back): per Architect flow, how many entered,
// ended in the flow, left for a queue or elsewhere, containment, time in flow and outcomes. Enter opens a flow's
// outcomes (Enter on one, its intervals); `u` where the flow sent callers: its exits to each queue.
import {flowColumns, flowOutcomeColumns, formatMetric, metricFor, type MetricField} from '../metrics/catalog.js';
import type {QueueRow} from '../metrics/queue-row.js';
import {bucketLabel} from '../range/range.js';
import {
	type FlowCells,
	flowCells,
	flowFields,
	flowNumberFields,
	flowOutcomeFields,
	type FlowOutcomeRecord,
	flowOutcomeRecord,
	type FlowRecord,
	flowRecord,
} from '../metrics/flows.js';
import {toRow} from '../metrics/rows.js';
import type {StatsBag} from '../genesys/stats.js';
import {compareText} from '../text/collate.js';
import type {RecordTable} from '../text/records.js';
import type {FlowEntry, FlowReport, FlowSelection} from '../reports/flows.js';
import {intervalLabel} from './record-table.js';
import {intervalsLevel} from './intervals.js';
import {eachHour, gridTotal, type HourGrid} from '../metrics/hour-grid.js';
import {cellAt} from '../range/weekday-hours.js';
import {aggregateRefreshMs} from './live.js';
import type {
	DataRequest,
	DisplayRow,
	ExportCallbacks,
	ExportRequest,
	LevelExport,
	LevelModule,
	LevelRef,
	LevelRows,
} from './types.js';
import type {GenesysClient} from '../genesys/client.js';
import {markPartial} from '../metrics/rows.js';
import type {Granularity} from '../range/range.js';

type Kind = 'flows' | 'outcomes' | 'destinations';

function request(kind: Kind, ref: LevelRef, granularity?: Granularity): DataRequest {
	const {flowId, outcomeId} = ref.context;
	return {
		key: ['flows', kind, flowId ?? '', outcomeId ?? '', granularity ?? ''].join('\u0000'),
		label: kind === 'flows' ? 'loading flows' : kind === 'outcomes' ? 'loading outcomes' : 'loading destinations',
		async load(client, range, {signal, onProgress, scheduled}): Promise<FlowReport> {
			const reports = await import('../reports/flows.js');
			const selection: FlowSelection = {
				range,
				...(granularity ? {granularity} : {}),
				...(flowId ? {flowIds: [flowId]} : {}),
				...(outcomeId ? {outcomeId} : {}),
			};
			if (kind === 'flows')
				return reports.fetchLiveFlowReport(client, selection, {
					signal,
					onProgress,
					aggregatesEveryMs: aggregateRefreshMs,
					...(scheduled ? {scheduled} : {}),
				});
			const fetch = kind === 'outcomes' ? reports.fetchOutcomeReport : reports.fetchDestinationReport;
			return fetch(client, selection, {signal, onProgress});
		},
	};
}

/** An empty interval's statistics: a flow's, so its counts read 0 (not "no value"). */
const noSessions: StatsBag = {nFlow: {count: 0}, nFlowOutcome: {count: 0}};

function entryRow(entry: FlowEntry, label: string, interval: string | null): DisplayRow['row'] {
	return toRow(
		{queueId: null, queueName: label, mediaType: entry.mediaType, interval},
		{...noSessions, ...entry.stats},
	);
}

function flowLabel(report: FlowReport, entry: FlowEntry): string {
	return report.flowName(entry.flowId);
}

function cellsOf(row: DisplayRow['row']): FlowCells {
	return row as unknown as FlowCells;
}

const flowKey = {
	action: 'flows',
	key: 'f',
	short: 'flows',
	description: 'flows (IVR, bots) instead of queues; again: queues',
	footer: true,
	onTotal: true,
	wholeLevel: true,
} as const;

export const flowsLevel: LevelModule = {
	id: 'flows',
	description:
		'every Architect flow: entered, ended in the flow, exited to a queue or elsewhere, containment, outcomes',
	nameHeader: 'Flow',
	emptyText: 'No flow sessions in this range. f goes back to the queues.',
	defaultSort: {column: 'entered', descending: true},
	byKey: false,
	usesGranularity: false,
	columns: flowColumns,
	exportFields: flowFields,
	request: ref => request('flows', ref),
	rows(data): LevelRows {
		const report = data as FlowReport;
		const rows = report.entries.map((entry): DisplayRow => {
			const label = flowLabel(report, entry);
			const row = entryRow(entry, label, null);
			const type = (entry.flowType ?? '').toLowerCase();
			return {
				key: entry.flowId,
				label,
				search: label.toLowerCase(),
				searchAlso: type,
				row,
				stats: entry.stats,
				record: flowRecord(
					{flowId: entry.flowId, flowName: label, flowType: type || null, mediaType: entry.mediaType},
					null,
					cellsOf(row),
				),
			};
		});
		return {rows, ...(report.notice ? {note: report.notice} : {})};
	},
	opens: {drill: 'flow-outcomes', destinations: 'flow-queues', flows: 'queues', heatmap: 'flow-hours'},
	openContext: ({key, label}) => ({flowId: key, flowName: label}),
	crumb: () => 'flows',
	// In flow now: a range with today only, asked again every live refresh (`l` pauses it).
	omitColumns: (_ref, live) => (live ? [] : ['inFlowNow']),
	// One observations query per 100 flows, within 150 requests a minute (0.4 s each), as the people board is paced.
	refreshes: {
		everyMs: data => {
			const report = data as FlowReport;
			return report.live ? Math.ceil(new Set(report.entries.map(entry => entry.flowId)).size / 100) * 400 : undefined;
		},
	},
	key: flowKey,
	export: flowsExport(),
};

export const flowOutcomesLevel: LevelModule = {
	id: 'flow-outcomes',
	description: 'the outcomes of one flow: started, succeeded, failed, success %, time to outcome',
	nameHeader: 'Outcome',
	emptyText: 'No outcomes of this flow in this range (in-queue flows have none).',
	defaultSort: {column: 'outcomesStarted', descending: true},
	byKey: false,
	usesGranularity: false,
	columns: flowOutcomeColumns,
	exportFields: flowOutcomeFields,
	request: ref => request('outcomes', ref),
	rows(data, ref): LevelRows {
		const report = data as FlowReport;
		const flowName = ref.context.flowName ?? '';
		const rows = report.entries.map((entry): DisplayRow => {
			const label = report.memberName(entry.member ?? '');
			const row = entryRow(entry, label, null);
			return {
				key: entry.member ?? '',
				label,
				search: label.toLowerCase(),
				row,
				stats: entry.stats,
				record: flowOutcomeRecord(
					{flowId: entry.flowId, flowName},
					{outcomeId: entry.member, outcomeName: label},
					null,
					cellsOf(row),
				),
			};
		});
		return {rows, ...(report.notice ? {note: report.notice} : {})};
	},
	opens: {drill: 'flow-outcome-intervals'},
	openContext: ({key, label}, ref) => ({...ref.context, outcomeId: key, outcomeName: label}),
	crumb: ref => `${ref.context.flowName ?? ''} › outcomes`,
	export: flowOutcomesExport(),
};

export const flowOutcomeIntervalsLevel: LevelModule = {
	id: 'flow-outcome-intervals',
	description: 'one outcome of one flow by interval',
	nameHeader: 'Interval',
	emptyText: 'No outcomes in these intervals.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: true,
	columns: flowOutcomeColumns,
	sparklines: ['outcomesStarted', 'successRate'],
	exportFields: flowOutcomeFields,
	request: (ref, granularity) => request('outcomes', ref, granularity),
	rows(data, ref, {timeZone, granularity}): LevelRows {
		const report = data as FlowReport;
		const {flowId = '', flowName = '', outcomeId = '', outcomeName = ''} = ref.context;
		const byInterval = new Map(report.entries.map(entry => [entry.interval, entry]));
		const rows = (report.buckets ?? [...byInterval.keys()]).map((interval): DisplayRow => {
			const entry = byInterval.get(interval) ?? {
				flowId,
				flowType: null,
				mediaType: null,
				member: outcomeId,
				interval,
				stats: {},
			};
			const row = entryRow(entry, interval, interval);
			markPartial([row], timeZone, granularity);
			const label = intervalLabel(row, timeZone, granularity);
			return {
				key: interval,
				label,
				search: label.toLowerCase(),
				row: {...row, queueName: label},
				stats: entry.stats,
				record: flowOutcomeRecord({flowId, flowName}, {outcomeId, outcomeName}, interval, cellsOf(row)),
			};
		});
		return {rows};
	},
	alignCompared: intervalsLevel.alignCompared!,
	opens: {},
	openContext: (_row, ref) => ref.context,
	crumb: ref => ref.context.outcomeName,
};

export const flowQueuesLevel: LevelModule = {
	id: 'flow-queues',
	description: 'where one flow sent callers: its exits to each queue (transfers to ACD by target queue)',
	nameHeader: 'Queue',
	emptyText: 'This flow sent no one to a queue in this range.',
	defaultSort: {column: 'exitedToQueue', descending: true},
	byKey: false,
	usesGranularity: false,
	columns: ['exitedToQueue', 'avgFlowMs'],
	exportFields: ['flowId', 'flowName', 'queueId', 'queueName', 'interval', 'exitedToQueue', 'avgFlowMs'],
	request: ref => request('destinations', ref),
	rows(data, ref): LevelRows {
		const report = data as FlowReport;
		const rows = report.entries.map((entry): DisplayRow => {
			const label = report.memberName(entry.member ?? '');
			const row = entryRow(entry, label, null);
			return {
				key: entry.member ?? '',
				label,
				search: label.toLowerCase(),
				row,
				stats: entry.stats,
				record: {
					flowId: entry.flowId,
					flowName: ref.context.flowName ?? '',
					queueId: entry.member,
					queueName: label,
					interval: null,
					exitedToQueue: row.exitedToQueue ?? 0,
					avgFlowMs: row.avgFlowMs ?? null,
				},
			};
		});
		return {rows};
	},
	// A destination queue opens as the queue level's row does: by media type.
	opens: {drill: 'media'},
	openContext: ({key, label}) => ({queueId: key, queueName: label}),
	crumb: ref => `${ref.context.flowName ?? ''} › to queues`,
	key: {
		action: 'destinations',
		key: 'u',
		short: 'to queues',
		description: 'the queues a flow sent callers to',
		footer: true,
	},
};

/** The `e` export of a flow's heat map: the flow, the range, each weekday-hour, then the flows level's numbers. */
export const flowHourFields = [
	'flowId',
	'flowName',
	'interval',
	'weekday',
	'hour',
	'days',
	...flowNumberFields,
] as const;

export type FlowHourRecord = Record<(typeof flowHourFields)[number], string | number | null>;

/** A flow's (or every flow's) heat map as records: one for every weekday-hour the range holds, in the grid's order. */
export function flowHourRecords(
	grid: HourGrid,
	flow: {flowId: string | null; flowName: string},
	interval: string,
): FlowHourRecord[] {
	return eachHour(grid, (index, days, stats) => {
		const {weekday, hour} = cellAt(index);
		const {
			flowType: _type,
			mediaType: _media,
			interval: _interval,
			...numbers
		} = flowRecord({...flow, flowType: null, mediaType: null}, null, flowCells(stats));
		return {...numbers, interval, weekday, hour, days};
	});
}

/** `h` on a flow (or the flows' totals row): its sessions by weekday and local hour. */
export const flowHoursLevel: LevelModule = {
	id: 'flow-hours',
	description: 'a flow, or every flow, by weekday and hour: a heat map of entered, to queue, containment, time in flow',
	nameHeader: 'Hour',
	emptyText: 'No flow sessions in this range.',
	defaultSort: {column: 'name', descending: false},
	byKey: true,
	usesGranularity: false,
	request: ({context: {flowId, flowName}}) => ({
		key: `flow-hours\u0000${flowId ?? ''}`,
		label: 'loading hours',
		async load(client, range, {signal, onProgress}): Promise<HourGrid> {
			const {fetchFlowHourGrid} = await import('../reports/flows.js');
			return fetchFlowHourGrid(
				client,
				{range, ...(flowId ? {flowIds: [flowId]} : {})},
				flowId ? (flowName ?? flowId) : 'All flows',
				{signal, onProgress},
			);
		},
	}),
	rows: data => ({rows: [], allStats: gridTotal(data as HourGrid)}),
	opens: {},
	openContext: (_row, ref) => ref.context,
	crumb: () => 'weekday × hour',
	grid: data => data as HourGrid,
	gridRecords: (grid, {context: {flowId, flowName}}, interval) => ({
		rows: flowHourRecords(
			grid,
			{flowId: flowId ?? null, flowName: flowId ? (flowName ?? flowId) : 'All flows'},
			interval,
		),
		fields: flowHourFields,
	}),
};

/** Records in export order: flow name, flow id, (outcome name,) interval start. */
function byName<R extends {flowName: unknown; flowId: unknown; interval: unknown}>(
	extra?: (record: R) => string,
): (a: R, b: R) => number {
	return (a, b) =>
		compareText(String(a.flowName), String(b.flowName)) ||
		compareText(String(a.flowId), String(b.flowId)) ||
		(extra ? compareText(extra(a), extra(b)) : 0) ||
		compareText(String(a.interval ?? ''), String(b.interval ?? ''));
}

function selectionOf(request: ExportRequest): FlowSelection {
	return {
		range: request.range,
		...(request.granularity ? {granularity: request.granularity} : {}),
		...(request.flowIds ? {flowIds: request.flowIds} : {}),
		...(request.flowTypes?.length ? {flowTypes: request.flowTypes.map(type => type.toUpperCase())} : {}),
	};
}

/** Each flow's (or outcome's) entries as records: every bucket of the range when by interval, unless --sparse. */
function recordsOf<R>(
	report: FlowReport,
	request: ExportRequest,
	make: (entry: FlowEntry, interval: string | null, cells: FlowCells) => R,
): R[] {
	const rangeInterval = `${request.range.start.toUTC().toISO()}/${request.range.end.toUTC().toISO()}`;
	const records: R[] = [];
	const groups = new Map<string, FlowEntry[]>();
	for (const entry of report.entries) {
		const key = `${entry.flowId}\u0000${entry.member ?? ''}`;
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}
	for (const entries of groups.values()) {
		const first = entries[0]!;
		const byInterval = new Map(entries.map(entry => [entry.interval, entry]));
		const intervals = report.buckets && request.sparse !== true ? report.buckets : [...byInterval.keys()];
		for (const interval of intervals) {
			const entry = byInterval.get(interval) ?? {...first, interval, stats: {}};
			records.push(make(entry, report.buckets ? interval : rangeInterval, flowCells({...noSessions, ...entry.stats})));
		}
	}
	return records;
}

/**
 * `--format table`: the names (and the interval's label when by interval), then the numbers as the explorer shows them
 * (the catalog's headers, formats and priorities); `metrics` pairs a record field with its catalog column.
 */
function flowTable<R>(
	names: ReadonlyArray<{header: string; field: string}>,
	metrics: ReadonlyArray<[field: string, column: MetricField]>,
	request: ExportRequest,
): RecordTable<R> {
	const value = (record: R, field: string) => (record as Record<string, unknown>)[field];
	const {granularity} = request;
	return {
		empty: 'No flow sessions in this range.\n',
		columns: () => [
			...names.map(({header, field}) => ({
				header,
				align: 'left' as const,
				cap: 40,
				text: (record: R) => String(value(record, field) ?? ''),
			})),
			...(granularity
				? [
						{
							header: 'Interval',
							align: 'left' as const,
							text: (record: R) =>
								bucketLabel(String(value(record, 'interval') ?? ''), request.range.timeZone, granularity),
						},
					]
				: []),
			...metrics.map(([field, column]) => {
				const metric = metricFor(column);
				return {
					header: metric.header,
					align: 'right' as const,
					priority: metric.priority,
					text: (record: R) => formatMetric(metric, {[column]: value(record, field)} as unknown as QueueRow),
				};
			}),
		],
	};
}

type ExportConfig<R> = {
	name: string;
	help: string;
	fields: readonly string[];
	table: (request: ExportRequest) => RecordTable<R>;
	/** What a missing permission for names is said as. */
	names: string;
	fetch: (
		reports: typeof import('../reports/flows.js'),
	) => (
		client: GenesysClient,
		selection: FlowSelection,
		options: {onProgress?: ExportCallbacks<R>['onProgress']},
	) => Promise<FlowReport>;
	record: (report: FlowReport, entry: FlowEntry, interval: string | null, cells: FlowCells) => R;
	order: (a: R, b: R) => number;
};

/** `gqx export --level flows|flow-outcomes`: the report as records, in name order. */
function flowExport<R>(config: ExportConfig<R>): LevelExport<R> {
	return {
		name: config.name,
		help: config.help,
		dated: true,
		granularity: 'optional',
		byMedia: false,
		compare: false,
		takes: ['flow', 'flow-type'],
		notByQueue: {instead: 'Flows are chosen with --flow NAME|ID and --flow-type TYPE'},
		spec: request => ({fields: config.fields, table: config.table(request)}),
		async stream(client, request, callbacks) {
			const fetch = config.fetch(await import('../reports/flows.js'));
			const report = await fetch(client, selectionOf(request), {onProgress: callbacks.onProgress});
			if (report.notice) callbacks.onNotice?.(`${config.names} ${report.notice}.`);
			const records = recordsOf(report, request, (entry, interval, cells) =>
				config.record(report, entry, interval, cells),
			).sort(config.order);
			await callbacks.onRecords(records);
			return {};
		},
	};
}

function flowsExport(): LevelExport<FlowRecord> {
	return flowExport<FlowRecord>({
		name: 'flows',
		help: 'one record per flow (--granularity: per interval too); --flow, --flow-type choose flows',
		fields: flowFields,
		table: request =>
			flowTable(
				[
					{header: 'Flow', field: 'flowName'},
					{header: 'Type', field: 'flowType'},
				],
				flowColumns.filter(column => column !== 'inFlowNow').map(column => [column, column]),
				request,
			),
		names: 'Flow',
		fetch: reports => reports.fetchFlowReport,
		record: (report, entry, interval, cells) =>
			flowRecord(
				{
					flowId: entry.flowId,
					flowName: report.flowName(entry.flowId),
					flowType: entry.flowType?.toLowerCase() ?? null,
					mediaType: entry.mediaType,
				},
				interval,
				cells,
			),
		order: byName(),
	});
}

function flowOutcomesExport(): LevelExport<FlowOutcomeRecord> {
	return flowExport<FlowOutcomeRecord>({
		name: 'flow-outcomes',
		help: 'one record per flow and outcome (--granularity: per interval too); --flow, --flow-type choose flows',
		fields: flowOutcomeFields,
		table: request =>
			flowTable(
				[
					{header: 'Flow', field: 'flowName'},
					{header: 'Outcome', field: 'outcomeName'},
				],
				[
					['started', 'outcomesStarted'],
					['succeeded', 'outcomesSucceeded'],
					['failed', 'outcomesFailed'],
					['successRate', 'successRate'],
					['avgOutcomeMs', 'avgOutcomeMs'],
				],
				request,
			),
		names: 'Flow and outcome',
		fetch: reports => reports.fetchOutcomeReport,
		record: (report, entry, interval, cells) =>
			flowOutcomeRecord(
				{flowId: entry.flowId, flowName: report.flowName(entry.flowId)},
				{outcomeId: entry.member, outcomeName: report.memberName(entry.member ?? '')},
				interval,
				cells,
			),
		order: byName(record => String(record.outcomeName)),
	});
}
