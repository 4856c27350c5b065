// The emulator's aggregate queries: their shape, the series they read (queues x media types), the statistics of an
// interval from the traffic model, and results in buckets. Shared by the queue answers and the agent and code answers.
import {DateTime, Duration} from 'luxon';
import {mediaTypes} from './catalog.js';
import type {EmulatedQueue, Org, QueueMediaProfile} from './org.js';
import {skillsOf} from './skills.js';
import {
	type Cumulative,
	rangeCounter,
	type SeriesKey,
	type TimerMetric,
	timerStats,
	type TrafficModel,
} from './traffic.js';

export type HttpFailure = {status: number; code: string; message: string};

export type Predicate = {dimension?: string; operator?: string; value?: string; type?: string};
type Clause = {type: 'and' | 'or'; predicates: Predicate[]};
export type Filter = {type: 'and' | 'or'; clauses?: Clause[]; predicates?: Predicate[]};

export type AggregateQuery = {
	startMs: number;
	endMs: number;
	start: DateTime;
	granularity: Duration | undefined;
	timeZone: string;
	groupBy: string[];
	metrics: string[];
	filter: Filter | undefined;
	/** Derived `rangeBound` views: each counts its target's values in its range. */
	views: View[];
};

export type View = {name: string; target: string; range: {gte?: number; lt?: number}};

/** `skillIds` and `languageId`: what the series' conversations requested (skills.ts), none when absent. */
export type Entity = {
	queueId?: string;
	mediaType: string;
	divisionId?: string;
	key: SeriesKey;
	queue?: EmulatedQueue;
	skillIds?: readonly string[];
	languageId?: string;
};

/** The multi-valued dimension: a conversation requests any number of skills. */
export const skillDimension = 'requestedRoutingSkillId';

export function dimensionValue(entity: Entity, dimension: string): string | undefined {
	if (dimension === 'queueId') return entity.queueId;
	if (dimension === 'mediaType') return entity.mediaType;
	if (dimension === 'divisionId') return entity.divisionId;
	if (dimension === 'requestedLanguageId') return entity.languageId;
	return undefined;
}

/** A dimension's values for filters: several for the requested skills, else the one (or none). */
function dimensionValues(entity: Entity, dimension: string): string | readonly string[] | undefined {
	return dimension === skillDimension ? entity.skillIds : dimensionValue(entity, dimension);
}

/** A multi-valued dimension exists when it has a value, and matches when any of its values does. */
function predicateHolds(
	valueOf: (dimension: string) => string | readonly string[] | undefined,
	predicate: Predicate,
): boolean {
	const found = valueOf(predicate.dimension ?? '');
	const values = found === undefined ? [] : typeof found === 'string' ? [found] : found;
	if (predicate.operator === 'exists') return values.length > 0;
	if (predicate.operator === 'notExists') return values.length === 0;
	return predicate.value !== undefined && values.includes(predicate.value);
}

function combine(type: 'and' | 'or', results: boolean[]): boolean {
	return type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** Whether a filter holds for something whose dimensions' values `valueOf` gives (undefined: it has none). */
export function filterHoldsFor(
	valueOf: (dimension: string) => string | readonly string[] | undefined,
	filter: Filter | undefined,
): boolean {
	if (!filter) return true;
	const results = [
		...(filter.predicates ?? []).map(predicate => predicateHolds(valueOf, predicate)),
		...(filter.clauses ?? []).map(clause =>
			combine(
				clause.type,
				clause.predicates.map(predicate => predicateHolds(valueOf, predicate)),
			),
		),
	];
	return combine(filter.type, results);
}

function filterHolds(entity: Entity, filter: Filter | undefined): boolean {
	return filterHoldsFor(dimension => dimensionValues(entity, dimension), filter);
}

/** Traffic that reached no queue (direct and outbound calls): it has a media type but no queueId. */
const nonQueueProfile: QueueMediaProfile = {
	media: 'voice',
	dailyOffered: 120,
	abandonRate: 0,
	flowOutRate: 0,
	shortAbandonShare: 0,
	overSlaShare: 0,
	transferShare: 0.05,
	holdShare: 0.1,
	acwShare: 0.5,
	timeScale: 0.8,
	serviceLevelTarget: 0,
	serviceLevelMs: 0,
};

export function* entitiesOf(org: Org, filter: Filter | undefined): Generator<Entity> {
	// Cheap pre-filter: a top-level AND of queue-id clauses names the only queues that can match.
	const wanted = wantedQueueIds(filter);
	const queues = wanted ? [...wanted].flatMap(id => org.byId.get(id) ?? []) : org.queues;
	const requested = skillsOf(org);
	for (const queue of queues) {
		for (const profile of queue.media) {
			const mediaIndex = mediaTypes.indexOf(profile.media);
			const languageId = requested.requestedLanguage(queue.index, mediaIndex);
			const entity: Entity = {
				queueId: queue.id,
				mediaType: profile.media,
				divisionId: queue.divisionId,
				key: {
					queueIndex: queue.index,
					mediaIndex,
					dayShift: queue.dayShift,
					profile,
				},
				queue,
				skillIds: requested.requestedSkills(queue.index, mediaIndex),
				...(languageId ? {languageId} : {}),
			};
			if (filterHolds(entity, filter)) yield entity;
		}
	}
	if (!wanted) {
		const entity: Entity = {
			mediaType: 'voice',
			key: {queueIndex: -1, mediaIndex: 0, dayShift: 0, profile: nonQueueProfile},
		};
		if (filterHolds(entity, filter)) yield entity;
	}
}

function wantedQueueIds(filter: Filter | undefined): Set<string> | undefined {
	if (!filter || filter.type !== 'and') return undefined;
	const sets: Array<Set<string>> = [];
	const onlyQueue = (predicates: Predicate[]) =>
		predicates.length > 0 && predicates.every(p => p.dimension === 'queueId' && p.operator === 'matches' && p.value);
	for (const predicate of filter.predicates ?? [])
		if (onlyQueue([predicate])) sets.push(new Set([predicate.value ?? '']));
	for (const clause of filter.clauses ?? [])
		if (clause.type === 'or' && onlyQueue(clause.predicates))
			sets.push(new Set(clause.predicates.map(p => p.value ?? '')));
	if (sets.length === 0) return undefined;
	return sets.reduce((a, b) => new Set([...a].filter(id => b.has(id))));
}

export type StatsOut = Record<string, number>;

export function metricStats(
	model: TrafficModel,
	entity: Entity,
	metric: string,
	from: Cumulative,
	to: Cumulative,
): StatsOut | undefined {
	const diff = (field: keyof Cumulative) => to[field] - from[field];
	const timer = (name: TimerMetric, field: keyof Cumulative) => {
		const stats = timerStats(model, entity.key, name, from[field], to[field]);
		return stats ? {max: stats.max, min: stats.min, count: stats.count, sum: stats.sum} : undefined;
	};
	const count = (value: number) => (value > 0 ? {count: value} : undefined);
	const queued = entity.queueId !== undefined;
	switch (metric) {
		case 'nOffered':
			return queued ? count(diff('offered')) : undefined;
		case 'nConnected':
			return count(diff('answered'));
		case 'nConversations':
			return count(diff('offered'));
		case 'nOutbound':
			return queued ? undefined : count(diff('offered'));
		case 'nTransferred':
			return count(diff('transferred'));
		case 'nOverSla':
			return queued ? count(diff('overSla')) : undefined;
		case 'tAnswered':
			return queued ? timer('tAnswered', 'answered') : undefined;
		case 'tAbandon':
			return queued ? timer('tAbandon', 'abandoned') : undefined;
		case 'tFlowOut':
			return queued ? timer('tFlowOut', 'flowOuts') : undefined;
		case 'tShortAbandon':
			return queued ? timer('tShortAbandon', 'shortAbandoned') : undefined;
		case 'tWait':
			return queued ? timer('tWait', 'offered') : undefined;
		case 'tHandle':
			return timer('tHandle', 'answered');
		// The *Complete timers count conversations; tTalk and tHeld count segments of the same time: a
		// held conversation's talk is split in one more segment per hold (see segmentTimer).
		case 'tTalkComplete':
			return timer('tTalk', 'answered');
		case 'tTalk':
			return segmentTimer(timer('tTalk', 'answered'), diff('answered') + diff('holdSegments'));
		case 'tHeldComplete':
			return timer('tHeld', 'held');
		case 'tHeld':
			return segmentTimer(timer('tHeld', 'held'), diff('holdSegments'));
		case 'tAcw':
			return timer('tAcw', 'acw');
		// Callbacks: the callback media type's conversations. Each was scheduled; each an agent took was dialed once;
		// one that left the queue unanswered was abandoned while waiting; its wait is its time in the queue, however
		// it left (answered, abandoned or flowed out), as conversationAt gives each its queueMs.
		case 'nCallbackScheduled':
			return queued && entity.mediaType === 'callback' ? count(diff('offered')) : undefined;
		case 'nCallbackAttempts':
			return queued && entity.mediaType === 'callback' ? count(diff('answered')) : undefined;
		case 'tCallbackAbandon':
			return queued && entity.mediaType === 'callback' ? timer('tAbandon', 'abandoned') : undefined;
		case 'tCallbackVirtualWait':
			return queued && entity.mediaType === 'callback'
				? combineTimers([timer('tAnswered', 'answered'), timer('tAbandon', 'abandoned'), timer('tFlowOut', 'flowOuts')])
				: undefined;
		case 'oServiceLevel': {
			if (!queued) return undefined;
			const denominator = diff('offered') - diff('flowOuts');
			if (denominator <= 0) return undefined;
			const numerator = diff('answered') - diff('overSla');
			return {ratio: numerator / denominator, numerator, denominator, target: entity.key.profile.serviceLevelTarget};
		}
		default:
			return undefined;
	}
}

/** Several timers' values as one timer: counts and sums added, the least minimum and the greatest maximum. */
function combineTimers(parts: ReadonlyArray<StatsOut | undefined>): StatsOut | undefined {
	const present = parts.filter((part): part is StatsOut => part !== undefined);
	if (present.length === 0) return undefined;
	const total: StatsOut = {};
	for (const part of present) mergeStats(total, part);
	return total;
}

/**
 * The same time as `whole` cut into `segments` pieces (at most three a conversation): the sum stays, the
 * shortest piece can be a third of the shortest conversation's, so sum stays within count x [min, max].
 */
function segmentTimer(whole: StatsOut | undefined, segments: number): StatsOut | undefined {
	if (!whole || segments <= 0) return whole;
	return {max: whole['max']!, min: Math.floor(whole['min']! / 3), count: segments, sum: whole['sum']!};
}

/** The timer sequences the model keeps, by metric: which sequence, and which count indexes it (queued traffic only). */
const viewSequences: Record<string, {sequence: TimerMetric; field: keyof Cumulative; queuedOnly: boolean}> = {
	tAnswered: {sequence: 'tAnswered', field: 'answered', queuedOnly: true},
	tAbandon: {sequence: 'tAbandon', field: 'abandoned', queuedOnly: true},
	tFlowOut: {sequence: 'tFlowOut', field: 'flowOuts', queuedOnly: true},
	tShortAbandon: {sequence: 'tShortAbandon', field: 'shortAbandoned', queuedOnly: true},
	tWait: {sequence: 'tWait', field: 'offered', queuedOnly: true},
	tHandle: {sequence: 'tHandle', field: 'answered', queuedOnly: false},
	tTalkComplete: {sequence: 'tTalk', field: 'answered', queuedOnly: false},
	tHeldComplete: {sequence: 'tHeld', field: 'held', queuedOnly: false},
	tAcw: {sequence: 'tAcw', field: 'acw', queuedOnly: false},
};

/**
 * A series' views, each a function of two cumulative counts: the values of the conversations between them that are in
 * the view's range (the same conversations, in the same order, as the target metric's timer), or undefined for none.
 */
export function viewCounters(
	model: TrafficModel,
	entity: Entity,
	views: readonly View[],
): Array<(from: Cumulative, to: Cumulative) => StatsOut | undefined> {
	return views.map(view => {
		const known = viewSequences[view.target];
		if (!known || (known.queuedOnly && entity.queueId === undefined)) return () => undefined;
		const counter = rangeCounter(model, entity.key, known.sequence, view.range);
		return (from, to) => {
			const before = counter(from[known.field]);
			const after = counter(to[known.field]);
			const count = after.count - before.count;
			return count > 0 ? {count, sum: after.sum - before.sum} : undefined;
		};
	});
}

export function mergeStats(into: StatsOut, from: StatsOut): void {
	for (const [field, value] of Object.entries(from)) {
		const existing = into[field];
		if (existing === undefined) into[field] = value;
		else if (field === 'min') into[field] = Math.min(existing, value);
		else if (field === 'max') into[field] = Math.max(existing, value);
		else if (field === 'target' || field === 'ratio') continue;
		else into[field] = existing + value;
	}
	if (into['numerator'] !== undefined && into['denominator']) into['ratio'] = into['numerator'] / into['denominator'];
}

export function bucketBoundaries(query: AggregateQuery): number[] {
	const boundaries = [query.startMs];
	if (!query.granularity) {
		boundaries.push(query.endMs);
		return boundaries;
	}
	for (let index = 1; ; index++) {
		const next = query.start.plus(query.granularity.mapUnits(value => value * index)).toMillis();
		if (next >= query.endMs) {
			boundaries.push(query.endMs);
			return boundaries;
		}
		boundaries.push(next);
	}
}

export function isoUtc(ms: number): string {
	return new Date(ms).toISOString();
}

export type AggregateResult = {
	group?: Record<string, string>;
	data: Array<{
		interval: string;
		metrics: Array<{metric: string; stats: StatsOut}>;
		views?: Array<{name: string; stats: StatsOut}>;
	}>;
};

/**
 * A group of an answer being built: its dimensions' values and, for each bucket, each metric's stats (and each view's,
 * when the query has views).
 */
export type ResultGroup = {
	group: Record<string, string>;
	buckets: Array<Map<string, StatsOut>>;
	views?: Array<Map<string, StatsOut>>;
};

/** The group of `groups` with these dimensions' values (`valueOf`, in `dimensions`' order), made when new. */
export function groupFor(
	groups: Map<string, ResultGroup>,
	dimensions: readonly string[],
	valueOf: (dimension: string) => string | undefined,
	boundaries: readonly number[],
): ResultGroup {
	const group: Record<string, string> = {};
	for (const dimension of dimensions) {
		const value = valueOf(dimension);
		if (value !== undefined) group[dimension] = value;
	}
	const key = JSON.stringify(group);
	let target = groups.get(key);
	if (!target) {
		target = {group, buckets: boundaries.slice(1).map(() => new Map())};
		groups.set(key, target);
	}
	return target;
}

/** The groups as the API answers: an entry for each bucket that has stats, no `group` when nothing is grouped by. */
export function resultsOf(groups: Iterable<ResultGroup>, boundaries: readonly number[]): AggregateResult[] {
	const results: AggregateResult[] = [];
	for (const {group, buckets, views} of groups) {
		const data = [];
		for (const [index, metrics] of buckets.entries()) {
			if (metrics.size === 0) continue;
			// A view with no value in its range is left out of the bucket, as an empty metric is.
			const viewStats = [...(views?.[index] ?? [])].map(([name, stats]) => ({name, stats}));
			data.push({
				interval: `${isoUtc(boundaries[index] ?? 0)}/${isoUtc(boundaries[index + 1] ?? 0)}`,
				metrics: [...metrics].map(([metric, stats]) => ({metric, stats})),
				...(viewStats.length > 0 ? {views: viewStats} : {}),
			});
		}
		if (data.length > 0) results.push({...(Object.keys(group).length > 0 ? {group} : {}), data});
	}
	return results;
}
