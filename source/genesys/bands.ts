// How long they waited: one row's answered and abandoned waits counted under bounds, by the aggregates query's derived
// views (`rangeBound` on tAnswered and tAbandon, reference part 3 §C.1), never by listing conversations.
import type {DateTime} from 'luxon';
import {aggregatesPath, buildAggregateBody, ofBatch, type Progress} from './analytics.js';
import type {AggregateResult} from './schemas.js';
import {aggregatesReader} from './aggregates-reader.js';
import type {GenesysClient} from './client.js';
import type {DropSink} from './dropped-statistics.js';
import {runPool} from './pool.js';
import {rowDimensionName, type RowsBy} from './row-dimensions.js';
import {addInto, type StatsBag} from './stats.js';
import {isoInterval, planChunks} from '../range/range.js';
import {underViewName, viewsMissingName, viewsReadName, viewsTotalName, type WaitOutcome} from './wait-views.js';

type ViewDefinition = {name: string; target: string; function: string; range: {lt: number}};

/** The API's limit on views per query. */
export const maxViewsPerQuery = 10;

/** Longer than any wait (23 days): the view under it is all of an outcome, never empty when the outcome is not. */
export const allWaitsMs = 2_000_000_000;

/** The metrics asked beside the views: the outcomes the bands add up to, and the service level's terms. */
export const waitMetricNames = ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'nOverSla', 'oServiceLevel'] as const;

const targets: Record<WaitOutcome, string> = {answered: 'tAnswered', abandoned: 'tAbandon'};

export type WaitBandsQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	/** The queues (asked 100 a query); none: every queue with traffic. */
	queueIds?: readonly string[];
	/** What `queueIds` are: queues (default), requested skills or requested languages. */
	rowsBy?: RowsBy;
	mediaTypes?: readonly string[];
	/** One agent's or wrap-up code's conversations only (their answered: abandons have neither). */
	member?: {dimension: 'userId' | 'wrapUpCode'; id: string};
	/** Bounds in ms, each a cumulative view (`lt`): the conversations of that outcome that waited less. */
	under: Readonly<Record<WaitOutcome, readonly number[]>>;
};

/** Statistics by queue id, then media type (`''` for a group without one). */
export type WaitStats = Map<string, Map<string, StatsBag>>;

/**
 * The statistics of queues by media type: the metrics of `waitMetricNames` and the views by `underViewName`. Ranges
 * over 31 days are asked in chunks, queues 100 a query, views 10 a query, and all of it added up.
 */
export async function fetchWaitBands(
	client: GenesysClient,
	query: WaitBandsQuery,
	options: {signal?: AbortSignal; onDrop?: DropSink; onProgress?: (progress: Progress) => void} = {},
): Promise<WaitStats> {
	// Each outcome's views in queries of their own, with the outcome's total: its bands come from one answer.
	const groups: Array<{outcome: WaitOutcome; views: ViewDefinition[]}> = [];
	for (const outcome of Object.keys(targets) as WaitOutcome[]) {
		// A bound no wait reaches as well: its view counts every conversation of the outcome, so an answer with the
		// outcome and none of its views did not serve them (an empty view may be left out; this one never is).
		// It goes in every query of the outcome (9 bounds and it, within the 10 views a query), and every answer with
		// the outcome must have it.
		const bounds = [...new Set(query.under[outcome].filter(bound => bound > 0 && bound !== allWaitsMs))];
		const view = (bound: number) => ({
			name: underViewName(outcome, bound),
			target: targets[outcome],
			function: 'rangeBound',
			range: {lt: bound},
		});
		for (let index = 0; index < bounds.length; index += maxViewsPerQuery - 1)
			groups.push({outcome, views: [...bounds.slice(index, index + maxViewsPerQuery - 1), allWaitsMs].map(view)});
	}
	if (groups.length === 0) groups.push({outcome: 'answered', views: []});
	const batches: Array<readonly string[] | undefined> = [];
	for (let index = 0; index < (query.queueIds?.length ?? 0); index += 100)
		batches.push(query.queueIds!.slice(index, index + 100));
	if (!query.queueIds) batches.push(undefined);
	const stats: WaitStats = new Map();
	const bagOf = (queueId: string, media: string) => {
		let byMedia = stats.get(queueId);
		if (!byMedia) stats.set(queueId, (byMedia = new Map()));
		let bag = byMedia.get(media);
		if (!bag) byMedia.set(media, (bag = {}));
		return bag;
	};
	const chunks = planChunks(query.start, query.end, undefined);
	let done = 0;
	const tasks = chunks.flatMap(([start, end]) =>
		batches.flatMap(batch =>
			groups.map(({outcome, views}, index) => async (signal: AbortSignal) => {
				const total = targets[outcome];
				// The first of an outcome's queries says its total for its bands (later ones, of more bounds, are kept
				// in order by the bands' math).
				const totalHere = views.length > 0 && groups.findIndex(group => group.outcome === outcome) === index;
				const base = buildAggregateBody(
					isoInterval(start, end),
					{
						timeZone: query.timeZone,
						queuedOnly: true,
						...(query.rowsBy ? {rowsBy: query.rowsBy} : {}),
						// The metrics once a chunk; the other queries ask their outcome's total.
						metrics: index === 0 ? waitMetricNames : [total],
						...(query.mediaTypes?.length ? {mediaTypes: query.mediaTypes} : {}),
					},
					batch,
				);
				const {member} = query;
				const body = {
					...base,
					...(member
						? {
								filter: {
									type: 'and',
									clauses: [
										...((base.filter as {clauses?: unknown[]} | undefined)?.clauses ?? []),
										{
											type: 'or',
											predicates: [
												{type: 'dimension', dimension: member.dimension, operator: 'matches', value: member.id},
											],
										},
									],
								},
							}
						: {}),
					...(views.length > 0 ? {views} : {}),
				};
				await client.post(aggregatesPath, body, aggregatesReader(read, options.onDrop), signal);
				options.onProgress?.({done: ++done, total: tasks.length});
				function read(result: AggregateResult): void {
					const queueId = result.group?.[rowDimensionName(query.rowsBy)];
					if (!queueId || !ofBatch(result, batch, rowDimensionName(query.rowsBy))) return;
					const bag = bagOf(queueId, result.group?.['mediaType'] ?? '');
					for (const data of result.data ?? []) {
						for (const metric of data.metrics ?? []) {
							if (index === 0) addInto(bag, {[metric.metric]: metric.stats});
							if (totalHere && metric.metric === total)
								addInto(bag, {[viewsTotalName(outcome)]: {count: metric.stats?.count ?? 0}});
						}
						const read = viewsOf(data);
						const probe = underViewName(outcome, allWaitsMs);
						// The probe's count once (the outcome's first query); in every answer it says the views came.
						for (const view of read)
							if (view.name !== probe || totalHere) addInto(bag, {[view.name]: {count: view.count}});
						if (read.length > 0) addInto(bag, {[viewsReadName(outcome)]: {count: read.length}});
						const outcomeCount = data.metrics?.find(metric => metric.metric === total)?.stats?.count ?? 0;
						if (views.length > 0 && outcomeCount > 0 && !read.some(view => view.name === probe))
							addInto(bag, {[viewsMissingName(outcome)]: {count: 1}});
					}
				}
			}),
		),
	);
	await runPool(tasks, 4, options.signal);
	return stats;
}

/** A bucket's views, read leniently (the answer's shape is UNCONFIRMED): a name and a whole, non-negative count. */
function viewsOf(data: unknown): Array<{name: string; count: number}> {
	const views = (data as {views?: unknown}).views;
	if (!Array.isArray(views)) return [];
	return views.flatMap((view: unknown) => {
		const {name, stats} = (view ?? {}) as {name?: unknown; stats?: {count?: unknown}};
		const count = stats?.count;
		return typeof name === 'string' && typeof count === 'number' && Number.isInteger(count) && count >= 0
			? [{name, count}]
			: [];
	});
}
