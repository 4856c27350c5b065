// Flows and their outcomes for a range, named: the aggregates folded into one statistics bag per flow (or outcome)
// and interval, the exits to a queue kept apart, and the names from the listings. Shared by the levels and export.
import {
	type FlowQuery,
	fetchFlowCells,
	fetchFlowNames,
	fetchFlowsNow,
	fetchOutcomeNames,
	type FlowNames,
} from '../genesys/flows.js';
import {PermissionError} from '../errors.js';
import type {GenesysClient} from '../genesys/client.js';
import type {Progress} from '../genesys/analytics.js';
import {addInto, type StatsBag} from '../genesys/stats.js';
import {exitToQueueMetric, inFlowNowMetric} from '../metrics/flows.js';
import {fetchQueueNames, deletedQueueName} from '../genesys/queues.js';
import {type DateRange, type Granularity, rangeBuckets} from '../range/range.js';
import {rangeHours} from '../range/weekday-hours.js';
import {addAt, emptyCells, type HourGrid} from '../metrics/hour-grid.js';

/** A flow's (or one of its outcomes', or one of its destination queues') statistics in an interval. */
export type FlowEntry = {
	flowId: string;
	flowType: string | null;
	mediaType: string | null;
	/** The outcome or the destination queue, for those. */
	member: string | null;
	interval: string;
	stats: StatsBag;
};

export type FlowReport = {
	entries: FlowEntry[];
	flowName: (id: string) => string;
	/** The outcome's (or queue's) name. */
	memberName: (id: string) => string;
	/** A permission missing for names (ids shown), said in the status line or on stderr. */
	notice?: string;
	/** By interval: every bucket of the range (empty ones are rows too). */
	buckets?: string[];
	/** A range with today: the entries carry the conversations in each flow now, and the report is asked again. */
	live?: boolean;
};

export type FlowSelection = {
	range: DateRange;
	granularity?: Granularity;
	flowIds?: readonly string[];
	/** Analytics' upper-case flow types. */
	flowTypes?: readonly string[];
	/** Only this outcome (an outcome's intervals). */
	outcomeId?: string;
};

type Options = {signal?: AbortSignal; onProgress?: (progress: Progress) => void};

function baseQuery(selection: FlowSelection): Omit<FlowQuery, 'groupBy'> {
	const {range} = selection;
	return {
		start: range.start,
		end: range.end,
		timeZone: range.timeZone,
		...(selection.granularity ? {granularity: selection.granularity} : {}),
		...(range.weekStart ? {weekStart: range.weekStart} : {}),
		...(selection.flowIds ? {flowIds: selection.flowIds} : {}),
		...(selection.flowTypes?.length ? {flowTypes: selection.flowTypes} : {}),
	};
}

/** Cells folded into one entry per flow, member and interval. */
function fold(
	cells: Awaited<ReturnType<typeof fetchFlowCells>>,
	member: (group: Record<string, string | null>) => string | null,
): FlowEntry[] {
	const entries = new Map<string, FlowEntry>();
	for (const {group, interval, stats} of cells) {
		const flowId = group['flowId'];
		if (!flowId) continue;
		const of = member(group);
		const media = group['mediaType'] ?? null;
		const key = `${flowId}\u0000${of ?? ''}\u0000${interval}`;
		let entry = entries.get(key);
		if (!entry) {
			entry = {flowId, flowType: null, mediaType: null, member: of, interval, stats: {}};
			entries.set(key, entry);
		}
		entry.flowType ??= group['flowType'] ?? null;
		entry.mediaType ??= media;
		addInto(entry.stats, stats);
		// The exits of a transfer to ACD are the exits to a queue: kept apart beside all exits.
		if (group['transferType'] === 'ACD' && stats['tFlowExit'])
			addInto(entry.stats, {[exitToQueueMetric]: stats['tFlowExit']});
	}
	return [...entries.values()];
}

function named(names: FlowNames): string | undefined {
	return names.missingPermission ? `names shown as ids: needs ${names.missingPermission}` : undefined;
}

/** Every flow with sessions in the range (or the chosen ones): entered, ended, exits to a queue, outcomes. */
export async function fetchFlowReport(
	client: GenesysClient,
	selection: FlowSelection,
	options: Options = {},
): Promise<FlowReport> {
	const cells = await fetchFlowCells(
		client,
		{...baseQuery(selection), groupBy: ['flowId', 'flowType', 'mediaType', 'transferType']},
		options,
	);
	const entries = fold(cells, () => null);
	const names = await fetchFlowNames(client, [...new Set(entries.map(entry => entry.flowId))], options.signal);
	return {
		entries,
		flowName: names.nameOf,
		memberName: id => id,
		...(named(names) ? {notice: named(names)} : {}),
		...(selection.granularity ? {buckets: rangeBuckets(selection.range, selection.granularity)} : {}),
	};
}

/** What a flow's heat map offers (`←/→`): its sessions, where they went, how long they stayed. */
export const flowHeatFields = ['entered', 'exitedToQueue', 'containmentRate', 'avgFlowMs'] as const;

/**
 * One flow's (or every flow's) sessions by weekday and local hour: the flow aggregates by hour in the range's zone,
 * grouped by flow and transfer type (the exits to a queue kept apart, as the flows level does), added into 168 cells.
 */
export async function fetchFlowHourGrid(
	client: GenesysClient,
	selection: Pick<FlowSelection, 'range' | 'flowIds'>,
	scope: string,
	options: Options = {},
): Promise<HourGrid> {
	const {range} = selection;
	const {days, changes, granularity} = rangeHours(range.start, range.end, range.timeZone);
	const cells = await fetchFlowCells(
		client,
		{
			...baseQuery({range, ...(selection.flowIds ? {flowIds: selection.flowIds} : {})}),
			granularity,
			groupBy: ['flowId', 'transferType'],
		},
		options,
	);
	const grid = emptyCells();
	for (const entry of fold(cells, () => null))
		addAt(grid, entry.interval.split('/')[0] ?? '', entry.stats, range.timeZone);
	return {cells: grid, days, changes, timeZone: range.timeZone, fields: flowHeatFields, base: 'entered', scope};
}

/** The permission of the flow observations, and the clients that were refused it (not asked again in the session). */
export const flowObservationPermission = 'analytics:flowObservation:view';
const refusedNow = new WeakSet<GenesysClient>();
/** The day's flow aggregates of each client, kept for a minute while the conversations in flows are asked every refresh. */
const recentReports = new WeakMap<GenesysClient, Map<string, {at: number; report: FlowReport}>>();

function selectionKey(selection: FlowSelection): string {
	return JSON.stringify([
		selection.range.start.toISO(),
		selection.range.timeZone,
		selection.flowIds ?? [],
		selection.flowTypes ?? [],
	]);
}

/**
 * The flows report of a range with today, with the conversations in each flow now (`oFlow`, one observations query per
 * 100 flows) in each flow's statistics. Asked every live refresh: the aggregates are asked again once a minute (as the
 * queues' are), the observations every time. Without the observations' permission, or when they fail, the report
 * has none and says why.
 */
export async function fetchLiveFlowReport(
	client: GenesysClient,
	selection: FlowSelection,
	options: Options & {aggregatesEveryMs: number; scheduled?: boolean},
	now = Date.now(),
): Promise<FlowReport> {
	// A range cut back to now is one with today.
	if (!selection.range.clamped) return fetchFlowReport(client, selection, options);
	let kept = recentReports.get(client);
	if (!kept) recentReports.set(client, (kept = new Map()));
	const key = selectionKey(selection);
	const recent = kept.get(key);
	// A scheduled refresh keeps the aggregates of the last minute; `r` and a first load ask them again.
	const report =
		options.scheduled && recent && now - recent.at < options.aggregatesEveryMs
			? recent.report
			: await fetchFlowReport(client, selection, options);
	if (report !== recent?.report) {
		kept.clear();
		kept.set(key, {at: now, report});
	}
	const flowIds = [...new Set(report.entries.map(entry => entry.flowId))];
	let inFlow: Map<string, number> | undefined;
	let unavailable: string | undefined;
	if (refusedNow.has(client)) unavailable = `in flow now needs ${flowObservationPermission}`;
	else if (flowIds.length > 0)
		try {
			inFlow = await fetchFlowsNow(client, flowIds, options.signal);
		} catch (error) {
			// A failed observation leaves the column empty for this refresh, not the flows without their numbers.
			if (options.signal?.aborted) throw error;
			if (error instanceof PermissionError) {
				refusedNow.add(client);
				unavailable = `in flow now needs ${flowObservationPermission}`;
			} else unavailable = `in flow now not answered (${error instanceof Error ? error.message : String(error)})`;
		}
	const notice = [report.notice, unavailable].filter(Boolean).join('; ');
	return {
		...report,
		// New entries: the kept report stays as the aggregates answered.
		entries: report.entries.map(entry =>
			inFlow ? {...entry, stats: {...entry.stats, [inFlowNowMetric]: {count: inFlow.get(entry.flowId) ?? 0}}} : entry,
		),
		live: true,
		...(notice ? {notice} : {}),
	};
}

/** The outcomes of flows (one flow's, or the chosen ones'): started, failed, succeeded and their time. */
export async function fetchOutcomeReport(
	client: GenesysClient,
	selection: FlowSelection,
	options: Options = {},
): Promise<FlowReport> {
	const cells = await fetchFlowCells(
		client,
		{
			...baseQuery(selection),
			groupBy: ['flowId', 'flowOutcomeId'],
			having: 'flowOutcomeId',
			...(selection.outcomeId ? {where: {flowOutcomeId: selection.outcomeId}} : {}),
			metrics: ['nFlowOutcome', 'nFlowOutcomeFailed', 'tFlowOutcome'],
		},
		options,
	);
	const entries = fold(cells, group => group['flowOutcomeId'] ?? null);
	const [flows, outcomes] = await Promise.all([
		fetchFlowNames(client, [...new Set(entries.map(entry => entry.flowId))], options.signal),
		fetchOutcomeNames(client, options.signal),
	]);
	const notice = named(outcomes) ?? named(flows);
	return {
		entries,
		flowName: flows.nameOf,
		memberName: outcomes.nameOf,
		...(notice ? {notice} : {}),
		...(selection.granularity ? {buckets: rangeBuckets(selection.range, selection.granularity)} : {}),
	};
}

/** Where a flow sent callers: its exits to ACD by destination queue (transferTargetAddress), named. */
export async function fetchDestinationReport(
	client: GenesysClient,
	selection: FlowSelection,
	options: Options = {},
): Promise<FlowReport> {
	const cells = await fetchFlowCells(
		client,
		{
			...baseQuery(selection),
			groupBy: ['flowId', 'transferTargetAddress'],
			where: {transferType: 'ACD'},
			having: 'transferTargetAddress',
			metrics: ['tFlowExit'],
		},
		options,
	);
	// Every one of these sessions ended by its exit to the queue: its time in flow is the exit's.
	const entries = fold(cells, group => group['transferTargetAddress'] ?? null).map(entry => ({
		...entry,
		stats: {...entry.stats, [exitToQueueMetric]: entry.stats['tFlowExit'] ?? {}, tFlow: entry.stats['tFlowExit'] ?? {}},
	}));
	const queues = await fetchQueueNames(
		client,
		[...new Set(entries.flatMap(entry => (entry.member ? [entry.member] : [])))],
		{
			...(options.signal ? {signal: options.signal} : {}),
		},
	);
	return {
		entries,
		flowName: id => id,
		memberName: id => queues.get(id)?.name ?? deletedQueueName(id),
	};
}
