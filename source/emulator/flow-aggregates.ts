// POST /api/v2/analytics/flows/aggregates/query: the FlowAggregationQuery checked as the conversation aggregates
// are (its own 9 metrics, flow dimensions too), answered from the flow sessions in the conversation aggregate shape.
// Each session emits nFlow, then exactly one of tFlowExit / tFlowDisconnect and tFlow; outcomes and milestones as
// counts beside them. A session's metrics all fall in the bucket of its end (the emulator's simplification).
import {dimensionNames, predicateOnlyDimensions} from './catalog.js';
import {
	type AggregateQuery,
	type AggregateResult,
	type HttpFailure,
	type QueryVocabulary,
	validateAggregateQuery,
} from './aggregates.js';
import {
	bucketBoundaries,
	filterHoldsFor,
	groupFor,
	mergeStats,
	type ResultGroup,
	resultsOf,
	type StatsOut,
} from './aggregate-query.js';
import {flowCounts, type FlowCounts, type FlowSeries, flowSeriesOf, sessionsUpTo, timeStats} from './flows.js';
import type {Org} from './org.js';
import type {TrafficModel} from './traffic.js';

/** The metrics of FlowAggregationQuery (reference D.2). */
export const flowMetricNames: ReadonlySet<string> = new Set([
	'nFlow',
	'nFlowMilestone',
	'nFlowOutcome',
	'nFlowOutcomeFailed',
	'oFlowMilestone',
	'tFlow',
	'tFlowDisconnect',
	'tFlowExit',
	'tFlowOutcome',
]);

const flowDimensions = `flowId flowName flowType flowSubType flowVersion flowOutcome flowOutcomeId flowOutcomeValue
flowMilestoneId entryType entryReason exitReason transferType transferTargetAddress transferTargetName startingLanguage
endingLanguage recognitionFailureReason`.split(/\s+/);

export const flowVocabulary: QueryVocabulary = {
	metrics: flowMetricNames,
	dimensions: new Set([...dimensionNames, ...flowDimensions]),
	predicateOnly: predicateOnlyDimensions,
	refused: new Map([
		[
			'oFlow',
			'Value [oFlow] is not valid for field type [metrics]: oFlow is an observation (flows/observations/query).',
		],
	]),
};

export function validateFlowQuery(body: unknown): AggregateQuery | HttpFailure {
	return validateAggregateQuery(body, flowVocabulary);
}

/** One statistic of some sessions, with the dimensions it carries. */
type Fact = {dims: Record<string, string>; metric: string; stats: StatsOut};

/** Which time sequence (timeStats' kind) each kind of session reads. */
const toQueueTimes = 1;
const hungUpTimes = 2;
const flowDisconnectTimes = 3;
const elsewhereTimes = 4;
const outcomeTimes = 10;

function identity(series: FlowSeries): Record<string, string> {
	const {flow} = series;
	return {
		flowId: flow.id,
		flowName: flow.name,
		flowType: flow.type,
		flowVersion: '3.0',
		mediaType: flow.media,
		entryType:
			flow.type === 'BOT' || flow.type === 'DIGITALBOT' ? 'flow' : flow.type === 'INQUEUECALL' ? 'agent' : 'dnis',
	};
}

/** The facts of a series' sessions between two cumulative counts. */
function factsOf(seed: number, series: FlowSeries, from: FlowCounts, to: FlowCounts): Fact[] {
	const facts: Fact[] = [];
	const base = identity(series);
	const {flow} = series;
	const add = (dims: Record<string, string>, metric: string, stats: StatsOut | undefined) => {
		if (stats && (stats['count'] ?? 0) > 0) facts.push({dims, metric, stats});
	};
	add(base, 'nFlow', {count: to.sessions - from.sessions});
	const ended = (
		field: 'toQueue' | 'hungUp' | 'flowDisconnected' | 'elsewhere',
		kind: number,
		metric: 'tFlowExit' | 'tFlowDisconnect',
		dims: Record<string, string>,
	) => {
		const stats = timeStats(seed, series, kind, flow.meanMs, from[field], to[field]);
		if (!stats) return;
		const withDims = {...base, ...dims};
		add(withDims, metric, {...stats});
		add(withDims, 'tFlow', {...stats});
	};
	if (series.queue)
		ended('toQueue', toQueueTimes, 'tFlowExit', {
			exitReason: 'TRANSFER',
			transferType: 'ACD',
			transferTargetAddress: series.queue.id,
			transferTargetName: series.queue.name,
		});
	ended('hungUp', hungUpTimes, 'tFlowDisconnect', {exitReason: 'DISCONNECT'});
	ended('flowDisconnected', flowDisconnectTimes, 'tFlowDisconnect', {exitReason: 'FLOW_DISCONNECT'});
	ended('elsewhere', elsewhereTimes, 'tFlowExit', {
		exitReason: 'TRANSFER',
		transferType: flow.elsewhere.transferType,
		transferTargetAddress: flow.elsewhere.address,
		transferTargetName: flow.elsewhere.name,
	});
	flow.outcomes.forEach((outcome, slot) => {
		const started = (to.outcomes[slot]?.started ?? 0) - (from.outcomes[slot]?.started ?? 0);
		const failedFrom = from.outcomes[slot]?.failed ?? 0;
		const failedTo = to.outcomes[slot]?.failed ?? 0;
		const dims = {...base, flowOutcomeId: outcome.id, flowOutcome: outcome.name};
		add(dims, 'nFlowOutcome', {count: started});
		add({...dims, flowOutcomeValue: 'FAILURE'}, 'nFlowOutcomeFailed', {count: failedTo - failedFrom});
		// Successes: the started ones that did not fail, timed from the outcome's start to its end.
		const succeededFrom = (from.outcomes[slot]?.started ?? 0) - failedFrom;
		const succeededTo = (to.outcomes[slot]?.started ?? 0) - failedTo;
		const stats = timeStats(seed, series, outcomeTimes + slot, flow.meanMs * 0.6, succeededFrom, succeededTo);
		add({...dims, flowOutcomeValue: 'SUCCESS'}, 'tFlowOutcome', stats ? {...stats} : undefined);
	});
	flow.milestones.forEach((milestone, slot) => {
		const count = (to.milestones[slot] ?? 0) - (from.milestones[slot] ?? 0);
		add({...base, flowMilestoneId: milestone.id}, 'nFlowMilestone', {count});
		add({...base, flowMilestoneId: milestone.id}, 'oFlowMilestone', {count});
	});
	return facts;
}

export function runFlowQuery(org: Org, model: TrafficModel, query: AggregateQuery): AggregateResult[] {
	const boundaries = bucketBoundaries(query);
	const wanted = new Set(query.metrics);
	const groups = new Map<string, ResultGroup>();
	for (const series of flowSeriesOf(org)) {
		// A filter on the flow's own dimensions that no fact of it can pass leaves the series out at once.
		const base = identity(series);
		if (
			!filterHoldsFor(dimension => (dimension in base ? base[dimension] : undefined), query.filter) &&
			onlyIdentity(query)
		)
			continue;
		let previous = flowCounts(model, series, sessionsUpTo(model, series, boundaries[0] ?? 0));
		for (let bucket = 1; bucket < boundaries.length; bucket++) {
			const next = flowCounts(model, series, sessionsUpTo(model, series, boundaries[bucket] ?? 0));
			if (next.sessions !== previous.sessions)
				for (const fact of factsOf(model.seed, series, previous, next)) {
					if (!wanted.has(fact.metric) || !filterHoldsFor(dimension => fact.dims[dimension], query.filter)) continue;
					const target = groupFor(groups, query.groupBy, dimension => fact.dims[dimension], boundaries);
					const metrics = target.buckets[bucket - 1]!;
					const existing = metrics.get(fact.metric);
					if (existing) mergeStats(existing, fact.stats);
					else metrics.set(fact.metric, {...fact.stats});
				}
			previous = next;
		}
	}
	return resultsOf(groups.values(), boundaries);
}

const identityDimensions = new Set(['flowId', 'flowName', 'flowType', 'flowVersion', 'mediaType', 'entryType']);

/** The filter names only a flow's own dimensions, so a series that fails it has no fact that passes. */
function onlyIdentity(query: AggregateQuery): boolean {
	const filter = query.filter;
	if (!filter) return true;
	const predicates = [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap(clause => clause.predicates)];
	return predicates.every(predicate => identityDimensions.has(predicate.dimension ?? ''));
}
