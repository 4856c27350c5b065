// POST /api/v2/analytics/routing/activity/query (reference part 3 §B.2): queue members with their routing status and
// presence and since when, grouped by queue, counted from the same agent states as the observations' agent counts.
// GET /api/v2/presence/definitions: the org's presence definitions with their labels (§B.5).
//
// Assumptions where the reference is UNCONFIRMED, written down in docs/emulator.md: the filter must name the queues
// (at most 100, as the observations query), `pageSize`/`pageNumber` page those groups, and a group lists at most
// `detailCap` entities; past it `truncated` is set and the oldest half and the newest half are kept.
import type {HttpFailure} from './aggregate-query.js';
import {agentStatesOf, currentMembers, presenceDefinitions, type AgentState} from './agent-states.js';
import type {Org} from './org.js';
import {peopleOf} from './people.js';
import type {TrafficModel} from './traffic.js';

export const activityMetrics = [
	'oActiveUsers',
	'oMemberUsers',
	'oOffQueueUsers',
	'oOnQueueUsers',
	'oUserPresences',
	'oUserRoutingStatuses',
] as const;
const dimensions = [
	'organizationPresenceId',
	'presenceDate',
	'queueId',
	'queueMembershipStatus',
	'routingStatus',
	'routingStatusDate',
	'systemPresence',
	'teamId',
	'userId',
];
export const maxActivityQueues = 100;
const maxPageSize = 100;

type Predicate = {dimension: string; operator: string; value?: string};
type Filter = {type: 'and' | 'or'; predicates: Predicate[]; clauses: Filter[]};
export type ActivityQuery = {
	metrics: Array<{metric: string; details: boolean}>;
	filter: Filter;
	queueIds: string[];
	order: 'asc' | 'desc' | 'unordered';
	pageSize: number;
	pageNumber: number;
};

export function invalid(message: string, code = 'bad.request'): HttpFailure {
	return {status: 400, code, message};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A filter's outline, as the analytics filters share it: `type` and its lists of predicates and clauses. */
export function filterOutline(
	value: unknown,
	where: string,
): {type: 'and' | 'or'; predicates: unknown[]; clauses: unknown[]} | HttpFailure {
	if (!isRecord(value)) return invalid(`${where} must be an object.`);
	const {type, predicates = [], clauses = []} = value;
	if (type !== 'and' && type !== 'or')
		return invalid(
			`Value [${String(type)}] is not valid for field type [${where}.type]. Allowable values are: and, or`,
			'invalid.value',
		);
	if (!Array.isArray(predicates) || !Array.isArray(clauses))
		return invalid(`${where}.predicates and ${where}.clauses must be lists.`);
	return {type, predicates, clauses};
}

function readFilter(value: unknown, where: string, queueIds: string[]): Filter | HttpFailure {
	const outline = filterOutline(value, where);
	if ('status' in outline) return outline;
	const {type, predicates, clauses} = outline;
	const filter: Filter = {type, predicates: [], clauses: []};
	for (const [index, predicate] of predicates.entries()) {
		const at = `${where}.predicates[${index}]`;
		if (!isRecord(predicate)) return invalid(`${at} must be an object.`);
		const {dimension, operator = 'matches', value: wanted} = predicate;
		if (typeof dimension !== 'string' || !dimensions.includes(dimension))
			return invalid(
				`Value [${String(dimension)}] is not valid for field type [${at}.dimension]. Allowable values are: ${dimensions.join(', ')}`,
				'invalid.value',
			);
		if (operator !== 'matches' && operator !== 'exists' && operator !== 'notExists')
			return invalid(`Value [${String(operator)}] is not valid for field type [${at}.operator].`, 'invalid.value');
		if (operator === 'matches' && (typeof wanted !== 'string' || wanted === ''))
			return invalid(`${at} needs a string value.`);
		if (dimension === 'queueId' && operator === 'matches') queueIds.push(wanted as string);
		filter.predicates.push({dimension, operator, ...(typeof wanted === 'string' ? {value: wanted} : {})});
	}
	for (const [index, clause] of clauses.entries()) {
		const read = readFilter(clause, `${where}.clauses[${index}]`, queueIds);
		if ('status' in read) return read;
		filter.clauses.push(read);
	}
	return filter;
}

/** Checks a routing activity query as the reference describes it and reads what it asks. */
export function validateActivityQuery(body: unknown, url: URL): ActivityQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const {metrics, groupBy, filter, order = 'unordered'} = body;
	if (!Array.isArray(metrics) || metrics.length === 0) return invalid('metrics is required and may not be empty.');
	const read: ActivityQuery['metrics'] = [];
	for (const [index, item] of metrics.entries()) {
		if (!isRecord(item) || typeof item['metric'] !== 'string' || !activityMetrics.includes(item['metric'] as never))
			return invalid(
				`Value [${isRecord(item) ? String(item['metric']) : String(item)}] is not valid for field type [metrics[${index}].metric]. Allowable values are: ${activityMetrics.join(', ')}`,
				'invalid.value',
			);
		if (item['details'] !== undefined && typeof item['details'] !== 'boolean')
			return invalid(`metrics[${index}].details must be true or false.`);
		read.push({metric: item['metric'], details: item['details'] === true});
	}
	if (!Array.isArray(groupBy) || groupBy.length !== 1 || groupBy[0] !== 'queueId')
		return invalid('groupBy is required and its only allowable value is queueId.', 'invalid.value');
	if (order !== 'asc' && order !== 'desc' && order !== 'unordered')
		return invalid(`Value [${String(order)}] is not valid for field type [order].`, 'invalid.value');
	if (filter === undefined) return invalid('The filter must name at least one queueId.');
	const queueIds: string[] = [];
	const parsed = readFilter(filter, 'filter', queueIds);
	if ('status' in parsed) return parsed;
	const unique = [...new Set(queueIds)];
	if (unique.length === 0) return invalid('The filter must name at least one queueId.');
	if (unique.length > maxActivityQueues)
		return invalid(
			`The filter names ${unique.length} queues; at most ${maxActivityQueues} queueId predicates are allowed in one query.`,
		);
	const number = (name: string, fallback: number) => {
		const text = url.searchParams.get(name);
		return text === null ? fallback : Number(text);
	};
	const pageSize = number('pageSize', 25);
	const pageNumber = number('pageNumber', 1);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize)
		return invalid(`pageSize must be a whole number from 1 to ${maxPageSize}.`);
	if (!Number.isInteger(pageNumber) || pageNumber < 1) return invalid('pageNumber must be a whole number from 1.');
	return {metrics: read, filter: parsed, queueIds: unique, order, pageSize, pageNumber};
}

type Entity = {
	activityDate: string;
	userId: string;
	queueId: string;
	queueMembershipStatus: 'active';
	routingStatus: string;
	routingStatusDate: string;
	systemPresence: string;
	organizationPresenceId: string;
	presenceDate: string;
};

function matches(filter: Filter, entity: Entity): boolean {
	const tests = [
		...filter.predicates.map(predicate => {
			const value = (entity as Record<string, string | undefined>)[predicate.dimension];
			if (predicate.operator === 'exists') return value !== undefined;
			if (predicate.operator === 'notExists') return value === undefined;
			return value === predicate.value;
		}),
		...filter.clauses.map(clause => matches(clause, entity)),
	];
	if (tests.length === 0) return true;
	return filter.type === 'and' ? tests.every(Boolean) : tests.some(Boolean);
}

type DataItem = {metric: string; qualifier?: string; entityIds?: string[]; count: number};

/** The answer: a group per queue named (in the order of the filter, paged), its counts and, asked for, its members. */
export function runActivityQuery(
	org: Org,
	model: TrafficModel,
	query: ActivityQuery,
	nowMs: number,
	isDeleted: (id: string) => boolean,
	detailCap: number,
): {results: Array<{group: {queueId: string}; data: DataItem[]; truncated?: boolean; entities?: Entity[]}>} {
	const people = peopleOf(org);
	const states = agentStatesOf(org, model);
	const queues = query.queueIds.flatMap(id => {
		const queue = org.byId.get(id);
		return queue && !isDeleted(id) ? [queue] : [];
	});
	const page = queues.slice((query.pageNumber - 1) * query.pageSize, query.pageNumber * query.pageSize);
	const wantsDetails = query.metrics.some(metric => metric.details);
	const results = page.map(queue => {
		const members: Array<{entity: Entity; state: AgentState}> = [];
		for (const index of currentMembers(org, queue)) {
			const user = people.users[index]!;
			const state = states.at(index, nowMs);
			const entity: Entity = {
				activityDate: new Date(Math.max(state.presenceSinceMs, state.routingSinceMs)).toISOString(),
				userId: user.id,
				queueId: queue.id,
				queueMembershipStatus: 'active',
				routingStatus: state.routing,
				routingStatusDate: new Date(state.routingSinceMs).toISOString(),
				systemPresence: state.presence,
				organizationPresenceId: state.presenceId,
				presenceDate: new Date(state.presenceSinceMs).toISOString(),
			};
			if (matches(query.filter, entity)) members.push({entity, state});
		}
		const data: DataItem[] = [];
		for (const {metric, details} of query.metrics) {
			const groups = new Map<string | undefined, string[]>();
			const add = (qualifier: string | undefined, id: string) =>
				groups.set(qualifier, [...(groups.get(qualifier) ?? []), id]);
			for (const {entity, state} of members) {
				const onQueue = state.routing !== 'OFF_QUEUE';
				if (metric === 'oMemberUsers') add(undefined, entity.userId);
				else if (metric === 'oActiveUsers') {
					if (state.presence !== 'OFFLINE') add(undefined, entity.userId);
				} else if (metric === 'oOnQueueUsers') {
					if (onQueue) add(state.routing, entity.userId);
				} else if (metric === 'oOffQueueUsers') {
					if (!onQueue) add(state.presenceId, entity.userId);
				} else if (metric === 'oUserPresences') add(state.presenceId, entity.userId);
				else add(state.routing, entity.userId);
			}
			if ((metric === 'oMemberUsers' || metric === 'oActiveUsers') && !groups.has(undefined)) groups.set(undefined, []);
			for (const [qualifier, ids] of groups)
				data.push({
					metric,
					...(qualifier === undefined ? {} : {qualifier}),
					...(details ? {entityIds: ids} : {}),
					count: ids.length,
				});
		}
		let entities = members.map(member => member.entity);
		if (query.order !== 'unordered')
			entities.sort((a, b) =>
				query.order === 'asc'
					? a.activityDate.localeCompare(b.activityDate)
					: b.activityDate.localeCompare(a.activityDate),
			);
		let truncated = false;
		if (entities.length > detailCap) {
			const byAge = [...entities].sort((a, b) => a.activityDate.localeCompare(b.activityDate));
			const half = Math.floor(detailCap / 2);
			entities = [...byAge.slice(0, half), ...byAge.slice(-half)];
			truncated = true;
		}
		return {
			group: {queueId: queue.id},
			data,
			...(wantsDetails ? {entities, ...(truncated ? {truncated} : {})} : {}),
		};
	});
	return {results};
}

/** GET /api/v2/presence/definitions: not paged; `deactivated=true` lists none (the org has no deactivated ones). */
export function listPresenceDefinitions(url: URL): {total: number; entities: unknown[]; selfUri: string} {
	const deactivated = url.searchParams.get('deactivated') === 'true';
	const entities = deactivated
		? []
		: presenceDefinitions.map(definition => ({
				id: definition.id,
				name: definition.languageLabels['en_US'],
				type: definition.primary ? 'System' : 'User',
				languageLabels: definition.languageLabels,
				systemPresence: toDefinitionCase(definition.systemPresence),
				deactivated: false,
				selfUri: `/api/v2/presence/definitions/${definition.id}`,
			}));
	return {total: entities.length, entities, selfUri: '/api/v2/presence/definitions'};
}

/** This endpoint's casing of system presences (reference §B.5): Available, OnQueue, ... */
function toDefinitionCase(presence: string): string {
	return presence
		.toLowerCase()
		.split('_')
		.map(word => word.charAt(0).toUpperCase() + word.slice(1))
		.join('');
}
