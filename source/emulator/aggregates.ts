// POST /api/v2/analytics/conversations/aggregates/query: request validation like the real API, then
// the answer from the traffic model, bucketed by granularity in the query's time zone.
import {DateTime, Duration, IANAZone} from 'luxon';
import {analyticsMediaTypes, isAnalyticsMediaType} from '../genesys/media-types.js';
import {dimensionNames, mediaTypes, metricNames, predicateOnlyDimensions} from './catalog.js';
import type {EmulatedQueue, Org, QueueMediaProfile} from './org.js';
import {
	type Cumulative,
	cumulativeCounts,
	type SeriesKey,
	type TimerMetric,
	timerStats,
	type TrafficModel,
} from './traffic.js';
import {byPeople, runPeopleQuery} from './people-aggregates.js';

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
};

const maxBuckets = 10_000;

function invalid(message: string, code = 'bad.request'): HttpFailure {
	return {status: 400, code, message};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validatePredicate(value: unknown, where: string): Predicate | HttpFailure {
	if (!isRecord(value)) return invalid(`${where} must be an object.`);
	const {dimension, operator = 'matches', value: predicateValue, type} = value;
	if (type !== undefined && type !== 'dimension' && type !== 'property' && type !== 'metric')
		return invalid(
			`Value [${String(type)}] is not valid for field type [${where}.type]. Allowable values are: dimension, property, metric`,
			'invalid.value',
		);
	if (typeof dimension !== 'string' || !(dimensionNames.has(dimension) || predicateOnlyDimensions.has(dimension))) {
		return invalid(`Value [${String(dimension)}] is not valid for field type [${where}.dimension].`, 'invalid.value');
	}
	if (operator !== 'matches' && operator !== 'exists' && operator !== 'notExists')
		return invalid(
			`Value [${String(operator)}] is not valid for field type [${where}.operator]. Allowable values are: matches, exists, notExists`,
			'invalid.value',
		);
	if (operator === 'matches' && typeof predicateValue !== 'string')
		return invalid(`${where} with operator matches needs a string value.`);
	// Enum dimensions take only their values, like the service's other enum fields.
	if (dimension === 'mediaType' && typeof predicateValue === 'string' && !isAnalyticsMediaType(predicateValue))
		return invalid(
			`Value [${predicateValue}] is not valid for field type [${where}.value]. Allowable values are: ${analyticsMediaTypes.join(', ')}`,
			'invalid.value',
		);
	return {dimension, operator, ...(typeof predicateValue === 'string' ? {value: predicateValue} : {})};
}

function validateFilter(value: unknown): Filter | HttpFailure {
	if (!isRecord(value)) return invalid('filter must be an object.');
	if (value['type'] !== 'and' && value['type'] !== 'or')
		return invalid(
			`Value [${String(value['type'])}] is not valid for field type [filter.type]. Allowable values are: and, or`,
			'invalid.value',
		);
	const filter: Filter = {type: value['type']};
	if (value['predicates'] !== undefined) {
		if (!Array.isArray(value['predicates'])) return invalid('filter.predicates must be an array.');
		filter.predicates = [];
		for (const [index, item] of value['predicates'].entries()) {
			const predicate = validatePredicate(item, `filter.predicates[${index}]`);
			if ('status' in predicate) return predicate;
			filter.predicates.push(predicate);
		}
	}
	if (value['clauses'] !== undefined) {
		if (!Array.isArray(value['clauses'])) return invalid('filter.clauses must be an array.');
		filter.clauses = [];
		for (const [index, item] of value['clauses'].entries()) {
			if (!isRecord(item) || (item['type'] !== 'and' && item['type'] !== 'or'))
				return invalid(`filter.clauses[${index}].type must be and or or.`, 'invalid.value');
			if (!Array.isArray(item['predicates']) || item['predicates'].length === 0)
				return invalid(`filter.clauses[${index}].predicates is required.`);
			const predicates: Predicate[] = [];
			for (const [at, entry] of item['predicates'].entries()) {
				const predicate = validatePredicate(entry, `filter.clauses[${index}].predicates[${at}]`);
				if ('status' in predicate) return predicate;
				predicates.push(predicate);
			}
			filter.clauses.push({type: item['type'], predicates});
		}
	}
	if (!filter.predicates?.length && !filter.clauses?.length) return invalid('filter needs predicates or clauses.');
	return filter;
}

export function validateAggregateQuery(body: unknown): AggregateQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const interval = body['interval'];
	if (typeof interval !== 'string') return invalid('interval is required.', 'invalid.date');
	const parts = interval.split('/');
	const start = DateTime.fromISO(parts[0] ?? '', {setZone: true});
	const end = DateTime.fromISO(parts[1] ?? '', {setZone: true});
	if (parts.length !== 2 || !start.isValid || !end.isValid)
		return invalid(`Invalid interval [${interval}]: expected ISO-8601 start/end.`, 'invalid.date');
	if (end <= start) return invalid(`Invalid interval [${interval}]: the end must be after the start.`, 'invalid.date');

	const timeZone = body['timeZone'] ?? 'UTC';
	if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone))
		return invalid(`Value [${String(timeZone)}] is not valid for field type [timeZone].`, 'invalid.value');

	let granularity: Duration | undefined;
	if (body['granularity'] !== undefined) {
		const text = body['granularity'];
		granularity = typeof text === 'string' ? Duration.fromISO(text) : undefined;
		if (!granularity?.isValid || granularity.toMillis() <= 0)
			return invalid(`Value [${String(text)}] is not valid for field type [granularity].`, 'invalid.value');
		const approximate = end.toMillis() - start.toMillis();
		if (approximate / granularity.toMillis() > maxBuckets)
			return invalid(
				`The granularity ${String(text)} makes more than ${maxBuckets} intervals; use a coarser granularity or a shorter interval.`,
			);
	}

	const metrics = body['metrics'];
	if (!Array.isArray(metrics) || metrics.length === 0) return invalid('metrics is required and must not be empty.');
	for (const metric of metrics) {
		if (typeof metric !== 'string' || !metricNames.has(metric))
			return invalid(`Value [${String(metric)}] is not valid for field type [metrics].`, 'invalid.value');
	}
	const groupBy = body['groupBy'] ?? [];
	if (!Array.isArray(groupBy)) return invalid('groupBy must be an array.');
	for (const dimension of groupBy) {
		if (typeof dimension !== 'string' || !dimensionNames.has(dimension))
			return invalid(`Value [${String(dimension)}] is not valid for field type [groupBy].`, 'invalid.value');
	}
	let filter: Filter | undefined;
	if (body['filter'] !== undefined) {
		const checked = validateFilter(body['filter']);
		if ('status' in checked) return checked;
		filter = checked;
	}
	const views = body['views'];
	if (views !== undefined && (!Array.isArray(views) || views.length > 10))
		return invalid('views must be an array of at most 10 views.');
	return {
		startMs: start.toMillis(),
		endMs: end.toMillis(),
		start: start.setZone(timeZone),
		granularity,
		timeZone,
		groupBy: groupBy as string[],
		metrics: metrics as string[],
		filter,
	};
}

/** What a conversation series can be filtered and grouped by. */
export type Entity = {queueId?: string; mediaType: string; divisionId?: string; key: SeriesKey; queue?: EmulatedQueue};

export function dimensionValue(entity: Entity, dimension: string): string | undefined {
	if (dimension === 'queueId') return entity.queueId;
	if (dimension === 'mediaType') return entity.mediaType;
	if (dimension === 'divisionId') return entity.divisionId;
	return undefined;
}

function predicateHolds(entity: Entity, predicate: Predicate): boolean {
	const value = dimensionValue(entity, predicate.dimension ?? '');
	if (predicate.operator === 'exists') return value !== undefined;
	if (predicate.operator === 'notExists') return value === undefined;
	return value !== undefined && value === predicate.value;
}

function combine(type: 'and' | 'or', results: boolean[]): boolean {
	return type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function filterHolds(entity: Entity, filter: Filter | undefined): boolean {
	if (!filter) return true;
	const results = [
		...(filter.predicates ?? []).map(predicate => predicateHolds(entity, predicate)),
		...(filter.clauses ?? []).map(clause =>
			combine(
				clause.type,
				clause.predicates.map(predicate => predicateHolds(entity, predicate)),
			),
		),
	];
	return combine(filter.type, results);
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
	for (const queue of queues) {
		for (const profile of queue.media) {
			const entity: Entity = {
				queueId: queue.id,
				mediaType: profile.media,
				divisionId: queue.divisionId,
				key: {
					queueIndex: queue.index,
					mediaIndex: mediaTypes.indexOf(profile.media),
					dayShift: queue.dayShift,
					profile,
				},
				queue,
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

/**
 * The same time as `whole` cut into `segments` pieces (at most three a conversation): the sum stays, the
 * shortest piece can be a third of the shortest conversation's, so sum stays within count x [min, max].
 */
function segmentTimer(whole: StatsOut | undefined, segments: number): StatsOut | undefined {
	if (!whole || segments <= 0) return whole;
	return {max: whole['max']!, min: Math.floor(whole['min']! / 3), count: segments, sum: whole['sum']!};
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
	data: Array<{interval: string; metrics: Array<{metric: string; stats: StatsOut}>}>;
};

/** A group of an answer being built: its dimensions' values and, for each bucket, each metric's stats. */
export type ResultGroup = {group: Record<string, string>; buckets: Array<Map<string, StatsOut>>};

/** The groups as the API answers: an entry for each bucket that has stats, no `group` when nothing is grouped by. */
export function resultsOf(groups: Iterable<ResultGroup>, boundaries: readonly number[]): AggregateResult[] {
	const results: AggregateResult[] = [];
	for (const {group, buckets} of groups) {
		const data = [];
		for (const [index, metrics] of buckets.entries()) {
			if (metrics.size === 0) continue;
			data.push({
				interval: `${isoUtc(boundaries[index] ?? 0)}/${isoUtc(boundaries[index + 1] ?? 0)}`,
				metrics: [...metrics].map(([metric, stats]) => ({metric, stats})),
			});
		}
		if (data.length > 0) results.push({...(Object.keys(group).length > 0 ? {group} : {}), data});
	}
	return results;
}

/** Real answers give `mediaType` before `queueId` whatever order groupBy asked in: so does the emulator. */
function groupKeyOrder(groupBy: readonly string[]): string[] {
	return [
		...groupBy.filter(dimension => dimension === 'mediaType'),
		...groupBy.filter(dimension => dimension !== 'mediaType'),
	];
}

export function runAggregateQuery(org: Org, model: TrafficModel, query: AggregateQuery): AggregateResult[] {
	// Grouped or filtered by agent or wrap-up code: each conversation series is split among them.
	if (byPeople(query)) return runPeopleQuery(org, model, query);
	const boundaries = bucketBoundaries(query);
	const groups = new Map<string, ResultGroup>();
	for (const entity of entitiesOf(org, query.filter)) {
		const group: Record<string, string> = {};
		for (const dimension of groupKeyOrder(query.groupBy)) {
			const value = dimensionValue(entity, dimension);
			if (value !== undefined) group[dimension] = value;
		}
		const key = JSON.stringify(group);
		let target = groups.get(key);
		if (!target) {
			target = {group, buckets: boundaries.slice(1).map(() => new Map())};
			groups.set(key, target);
		}
		let previous = cumulativeCounts(model, entity.key, boundaries[0] ?? 0);
		for (let bucket = 1; bucket < boundaries.length; bucket++) {
			const next = cumulativeCounts(model, entity.key, boundaries[bucket] ?? 0);
			if (next.offered !== previous.offered) {
				const metrics = target.buckets[bucket - 1]!;
				for (const metric of query.metrics) {
					const stats = metricStats(model, entity, metric, previous, next);
					if (!stats) continue;
					const existing = metrics.get(metric);
					if (existing) mergeStats(existing, stats);
					else metrics.set(metric, stats);
				}
			}
			previous = next;
		}
	}
	return resultsOf(groups.values(), boundaries);
}
