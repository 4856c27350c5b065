// Architect flows: the flow aggregates (POST /api/v2/analytics/flows/aggregates/query, chunked like every aggregate
// query), the flows and flow outcomes listings for names (paged, once per client; a deleted flow is looked up by id
// with deleted=true; one never found shows as its id), and flow observations (oFlow: conversations in a flow now).
import type {DateTime} from 'luxon';
import {z} from 'zod';
import {PermissionError, UsageError} from '../errors.js';
import type {Granularity, WeekStart} from '../range/range.js';
import type {Progress} from './analytics.js';
import type {GenesysClient} from './client.js';
import {fetchGroupedCells, type GroupedCell} from './grouped-cells.js';
import {walkPages} from './paging.js';

export const flowAggregatesPath = '/api/v2/analytics/flows/aggregates/query';
export const flowObservationsPath = '/api/v2/analytics/flows/observations/query';
export const flowsPath = '/api/v2/flows';
export const flowOutcomesPath = '/api/v2/flows/outcomes';
export const flowPermission = 'architect:flow:view';
export const flowOutcomePermission = 'architect:flowOutcome:view';

/** What the flows level reads (reference D.2-D.5): entries, ends split by how they ended, outcomes. */
export const flowMetricNames = [
	'nFlow',
	'tFlow',
	'tFlowExit',
	'tFlowDisconnect',
	'nFlowOutcome',
	'nFlowOutcomeFailed',
	'tFlowOutcome',
] as const;

export type FlowQuery = {
	start: DateTime;
	end: DateTime;
	timeZone: string;
	granularity?: Granularity;
	weekStart?: WeekStart;
	/** Only these flows (ids), a request per 100. */
	flowIds?: readonly string[];
	/** Only these flow types (upper case, as analytics says them). */
	flowTypes?: readonly string[];
	/** Extra predicates, all of which must hold (transferType ACD). */
	where?: Readonly<Record<string, string>>;
	/** Only results that have this dimension (an outcome's metrics: flowOutcomeId). */
	having?: string;
	groupBy: readonly string[];
	metrics?: readonly string[];
};

type Predicate = {type: 'dimension'; dimension: string; operator: 'matches' | 'exists'; value?: string};

function matching(dimension: string, values: readonly string[]): Predicate[] {
	return values.map(value => ({type: 'dimension', dimension, operator: 'matches', value}));
}

/** The FlowAggregationQuery body: an AND of OR-clauses (flows, types) and the `where` predicates. */
export function buildFlowBody(
	interval: string,
	query: FlowQuery,
	flowIds: readonly string[] | undefined,
): Record<string, unknown> {
	const clauses: Array<{type: 'or' | 'and'; predicates: Predicate[]}> = [];
	if (flowIds?.length) clauses.push({type: 'or', predicates: matching('flowId', flowIds)});
	if (query.flowTypes?.length) clauses.push({type: 'or', predicates: matching('flowType', query.flowTypes)});
	const all = Object.entries(query.where ?? {}).flatMap(([dimension, value]) => matching(dimension, [value]));
	if (query.having) all.push({type: 'dimension', dimension: query.having, operator: 'exists'});
	if (all.length) clauses.push({type: 'and', predicates: all});
	return {
		interval,
		...(query.granularity ? {granularity: query.granularity} : {}),
		timeZone: query.timeZone,
		groupBy: [...query.groupBy],
		...(clauses.length ? {filter: {type: 'and', clauses}} : {}),
		metrics: [...(query.metrics ?? flowMetricNames)],
	};
}

/** Flow aggregates, one cell per group (the `groupBy` dimensions) and interval (the range without a granularity). */
export async function fetchFlowCells(
	client: GenesysClient,
	query: FlowQuery,
	options: {signal?: AbortSignal; onProgress?: (progress: Progress) => void} = {},
): Promise<GroupedCell[]> {
	const batches: Array<readonly string[] | undefined> = [];
	for (let index = 0; index < (query.flowIds?.length ?? 0); index += 100)
		batches.push(query.flowIds!.slice(index, index + 100));
	if (batches.length === 0) batches.push(undefined);
	return fetchGroupedCells(
		client,
		{
			path: flowAggregatesPath,
			start: query.start,
			end: query.end,
			granularity: query.granularity,
			weekStart: query.weekStart,
			batches,
			body: (interval, batch) => buildFlowBody(interval, query, batch),
			dimensions: query.groupBy,
			keep: group => !query.having || Boolean(group?.[query.having]),
		},
		options,
	);
}

const listingSchema = z.object({
	entities: z
		.array(
			z.object({
				id: z.string().min(1),
				name: z.string().nullish(),
				type: z.string().nullish(),
				deleted: z.boolean().nullish(),
			}),
		)
		.nullish(),
	pageCount: z.number().nullish(),
	nextUri: z.string().nullish(),
});

export type FlowInfo = {id: string; name: string; type: string | null; deleted: boolean};

/** Names of flows and outcomes: a lookup that shows an unlisted id as itself, and a permission missing. */
export type FlowNames = {
	flows: ReadonlyMap<string, FlowInfo>;
	nameOf: (id: string) => string;
	missingPermission?: string;
};

/** How an id no listing has is shown: shortened, as unknown users and codes are. */
export function unlistedName(kind: 'flow' | 'outcome', id: string): string {
	return /^[\da-f]{8}-[\da-f]{4}-/i.test(id) ? `(${kind} ${id.slice(0, 8)})` : id;
}

async function listAll(
	client: GenesysClient,
	path: string,
	what: string,
	params: Record<string, string>,
	signal?: AbortSignal,
): Promise<FlowInfo[]> {
	const found: FlowInfo[] = [];
	await walkPages(
		what,
		async pageNumber => {
			const page = await client.get(
				path,
				new URLSearchParams({pageSize: '100', ...params, pageNumber: String(pageNumber)}),
				listingSchema,
				signal,
			);
			return {entities: page.entities ?? [], pageCount: page.pageCount ?? undefined, nextUri: page.nextUri};
		},
		entities => {
			for (const entity of entities)
				found.push({
					id: entity.id,
					name: entity.name ?? entity.id,
					type: entity.type ?? null,
					deleted: entity.deleted === true,
				});
		},
	);
	return found;
}

type Cache = {
	flows: Map<string, FlowInfo>;
	listed?: Promise<void>;
	missingPermission?: string;
	outcomes?: Promise<FlowNames>;
};
const caches = new WeakMap<GenesysClient, Cache>();

function cacheOf(client: GenesysClient): Cache {
	let cache = caches.get(client);
	if (!cache) {
		cache = {flows: new Map()};
		caches.set(client, cache);
	}
	return cache;
}

/**
 * The names of the org's flows, listed once per client, and of `ids` the listing did not have (deleted flows: asked by
 * id with deleted=true, 100 a request). Without the permission to list flows, names are ids and it says which one.
 */
export async function fetchFlowNames(
	client: GenesysClient,
	ids: readonly string[] = [],
	signal?: AbortSignal,
): Promise<FlowNames> {
	const cache = cacheOf(client);
	const lookup = (): FlowNames => ({
		flows: cache.flows,
		nameOf: id => cache.flows.get(id)?.name ?? unlistedName('flow', id),
		...(cache.missingPermission ? {missingPermission: cache.missingPermission} : {}),
	});
	try {
		if (!cache.listed) {
			const listed = listAll(client, flowsPath, 'flow', {}, signal).then(flows => {
				for (const flow of flows) cache.flows.set(flow.id, flow);
			});
			cache.listed = listed;
			listed.catch(() => {
				if (cache.listed === listed) delete cache.listed;
			});
		}
		await cache.listed;
		const unknown = [...new Set(ids)].filter(id => !cache.flows.has(id));
		for (let index = 0; index < unknown.length; index += 100) {
			const part = unknown.slice(index, index + 100);
			const found = await listAll(client, flowsPath, 'flow', {id: part.join(','), deleted: 'true'}, signal);
			for (const flow of found) cache.flows.set(flow.id, flow);
			// Asked once: an id no listing knows is shown as an id from now on.
			for (const id of part)
				if (!cache.flows.has(id)) cache.flows.set(id, {id, name: unlistedName('flow', id), type: null, deleted: true});
		}
	} catch (error) {
		// The numbers need only the analytics permission: without the listing's, flows are shown by id.
		if (!(error instanceof PermissionError)) throw error;
		cache.missingPermission = flowPermission;
	}
	return lookup();
}

/** The org's flow outcome names, listed once per client. */
export function fetchOutcomeNames(client: GenesysClient, signal?: AbortSignal): Promise<FlowNames> {
	const cache = cacheOf(client);
	if (!cache.outcomes) {
		const listing = listAll(client, flowOutcomesPath, 'flow outcome', {}, signal).then(
			(outcomes): FlowNames => {
				const byId = new Map(outcomes.map(outcome => [outcome.id, outcome]));
				return {flows: byId, nameOf: id => byId.get(id)?.name ?? unlistedName('outcome', id)};
			},
			(error: unknown): FlowNames => {
				if (!(error instanceof PermissionError)) throw error;
				return {flows: new Map(), nameOf: id => unlistedName('outcome', id), missingPermission: flowOutcomePermission};
			},
		);
		cache.outcomes = listing;
		listing.catch(() => {
			if (cache.outcomes === listing) delete cache.outcomes;
		});
	}
	return cache.outcomes;
}

const observationSchema = z.object({
	results: z
		.array(
			z.object({
				group: z.record(z.string(), z.string()).nullish(),
				data: z
					.array(z.object({metric: z.string(), stats: z.object({count: z.number().nullish()}).nullish()}))
					.nullish(),
			}),
		)
		.nullish(),
});

/** Conversations in each flow now (oFlow), for the flows asked (100 a request). */
export async function fetchFlowsNow(
	client: GenesysClient,
	flowIds: readonly string[],
	signal?: AbortSignal,
): Promise<Map<string, number>> {
	const now = new Map<string, number>();
	for (let index = 0; index < flowIds.length; index += 100) {
		const answer = await client.post(
			flowObservationsPath,
			{
				filter: {type: 'or', predicates: matching('flowId', flowIds.slice(index, index + 100))},
				metrics: ['oFlow'],
			},
			observationSchema,
			signal,
		);
		for (const result of answer.results ?? []) {
			const flowId = result.group?.['flowId'];
			if (!flowId) continue;
			const count = result.data?.find(item => item.metric === 'oFlow')?.stats?.count ?? 0;
			now.set(flowId, (now.get(flowId) ?? 0) + count);
		}
	}
	return now;
}

const uuidLike = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** --flow NAME|ID: the ids of the flows named (exact name, any case) or given by id; an unknown name is a usage error. */
export async function findFlowIds(client: GenesysClient, wanted: readonly string[]): Promise<string[]> {
	const names = await fetchFlowNames(client);
	const ids = new Set<string>();
	for (const text of wanted) {
		if (names.flows.has(text) || uuidLike.test(text)) {
			// An id the listing does not have is a deleted flow's, or one the listing may not show: asked as it is.
			ids.add(text);
			continue;
		}
		const matches = [...names.flows.values()].filter(flow => flow.name.toLowerCase() === text.toLowerCase());
		if (matches.length === 0)
			throw new UsageError(
				`No flow named "${text}".`,
				names.missingPermission
					? `Flows are listed with ${names.missingPermission}, which this client lacks: give the flow's id.`
					: 'Give the name as Architect shows it, or the flow id.',
			);
		for (const flow of matches) ids.add(flow.id);
	}
	return [...ids];
}
