// The flow routes besides the aggregates: GET /api/v2/flows and /api/v2/flows/outcomes (paged, standard envelope),
// and POST /api/v2/analytics/flows/observations/query (oFlow: the conversations in each flow now).
import type {HttpFailure} from './aggregates.js';
import {listOf, type Listing, page} from './listing.js';
import {type EmulatedFlow, flowCatalogOf, flowSeriesOf, sessionsUpTo} from './flows.js';
import type {Org} from './org.js';
import type {TrafficModel} from './traffic.js';

function flowEntity(flow: EmulatedFlow, org: Org): Record<string, unknown> {
	const division = org.divisions[0];
	return {
		id: flow.id,
		name: flow.name,
		description: `${flow.name} (${flow.type.toLowerCase()})`,
		type: flow.type,
		active: !flow.deleted,
		system: false,
		deleted: flow.deleted,
		...(division ? {division: {id: division.id, name: division.name}} : {}),
		publishedVersion: {id: '3.0', name: '3.0'},
		selfUri: `/api/v2/flows/${flow.id}`,
	};
}

function namePattern(name: string | null): RegExp | undefined {
	return name
		? new RegExp(
				`^${name
					.split('*')
					.map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*')}$`,
				'i',
			)
		: undefined;
}

/** GET /api/v2/flows: `type` in lower case (repeatable), `id`, `name`, and `deleted=true` to list deleted flows too. */
export function listFlows(org: Org, url: URL, maxPageSize: number): Listing | HttpFailure {
	const params = url.searchParams;
	const types = listOf(params, 'type');
	for (const type of types)
		if (type !== type.toLowerCase())
			return {status: 400, code: 'invalid.value', message: `Value [${type}] is not valid for field type [type].`};
	const ids = listOf(params, 'id');
	const pattern = namePattern(params.get('name'));
	const withDeleted = params.get('deleted') === 'true';
	const flows = flowCatalogOf(org)
		.flows.filter(flow => withDeleted || !flow.deleted)
		.filter(flow => types.length === 0 || types.includes(flow.type.toLowerCase()))
		.filter(flow => ids.length === 0 || ids.includes(flow.id))
		.filter(flow => !pattern || pattern.test(flow.name))
		.sort((a, b) => a.id.localeCompare(b.id));
	return page('/api/v2/flows', params, flows, maxPageSize, flow => flowEntity(flow, org));
}

/** GET /api/v2/flows/outcomes: `id` (repeatable) and `name`. */
export function listFlowOutcomes(org: Org, url: URL, maxPageSize: number): Listing {
	const params = url.searchParams;
	const ids = listOf(params, 'id');
	const pattern = namePattern(params.get('name'));
	const outcomes = flowCatalogOf(org)
		.outcomes.filter(outcome => ids.length === 0 || ids.includes(outcome.id))
		.filter(outcome => !pattern || pattern.test(outcome.name));
	return page('/api/v2/flows/outcomes', params, outcomes, maxPageSize, outcome => ({
		...outcome,
		selfUri: `/api/v2/flows/outcomes/${outcome.id}`,
	}));
}

type Predicate = {dimension: string; value: string};

/** POST /api/v2/analytics/flows/observations/query: `filter` of flowId / mediaType predicates, `metrics: ["oFlow"]`. */
export function runFlowObservations(org: Org, model: TrafficModel, body: unknown, nowMs: number): unknown {
	const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const metrics = record['metrics'];
	if (!Array.isArray(metrics) || metrics.length === 0)
		return {status: 400, code: 'bad.request', message: 'metrics is required and must not be empty.'};
	for (const metric of metrics)
		if (metric !== 'oFlow')
			return {
				status: 400,
				code: 'invalid.value',
				message: `Value [${String(metric)}] is not valid for field type [metrics].`,
			};
	const filter = record['filter'] as {predicates?: unknown; clauses?: Array<{predicates?: unknown}>} | undefined;
	if (typeof filter !== 'object' || filter === null)
		return {status: 400, code: 'bad.request', message: 'filter is required.'};
	const predicates = [
		...((Array.isArray(filter.predicates) ? filter.predicates : []) as Predicate[]),
		...(filter.clauses ?? []).flatMap(clause =>
			Array.isArray(clause.predicates) ? (clause.predicates as Predicate[]) : [],
		),
	];
	for (const predicate of predicates)
		if (predicate.dimension !== 'flowId' && predicate.dimension !== 'mediaType')
			return {
				status: 400,
				code: 'invalid.value',
				message: `Value [${String(predicate.dimension)}] is not valid for field type [filter.predicates.dimension].`,
			};
	const flowIds = new Set(predicates.filter(p => p.dimension === 'flowId').map(p => p.value));
	const media = new Set(predicates.filter(p => p.dimension === 'mediaType').map(p => p.value));
	const counts = new Map<string, number>();
	for (const series of flowSeriesOf(org)) {
		const {flow} = series;
		if ((flowIds.size > 0 && !flowIds.has(flow.id)) || (media.size > 0 && !media.has(flow.media))) continue;
		// In the flow now: the sessions that started within its typical time in flow.
		const now = sessionsUpTo(model, series, nowMs) - sessionsUpTo(model, series, nowMs - flow.meanMs);
		counts.set(flow.id, (counts.get(flow.id) ?? 0) + now);
	}
	return {
		results: [...counts].map(([flowId, count]) => ({
			group: {flowId},
			data: [{metric: 'oFlow', stats: {count}}],
		})),
	};
}
