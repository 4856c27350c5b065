// POST /api/v2/analytics/agents/status/query (reference part 3 §B.3): the top 50 agents matching a user filter and a
// session filter, each with their statuses and their conversations now (media type, segment type and since when),
// from the same agent states as the routing activity query and the queues' agent counts.
//
// Assumptions where the reference is UNCONFIRMED, written down in docs/emulator.md: predicates of one dimension in
// an `or` filter match any of their values; `queueId` and `activeQueueId` match the queues the agent is a member of
// now; a session filter keeps the agents with a matching session and lists only those sessions.
import {filterOutline, invalid, isRecord} from './activity.js';
import type {HttpFailure} from './aggregate-query.js';
import {agentStatesOf, queuesOfUser, type AgentState} from './agent-states.js';
import type {Org} from './org.js';
import {peopleOf} from './people.js';
import {stableUuid} from './random.js';
import type {TrafficModel} from './traffic.js';

/** The agents one query answers at most ("Retrieve the top 50 agents matching the query filters"). */
export const agentStatusLimit = 50;

const userDimensions = [
	'activeQueueId',
	'inactiveQueueId',
	'queueId',
	'assignedSkillId',
	'assignedLanguageId',
	'divisionId',
	'userId',
	'managerId',
	'systemPresence',
	'organizationPresenceId',
	'routingStatus',
	'isOutOfOffice',
	'online',
	'teamId',
	'managementUnitId',
	'businessUnitId',
];
const sessionDimensions = [
	'mediaType',
	'originatingDirection',
	'requestedLanguageId',
	'requestedRoutingSkillId',
	'routedQueueId',
	'segmentType',
];
const userOrders = [
	'userName',
	'segmentStart',
	'sessionStart',
	'presenceDate',
	'routingStatusDate',
	'systemPresence',
	'routingStatus',
	'organizationPresenceId',
	'adherenceDate',
];

type Predicate = {dimension: string; value: string};
type Filter = {type: 'and' | 'or'; predicates: Predicate[]; clauses: Filter[]};
export type AgentStatusQuery = {
	userFilter?: Filter;
	sessionFilter?: Filter;
	userOrderBy: string;
	userOrder: 'asc' | 'desc';
};

function readFilter(value: unknown, where: string, allowed: readonly string[]): Filter | HttpFailure {
	const outline = filterOutline(value, where);
	if ('status' in outline) return outline;
	const {type, predicates, clauses} = outline;
	const filter: Filter = {type, predicates: [], clauses: []};
	for (const [index, predicate] of predicates.entries()) {
		const at = `${where}.predicates[${index}]`;
		if (!isRecord(predicate)) return invalid(`${at} must be an object.`);
		const {dimension, value: wanted} = predicate;
		if (typeof dimension !== 'string' || !allowed.includes(dimension))
			return invalid(
				`Value [${String(dimension)}] is not valid for field type [${at}.dimension]. Allowable values are: ${allowed.join(', ')}`,
				'invalid.value',
			);
		if (typeof wanted !== 'string' || wanted === '') return invalid(`${at}.value is required.`);
		filter.predicates.push({dimension, value: wanted});
	}
	for (const [index, clause] of clauses.entries()) {
		const at = `${where}.clauses[${index}]`;
		if (!isRecord(clause) || !Array.isArray(clause['predicates'])) return invalid(`${at}.predicates is required.`);
		const read = readFilter(clause, at, allowed);
		if ('status' in read) return read;
		filter.clauses.push(read);
	}
	return filter;
}

/** Checks an agent status query as the reference describes it and reads what it asks. */
export function validateAgentStatusQuery(body: unknown): AgentStatusQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const {userFilter, sessionFilter, userOrderBy = 'userName', userOrder = 'asc'} = body;
	const query: AgentStatusQuery = {userOrderBy: String(userOrderBy), userOrder: userOrder === 'desc' ? 'desc' : 'asc'};
	if (typeof userOrderBy !== 'string' || !userOrders.includes(userOrderBy))
		return invalid(
			`Value [${String(userOrderBy)}] is not valid for field type [userOrderBy]. Allowable values are: ${userOrders.join(', ')}`,
			'invalid.value',
		);
	if (userOrder !== 'asc' && userOrder !== 'desc')
		return invalid(`Value [${String(userOrder)}] is not valid for field type [userOrder].`, 'invalid.value');
	if (userFilter !== undefined) {
		const read = readFilter(userFilter, 'userFilter', userDimensions);
		if ('status' in read) return read;
		query.userFilter = read;
	}
	if (sessionFilter !== undefined) {
		const read = readFilter(sessionFilter, 'sessionFilter', sessionDimensions);
		if ('status' in read) return read;
		query.sessionFilter = read;
	}
	return query;
}

type Values = Record<string, readonly string[]>;

function matches(filter: Filter, values: Values): boolean {
	const tests = [
		...filter.predicates.map(predicate => (values[predicate.dimension] ?? []).includes(predicate.value)),
		...filter.clauses.map(clause => matches(clause, values)),
	];
	if (tests.length === 0) return true;
	return filter.type === 'and' ? tests.every(Boolean) : tests.some(Boolean);
}

type Session = {
	conversationId: string;
	sessionId: string;
	sessionStart: string;
	segmentStart: string;
	segmentType: string;
	routedQueueId?: string;
	originatingDirection: string;
	mediaType: string;
};

type Entity = {
	userId: string;
	userName: string;
	divisionId: string;
	systemPresence: string;
	organizationPresenceId: string;
	presenceDate: string;
	routingStatus: string;
	routingStatusDate: string;
	isOutOfOffice: boolean;
	sessionCount: number;
	sessions: Session[];
};

function sessionOf(seed: number, user: number, state: AgentState, queues: readonly string[]): Session | undefined {
	const session = state.session;
	if (!session) return undefined;
	const queueId = session.direct || queues.length === 0 ? undefined : queues[session.key % queues.length];
	return {
		conversationId: stableUuid(seed, 74, user * 100_000 + (session.key % 100_000)),
		sessionId: stableUuid(seed, 75, user * 100_000 + (session.key % 100_000)),
		sessionStart: new Date(session.startMs).toISOString(),
		segmentStart: new Date(session.segmentStartMs).toISOString(),
		segmentType: session.segmentType,
		...(queueId ? {routedQueueId: queueId} : {}),
		originatingDirection: session.direct ? 'outbound' : 'inbound',
		mediaType: session.media,
	};
}

/** The answer: at most 50 agents, in the order asked, those the filters keep. */
export function runAgentStatusQuery(
	org: Org,
	model: TrafficModel,
	query: AgentStatusQuery,
	nowMs: number,
): {entities: Entity[]} {
	const people = peopleOf(org);
	const states = agentStatesOf(org, model);
	const found: Array<{entity: Entity; sortKey: string}> = [];
	for (const user of people.users) {
		if (user.state !== 'active') continue;
		const queues = queuesOfUser(org, user.index);
		const state = states.at(user.index, nowMs);
		const values: Values = {
			userId: [user.id],
			queueId: queues,
			activeQueueId: queues,
			systemPresence: [state.presence],
			organizationPresenceId: [state.presenceId],
			routingStatus: [state.routing],
			isOutOfOffice: ['false'],
			online: [state.presence === 'OFFLINE' ? 'false' : 'true'],
		};
		if (query.userFilter && !matches(query.userFilter, values)) continue;
		const session = sessionOf(model.seed, user.index, state, queues);
		const sessions = (session ? [session] : []).filter(
			each =>
				!query.sessionFilter ||
				matches(query.sessionFilter, {
					mediaType: [each.mediaType],
					segmentType: [each.segmentType],
					originatingDirection: [each.originatingDirection],
					routedQueueId: each.routedQueueId ? [each.routedQueueId] : [],
				}),
		);
		if (query.sessionFilter && sessions.length === 0) continue;
		const entity: Entity = {
			userId: user.id,
			userName: user.name,
			divisionId: stableUuid(0, 76, 0),
			systemPresence: state.presence,
			organizationPresenceId: state.presenceId,
			presenceDate: new Date(state.presenceSinceMs).toISOString(),
			routingStatus: state.routing,
			routingStatusDate: new Date(state.routingSinceMs).toISOString(),
			isOutOfOffice: false,
			sessionCount: sessions.length,
			sessions,
		};
		const sortKey =
			query.userOrderBy === 'segmentStart'
				? (sessions[0]?.segmentStart ?? '~')
				: query.userOrderBy === 'sessionStart'
					? (sessions[0]?.sessionStart ?? '~')
					: query.userOrderBy === 'presenceDate'
						? entity.presenceDate
						: query.userOrderBy === 'routingStatusDate'
							? entity.routingStatusDate
							: query.userOrderBy === 'routingStatus'
								? entity.routingStatus
								: query.userOrderBy === 'systemPresence'
									? entity.systemPresence
									: user.name.toLowerCase();
		found.push({entity, sortKey});
	}
	found.sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.entity.userId.localeCompare(b.entity.userId));
	if (query.userOrder === 'desc') found.reverse();
	return {entities: found.slice(0, agentStatusLimit).map(each => each.entity)};
}
