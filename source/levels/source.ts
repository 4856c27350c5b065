// Where the explorer's data comes from: the levels' requests run through one client for one date range,
// the recent answers kept. No Ink here; the API client (got, zod) loads with the first request.
import {DateTime} from 'luxon';
import type {GenesysClient} from '../genesys/client.js';
import {DroppedLog} from '../genesys/dropped-statistics.js';
import type {LiveQueue} from '../genesys/observations.js';
import type {PushHandlers, PushOptions} from '../genesys/notifications.js';
import type {AgentPushHandlers} from '../genesys/agent-push.js';
import type {RetryNotice} from '../errors.js';
import {shiftTime} from '../range/compare.js';
import type {DateRange} from '../range/range.js';
import {RecentCache} from './recent-cache.js';
import type {DataRequest, Loaded, LoadOptions} from './types.js';

/** A running push feed: whether it is current, the waits aged to now, and its end. */
export type LivePush = {readonly healthy: boolean; agedNow(): Map<string, LiveQueue>; stop(): void};
/**
 * A running push feed of agents' states (the people board): whether it is current, the agents it follows (more of them
 * as the board gains some), and its end.
 */
export type AgentFeed = {readonly healthy: boolean; watch(userIds: readonly string[]): Promise<void>; stop(): void};

export type LevelSource = {
	load(request: DataRequest, options: LoadOptions & {fresh?: boolean}): Promise<Loaded>;
	/** Live status of these queues now (never cached: every call asks). */
	live?(queueIds: readonly string[], options: {signal?: AbortSignal}): Promise<Map<string, LiveQueue>>;
	/**
	 * Live status of these queues by push: filled once, then changed queues as they change. Rejects when push cannot
	 * be used (the reason is the error's message); `stop` ends it, and so does the signal while it starts.
	 */
	livePush?(queueIds: readonly string[], handlers: PushHandlers, options?: {signal?: AbortSignal}): Promise<LivePush>;
	/**
	 * Agents' routing status and presence by push (one topic per agent): reconciled once, then changes in batches.
	 * Rejects when push cannot be used; `stop` ends it, and so does the signal while it starts.
	 */
	agentPush?(
		userIds: readonly string[],
		handlers: AgentPushHandlers,
		options?: {signal?: AbortSignal},
	): Promise<AgentFeed>;
	/** Retry waits of the requests behind this source; returns the unsubscribe function. */
	onRetry(listener: (notice: RetryNotice) => void): () => void;
};

/** Fans the client's single onRetry callback out to whichever screen listens. */
export class RetryHub {
	readonly #listeners = new Set<(notice: RetryNotice) => void>();
	emit = (notice: RetryNotice): void => {
		for (const listener of this.#listeners) listener(notice);
	};
	subscribe(listener: (notice: RetryNotice) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

/** Answers kept per range: the totals and the most recently opened interval levels. */
export const answersKept = 8;

/** What the session's command line says of the data: customer addresses masked or not; the clock (tests fix it). */
export type SourceSettings = {revealAddresses?: boolean; now?: () => number; push?: PushOptions};

/**
 * The range as of now: a range cut back to now when it was chosen runs to now at every load, so a refresh (`r`, the
 * live minute) never shows a Total older than its "as of" (never past local midnight after its last day).
 */
export function rangeUpToNow(range: DateRange, now: number): DateRange {
	if (!range.clamped) return range;
	const dayAfter = DateTime.fromISO(range.to, {zone: range.timeZone}).plus({days: 1}).startOf('day');
	// A comparison period runs to now less the days it lies behind (never to its last day's end: that would hold a
	// whole day against today so far).
	const clock = DateTime.fromMillis(now, {zone: range.timeZone});
	const current = (range.lagDays ? shiftTime(clock, -range.lagDays, range.timeZone) : clock).startOf('minute');
	const end = DateTime.min(dayAfter, DateTime.max(range.end, current));
	return end.equals(range.end) ? range : {...range, end, clamped: end < dayAfter};
}

export function createLevelSource(
	client: GenesysClient | Promise<GenesysClient>,
	range: DateRange,
	hub: RetryHub,
	{now = Date.now, push, ...settings}: SourceSettings = {},
): LevelSource {
	const cache = new RecentCache<string, Promise<Loaded>>(answersKept);
	return {
		load(request, {signal, onProgress, onPartial, fresh, scheduled}) {
			if (!fresh) {
				const hit = cache.get(request.key);
				if (hit) return hit;
			}
			const dropped = new DroppedLog();
			const promise = Promise.resolve(client).then(async ready => ({
				data: await request.load(ready, rangeUpToNow(range, now()), {
					signal,
					onProgress,
					onPartial,
					onDrop: dropped.add,
					...(scheduled ? {scheduled} : {}),
					...settings,
				}),
				asOf: new Date(),
				...(dropped.entries.length > 0 ? {dropped: dropped.entries} : {}),
			}));
			cache.set(request.key, promise);
			// A failed or cancelled request is not remembered: the next try asks again.
			promise.catch(() => {
				if (cache.peek(request.key) === promise) cache.delete(request.key);
			});
			return promise;
		},
		async live(queueIds, {signal}) {
			const ready = await client;
			const {fetchObservations} = await import('../genesys/observations.js');
			return fetchObservations(ready, queueIds, {signal});
		},
		async livePush(queueIds, handlers, {signal} = {}) {
			const ready = await client;
			const {QueuePush} = await import('../genesys/notifications.js');
			return started(new QueuePush(ready, handlers, push), queueIds, signal);
		},
		async agentPush(userIds, handlers, {signal} = {}) {
			const ready = await client;
			const {AgentPush} = await import('../genesys/agent-push.js');
			return started(new AgentPush(ready, handlers, push), userIds, signal);
		},
		onRetry: listener => hub.subscribe(listener),
	};
}

/** A feed started; stopped when the signal says so while it starts (no more channels, sockets or fill queries). */
async function started<Feed extends {start(keys: readonly string[]): Promise<void>; stop(): void}>(
	feed: Feed,
	keys: readonly string[],
	signal: AbortSignal | undefined,
): Promise<Feed> {
	const stop = () => feed.stop();
	if (signal?.aborted) stop();
	signal?.addEventListener('abort', stop, {once: true});
	try {
		await feed.start(keys);
	} finally {
		signal?.removeEventListener('abort', stop);
	}
	return feed;
}

/** The sources of the ranges visited most recently (a few, not all: each holds its answers). */
export const rangesKept = 4;

export function rangeKey(label: string, range: DateRange): string {
	return `${label}\u0000${range.start.toISO()}\u0000${range.end.toISO()}\u0000${range.timeZone}`;
}
