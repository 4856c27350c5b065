// The org's Architect flows (inbound call, chat and message flows, bots, in-queue flows), their outcomes and
// milestones, and the flow sessions of the traffic model: every voice, chat and message offer of a queue came
// through its inbound flow (the queue traffic is unchanged: those sessions end where the queue visit starts), and
// each flow has sessions of its own that never reach a queue (ended in the flow, or sent elsewhere).
import {type MediaType, mediaTypes} from './catalog.js';
import type {EmulatedQueue, Org, QueueMediaProfile} from './org.js';
import {hash, stableUuid, unit} from './random.js';
import {cumulativeOffered, share, type SeriesKey, type TrafficModel} from './traffic.js';

export type EmulatedOutcome = {id: string; name: string; description: string};
export type EmulatedMilestone = {id: string; name: string};

export type EmulatedFlow = {
	index: number;
	id: string;
	name: string;
	/** Analytics' upper-case flow type (INBOUNDCALL); the listing's `type` filter takes it in lower case. */
	type: string;
	media: MediaType;
	deleted: boolean;
	outcomes: EmulatedOutcome[];
	milestones: EmulatedMilestone[];
	/** Sessions a weekday that never reach a queue. */
	dailyOwn: number;
	/** The part of those that end in the flow (hang-up or a Disconnect action). */
	containRate: number;
	/** Where the others go (analytics' transferType), and to what address. */
	elsewhere: {transferType: string; address: string; name: string};
	/** Typical time in the flow. */
	meanMs: number;
};

const outcomeNames = [
	['Caller identified', 'The caller gave an account number that was found'],
	['Payment taken', 'A card payment completed in self-service'],
	['Balance told', 'The balance was read out'],
	['Order status told', 'The order status was given'],
	['Password reset', 'The password was reset without an agent'],
	['Message taken', 'A message was left after hours'],
] as const;

const milestoneNames = ['Menu reached', 'Account found', 'Card accepted', 'Intent recognised'] as const;

type FlowSpec = {
	name: string;
	type: string;
	media: MediaType;
	outcomes: number[];
	milestones: number[];
	dailyOwn: number;
	containRate: number;
	elsewhere: 'NUMBER' | 'FLOW' | 'ACD_VOICEMAIL' | 'USER';
	meanMs: number;
	deleted?: boolean;
};

const flowSpecs: readonly FlowSpec[] = [
	{
		name: 'Main Line IVR',
		type: 'INBOUNDCALL',
		media: 'voice',
		outcomes: [0, 1],
		milestones: [0, 1],
		dailyOwn: 2600,
		containRate: 0.7,
		elsewhere: 'NUMBER',
		meanMs: 52_000,
	},
	{
		name: 'Sales Line IVR',
		type: 'INBOUNDCALL',
		media: 'voice',
		outcomes: [0],
		milestones: [0],
		dailyOwn: 700,
		containRate: 0.6,
		elsewhere: 'FLOW',
		meanMs: 38_000,
	},
	{
		name: 'Support Line IVR',
		type: 'INBOUNDCALL',
		media: 'voice',
		outcomes: [0, 4],
		milestones: [0, 1],
		dailyOwn: 1500,
		containRate: 0.65,
		elsewhere: 'NUMBER',
		meanMs: 61_000,
	},
	{
		name: 'After Hours IVR',
		type: 'INBOUNDCALL',
		media: 'voice',
		outcomes: [5],
		milestones: [],
		dailyOwn: 90,
		containRate: 0.85,
		elsewhere: 'ACD_VOICEMAIL',
		meanMs: 75_000,
	},
	{
		name: 'Web Chat Entry',
		type: 'INBOUNDCHAT',
		media: 'chat',
		outcomes: [],
		milestones: [3],
		dailyOwn: 900,
		containRate: 0.55,
		elsewhere: 'FLOW',
		meanMs: 21_000,
	},
	{
		name: 'Messaging Entry',
		type: 'INBOUNDSHORTMESSAGE',
		media: 'message',
		outcomes: [3],
		milestones: [3],
		dailyOwn: 1200,
		containRate: 0.6,
		elsewhere: 'FLOW',
		meanMs: 44_000,
	},
	{
		name: 'Billing Bot',
		type: 'BOT',
		media: 'voice',
		outcomes: [1, 2],
		milestones: [1, 2],
		dailyOwn: 310,
		containRate: 0.8,
		elsewhere: 'FLOW',
		meanMs: 140_000,
	},
	{
		name: 'Order Status Bot',
		type: 'DIGITALBOT',
		media: 'message',
		outcomes: [3],
		milestones: [3],
		dailyOwn: 220,
		containRate: 0.75,
		elsewhere: 'FLOW',
		meanMs: 95_000,
	},
	{
		name: 'Password Reset Bot',
		type: 'BOT',
		media: 'voice',
		outcomes: [4],
		milestones: [1],
		dailyOwn: 160,
		containRate: 0.7,
		elsewhere: 'USER',
		meanMs: 170_000,
	},
	{
		name: 'Hold Music',
		type: 'INQUEUECALL',
		media: 'voice',
		outcomes: [],
		milestones: [],
		dailyOwn: 190,
		containRate: 0.55,
		elsewhere: 'ACD_VOICEMAIL',
		meanMs: 120_000,
	},
	{
		name: 'Priority Callback Offer',
		type: 'INQUEUECALL',
		media: 'voice',
		outcomes: [],
		milestones: [],
		dailyOwn: 65,
		containRate: 0.4,
		elsewhere: 'ACD_VOICEMAIL',
		meanMs: 90_000,
	},
	{
		name: 'Old Main Line IVR',
		type: 'INBOUNDCALL',
		media: 'voice',
		outcomes: [0],
		milestones: [],
		dailyOwn: 18,
		containRate: 0.7,
		elsewhere: 'NUMBER',
		meanMs: 50_000,
		deleted: true,
	},
];

/** Kinds of stable ids (random.ts), apart from the org's. */
const flowKind = 41;
const outcomeKind = 42;
const milestoneKind = 43;

export type FlowCatalog = {
	flows: EmulatedFlow[];
	outcomes: EmulatedOutcome[];
	milestones: EmulatedMilestone[];
	byId: Map<string, EmulatedFlow>;
};

const catalogs = new WeakMap<Org, FlowCatalog>();

/** The org's flows, the same for a seed on every run. */
export function flowCatalogOf(org: Org): FlowCatalog {
	const known = catalogs.get(org);
	if (known) return known;
	const outcomes = outcomeNames.map(([name, description], index) => ({
		id: stableUuid(org.seed, outcomeKind, index),
		name,
		description,
	}));
	const milestones = milestoneNames.map((name, index) => ({id: stableUuid(org.seed, milestoneKind, index), name}));
	const flows = flowSpecs.map((spec, index): EmulatedFlow => {
		const address =
			spec.elsewhere === 'NUMBER'
				? `tel:+1555010${String(index).padStart(4, '0')}`
				: stableUuid(org.seed, flowKind + 10, index);
		return {
			index,
			id: stableUuid(org.seed, flowKind, index),
			name: spec.name,
			type: spec.type,
			media: spec.media,
			deleted: spec.deleted === true,
			outcomes: spec.outcomes.map(at => outcomes[at]!),
			milestones: spec.milestones.map(at => milestones[at]!),
			dailyOwn: spec.dailyOwn,
			containRate: spec.containRate,
			elsewhere: {transferType: spec.elsewhere, address, name: spec.elsewhere.toLowerCase()},
			meanMs: spec.meanMs,
		};
	});
	const catalog = {flows, outcomes, milestones, byId: new Map(flows.map(flow => [flow.id, flow]))};
	catalogs.set(org, catalog);
	return catalog;
}

/** The inbound flow every offer of a queue's media came through: the three voice IVRs by turn, chat, message. */
export function inboundFlowOf(catalog: FlowCatalog, queue: EmulatedQueue, media: MediaType): EmulatedFlow | undefined {
	if (media === 'voice') return catalog.flows[queue.index % 3];
	if (media === 'chat') return catalog.flows[4];
	if (media === 'message') return catalog.flows[5];
	return undefined;
}

/**
 * A series of flow sessions: a queue's offers of one media through its inbound flow (`queue` set: every session
 * exits to that queue), or a flow's own sessions (none reach a queue).
 */
export type FlowSeries = {flow: EmulatedFlow; key: SeriesKey; queue?: EmulatedQueue};

/** The profile of a flow's own sessions: only its volume and media are read (cumulativeOffered). */
function ownProfile(flow: EmulatedFlow): QueueMediaProfile {
	return {
		media: flow.media,
		dailyOffered: flow.dailyOwn,
		abandonRate: 0,
		flowOutRate: 0,
		shortAbandonShare: 0,
		overSlaShare: 0,
		transferShare: 0,
		holdShare: 0,
		acwShare: 0,
		timeScale: 1,
		serviceLevelTarget: 0,
		serviceLevelMs: 0,
	};
}

/** Series index space of flows' own sessions, apart from the queues'. */
const ownSeriesBase = 1_000_000;

export function* flowSeriesOf(org: Org): Generator<FlowSeries> {
	const catalog = flowCatalogOf(org);
	for (const queue of org.queues)
		for (const profile of queue.media) {
			const flow = inboundFlowOf(catalog, queue, profile.media);
			if (!flow) continue;
			const key = {
				queueIndex: queue.index,
				mediaIndex: mediaTypes.indexOf(profile.media),
				dayShift: queue.dayShift,
				profile,
			};
			yield {flow, key, queue};
		}
	for (const flow of catalog.flows)
		yield {
			flow,
			key: {
				queueIndex: ownSeriesBase + flow.index,
				mediaIndex: mediaTypes.indexOf(flow.media),
				dayShift: 0,
				profile: ownProfile(flow),
			},
		};
}

/** Sessions of a series up to a time: a queue series' are its offers (countsOfOffered's `offered`). */
export function sessionsUpTo(model: TrafficModel, series: FlowSeries, ms: number): number {
	return cumulativeOffered(model, series.key, ms);
}

/** How the first `sessions` sessions of a series split: ended in the flow (by whom), sent elsewhere, outcomes. */
export type FlowCounts = {
	sessions: number;
	/** Ended by the caller hanging up in the flow, and by the flow's own Disconnect action. */
	hungUp: number;
	flowDisconnected: number;
	/** Left for a queue (a queue series' sessions all do) or for elsewhere. */
	toQueue: number;
	elsewhere: number;
	/** Per outcome of the flow: started, failed (the rest succeeded). */
	outcomes: Array<{started: number; failed: number}>;
	milestones: number[];
};

export function flowCounts(model: TrafficModel, series: FlowSeries, sessions: number): FlowCounts {
	const {flow, key} = series;
	const phase = (salt: number) => unit(model.seed, key.queueIndex, key.mediaIndex, 700 + salt);
	const period = Math.max(20, key.profile.dailyOffered * 1.3);
	const contained = series.queue ? 0 : share(sessions, flow.containRate, phase(1), period);
	const flowDisconnected = share(contained, 0.35, phase(2), period);
	// In-queue flows have no outcomes (Genesys does not measure them there).
	const outcomes = flow.outcomes.map((_, slot) => {
		const started = share(sessions, 0.45 / (slot + 1), phase(10 + slot), period);
		return {started, failed: share(started, 0.2 + 0.1 * slot, phase(20 + slot), period)};
	});
	return {
		sessions,
		hungUp: contained - flowDisconnected,
		flowDisconnected,
		toQueue: series.queue ? sessions : 0,
		elsewhere: series.queue ? 0 : sessions - contained,
		outcomes,
		milestones: flow.milestones.map((_, slot) => share(sessions, 0.7 - 0.2 * slot, phase(30 + slot), period)),
	};
}

/** Time values repeat every this many sessions. */
const period = 97;

/** Value number n of a sequence of times around `meanMs` (kind: which sequence), and sums of a run of them. */
function timeValue(seed: number, series: FlowSeries, kind: number, meanMs: number, n: number): number {
	const shift = hash(seed, series.key.queueIndex, series.key.mediaIndex, kind) % period;
	return Math.round(meanMs * (0.3 + 1.4 * unit(seed, 7100, series.flow.index, kind, (n + shift) % period)));
}

export type TimeStats = {count: number; sum: number; min: number; max: number};

/** The times of sessions [from, to) of one sequence: every value is read once at most a period (sums by whole periods). */
export function timeStats(
	seed: number,
	series: FlowSeries,
	kind: number,
	meanMs: number,
	from: number,
	to: number,
): TimeStats | undefined {
	if (to <= from) return undefined;
	const values: number[] = [];
	for (let n = from; n < Math.min(to, from + period); n++) values.push(timeValue(seed, series, kind, meanMs, n));
	let sum = 0;
	for (const value of values) sum += value;
	const count = to - from;
	if (count > period) {
		// Whole periods sum to the period's sum; the rest continues from where a period would restart.
		const whole = Math.floor(count / period);
		let rest = 0;
		for (let n = from; n < from + (count % period); n++) rest += timeValue(seed, series, kind, meanMs, n);
		sum = whole * sum + rest;
	}
	return {count, sum, min: Math.min(...values), max: Math.max(...values)};
}
