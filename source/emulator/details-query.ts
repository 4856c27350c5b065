// The conversation details queries: validation of ConversationQuery and AsyncConversationQuery like the real API, their
// filters (segment and conversation predicates, metric exists/notExists/range) on single conversations, and the
// selection of conversations in order of start, merged across queue x media series without holding a range in memory.
import type {HttpFailure} from './aggregate-query.js';
import {parseInterval} from './aggregates.js';
import {dimensionNames, metricNames} from './catalog.js';
import {addressesOf} from './conversation-record.js';
import {
	type Conversation,
	comparePositions,
	conversationAt,
	conversationIdOf,
	handlerOfConversation,
	floorMinute,
	longestConversationMs,
	mergeByStart,
	type Position,
	positionOf,
	type Series,
	seriesConversations,
	seriesOf,
	type Slot,
} from './conversations.js';
import type {Org} from './org.js';
import {peopleOf} from './people.js';
import {cumulativeOffered, type TrafficModel} from './traffic.js';

export type DetailPredicate = {
	type: 'dimension' | 'property' | 'metric';
	name: string;
	operator: 'matches' | 'exists' | 'notExists';
	value?: string;
	range?: {gt?: number | string; gte?: number | string; lt?: number | string; lte?: number | string};
};
type DetailClause = {type: 'and' | 'or'; predicates: DetailPredicate[]};
export type DetailFilter = {type: 'and' | 'or'; predicates: DetailPredicate[]; clauses: DetailClause[]};

export type DetailsQuery = {
	startMs: number;
	endMs: number;
	/** Every entry must hold (segment and conversation filters alike). */
	filters: DetailFilter[];
	/** Evaluation, survey or resolution filters: the emulator has none of those, so nothing matches them. */
	impossible: boolean;
	descending: boolean;
	pageSize: number;
	pageNumber: number;
	limit: number | undefined;
	startOfDay: boolean;
};

const minuteMs = 60_000;
const dayMs = 86_400_000;
/** The fields of ConversationQuery and AsyncConversationQuery: their filters and order, then their own. */
const commonFields = [
	'interval',
	'conversationFilters',
	'segmentFilters',
	'evaluationFilters',
	'surveyFilters',
	'resolutionFilters',
	'order',
	'orderBy',
];
const syncFields = new Set([...commonFields, 'aggregations', 'paging']);
const jobFields = new Set([...commonFields, 'limit', 'startOfDayIntervalMatching']);
const conversationDimensions = new Set([
	'accessAttribute',
	'conversationEnd',
	'conversationId',
	'conversationInitiator',
	'conversationStart',
	'customerParticipation',
	'divisionId',
	'externalTag',
	'mediaStatsMinConversationMos',
	'originatingDirection',
	'originatingSocialMediaPublic',
]);
/** The segment dimensions of the reference (A.3) and every aggregate dimension (most are segment ones too). */
const segmentDimensions = new Set([
	...dimensionNames,
	...'addressFrom addressTo ani dnis exitReason flowId flowName flowOutcomeId groupId queueId requestedLanguageId requestedRoutingSkillId segmentEnd segmentType teamId transferType userId wrapUpCode sourceConversationId sourceSessionId subject'.split(
		' ',
	),
]);
const orderByValues = ['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd'];

function invalid(message: string, code = 'bad.request'): HttpFailure {
	return {status: 400, code, message};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isConversationMetric(name: string): boolean {
	return metricNames.has(name) || /^[nt]Flow/.test(name) || name === 'tConversationDuration';
}

function validatePredicate(value: unknown, where: string, segment: boolean): DetailPredicate | HttpFailure {
	if (!isRecord(value)) return invalid(`${where} must be an object.`);
	const type =
		value['type'] ??
		(value['metric'] !== undefined ? 'metric' : value['property'] !== undefined ? 'property' : 'dimension');
	if (type !== 'dimension' && type !== 'property' && type !== 'metric')
		return invalid(
			`Value [${String(type)}] is not valid for field type [${where}.type]. Allowable values are: dimension, property, metric`,
			'invalid.value',
		);
	const operator = value['operator'] ?? 'matches';
	if (operator !== 'matches' && operator !== 'exists' && operator !== 'notExists')
		return invalid(
			`Value [${String(operator)}] is not valid for field type [${where}.operator]. Allowable values are: matches, exists, notExists`,
			'invalid.value',
		);
	const name = value[type];
	if (typeof name !== 'string') return invalid(`${where}.${type} is required for a predicate of type ${type}.`);
	if (type === 'dimension' && !(segment ? segmentDimensions : conversationDimensions).has(name))
		return invalid(
			`Value [${name}] is not valid for field type [${where}.dimension] of ${segment ? 'segmentFilters' : 'conversationFilters'}.`,
			'invalid.value',
		);
	if (type === 'metric' && !(segment ? name === 'tSegmentDuration' : isConversationMetric(name)))
		return invalid(`Value [${name}] is not valid for field type [${where}.metric].`, 'invalid.value');
	const range = value['range'];
	if (range !== undefined && !isRecord(range)) return invalid(`${where}.range must be an object.`);
	const predicateValue = value['value'];
	if (predicateValue !== undefined && typeof predicateValue !== 'string' && typeof predicateValue !== 'number')
		return invalid(`${where}.value must be a string.`);
	if (operator === 'matches' && predicateValue === undefined && range === undefined)
		return invalid(`${where} with operator matches needs a value or a range.`);
	return {
		type,
		name,
		operator,
		...(predicateValue === undefined ? {} : {value: String(predicateValue)}),
		...(range ? {range: range as DetailPredicate['range']} : {}),
	};
}

function validateFilter(value: unknown, where: string, segment: boolean): DetailFilter | HttpFailure {
	if (!isRecord(value)) return invalid(`${where} must be an object.`);
	const andOr = (type: unknown, at: string) =>
		type === 'and' || type === 'or'
			? undefined
			: invalid(
					`Value [${String(type)}] is not valid for field type [${at}.type]. Allowable values are: and, or`,
					'invalid.value',
				);
	const bad = andOr(value['type'], where);
	if (bad) return bad;
	const predicatesOf = (list: unknown, at: string): DetailPredicate[] | HttpFailure => {
		if (list === undefined) return [];
		if (!Array.isArray(list)) return invalid(`${at} must be an array.`);
		const out: DetailPredicate[] = [];
		for (const [index, item] of list.entries()) {
			const predicate = validatePredicate(item, `${at}[${index}]`, segment);
			if ('status' in predicate) return predicate;
			out.push(predicate);
		}
		return out;
	};
	const predicates = predicatesOf(value['predicates'], `${where}.predicates`);
	if ('status' in predicates) return predicates;
	const clauses: DetailClause[] = [];
	if (value['clauses'] !== undefined) {
		if (!Array.isArray(value['clauses'])) return invalid(`${where}.clauses must be an array.`);
		for (const [index, item] of value['clauses'].entries()) {
			const at = `${where}.clauses[${index}]`;
			if (!isRecord(item)) return invalid(`${at} must be an object.`);
			const wrong = andOr(item['type'], at);
			if (wrong) return wrong;
			if (item['clauses'] !== undefined) return invalid(`${at}: clauses nest one level only in the emulator.`);
			const inner = predicatesOf(item['predicates'], `${at}.predicates`);
			if ('status' in inner) return inner;
			if (inner.length === 0) return invalid(`${at}.predicates is required.`);
			clauses.push({type: item['type'] as 'and' | 'or', predicates: inner});
		}
	}
	if (predicates.length === 0 && clauses.length === 0) return invalid(`${where} needs predicates or clauses.`);
	return {type: value['type'] as 'and' | 'or', predicates, clauses};
}

function unknownField(
	body: Record<string, unknown>,
	fields: ReadonlySet<string>,
	type: string,
): HttpFailure | undefined {
	const unknown = Object.keys(body).find(field => !fields.has(field));
	if (unknown === undefined) return undefined;
	return invalid(`Unrecognized field "${unknown}" in ${type}; known fields: ${[...fields].join(', ')}.`, 'bad.request');
}

/** Validates a ConversationQuery (`job` false) or an AsyncConversationQuery (`job` true). */
export function validateDetailsQuery(body: unknown, job: boolean): DetailsQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const unknown = unknownField(
		body,
		job ? jobFields : syncFields,
		job ? 'AsyncConversationQuery' : 'ConversationQuery',
	);
	if (unknown) return unknown;
	const interval = String(body['interval']);
	const parsed = parseInterval(body['interval']);
	if ('status' in parsed) return parsed;
	const {start, end} = parsed;
	const filters: DetailFilter[] = [];
	let impossible = false;
	for (const [field, segment] of [
		['segmentFilters', true],
		['conversationFilters', false],
	] as const) {
		const list = body[field];
		if (list === undefined) continue;
		if (!Array.isArray(list)) return invalid(`${field} must be an array.`);
		for (const [index, item] of list.entries()) {
			const filter = validateFilter(item, `${field}[${index}]`, segment);
			if ('status' in filter) return filter;
			filters.push(filter);
		}
	}
	for (const field of ['evaluationFilters', 'surveyFilters', 'resolutionFilters']) {
		const list = body[field];
		if (list === undefined) continue;
		if (!Array.isArray(list)) return invalid(`${field} must be an array.`);
		if (list.length > 0) impossible = true;
	}
	const order = body['order'] ?? 'asc';
	if (order !== 'asc' && order !== 'desc' && order !== 'unordered')
		return invalid(
			`Value [${String(order)}] is not valid for field type [order]. Allowable values are: asc, desc, unordered`,
			'invalid.value',
		);
	const orderBy = body['orderBy'] ?? 'conversationStart';
	if (typeof orderBy !== 'string' || !orderByValues.includes(orderBy))
		return invalid(
			`Value [${String(orderBy)}] is not valid for field type [orderBy]. Allowable values are: ${orderByValues.join(', ')}`,
			'invalid.value',
		);
	if (body['aggregations'] !== undefined && !Array.isArray(body['aggregations']))
		return invalid('aggregations must be an array.');
	const startMs = start.toMillis();
	const endMs = end.toMillis();
	const filtered = filters.length > 0 || impossible;
	if (!job) {
		const maxDays = filtered ? 31 : 7;
		if (endMs - startMs > maxDays * dayMs)
			return invalid(
				filtered
					? `The interval [${interval}] is longer than 31 days, the limit of a details query with filters; split it or use a details job.`
					: `The interval [${interval}] is longer than 7 days, the limit of a details query without filters; add a filter (up to 31 days), split the interval or use a details job.`,
			);
	}
	let pageSize = 25;
	let pageNumber = 1;
	if (body['paging'] !== undefined) {
		const paging = body['paging'];
		if (!isRecord(paging)) return invalid('paging must be an object with pageSize and pageNumber.');
		const size = paging['pageSize'] ?? 25;
		const number = paging['pageNumber'] ?? 1;
		if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
			return invalid(`paging.pageSize must be a whole number of at least 1, not ${String(size)}.`);
		if (size > 100) return invalid(`paging.pageSize ${size} is over the maximum of 100.`, 'invalid.value');
		if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
			return invalid(`paging.pageNumber must be a whole number of at least 1, not ${String(number)}.`);
		pageSize = size;
		pageNumber = number;
	}
	const limit = body['limit'];
	if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1))
		return invalid(`limit must be a whole number of at least 1, not ${String(limit)}.`);
	const startOfDay = body['startOfDayIntervalMatching'] ?? false;
	if (typeof startOfDay !== 'boolean') return invalid('startOfDayIntervalMatching must be true or false.');
	return {
		startMs,
		endMs,
		filters,
		impossible,
		descending: order === 'desc',
		pageSize,
		pageNumber,
		limit,
		startOfDay,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Filters on single conversations. A segment predicate holds when any participant, session or segment of the
// conversation has the value (whether all predicates of one filter must meet on the same segment is UNCONFIRMED);
// a metric predicate when any session has the metric (emitted by the emulator's clock).

type Context = {org: Org; model: TrafficModel; nowMs: number};

function digitsOf(text: string): string {
	return text.replaceAll(/\D/g, '');
}

function agentVisible(conversation: Conversation, nowMs: number): boolean {
	return conversation.outcome === 'answered' && conversation.exitMs - conversation.alertMs <= nowMs;
}

function dimensionValues(context: Context, conversation: Conversation, name: string): string[] {
	const {series} = conversation;
	const answered = agentVisible(conversation, context.nowMs);
	const people = () => peopleOf(context.org);
	switch (name) {
		case 'queueId':
			return [series.queueId];
		case 'mediaType':
			return [series.mediaType];
		case 'divisionId':
			return [series.queue.divisionId];
		case 'direction':
		case 'originatingDirection':
			return ['inbound'];
		case 'conversationId':
			return [conversationIdOf(context.org.seed, series, conversation.n)];
		case 'conversationStart':
			return [new Date(conversation.startMs).toISOString()];
		case 'conversationEnd':
			return conversation.endMs <= context.nowMs ? [new Date(conversation.endMs).toISOString()] : [];
		case 'userId': {
			if (!answered) return [];
			const handler = handlerOfConversation(context.org, conversation)!;
			const missed = conversation.notRespondingMs > 0 && handler.otherIndex !== undefined ? [handler.otherIndex] : [];
			return [...missed, handler.userIndex].map(index => people().users[index]!.id);
		}
		case 'wrapUpCode': {
			const code = answered ? handlerOfConversation(context.org, conversation)!.codeIndex : undefined;
			return code !== undefined && conversation.talkEndMs <= context.nowMs ? [people().codes[code]!.id] : [];
		}
		case 'purpose':
			return answered ? ['customer', 'acd', 'agent'] : ['customer', 'acd'];
		case 'segmentType':
			return answered
				? ['interact', 'alert', 'wrapup', ...(conversation.holdSegments > 0 ? ['hold'] : [])]
				: ['interact'];
		case 'disconnectType': {
			if (!answered) return [conversation.outcome === 'abandoned' ? 'peer' : 'transfer', 'endpoint'];
			const agent = conversation.transferred ? 'transfer' : conversation.agentEnded ? 'client' : 'peer';
			const missed = conversation.notRespondingMs > 0 ? ['noAnswerTransfer'] : [];
			return ['transfer', agent, conversation.agentEnded ? 'peer' : 'endpoint', ...missed];
		}
		case 'ani':
		case 'dnis':
		case 'addressFrom':
		case 'addressTo': {
			const value = addressesOf(context.org, conversation).session[name];
			return value ? [value] : [];
		}
		default:
			return [];
	}
}

/** A metric's value summed over the conversation's sessions, if it was emitted by now. */
function metricValue(context: Context, conversation: Conversation, name: string): number | undefined {
	const c = conversation;
	const at = (ms: number, value: number) => (ms <= context.nowMs ? value : undefined);
	const answered = c.outcome === 'answered';
	switch (name) {
		case 'nOffered':
		case 'nConnected':
			return at(c.startMs, 1);
		case 'tAcd':
			return at(c.exitMs, c.exitMs - c.startMs);
		case 'tAbandon':
			return c.outcome === 'abandoned' ? at(c.exitMs, c.queueMs) : undefined;
		case 'tShortAbandon':
			return c.shortAbandoned ? at(c.exitMs, c.shortAbandonMs) : undefined;
		case 'tFlowOut':
			return c.outcome === 'flowOut' ? at(c.exitMs, c.queueMs) : undefined;
		case 'nOverSla':
			return c.overSla ? at(c.exitMs, 1) : undefined;
		case 'tAnswered':
			return answered ? at(c.exitMs, c.queueMs) : undefined;
		case 'tAlert':
			return answered ? at(c.exitMs, c.alertMs + c.notRespondingMs) : undefined;
		case 'tNotResponding':
			return c.notRespondingMs > 0 ? at(c.exitMs - c.alertMs, c.notRespondingMs) : undefined;
		case 'tTalk':
		case 'tTalkComplete':
			return answered ? at(c.talkEndMs, c.talkMs) : undefined;
		case 'tHeld':
		case 'tHeldComplete':
			return c.holdSegments > 0 ? at(c.talkEndMs, c.heldMs) : undefined;
		case 'nTransferred':
			return c.transferred ? at(c.talkEndMs, 1) : undefined;
		case 'tAcw':
			return c.acw ? at(c.endMs, c.acwMs) : undefined;
		case 'tHandle':
			return answered ? at(c.endMs, c.handleMs) : undefined;
		case 'tConnected':
		case 'tConversationDuration': {
			const end = answered ? c.talkEndMs : c.exitMs;
			return at(end, (name === 'tConnected' ? end : c.endMs) - c.startMs);
		}
		default:
			return undefined;
	}
}

function asNumber(value: number | string): number {
	return typeof value === 'number' ? value : Date.parse(value);
}

function inRange(value: number, range: NonNullable<DetailPredicate['range']>): boolean {
	const {gt, gte, lt, lte} = range;
	return (
		(gt === undefined || value > asNumber(gt)) &&
		(gte === undefined || value >= asNumber(gte)) &&
		(lt === undefined || value < asNumber(lt)) &&
		(lte === undefined || value <= asNumber(lte))
	);
}

function predicateHolds(context: Context, conversation: Conversation, predicate: DetailPredicate): boolean {
	if (predicate.type === 'property') return predicate.operator === 'notExists';
	if (predicate.type === 'metric') {
		const value =
			predicate.name === 'tSegmentDuration'
				? Math.max(0, Math.min(context.nowMs, conversation.endMs) - conversation.startMs)
				: metricValue(context, conversation, predicate.name);
		if (predicate.operator === 'exists') return value !== undefined;
		if (predicate.operator === 'notExists') return value === undefined;
		if (value === undefined) return false;
		if (predicate.range) return inRange(value, predicate.range);
		return predicate.value === undefined || value === Number(predicate.value);
	}
	const values = dimensionValues(context, conversation, predicate.name);
	if (predicate.operator === 'exists') return values.length > 0;
	if (predicate.operator === 'notExists') return values.length === 0;
	if (predicate.range) return values.some(value => inRange(Date.parse(value), predicate.range!));
	const wanted = predicate.value ?? '';
	// Phone numbers match by their digits: `tel:+15551234567`, `+15551234567` and `15551234567` are one number.
	if ((predicate.name === 'ani' || predicate.name === 'dnis') && digitsOf(wanted) !== '')
		return values.some(value => digitsOf(value) === digitsOf(wanted));
	return values.includes(wanted);
}

function combine(type: 'and' | 'or', results: boolean[]): boolean {
	return type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function filterHolds(context: Context, conversation: Conversation, filter: DetailFilter): boolean {
	const holds = (predicate: DetailPredicate) => predicateHolds(context, conversation, predicate);
	return combine(filter.type, [
		...filter.predicates.map(holds),
		...filter.clauses.map(clause => combine(clause.type, clause.predicates.map(holds))),
	]);
}

/** What a predicate says of a whole series: true or false when the series decides it, undefined when a conversation does. */
function seriesPredicate(org: Org, series: Series, predicate: DetailPredicate): boolean | undefined {
	if (predicate.type !== 'dimension') return undefined;
	const decided = (value: string) =>
		predicate.operator === 'exists' ? true : predicate.operator === 'notExists' ? false : value === predicate.value;
	switch (predicate.name) {
		case 'queueId':
			return decided(series.queueId);
		case 'mediaType':
			return decided(series.mediaType);
		case 'divisionId':
			return decided(series.queue.divisionId);
		case 'direction':
		case 'originatingDirection':
			return decided('inbound');
		case 'userId': {
			if (predicate.operator !== 'matches') return undefined;
			const people = peopleOf(org);
			const user = people.userById.get(predicate.value ?? '');
			return user && people.membersOf(series.queue).includes(user.index) ? undefined : false;
		}
		case 'wrapUpCode': {
			if (predicate.operator !== 'matches') return undefined;
			const people = peopleOf(org);
			const code = people.codes.findIndex(entry => entry.id === predicate.value);
			return code >= 0 && people.codesOf(series.queue).includes(code) ? undefined : false;
		}
		default:
			return undefined;
	}
}

/** Kleene logic: false wins an AND, true wins an OR, otherwise unknown stays unknown. */
function combineThree(type: 'and' | 'or', results: Array<boolean | undefined>): boolean | undefined {
	const decisive = type === 'and' ? false : true;
	if (results.includes(decisive)) return decisive;
	return results.includes(undefined) ? undefined : !decisive;
}

function seriesFilter(org: Org, series: Series, filters: readonly DetailFilter[]): boolean | undefined {
	return combineThree(
		'and',
		filters.map(filter =>
			combineThree(filter.type, [
				...filter.predicates.map(predicate => seriesPredicate(org, series, predicate)),
				...filter.clauses.map(clause =>
					combineThree(
						clause.type,
						clause.predicates.map(predicate => seriesPredicate(org, series, predicate)),
					),
				),
			]),
		),
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Selections.

export type Selection = {
	/** The matching conversations in order, from after `after` when given. */
	conversations(after?: Position): Generator<Slot>;
	/** How many match. */
	count(): number;
};

type Candidate = {
	series: Series;
	fromMs: number;
	toMs: number;
	/** Every conversation of the range matches (the series decides the filters). */
	all: boolean;
	/** Matching conversations before `fromMs`, found once (a job's conversations still going at its start). */
	before?: readonly Slot[];
};

/** A candidate's conversations in order: those found before its range, then its range's. */
function* candidateStream(
	context: Context,
	candidate: Candidate,
	options: {descending: boolean; after?: Position; keep: (slot: Slot) => boolean},
): Generator<Slot> {
	const {series, fromMs, toMs, all, before = []} = candidate;
	const {descending, after} = options;
	const range = seriesConversations(
		context.org,
		context.model,
		series,
		{fromMs, toMs},
		{
			descending,
			...(after ? {after} : {}),
			...(all ? {} : {keep: options.keep}),
		},
	);
	const beyond = (slot: Slot) => {
		if (!after) return true;
		const order = comparePositions(positionOf(slot), after);
		return descending ? order < 0 : order > 0;
	};
	if (descending) yield* range;
	for (const slot of descending ? before.toReversed() : before) if (beyond(slot)) yield slot;
	if (!descending) yield* range;
}

function selection(
	context: Context,
	query: DetailsQuery,
	candidates: Candidate[],
	keep: (conversation: Conversation) => boolean,
): Selection {
	const {org, model} = context;
	const keepSlot = (slot: Slot) => keep(conversationAt(org, model, slot.series, slot.n, slot.startMs));
	return {
		*conversations(after) {
			const streams = candidates.map(candidate =>
				candidateStream(context, candidate, {
					descending: query.descending,
					...(after ? {after} : {}),
					keep: keepSlot,
				}),
			);
			yield* mergeByStart(streams, query.descending);
		},
		count() {
			let total = 0;
			for (const {series, fromMs, toMs, all, before = []} of candidates) {
				total += before.length;
				if (all) total += countAll(model, series, fromMs, toMs);
				else
					for (const _ of seriesConversations(org, model, series, {fromMs, toMs}, {descending: false, keep: keepSlot}))
						total++;
			}
			return total;
		},
	};
}

/** All conversations of a series that entered its queue in [fromMs, toMs): a difference of two counts. */
function countAll(model: TrafficModel, series: Series, fromMs: number, toMs: number): number {
	return cumulativeOffered(model, series.key, toMs) - cumulativeOffered(model, series.key, fromMs);
}

/**
 * The synchronous query's conversations: those that started on a (UTC) day touched by the interval and pass the
 * filters, in order of start.
 */
export function syncSelection(context: Context, query: DetailsQuery): Selection {
	const fromMs = Math.floor(query.startMs / dayMs) * dayMs;
	const toMs = Math.floor((query.endMs - 1) / dayMs) * dayMs + dayMs;
	const candidates: Candidate[] = [];
	if (!query.impossible)
		for (const series of seriesOf(context.org).list) {
			const decided = seriesFilter(context.org, series, query.filters);
			if (decided !== false) candidates.push({series, fromMs, toMs, all: decided === true});
		}
	return selection(context, query, candidates, conversation =>
		query.filters.every(filter => filterHolds(context, conversation, filter)),
	);
}

/**
 * A job's conversations: every one that had activity during the interval (started in it, or started before and
 * still going at its start), up to the availability date: what started after it is missing, without a word.
 */
export function jobSelection(
	context: Context,
	query: DetailsQuery,
	availableMs: number,
	/** The job's conversations still going at its start, by series ordinal: found on the first page, kept for the next. */
	goingAtStart: Map<number, Slot[]>,
): Selection {
	const cutoffMs = Math.min(query.endMs, availableMs);
	const dayStart = Math.floor(query.startMs / dayMs) * dayMs;
	const fromMs = floorMinute(query.startMs);
	const keep = (conversation: Conversation) =>
		conversation.startMs < cutoffMs &&
		(conversation.startMs >= query.startMs || conversation.endMs > query.startMs) &&
		query.filters.every(filter => filterHolds(context, conversation, filter));
	const keepSlot = (slot: Slot) => keep(conversationAt(context.org, context.model, slot.series, slot.n, slot.startMs));
	const candidates: Candidate[] = [];
	if (!query.impossible)
		for (const series of seriesOf(context.org).list) {
			if (seriesFilter(context.org, series, query.filters) === false) continue;
			let before = goingAtStart.get(series.ordinal);
			if (!before) {
				// Scanned once per job: a page must not walk the hours before the interval again.
				const lookback = query.startMs - longestConversationMs(context.model, series);
				const range = {fromMs: floorMinute(query.startOfDay ? Math.max(lookback, dayStart) : lookback), toMs: fromMs};
				before = [
					...seriesConversations(context.org, context.model, series, range, {descending: false, keep: keepSlot}),
				];
				goingAtStart.set(series.ordinal, before);
			}
			candidates.push({series, fromMs, toMs: floorMinute(cutoffMs - 1) + minuteMs, all: false, before});
		}
	return selection(context, query, candidates, keep);
}
