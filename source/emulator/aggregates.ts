// POST /api/v2/analytics/conversations/aggregates/query: request validation like the real API, then
// the answer from the traffic model, bucketed by granularity in the query's time zone.
import {DateTime, Duration, IANAZone} from 'luxon';
import {analyticsMediaTypes, isAnalyticsMediaType} from '../genesys/media-types.js';
import {dimensionNames, metricNames, predicateOnlyDimensions} from './catalog.js';
import {
	type AggregateQuery,
	type AggregateResult,
	bucketBoundaries,
	dimensionValue,
	type Entity,
	entitiesOf,
	groupFor,
	type Filter,
	type HttpFailure,
	mergeStats,
	metricStats,
	type Predicate,
	type ResultGroup,
	resultsOf,
	type View,
	skillDimension,
	viewCounters,
} from './aggregate-query.js';
import {cumulativeCounts, type TrafficModel} from './traffic.js';
import type {Org} from './org.js';
import {byPeople, runPeopleQuery} from './people-aggregates.js';

export type {AggregateQuery, AggregateResult, HttpFailure} from './aggregate-query.js';

const maxBuckets = 10_000;

function invalid(message: string, code = 'bad.request'): HttpFailure {
	return {status: 400, code, message};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The names a query of one kind takes (conversation aggregates, flow aggregates). */
export type QueryVocabulary = {
	metrics: ReadonlySet<string>;
	dimensions: ReadonlySet<string>;
	predicateOnly: ReadonlySet<string>;
	/** A metric the SDKs still list that the service refuses, with why. */
	refused?: ReadonlyMap<string, string>;
};

const conversationVocabulary: QueryVocabulary = {
	metrics: metricNames,
	dimensions: dimensionNames,
	predicateOnly: predicateOnlyDimensions,
};

function validatePredicate(value: unknown, where: string, names: QueryVocabulary): Predicate | HttpFailure {
	if (!isRecord(value)) return invalid(`${where} must be an object.`);
	const {dimension, operator = 'matches', value: predicateValue, type} = value;
	if (type !== undefined && type !== 'dimension' && type !== 'property' && type !== 'metric')
		return invalid(
			`Value [${String(type)}] is not valid for field type [${where}.type]. Allowable values are: dimension, property, metric`,
			'invalid.value',
		);
	if (typeof dimension !== 'string' || !(names.dimensions.has(dimension) || names.predicateOnly.has(dimension))) {
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

function validateFilter(value: unknown, names: QueryVocabulary): Filter | HttpFailure {
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
			const predicate = validatePredicate(item, `filter.predicates[${index}]`, names);
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
				const predicate = validatePredicate(entry, `filter.clauses[${index}].predicates[${at}]`, names);
				if ('status' in predicate) return predicate;
				predicates.push(predicate);
			}
			filter.clauses.push({type: item['type'], predicates});
		}
	}
	if (!filter.predicates?.length && !filter.clauses?.length) return invalid('filter needs predicates or clauses.');
	return filter;
}

/** A query's `interval`, ISO-8601 start/end, as the analytics queries take it. */
export function parseInterval(interval: unknown): {start: DateTime; end: DateTime} | HttpFailure {
	if (typeof interval !== 'string') return invalid('interval is required.', 'invalid.date');
	const parts = interval.split('/');
	const start = DateTime.fromISO(parts[0] ?? '', {setZone: true});
	const end = DateTime.fromISO(parts[1] ?? '', {setZone: true});
	if (parts.length !== 2 || !start.isValid || !end.isValid)
		return invalid(`Invalid interval [${interval}]: expected ISO-8601 start/end.`, 'invalid.date');
	if (end <= start) return invalid(`Invalid interval [${interval}]: the end must be after the start.`, 'invalid.date');
	return {start, end};
}

export function validateAggregateQuery(
	body: unknown,
	names: QueryVocabulary = conversationVocabulary,
): AggregateQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const parsed = parseInterval(body['interval']);
	if ('status' in parsed) return parsed;
	const {start, end} = parsed;

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
		const refused = typeof metric === 'string' ? names.refused?.get(metric) : undefined;
		if (refused) return invalid(refused, 'invalid.value');
		if (typeof metric !== 'string' || !names.metrics.has(metric))
			return invalid(`Value [${String(metric)}] is not valid for field type [metrics].`, 'invalid.value');
	}
	const groupBy = body['groupBy'] ?? [];
	if (!Array.isArray(groupBy)) return invalid('groupBy must be an array.');
	for (const dimension of groupBy) {
		if (typeof dimension !== 'string' || !names.dimensions.has(dimension))
			return invalid(`Value [${String(dimension)}] is not valid for field type [groupBy].`, 'invalid.value');
	}
	let filter: Filter | undefined;
	if (body['filter'] !== undefined) {
		const checked = validateFilter(body['filter'], names);
		if ('status' in checked) return checked;
		filter = checked;
	}
	const views = validateViews(body['views'], metrics as string[]);
	if (!Array.isArray(views)) return views;
	return {
		startMs: start.toMillis(),
		endMs: end.toMillis(),
		start: start.setZone(timeZone),
		granularity,
		timeZone,
		groupBy: groupBy as string[],
		metrics: metrics as string[],
		filter,
		views,
	};
}

/** The most views one query takes (the developer center's "User-defined Views on Aggregations"). */
export const maxViews = 10;

/** `views`: derived `rangeBound` views, checked as the service documents them (see docs/emulator.md). */
function validateViews(value: unknown, metrics: readonly string[]): View[] | HttpFailure {
	if (value === undefined) return [];
	if (!Array.isArray(value)) return invalid('views must be an array.');
	if (value.length > maxViews)
		return invalid(`A query takes at most ${maxViews} views; this one has ${value.length}.`, 'invalid.value');
	const views: View[] = [];
	for (const [index, item] of value.entries()) {
		const where = `views[${index}]`;
		if (!isRecord(item)) return invalid(`${where} must be an object.`);
		const {name, target, function: fn, range} = item;
		if (typeof name !== 'string' || name === '') return invalid(`${where}.name is required.`);
		if (metricNames.has(name) || metrics.includes(name))
			return invalid(`${where}.name [${name}] must be distinct from the built-in metric names.`, 'invalid.value');
		if (views.some(view => view.name === name))
			return invalid(`${where}.name [${name}] must be distinct from the other views' names.`, 'invalid.value');
		if (typeof target !== 'string' || !metricNames.has(target))
			return invalid(`Value [${String(target)}] is not valid for field type [${where}.target].`, 'invalid.value');
		if (!target.startsWith('t'))
			return invalid(
				`Range bound target metrics are limited to timer metric; [${target}] is not one.`,
				'invalid.value',
			);
		if (fn !== 'rangeBound')
			return invalid(
				`Value [${String(fn)}] is not valid for field type [${where}.function]. Allowable values are: rangeBound`,
				'invalid.value',
			);
		if (!isRecord(range)) return invalid(`${where}.range is required.`);
		const bound = (key: string) => range[key];
		const gte = bound('gte');
		const lt = bound('lt');
		if (gte === undefined && lt === undefined) return invalid(`${where}.range needs at least one bound (gte, lt).`);
		for (const [key, number] of [
			['gte', gte],
			['lt', lt],
		] as const)
			if (number !== undefined && (typeof number !== 'number' || !Number.isFinite(number)))
				return invalid(`${where}.range.${key} must be a number.`, 'invalid.value');
		views.push({
			name,
			target,
			range: {...(typeof gte === 'number' ? {gte} : {}), ...(typeof lt === 'number' ? {lt} : {})},
		});
	}
	return views;
}

/** What a conversation series can be filtered and grouped by. */
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
	const bySkill = query.groupBy.includes(skillDimension);
	for (const entity of entitiesOf(org, query.filter)) {
		// A conversation that requested several skills counts in each skill's group (none: a group without the skill).
		const skills: ReadonlyArray<string | undefined> =
			bySkill && entity.skillIds?.length ? entity.skillIds : [undefined];
		for (const skill of skills) {
			const target = groupFor(
				groups,
				groupKeyOrder(query.groupBy),
				dimension => (dimension === skillDimension ? skill : dimensionValue(entity, dimension)),
				boundaries,
			);
			addSeries(model, query, entity, target, boundaries);
		}
	}
	return resultsOf(groups.values(), boundaries);
}

/** One series' statistics (and views) of every bucket, added into its group. */
function addSeries(
	model: TrafficModel,
	query: AggregateQuery,
	entity: Entity,
	target: ResultGroup,
	boundaries: readonly number[],
): void {
	if (query.views.length > 0 && !target.views) target.views = boundaries.slice(1).map(() => new Map());
	const counters = query.views.length > 0 ? viewCounters(model, entity, query.views) : [];
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
			const views = target.views?.[bucket - 1];
			for (const [index, counter] of counters.entries()) {
				const stats = counter(previous, next);
				const name = query.views[index]?.name ?? '';
				if (!stats || !views) continue;
				const existing = views.get(name);
				if (existing) mergeStats(existing, stats);
				else views.set(name, stats);
			}
		}
		previous = next;
	}
}
