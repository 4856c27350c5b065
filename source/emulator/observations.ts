// POST /api/v2/analytics/queues/observations/query: validation and answer shape of the reference (§A), numbers
// from the traffic model at the current time of day (arrivals times mean wait and handle time), agents as queue
// members with routing statuses, and noise that changes with every request so the numbers move.
import {isAnalyticsMediaType} from '../genesys/media-types.js';
import {agentStatesOf, currentMembers, presenceDefinitions} from './agent-states.js';
import {mediaTypes} from './catalog.js';
import type {EmulatedQueue, Org, QueueMediaProfile} from './org.js';
import {hash, stableUuid, unit} from './random.js';
import {cumulativeOffered, type SeriesKey, timerStats, type TrafficModel} from './traffic.js';

export type HttpFailure = {status: number; code: string; message: string};

export const observationMetrics: readonly string[] = [
	'oActiveUsers',
	'oAlerting',
	'oInteracting',
	'oLongestInteracting',
	'oLongestWaiting',
	'oMemberUsers',
	'oOffQueueUsers',
	'oOnQueueUsers',
	'oUserPresences',
	'oUserRoutingStatuses',
	'oWaiting',
];
const detailMetricNames = new Set(observationMetrics.filter(metric => !metric.startsWith('oLongest')));
const userMetrics = new Set([
	'oActiveUsers',
	'oMemberUsers',
	'oOnQueueUsers',
	'oOffQueueUsers',
	'oUserPresences',
	'oUserRoutingStatuses',
]);

/** The most queue ids one query may name (3P tools chunk at 100; treated as the cap, reference §A.4). */
export const maxQueuePredicates = 100;
/** Detail observations kept per metric; more are cut to the oldest half and the newest half. */
export const maxDetailObservations = 100;

/** Each system presence's organization presence ids (the primary definition's and the org's own). */
export function systemToOrganizationMappings(): Record<string, string[]> {
	const mappings: Record<string, string[]> = {};
	for (const definition of presenceDefinitions) (mappings[definition.systemPresence] ??= []).push(definition.id);
	return mappings;
}

export type ObservationQuery = {
	queueIds: string[];
	mediaTypes: string[] | undefined;
	metrics: string[];
	details: string[];
};

function invalid(message: string, code = 'bad.request'): HttpFailure {
	return {status: 400, code, message};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the body like the real API and reads which queues and media it asks for. */
export function validateObservationQuery(body: unknown): ObservationQuery | HttpFailure {
	if (!isRecord(body)) return invalid('The request body must be a JSON object.');
	const {filter, metrics, detailMetrics} = body;
	if (!Array.isArray(metrics) || metrics.length === 0) return invalid('metrics is required and may not be empty.');
	for (const metric of metrics)
		if (typeof metric !== 'string' || !observationMetrics.includes(metric))
			return invalid(
				`Value [${String(metric)}] is not valid for field type [metrics]. Allowable values are: ${observationMetrics.join(', ')}`,
				'invalid.value',
			);
	if (detailMetrics !== undefined && !Array.isArray(detailMetrics)) return invalid('detailMetrics must be a list.');
	for (const metric of (detailMetrics as unknown[] | undefined) ?? [])
		if (typeof metric !== 'string' || !detailMetricNames.has(metric))
			return invalid(`Value [${String(metric)}] is not valid for field type [detailMetrics].`, 'invalid.value');
	if (!isRecord(filter)) return invalid('filter is required.');
	const queueIds: string[] = [];
	const media: string[] = [];
	const failure = readFilter(filter, 'filter', queueIds, media);
	if (failure) return failure;
	if (queueIds.length === 0 && media.length === 0)
		return invalid('The observations API does not support empty filters: name at least one queueId.');
	if (queueIds.length === 0) return invalid('The filter must name at least one queueId.');
	if (queueIds.length > maxQueuePredicates)
		return invalid(
			`The filter names ${queueIds.length} queues; at most ${maxQueuePredicates} queueId predicates are allowed in one query.`,
		);
	return {
		queueIds: [...new Set(queueIds)],
		mediaTypes: media.length > 0 ? [...new Set(media)] : undefined,
		metrics: metrics as string[],
		details: (detailMetrics as string[] | undefined) ?? [],
	};
}

function readFilter(
	filter: Record<string, unknown>,
	where: string,
	queueIds: string[],
	media: string[],
): HttpFailure | undefined {
	if (filter['type'] !== 'and' && filter['type'] !== 'or')
		return invalid(
			`Value [${String(filter['type'])}] is not valid for field type [${where}.type]. Allowable values are: and, or`,
			'invalid.value',
		);
	const {clauses, predicates} = filter;
	if (clauses !== undefined && !Array.isArray(clauses)) return invalid(`${where}.clauses must be a list.`);
	if (predicates !== undefined && !Array.isArray(predicates)) return invalid(`${where}.predicates must be a list.`);
	for (const [index, clause] of ((clauses as unknown[] | undefined) ?? []).entries()) {
		if (!isRecord(clause)) return invalid(`${where}.clauses[${index}] must be an object.`);
		const failure = readFilter(clause, `${where}.clauses[${index}]`, queueIds, media);
		if (failure) return failure;
	}
	for (const [index, predicate] of ((predicates as unknown[] | undefined) ?? []).entries()) {
		const at = `${where}.predicates[${index}]`;
		if (!isRecord(predicate)) return invalid(`${at} must be an object.`);
		const {dimension, operator = 'matches', value} = predicate;
		if (dimension !== 'queueId' && dimension !== 'mediaType')
			return invalid(
				`Value [${String(dimension)}] is not valid for field type [${at}.dimension]. Allowable values are: mediaType, queueId`,
				'invalid.value',
			);
		if (operator !== 'matches') return invalid(`${at}: only the matches operator is supported here.`);
		if (typeof value !== 'string' || value === '') return invalid(`${at} needs a string value.`);
		if (dimension === 'mediaType') {
			if (!isAnalyticsMediaType(value))
				return invalid(`Value [${value}] is not valid for field type [${at}.value].`, 'invalid.value');
			media.push(value);
		} else queueIds.push(value);
	}
	return undefined;
}

type DataItem = {
	metric: string;
	qualifier?: string;
	stats: {count?: number; calculatedMetricValue?: number};
	truncated?: boolean;
	observations?: Array<Record<string, unknown>>;
};
export type ObservationResult = {group: {queueId: string; mediaType?: string}; data: DataItem[]};

/** What one queue and media type has right now. */
type MediaNow = {
	media: string;
	waiting: number;
	interacting: number;
	alerting: number;
	waitAgesMs: number[];
	talkAgesMs: number[];
};

function seriesKey(queue: EmulatedQueue, profile: QueueMediaProfile): SeriesKey {
	return {queueIndex: queue.index, mediaIndex: mediaTypes.indexOf(profile.media), dayShift: queue.dayShift, profile};
}

function meanMs(model: TrafficModel, key: SeriesKey, metric: 'tWait' | 'tHandle', offered: number): number {
	const stats = timerStats(model, key, metric, Math.max(0, offered - 97), Math.max(97, offered));
	return stats && stats.count > 0 ? stats.sum / stats.count : 60_000;
}

/** Seconds a queue's emulated moment moves at least from one observation of it to the next (a fixed clock in tests). */
const minStepSeconds = 5;
const noisePeriodMs = 120_000;

/**
 * The moment a queue is observed at: the clock, or 5 s past the queue's last observation if the clock has not moved
 * that far, so the numbers move between two requests even on a fixed clock while a real clock runs at its own pace
 * (the queues of one refresh in 17 queries do not see 85 s pass).
 */
function observedMoment(moments: Map<string, number>, queueId: string, nowMs: number): number {
	const last = moments.get(queueId);
	const moment = last === undefined ? nowMs : Math.max(nowMs, last + minStepSeconds * 1000);
	moments.set(queueId, moment);
	return moment;
}

/**
 * Noise in [0, 1) that drifts smoothly with time (a new value every two minutes, blended), so a queue's waiting
 * count changes a little between refreshes rather than jumping.
 */
function smoothNoise(seed: number, queue: number, media: number, momentMs: number, salt: number): number {
	const at = momentMs / noisePeriodMs;
	const step = Math.floor(at);
	const blend = at - step;
	const a = unit(seed, queue, media, step, salt);
	const b = unit(seed, queue, media, step + 1, salt);
	return a + (b - a) * (blend * blend * (3 - 2 * blend));
}

/**
 * How long the oldest waiter has waited: it ages with the clock and drops when it is answered (a saw tooth whose
 * period is about twice the mean wait, so the longest wait averages the mean), never jumping by more than the time
 * that passed.
 */
function oldestWaitMs(waitMs: number, momentMs: number, phase: number): number {
	const period = Math.min(4 * 3_600_000, Math.max(20_000, 2 * waitMs));
	return Math.round((momentMs + phase * period) % period);
}

/** Little's law on the model: conversations in a state = arrivals a minute x minutes spent in it, with noise. */
function mediaNow(
	model: TrafficModel,
	queue: EmulatedQueue,
	profile: QueueMediaProfile,
	nowMs: number,
	momentMs: number,
	tick: number,
): MediaNow {
	const key = seriesKey(queue, profile);
	const offered = cumulativeOffered(model, key, nowMs);
	const perMinute = (offered - cumulativeOffered(model, key, nowMs - 15 * 60_000)) / 15;
	const waitMs = meanMs(model, key, 'tWait', offered);
	const handleMs = meanMs(model, key, 'tHandle', offered);
	const noise = (salt: number) => smoothNoise(model.seed, queue.index, key.mediaIndex, momentMs, salt);
	// Long waits (email) are capped, as queues are worked down: the table stays readable.
	const waitingMean = (perMinute * Math.min(waitMs, 20 * 60_000)) / 60_000;
	const waiting = Math.floor(waitingMean * (0.4 + 1.2 * noise(1)) + noise(2));
	const interacting = Math.floor(
		((perMinute * Math.min(handleMs, 30 * 60_000)) / 60_000) * (0.6 + 0.8 * noise(3)) + noise(4),
	);
	const alerting = noise(5) < Math.min(0.8, perMinute / 4) ? 1 : 0;
	// The oldest waiter has waited up to about twice the mean; the others arrived since, oldest first.
	const longestMs =
		waiting > 0 ? oldestWaitMs(waitMs, momentMs, unit(model.seed, queue.index, key.mediaIndex, 0, 6)) : 0;
	const waitAgesMs = Array.from({length: waiting}, (_, index) =>
		Math.round(longestMs * (1 - index / Math.max(1, waiting))),
	);
	const talkAgesMs = Array.from({length: interacting}, (_, index) =>
		Math.round(handleMs * unit(model.seed, queue.index, key.mediaIndex, tick, 100 + index)),
	).sort((a, b) => b - a);
	return {media: profile.media, waiting, interacting, alerting, waitAgesMs, talkAgesMs};
}

/**
 * A scripted queue (an emulator scenario, for tests and the demo): between `fromMs` and `toMs` of the clock its first
 * media type has `waiting` callers, the oldest waiting `longestWaitMs`; otherwise nobody waits in it at all.
 */
export type Scenario = {queueId: string; fromMs: number; toMs: number; waiting: number; longestWaitMs: number};

function scripted(now: MediaNow, scenario: Scenario, first: boolean, nowMs: number): MediaNow {
	const active = first && nowMs >= scenario.fromMs && nowMs < scenario.toMs;
	const waiting = active ? scenario.waiting : 0;
	const waitAgesMs = Array.from({length: waiting}, (_, index) =>
		Math.round(scenario.longestWaitMs * (1 - index / Math.max(1, waiting))),
	);
	return {...now, waiting, waitAgesMs};
}

/** Queue members by routing status and presence, counted from each member's state at the moment (agent-states.ts). */
function agentsNow(org: Org, model: TrafficModel, queue: EmulatedQueue, nowMs: number) {
	const states = agentStatesOf(org, model);
	const members = currentMembers(org, queue);
	const routing: Record<string, number> = {IDLE: 0, INTERACTING: 0, COMMUNICATING: 0, NOT_RESPONDING: 0};
	const offQueue: Record<string, number> = {};
	const presences: Record<string, number> = {};
	let onQueue = 0;
	let active = 0;
	for (const member of members) {
		const state = states.at(member, nowMs);
		presences[state.presenceId] = (presences[state.presenceId] ?? 0) + 1;
		if (state.presence !== 'OFFLINE') active++;
		if (state.routing === 'OFF_QUEUE') offQueue[state.presenceId] = (offQueue[state.presenceId] ?? 0) + 1;
		else {
			onQueue++;
			routing[state.routing] = (routing[state.routing] ?? 0) + 1;
		}
	}
	return {members: members.length, active, routing, offQueue, presences, onQueue, off: members.length - onQueue};
}

function detailList(ages: number[], nowMs: number, make: (index: number) => Record<string, unknown>) {
	const all = ages.map((age, index) => ({observationDate: new Date(nowMs - age).toISOString(), ...make(index)}));
	if (all.length <= maxDetailObservations) return {observations: all};
	const half = maxDetailObservations / 2;
	return {observations: [...all.slice(0, half), ...all.slice(-half)], truncated: true};
}

/** The answer's results: one {queueId} group per queue (user counts), one {queueId, mediaType} group per media. */
export function runObservationQuery(
	org: Org,
	model: TrafficModel,
	query: ObservationQuery,
	nowMs: number,
	tick: number,
	isDeleted: (id: string) => boolean = () => false,
	moments: Map<string, number> = new Map(),
	scenarios: readonly Scenario[] = [],
): {systemToOrganizationMappings: Record<string, string[]>; results: ObservationResult[]} {
	const wanted = new Set(query.metrics);
	const details = new Set(query.details);
	const results: ObservationResult[] = [];
	for (const id of query.queueIds) {
		const queue = org.byId.get(id);
		if (!queue || isDeleted(id)) continue;
		const moment = observedMoment(moments, id, nowMs);
		const scenario = scenarios.find(each => each.queueId === id);
		const media = queue.media.map((profile, index) => {
			const now = mediaNow(model, queue, profile, nowMs, moment, tick);
			return scenario ? scripted(now, scenario, index === 0, nowMs) : now;
		});
		const agents = agentsNow(org, model, queue, nowMs);
		const userData: DataItem[] = [];
		if (wanted.has('oMemberUsers')) userData.push({metric: 'oMemberUsers', stats: {count: agents.members}});
		if (wanted.has('oActiveUsers')) userData.push({metric: 'oActiveUsers', stats: {count: agents.active}});
		if (wanted.has('oOnQueueUsers'))
			for (const [status, count] of Object.entries(agents.routing))
				if (count > 0) userData.push({metric: 'oOnQueueUsers', qualifier: status, stats: {count}});
		if (wanted.has('oOffQueueUsers'))
			for (const [presence, count] of Object.entries(agents.offQueue))
				if (count > 0) userData.push({metric: 'oOffQueueUsers', qualifier: presence, stats: {count}});
		if (wanted.has('oUserRoutingStatuses')) {
			for (const [status, count] of Object.entries({...agents.routing, OFF_QUEUE: agents.off}))
				if (count > 0) userData.push({metric: 'oUserRoutingStatuses', qualifier: status, stats: {count}});
		}
		if (wanted.has('oUserPresences')) {
			for (const [presence, count] of Object.entries(agents.presences))
				if (count > 0) userData.push({metric: 'oUserPresences', qualifier: presence, stats: {count}});
		}
		if ([...wanted].some(metric => userMetrics.has(metric))) results.push({group: {queueId: id}, data: userData});
		for (const each of media) {
			if (query.mediaTypes && !query.mediaTypes.includes(each.media)) continue;
			const data: DataItem[] = [];
			const conversation = (index: number) => ({
				conversationId: stableUuid(
					hash(model.seed, tick),
					80 + mediaTypes.indexOf(each.media as never),
					queue.index * 1000 + index,
				),
				direction: 'inbound',
			});
			if (wanted.has('oWaiting'))
				data.push({
					metric: 'oWaiting',
					stats: {count: each.waiting},
					...(details.has('oWaiting') ? detailList(each.waitAgesMs, nowMs, conversation) : {}),
				});
			if (wanted.has('oInteracting'))
				data.push({
					metric: 'oInteracting',
					stats: {count: each.interacting},
					...(details.has('oInteracting') ? detailList(each.talkAgesMs, nowMs, conversation) : {}),
				});
			if (wanted.has('oAlerting')) data.push({metric: 'oAlerting', stats: {count: each.alerting}});
			// An epoch-ms timestamp of the oldest waiter, not a duration (reference §A.3); absent when nobody waits.
			if (wanted.has('oLongestWaiting') && each.waiting > 0)
				data.push({metric: 'oLongestWaiting', stats: {calculatedMetricValue: nowMs - each.waitAgesMs[0]!}});
			if (wanted.has('oLongestInteracting') && each.interacting > 0)
				data.push({metric: 'oLongestInteracting', stats: {calculatedMetricValue: nowMs - each.talkAgesMs[0]!}});
			results.push({group: {queueId: id, mediaType: each.media}, data});
		}
	}
	return {
		systemToOrganizationMappings: systemToOrganizationMappings(),
		results,
	};
}
