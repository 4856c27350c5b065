// Single conversations of the traffic model, for the details endpoints. Conversation n of a (queue, media) series is
// the n-th to enter that queue; its outcome is what changes in the series' cumulative counts from n to n + 1, its
// timers are the series' timer sequences at its own outcome indexes, its agent and wrap-up code the aggregates'
// splits at its answered index. So the conversations that entered a queue in an interval add up to that interval's
// aggregates exactly. Nothing is stored: a conversation is computed from (series, n) when it is read.
// No IVR precedes the queue in this emulator: a conversation starts when it enters the queue.
import {type Entity, entitiesOf} from './aggregate-query.js';
import type {EmulatedQueue, Org} from './org.js';
import {handlerOf, queueNotResponding} from './people-aggregates.js';
import {peopleOf} from './people.js';
import {hash, unit} from './random.js';
import {countsOfOffered, cumulativeOffered, timerStats, timerValue, type TrafficModel} from './traffic.js';

export type Handler = {userIndex: number; codeIndex: number | undefined; otherIndex: number | undefined};

export type Series = Entity & {ordinal: number; queueId: string; queue: EmulatedQueue};

export type Conversation = {
	series: Series;
	n: number;
	startMs: number;
	outcome: 'answered' | 'abandoned' | 'flowOut';
	shortAbandoned: boolean;
	overSla: boolean;
	transferred: boolean;
	/** Hold segments: 0, 1 or 2. */
	holdSegments: number;
	acw: boolean;
	/** When the conversation left the queue (answered, abandoned or flowed out), and the queue timer's value. */
	exitMs: number;
	queueMs: number;
	shortAbandonMs: number;
	alertMs: number;
	talkMs: number;
	heldMs: number;
	acwMs: number;
	handleMs: number;
	/** Its number among the series' answered conversations (the agent and code splits read it). */
	answeredIndex: number;
	/** An alert no agent answered before the answered one (its tNotResponding), 0 when none. */
	notRespondingMs: number;
	/** Who answered and with which code (and who did not respond), once asked for (handlerOfConversation). */
	handler?: Handler;
	/** The agent ended the interaction (else the customer did). */
	agentEnded: boolean;
	/** End of talk and hold (the customer leaves), and of the whole conversation. */
	talkEndMs: number;
	endMs: number;
};

const minuteMs = 60_000;
const seriesCache = new WeakMap<Org, {list: Series[]; byIndexes: Map<string, Series>}>();

/** Every queue x media series of the org (traffic that reached no queue has no details here). */
export function seriesOf(org: Org): {list: Series[]; byIndexes: Map<string, Series>} {
	let cached = seriesCache.get(org);
	if (!cached) {
		const list: Series[] = [];
		for (const entity of entitiesOf(org, undefined))
			if (entity.queueId && entity.queue)
				list.push({...entity, queueId: entity.queueId, queue: entity.queue, ordinal: list.length});
		cached = {
			list,
			byIndexes: new Map(list.map(series => [`${series.key.queueIndex}:${series.key.mediaIndex}`, series])),
		};
		seriesCache.set(org, cached);
	}
	return cached;
}

export function floorMinute(ms: number): number {
	return Math.floor(ms / minuteMs) * minuteMs;
}

/** The facts of conversation n of a series that started at `startMs`. */
export function conversationAt(
	org: Org,
	model: TrafficModel,
	series: Series,
	n: number,
	startMs: number,
): Conversation {
	const {key} = series;
	const before = countsOfOffered(model, key, n);
	const after = countsOfOffered(model, key, n + 1);
	const step = (field: keyof typeof before) => after[field] - before[field];
	const outcome = step('abandoned') ? 'abandoned' : step('flowOuts') ? 'flowOut' : 'answered';
	const answered = outcome === 'answered';
	const queueMs =
		outcome === 'abandoned'
			? timerValue(model, key, 'tAbandon', before.abandoned)
			: outcome === 'flowOut'
				? timerValue(model, key, 'tFlowOut', before.flowOuts)
				: timerValue(model, key, 'tAnswered', before.answered);
	const exitMs = startMs + queueMs;
	const shortAbandoned = step('shortAbandoned') === 1;
	const holdSegments = step('holdSegments');
	const acw = step('acw') === 1;
	const talkMs = answered ? timerValue(model, key, 'tTalk', before.answered) : 0;
	const heldMs = holdSegments > 0 ? timerValue(model, key, 'tHeld', before.held) : 0;
	const acwMs = acw ? timerValue(model, key, 'tAcw', before.acw) : 0;
	const talkEndMs = answered ? exitMs + talkMs + heldMs : exitMs;
	// The queue's not-responding alerts, as its aggregates count them: about twice a short abandon (scaled like them).
	const missed = answered ? queueNotResponding(org.seed, series, before.answered) : 0;
	const notRespondingMs =
		answered && queueNotResponding(org.seed, series, before.answered + 1) > missed
			? 2 * timerValue(model, key, 'tShortAbandon', missed)
			: 0;
	return {
		series,
		n,
		startMs,
		outcome,
		shortAbandoned,
		overSla: step('overSla') === 1,
		transferred: step('transferred') === 1,
		holdSegments,
		acw,
		exitMs,
		queueMs,
		shortAbandonMs: shortAbandoned ? timerValue(model, key, 'tShortAbandon', before.shortAbandoned) : 0,
		// Alerting overlaps the end of the wait: an agent is alerted a few seconds before answering.
		alertMs: answered
			? Math.min(queueMs, 1500 + Math.floor(unit(org.seed, key.queueIndex, key.mediaIndex, n, 44) * 6000))
			: 0,
		talkMs,
		heldMs,
		acwMs,
		handleMs: answered ? timerValue(model, key, 'tHandle', before.answered) : 0,
		answeredIndex: before.answered,
		notRespondingMs,
		agentEnded: unit(org.seed, key.queueIndex, key.mediaIndex, n, 45) < 0.4,
		talkEndMs,
		endMs: talkEndMs + acwMs,
	};
}

/** Who answered a conversation and its wrap-up code: the costly part of a conversation, so made when asked for. */
export function handlerOfConversation(org: Org, conversation: Conversation): Handler | undefined {
	if (conversation.outcome !== 'answered') return undefined;
	conversation.handler ??= handlerOf(peopleOf(org), conversation.series, org.seed, conversation.answeredIndex);
	return conversation.handler;
}

/** A conversation's place in its series: enough to order a listing; its facts are made only for what is kept. */
export type Slot = {series: Series; n: number; startMs: number};

/** Where a conversation sits in a listing ordered by start: ties broken by series, then number. */
export type Position = {ms: number; ordinal: number; n: number};

export function comparePositions(a: Position, b: Position): number {
	return a.ms - b.ms || a.ordinal - b.ordinal || a.n - b.n;
}

/** Finds the minute each conversation number entered its queue, walking from one to the next. */
class MinuteLocator {
	#minute = Number.NaN;
	#c0 = 0;
	#c1 = 0;

	constructor(
		readonly model: TrafficModel,
		readonly series: Series,
		readonly fromMs: number,
		readonly toMs: number,
	) {}

	count(ms: number): number {
		return cumulativeOffered(this.model, this.series.key, ms);
	}

	/** Starts the walk at a minute (the first or last of a listing, or a cursor's), saving a search. */
	hint(ms: number): void {
		const minute = Math.min(Math.max(floorMinute(ms), this.fromMs), this.toMs - minuteMs);
		this.#set(minute);
	}

	#set(minute: number): void {
		this.#minute = minute;
		this.#c0 = this.count(minute);
		this.#c1 = this.count(minute + minuteMs);
	}

	/** The start of conversation n (which must have entered within [fromMs, toMs)). */
	startOf(n: number): number {
		if (!(n >= this.#c0 && n < this.#c1)) this.#locate(n);
		const {seed} = this.model;
		const {queueIndex, mediaIndex} = this.series.key;
		// Spread evenly over the minute with a little jitter, in the order of n.
		const slot = (n - this.#c0 + unit(seed, queueIndex, mediaIndex, n, 43)) / (this.#c1 - this.#c0);
		return this.#minute + Math.floor(slot * minuteMs);
	}

	#locate(n: number): void {
		// Neighbouring minutes first: a listing walks conversations in order.
		if (!Number.isNaN(this.#minute)) {
			for (let probe = 1; probe <= 3; probe++) {
				const minute = n >= this.#c1 ? this.#minute + probe * minuteMs : this.#minute - probe * minuteMs;
				if (minute < this.fromMs || minute >= this.toMs) break;
				this.#set(minute);
				if (n >= this.#c0 && n < this.#c1) return;
			}
		}
		let lo = this.fromMs / minuteMs;
		let hi = this.toMs / minuteMs;
		while (hi - lo > 1) {
			const mid = Math.floor((lo + hi) / 2);
			if (this.count(mid * minuteMs) <= n) lo = mid;
			else hi = mid;
		}
		this.#set(lo * minuteMs);
	}
}

/**
 * The conversations of one series that entered its queue in [fromMs, toMs) (whole minutes) and pass `keep`, in
 * order of start (descending if asked), after `after` when given.
 */
export function* seriesConversations(
	org: Org,
	model: TrafficModel,
	series: Series,
	range: {fromMs: number; toMs: number},
	options: {descending: boolean; after?: Position; keep?: (slot: Slot) => boolean},
): Generator<Slot> {
	const fromMs = floorMinute(range.fromMs);
	const toMs = floorMinute(range.toMs);
	if (toMs <= fromMs) return;
	const locator = new MinuteLocator(model, series, fromMs, toMs);
	let first = locator.count(fromMs);
	let end = locator.count(toMs);
	const {after, keep, descending} = options;
	if (after && !descending) first = Math.max(first, locator.count(Math.max(fromMs, floorMinute(after.ms))));
	if (after && descending) end = Math.min(end, locator.count(Math.min(toMs, floorMinute(after.ms) + minuteMs)));
	locator.hint(after ? after.ms : descending ? toMs - minuteMs : fromMs);
	for (let index = 0; index < end - first; index++) {
		const n = descending ? end - 1 - index : first + index;
		const startMs = locator.startOf(n);
		if (after) {
			const order = comparePositions({ms: startMs, ordinal: series.ordinal, n}, after);
			if (descending ? order >= 0 : order <= 0) continue;
		}
		const slot = {series, n, startMs};
		if (!keep || keep(slot)) yield slot;
	}
}

/** Merges ordered streams of conversations into one, by start (then series, then number). */
export function* mergeByStart(streams: Array<Iterator<Slot>>, descending: boolean): Generator<Slot> {
	const sign = descending ? -1 : 1;
	const heap: Array<{conversation: Slot; stream: Iterator<Slot>}> = [];
	const before = (a: Slot, b: Slot) => sign * comparePositions(positionOf(a), positionOf(b)) < 0;
	const push = (item: (typeof heap)[number]) => {
		heap.push(item);
		for (let at = heap.length - 1; at > 0;) {
			const parent = (at - 1) >> 1;
			if (!before(heap[at]!.conversation, heap[parent]!.conversation)) break;
			[heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
			at = parent;
		}
	};
	const pop = () => {
		const top = heap[0]!;
		const last = heap.pop()!;
		if (heap.length > 0) {
			heap[0] = last;
			for (let at = 0; ;) {
				const left = at * 2 + 1;
				const right = left + 1;
				let best = at;
				if (left < heap.length && before(heap[left]!.conversation, heap[best]!.conversation)) best = left;
				if (right < heap.length && before(heap[right]!.conversation, heap[best]!.conversation)) best = right;
				if (best === at) break;
				[heap[at], heap[best]] = [heap[best]!, heap[at]!];
				at = best;
			}
		}
		return top;
	};
	for (const stream of streams) {
		const next = stream.next();
		if (!next.done) push({conversation: next.value, stream});
	}
	while (heap.length > 0) {
		const {conversation, stream} = pop();
		yield conversation;
		const next = stream.next();
		if (!next.done) push({conversation: next.value, stream});
	}
}

export function positionOf(conversation: Slot): Position {
	return {ms: conversation.startMs, ordinal: conversation.series.ordinal, n: conversation.n};
}

/** The longest a conversation of a series can last (the longest wait, talk, hold and wrap-up together). */
export function longestConversationMs(model: TrafficModel, series: Series): number {
	const longest = (metric: 'tAnswered' | 'tAbandon' | 'tFlowOut' | 'tTalk' | 'tHeld' | 'tAcw') =>
		timerStats(model, series.key, metric, 0, 97)?.max ?? 0;
	return (
		Math.max(longest('tAnswered'), longest('tAbandon'), longest('tFlowOut')) +
		longest('tTalk') +
		longest('tHeld') +
		longest('tAcw') +
		minuteMs
	);
}

// Conversation ids: 64 bits of (queue index, media index, n) masked by the seed in the first and last 8 hex
// digits, a check hash in the middle (UUID version 4 layout), so an id decodes back without any lookup table.
const maxN = 2 ** 44;

export function conversationIdOf(seed: number, series: Series, n: number): string {
	const {queueIndex, mediaIndex} = series.key;
	const high = Math.floor(n / 2 ** 32);
	const head = ((((queueIndex & 0xffff) << 16) | ((mediaIndex & 0xf) << 12) | (high & 0xfff)) ^ hash(seed, 800)) >>> 0;
	const tail = ((n % 2 ** 32) ^ hash(seed, 801)) >>> 0;
	const check = [hash(seed, 802, queueIndex, mediaIndex, n), hash(seed, 803, queueIndex, mediaIndex, n)]
		.map(part => part.toString(16).padStart(8, '0'))
		.join('');
	const hex = (value: number) => value.toString(16).padStart(8, '0');
	return `${hex(head)}-${check.slice(0, 4)}-4${check.slice(5, 8)}-${'89ab'[hash(seed, 804, n) % 4]}${check.slice(9, 12)}-${check.slice(12, 16)}${hex(tail)}`;
}

export function decodeConversationId(org: Org, id: string): {series: Series; n: number} | undefined {
	const match = /^([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}([0-9a-f]{8})$/.exec(id.toLowerCase());
	if (!match) return undefined;
	const head = (Number.parseInt(match[1]!, 16) ^ hash(org.seed, 800)) >>> 0;
	const tail = (Number.parseInt(match[2]!, 16) ^ hash(org.seed, 801)) >>> 0;
	const series = seriesOf(org).byIndexes.get(`${head >>> 16}:${(head >>> 12) & 0xf}`);
	const n = (head & 0xfff) * 2 ** 32 + tail;
	if (!series || n >= maxN || conversationIdOf(org.seed, series, n) !== id.toLowerCase()) return undefined;
	return {series, n};
}

/** Conversation n of a series as it exists at the emulator's clock: undefined if it has not entered the queue yet. */
export function findConversation(org: Org, model: TrafficModel, series: Series, n: number): Conversation | undefined {
	const toMs = floorMinute(model.nowMs()) + minuteMs;
	const fromMs = floorMinute(model.dataStartMs);
	const locator = new MinuteLocator(model, series, fromMs, toMs);
	if (n < locator.count(fromMs) || n >= locator.count(toMs)) return undefined;
	return conversationAt(org, model, series, n, locator.startOf(n));
}
