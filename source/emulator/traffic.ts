// The traffic model. Each (queue, media) has a cumulative count function of time; the number of
// conversations in [a, b) is C(b) - C(a), so any interval costs O(1) whatever its length, and the
// answer for a range always equals the sum of the answers for its parts. Answered, abandoned,
// flow-outs and the rest are monotone functions of the cumulative offered count, which makes the
// identities (offered = answered + abandoned + flow-outs, ...) hold in every bucket. Timer values
// are per-conversation sequences with closed-form prefix sums.
import type {MediaType} from './catalog.js';
import type {QueueMediaProfile} from './org.js';
import {hash, normal, unit} from './random.js';

/** Minute zero of the model: a Monday. */
const epochMs = Date.UTC(2020, 0, 6);
const minutesPerDay = 1440;
/** Day pattern period: 53 weeks, so queues shifted by whole weeks keep their weekday shape. */
const dayPeriod = 371;
/** Timer value sequences repeat every this many conversations. */
const timerPeriod = 97;

export type TimerMetric =
	'tAnswered' | 'tAbandon' | 'tFlowOut' | 'tShortAbandon' | 'tWait' | 'tHandle' | 'tTalk' | 'tHeld' | 'tAcw';
export const timerMetrics: readonly TimerMetric[] = [
	'tAnswered',
	'tAbandon',
	'tFlowOut',
	'tShortAbandon',
	'tWait',
	'tHandle',
	'tTalk',
	'tHeld',
	'tAcw',
];

/** Typical mean per media type, in ms, before the queue's own scale. */
const timerMeansMs: Record<TimerMetric, Record<MediaType, number>> = {
	tAnswered: {voice: 24_000, chat: 35_000, email: 5_400_000, message: 90_000, callback: 40_000},
	tAbandon: {voice: 55_000, chat: 70_000, email: 7_200_000, message: 180_000, callback: 60_000},
	tFlowOut: {voice: 150_000, chat: 160_000, email: 9_000_000, message: 240_000, callback: 150_000},
	tShortAbandon: {voice: 4_000, chat: 5_000, email: 5_000, message: 5_000, callback: 4_000},
	tWait: {voice: 30_000, chat: 42_000, email: 6_000_000, message: 110_000, callback: 45_000},
	tHandle: {voice: 330_000, chat: 620_000, email: 780_000, message: 540_000, callback: 360_000},
	// Talk is a fixed share of each conversation's handle time (same sequence, see timerStats).
	tTalk: {voice: 257_400, chat: 483_600, email: 608_400, message: 421_200, callback: 280_800},
	tHeld: {voice: 65_000, chat: 40_000, email: 40_000, message: 40_000, callback: 60_000},
	tAcw: {voice: 45_000, chat: 60_000, email: 120_000, message: 50_000, callback: 45_000},
};

const timerSpread: Record<TimerMetric, number> = {
	tAnswered: 0.9,
	tAbandon: 0.8,
	tFlowOut: 0.4,
	tShortAbandon: 0.4,
	tWait: 0.9,
	tHandle: 0.6,
	tTalk: 0.6,
	tHeld: 0.7,
	tAcw: 0.6,
};

/** Share of a media type's daily volume in each minute of the org's local day. */
const intradayShape: Record<MediaType, (hour: number) => number> = {
	voice: hour => 0.03 + bump(hour, 10.5, 2.2) + 0.9 * bump(hour, 14.5, 2.5),
	chat: hour => 0.04 + 0.8 * bump(hour, 11, 2.8) + bump(hour, 16, 3.2),
	email: hour => 0.25 + bump(hour, 9.5, 3) + 0.7 * bump(hour, 15, 3),
	message: hour => 0.08 + 0.7 * bump(hour, 12, 3) + bump(hour, 19.5, 2.5),
	callback: hour => 0.01 + bump(hour, 11, 2) + bump(hour, 15, 2),
};

function bump(hour: number, center: number, width: number): number {
	return Math.exp(-(((hour - center) / width) ** 2));
}

const weekdayWeight = [1.1, 1.05, 1, 1, 0.95, 0.35, 0.25];

export type TrafficModel = {
	/** UTC offset of the org's business day, in minutes (the intraday curve follows it). */
	offsetMinutes: number;
	/** First and last minute with data (the org's start and "now"), as epoch ms. */
	dataStartMs: number;
	nowMs: () => number;
	daySums: Float64Array;
	dayWeights: Float64Array;
	intradayPrefix: Record<MediaType, Float64Array>;
	timerTables: Record<TimerMetric, {prefix: Float64Array; total: number}>;
	/** Min and max of each whole timer sequence, filled on first use. */
	extremes: Map<string, [number, number]>;
	/** Each series' answered waits under its service-level time, by place in the sequence (see `withinServiceLevel`). */
	withinTables: Map<string, Uint8Array>;
	/** Each series' sum of one period of answered waits (see `answeredPeriodSumMs`). */
	answeredSums: Map<string, number>;
	seed: number;
};

export function createTrafficModel(
	seed: number,
	options: {offsetMinutes: number; dataStartMs: number; nowMs: () => number},
): TrafficModel {
	const dayWeights = new Float64Array(dayPeriod);
	const daySums = new Float64Array(dayPeriod + 1);
	for (let day = 0; day < dayPeriod; day++) {
		dayWeights[day] = (weekdayWeight[day % 7] ?? 1) * (0.8 + 0.4 * unit(seed, 5, day));
		daySums[day + 1] = (daySums[day] ?? 0) + (dayWeights[day] ?? 0);
	}
	const intradayPrefix = {} as Record<MediaType, Float64Array>;
	for (const [media, shape] of Object.entries(intradayShape) as Array<[MediaType, (hour: number) => number]>) {
		const prefix = new Float64Array(minutesPerDay + 1);
		for (let minute = 0; minute < minutesPerDay; minute++)
			prefix[minute + 1] = (prefix[minute] ?? 0) + shape((minute + 0.5) / 60);
		const total = prefix[minutesPerDay] ?? 1;
		for (let minute = 0; minute <= minutesPerDay; minute++) prefix[minute] = (prefix[minute] ?? 0) / total;
		intradayPrefix[media] = prefix;
	}
	const timerTables = {} as TrafficModel['timerTables'];
	timerMetrics.forEach((metric, metricIndex) => {
		const prefix = new Float64Array(timerPeriod + 1);
		const sigma = timerSpread[metric];
		for (let index = 0; index < timerPeriod; index++) {
			const value = Math.exp(sigma * normal(unit(seed, 6, metricIndex, index), unit(seed, 7, metricIndex, index)));
			prefix[index + 1] = (prefix[index] ?? 0) + value;
		}
		timerTables[metric] = {prefix, total: prefix[timerPeriod] ?? 1};
	});
	return {
		...options,
		daySums,
		dayWeights,
		intradayPrefix,
		timerTables,
		extremes: new Map(),
		withinTables: new Map(),
		answeredSums: new Map(),
		seed,
	};
}

function mod(value: number, period: number): number {
	return ((value % period) + period) % period;
}

/** Sum of day weights over days [0, n) of the periodic day pattern. */
function dayWeightPrefix(model: TrafficModel, n: number): number {
	const cycles = Math.floor(n / dayPeriod);
	return cycles * (model.daySums[dayPeriod] ?? 0) + (model.daySums[mod(n, dayPeriod)] ?? 0);
}

export type SeriesKey = {queueIndex: number; mediaIndex: number; dayShift: number; profile: QueueMediaProfile};

/** Smooth cumulative expected volume at local minute M (no noise). */
function baseCumulative(model: TrafficModel, key: SeriesKey, localMinute: number): number {
	const day = Math.floor(localMinute / minutesPerDay);
	const minuteOfDay = localMinute - day * minutesPerDay;
	const shifted = day + key.dayShift;
	const dayStart = dayWeightPrefix(model, shifted) - dayWeightPrefix(model, key.dayShift);
	const weight = model.dayWeights[mod(shifted, dayPeriod)] ?? 0;
	return key.profile.dailyOffered * (dayStart + weight * (model.intradayPrefix[key.profile.media][minuteOfDay] ?? 0));
}

function toLocalMinute(model: TrafficModel, ms: number): number {
	const clamped = Math.min(Math.max(ms, model.dataStartMs), model.nowMs());
	return Math.floor((clamped - epochMs) / 60_000) + model.offsetMinutes;
}

/** Cumulative offered count at a time: monotone, integer, with per-minute noise. */
export function cumulativeOffered(model: TrafficModel, key: SeriesKey, ms: number): number {
	const minute = toLocalMinute(model, ms);
	const base = baseCumulative(model, key, minute);
	const step = baseCumulative(model, key, minute + 1) - base;
	// Noise of at most one minute's increment keeps the function monotone.
	const noise = unit(model.seed, key.queueIndex, key.mediaIndex, minute, 11) * step;
	return Math.floor(base + noise);
}

/**
 * The part of the first `total` conversations that have some property, as an integer function of
 * `total` whose steps are 0 or 1: any range of conversations gets a share between 0 and all of it.
 * The share drifts between 20% and 180% of `fraction` over `period` conversations, so busy stretches
 * and quiet ones differ (abandon rate, service level) instead of being flat.
 */
export function share(total: number, fraction: number, phase: number, period: number): number {
	if (fraction <= 0) return 0;
	const amplitude = (0.8 * Math.min(fraction, 1 - fraction) * period) / (2 * Math.PI);
	const angle = phase * 2 * Math.PI;
	return Math.floor(
		fraction * total +
			amplitude * (1 - Math.cos((2 * Math.PI * total) / period + angle)) -
			amplitude * (1 - Math.cos(angle)) +
			phase,
	);
}

export type Cumulative = {
	offered: number;
	abandoned: number;
	flowOuts: number;
	answered: number;
	shortAbandoned: number;
	overSla: number;
	transferred: number;
	held: number;
	/** Hold segments: some held conversations are held twice. */
	holdSegments: number;
	acw: number;
};

/** All cumulative counts at a time, each a monotone function of the offered count. */
export function cumulativeCounts(model: TrafficModel, key: SeriesKey, ms: number): Cumulative {
	return countsOfOffered(model, key, cumulativeOffered(model, key, ms));
}

/**
 * The counts of the first `offered` conversations of a series. Conversation n's outcome is what
 * changes from `countsOfOffered(n)` to `countsOfOffered(n + 1)` (conversations.ts reads it so).
 */
export function countsOfOffered(model: TrafficModel, key: SeriesKey, offered: number): Cumulative {
	const p = key.profile;
	const phase = (salt: number) => unit(model.seed, key.queueIndex, key.mediaIndex, salt);
	// About a day and a half of this queue's volume per swing, so the drift shows from day to day.
	const period = Math.max(20, p.dailyOffered * 1.7);
	const abandoned = share(offered, p.abandonRate, phase(21), period);
	const flowOuts = share(offered - abandoned, p.flowOutRate, phase(22), period);
	const answered = offered - abandoned - flowOuts;
	const held = share(answered, p.holdShare, phase(26), period);
	return {
		offered,
		abandoned,
		flowOuts,
		answered,
		shortAbandoned: share(abandoned, p.shortAbandonShare, phase(23), period / 10),
		// Over SLA is what it says: the answered whose wait (their tAnswered value) reached the service-level time.
		overSla: answered - withinServiceLevel(model, key, answered),
		transferred: share(answered, p.transferShare, phase(25), period),
		held,
		holdSegments: held + share(held, 0.3, phase(28), period),
		acw: share(answered, p.acwShare, phase(27), period),
	};
}

export type TimerStats = {count: number; sum: number; min: number; max: number};

/** S(n): the sum of the first n values of a timer sequence, an integer; S(n + period) = S(n) + the period's sum. */
function timerPrefix(model: TrafficModel, key: SeriesKey, metric: TimerMetric): (n: number) => number {
	// Talk follows the handle-time sequence, so talk never exceeds handle for the same conversations.
	const sequence = metric === 'tTalk' ? 'tHandle' : metric;
	const table = model.timerTables[sequence];
	const metricIndex = timerMetrics.indexOf(sequence);
	const periodSumMs =
		metric === 'tAnswered'
			? answeredPeriodSumMs(model, key)
			: Math.round(timerMeansMs[metric][key.profile.media] * key.profile.timeScale * timerPeriod);
	const shift = hash(model.seed, key.queueIndex, key.mediaIndex, metricIndex) % timerPeriod;
	return (n: number) => {
		const shifted = n + shift;
		return (
			Math.floor(shifted / timerPeriod) * periodSumMs +
			Math.round((periodSumMs * (table.prefix[shifted % timerPeriod] ?? 0)) / table.total)
		);
	};
}

/**
 * Answered waits are scaled so that the queue's share over its service-level time is about its `overSlaShare`: the
 * wait at that quantile of the sequence is just under the SL time. (A series without an SL time keeps its mean.)
 */
function answeredPeriodSumMs(model: TrafficModel, key: SeriesKey): number {
	const cacheKey = `${key.queueIndex}:${key.mediaIndex}`;
	const cached = model.answeredSums.get(cacheKey);
	if (cached !== undefined) return cached;
	const {prefix, total} = model.timerTables.tAnswered;
	const {serviceLevelMs, overSlaShare, media, timeScale} = key.profile;
	const base = Math.round(timerMeansMs.tAnswered[media] * timeScale * timerPeriod);
	let sum = base;
	if (serviceLevelMs > 0) {
		const values = Array.from({length: timerPeriod}, (_, index) => (prefix[index + 1] ?? 0) - (prefix[index] ?? 0));
		values.sort((a, b) => a - b);
		const within = Math.min(timerPeriod - 1, Math.max(0, Math.round((1 - overSlaShare) * timerPeriod) - 1));
		// Within a quarter and four times the media's usual mean: where the sequence's quantile is near zero (a queue
		// meant to miss its SL often), the scale would make waits of hours, an ASA no queue has.
		const scaled = (0.97 * serviceLevelMs * total) / Math.max(values[within] ?? 0, Number.MIN_VALUE);
		sum = Math.round(Math.min(base * 4, Math.max(base / 4, scaled)));
	}
	model.answeredSums.set(cacheKey, sum);
	return sum;
}

/**
 * How many of values [0, n) of a timer sequence are in [gte, lt) ms, and their sum: the sequence repeats every period,
 * so it is one table of a period's counts and sums, whole periods and a remainder (O(1) a call after the table).
 */
export function rangeCounter(
	model: TrafficModel,
	key: SeriesKey,
	metric: TimerMetric,
	range: {gte?: number; lt?: number},
): (n: number) => {count: number; sum: number} {
	const sumTo = timerPrefix(model, key, metric);
	const {gte = Number.NEGATIVE_INFINITY, lt = Number.POSITIVE_INFINITY} = range;
	// counts[j], sums[j]: of values [0, j), those in the range; value i + period is value i.
	const counts = new Uint8Array(timerPeriod + 1);
	const sums = new Float64Array(timerPeriod + 1);
	for (let index = 0; index < timerPeriod; index++) {
		const value = sumTo(index + 1) - sumTo(index);
		const inside = value >= gte && value < lt;
		counts[index + 1] = (counts[index] ?? 0) + (inside ? 1 : 0);
		sums[index + 1] = (sums[index] ?? 0) + (inside ? value : 0);
	}
	return n => {
		const cycles = Math.floor(n / timerPeriod);
		const rest = n % timerPeriod;
		return {
			count: cycles * (counts[timerPeriod] ?? 0) + (counts[rest] ?? 0),
			sum: cycles * (sums[timerPeriod] ?? 0) + (sums[rest] ?? 0),
		};
	};
}

/** How many of a series' first `answered` answered conversations waited less than its service-level time. */
function withinServiceLevel(model: TrafficModel, key: SeriesKey, answered: number): number {
	if (key.profile.serviceLevelMs <= 0) return answered;
	const cacheKey = `${key.queueIndex}:${key.mediaIndex}`;
	let counts = model.withinTables.get(cacheKey);
	if (!counts) {
		const counter = rangeCounter(model, key, 'tAnswered', {lt: key.profile.serviceLevelMs});
		counts = Uint8Array.from({length: timerPeriod + 1}, (_, index) => counter(index).count);
		model.withinTables.set(cacheKey, counts);
	}
	return Math.floor(answered / timerPeriod) * (counts[timerPeriod] ?? 0) + (counts[answered % timerPeriod] ?? 0);
}

/** Value number `index` of a series' timer sequence: one conversation's timer (conversations.ts). */
export function timerValue(model: TrafficModel, key: SeriesKey, metric: TimerMetric, index: number): number {
	const sumTo = timerPrefix(model, key, metric);
	return sumTo(index + 1) - sumTo(index);
}

/** Timer values of conversations [n1, n2) of one (queue, media, metric) sequence. */
export function timerStats(
	model: TrafficModel,
	key: SeriesKey,
	metric: TimerMetric,
	n1: number,
	n2: number,
): TimerStats | undefined {
	if (n2 <= n1) return undefined;
	const sumTo = timerPrefix(model, key, metric);
	const sum = sumTo(n2) - sumTo(n1);
	// A range of a whole period or more sees every value of the sequence: its extremes are cached.
	const whole = n2 - n1 >= timerPeriod;
	const cacheKey = `${key.queueIndex}:${key.mediaIndex}:${metric}`;
	const cached = whole ? model.extremes.get(cacheKey) : undefined;
	if (cached) return {count: n2 - n1, sum, min: cached[0], max: cached[1]};
	let min = Number.POSITIVE_INFINITY;
	let max = 0;
	const span = Math.min(n2 - n1, timerPeriod);
	let previous = sumTo(n1);
	for (let n = n1 + 1; n <= n1 + span; n++) {
		const next = sumTo(n);
		const value = next - previous;
		if (value < min) min = value;
		if (value > max) max = value;
		previous = next;
	}
	if (whole) model.extremes.set(cacheKey, [min, max]);
	return {count: n2 - n1, sum, min, max};
}
