// Live columns while the range includes today: by push (the notifications service), or by polling the observations of
// the rows on screen every refresh and of the other queues in turns (levels/live.ts) when push cannot be used or
// `--live poll` says so, push tried again later; the day's aggregates every minute. Failures only count towards "stale": the
// table and the selection stay, and a rate-limited request is just late (the client waits and retries).
import {type Dispatch, useEffect, useRef} from 'react';
import {ApiError, asGqxError, CancelledError} from '../../errors.js';
import {
	aggregateRefreshMs,
	liveBatch,
	type LiveMode,
	pushOnlyRetryMs,
	pushRetryMs,
	pushScreenMs,
	refreshedTotalsRequest,
} from '../../levels/live.js';
import type {LiveQueue} from '../../genesys/observations.js';
import type {LevelSource, LivePush} from '../../levels/source.js';
import type {Totals} from '../../levels/totals.js';
import type {ExplorerAction, ExplorerState} from '../explorer/state.js';
import {betweenKeys} from '../input-activity.js';

/** A few words for the status bar on why a refresh failed. */
export function liveFailureReason(error: unknown): string {
	const failure = asGqxError(error);
	switch (failure.kind) {
		case 'rate-limit':
			return 'rate limited';
		case 'network':
			return 'network unreachable';
		case 'permission':
			return 'permission analytics:queueObservation:view missing';
		case 'auth':
			return 'login failed';
		case 'api':
			return failure instanceof ApiError ? `Genesys Cloud answered HTTP ${failure.status}` : failure.message;
		default:
			return failure.message.length > 60 ? `${failure.message.slice(0, 59)}…` : failure.message;
	}
}

export type LiveTargets = {
	/** Every queue of the range (the queue level's rows). */
	all: readonly string[];
	/** The queues of the rows on screen. */
	visible: readonly string[];
	/** The current level shows live columns. */
	shown: boolean;
};

/**
 * A few words for the status bar on why push is not used: the push feed's own when it says why, the kind of failure
 * when it is one the polling reasons name, the HTTP status a channel request got, else just that push failed (a long
 * message would push the row count and the rest of the status line off the screen).
 */
export function pushFailureReason(error: unknown): string {
	if (error instanceof Error && error.name === 'PushUnavailable') return error.message;
	const failure = asGqxError(error);
	if (failure instanceof ApiError) return `HTTP ${failure.status}`;
	if (['rate-limit', 'network', 'auth'].includes(failure.kind)) return liveFailureReason(error);
	return failure.kind === 'permission' ? 'permission missing' : 'push failed';
}

/**
 * The polling loop: the rows on screen every refresh and the others in turns. Returns the function that stops it.
 */
function startPolling(
	source: LevelSource,
	targets: () => LiveTargets,
	dispatch: Dispatch<ExplorerAction>,
	refreshMs: number,
): () => void {
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let cursor = 0;
	const tick = async () => {
		const {all, visible} = targets();
		const batch = liveBatch(all, visible, cursor, refreshMs);
		cursor = batch.cursor;
		try {
			const queues = await source.live!(batch.ids, {signal: controller.signal});
			if (!controller.signal.aborted) dispatch({type: 'live-done', queues, at: Date.now()});
		} catch (error) {
			if (controller.signal.aborted || error instanceof CancelledError) return;
			dispatch({type: 'live-failed', reason: liveFailureReason(error)});
		}
		// The next refresh is counted from the end of this one: a slow (rate-limited) one is late, never doubled.
		if (!controller.signal.aborted) timer = setTimeout(() => void tick(), refreshMs);
	};
	void tick();
	return () => {
		controller.abort();
		clearTimeout(timer);
	};
}

export function useLiveUpdates(
	source: LevelSource,
	state: Pick<ExplorerState, 'live' | 'data'>,
	dispatch: Dispatch<ExplorerAction>,
	refreshMs: number,
	targets: LiveTargets,
	totalsRefreshMs = aggregateRefreshMs,
	mode: LiveMode = 'auto',
): void {
	const latest = useRef({targets, data: state.data});
	latest.current = {targets, data: state.data};
	const active = Boolean(state.live && !state.live.paused && source.live && targets.shown);
	// The loop starts over once the queues are known (the first table), so live values follow at once.
	const ready = targets.all.length > 0 || targets.visible.length > 0;
	// Push subscribes the queues known when it starts: it starts again when more become known.
	const known = targets.all.length;

	useEffect(() => {
		if (!active || !ready) return;
		let closed = false;
		const starting = new AbortController();
		let stopPolling: (() => void) | undefined;
		let feed: LivePush | undefined;
		let retry: ReturnType<typeof setTimeout> | undefined;
		let liveness: ReturnType<typeof setInterval> | undefined;
		// Changes by push go to the screen at most every pushScreenMs, together: each update joins the values to every
		// row again, and at 1,000 events a second one per event moment would leave keys waiting behind them. While
		// someone types, an update that falls due goes right after their next key's frame (betweenKeys).
		let pending: Map<string, LiveQueue> | undefined;
		let shownAt = 0;
		let showing: ReturnType<typeof setTimeout> | undefined;
		let notBetweenKeys: (() => void) | undefined;
		// How the values come, said after the values it is said of (never "live (push)" over values before it).
		let feedAfter: ExplorerAction | undefined;
		const flush = () => {
			const changed = pending!;
			pending = undefined;
			notBetweenKeys = undefined;
			shownAt = Date.now();
			if (closed) return;
			dispatch({type: 'live-done', queues: changed, at: shownAt});
			if (feedAfter) dispatch(feedAfter);
			feedAfter = undefined;
		};
		const say = (feed: Extract<ExplorerAction, {type: 'live-feed'}>['feed']) => {
			if (pending) feedAfter = {type: 'live-feed', feed};
			else dispatch({type: 'live-feed', feed});
		};
		const show = (queues: ReadonlyMap<string, LiveQueue>) => {
			if (pending) {
				for (const [id, queue] of queues) pending.set(id, queue);
				return;
			}
			pending = new Map(queues);
			const due = () => {
				showing = undefined;
				notBetweenKeys = betweenKeys(flush);
			};
			const wait = shownAt + pushScreenMs - Date.now();
			if (wait <= 0) due();
			else showing = setTimeout(due, wait);
		};
		const poll = (reason: string) => {
			// Push only: no polling, the status says why the values are stale, and push is tried again soon.
			if (mode === 'push') {
				say({push: true, down: reason});
				retry = setTimeout(() => void push(), pushOnlyRetryMs);
				return;
			}
			say({push: false, reason});
			stopPolling = startPolling(source, () => latest.current.targets, dispatch, refreshMs);
			// Push again later: the proxy may pass it by then, the socket may come back.
			if (mode === 'auto')
				retry = setTimeout(() => {
					stopPolling?.();
					stopPolling = undefined;
					void push();
				}, pushRetryMs);
		};
		const push = async () => {
			try {
				const {all, visible} = latest.current.targets;
				const started = await source.livePush!(
					[...new Set([...all, ...visible])],
					{
						onQueues: queues => {
							if (!closed) show(queues);
						},
						onDown: reason => {
							clearInterval(liveness);
							feed = undefined;
							if (!closed) poll(reason);
						},
					},
					{signal: starting.signal},
				);
				if (closed) return started.stop();
				feed = started;
				say({push: true});
				// Nothing changing is no news: while every socket is up, the values are current as of now, and the longest
				// waits (whose start does not change) grow as they would by polling.
				liveness = setInterval(() => {
					if (feed?.healthy && !closed) show(feed.agedNow());
				}, refreshMs);
			} catch (error) {
				if (!closed) poll(pushFailureReason(error));
			}
		};
		if (mode === 'poll' || !source.livePush) poll(mode === 'poll' ? '--live poll' : 'no push here');
		else void push();
		return () => {
			closed = true;
			starting.abort();
			stopPolling?.();
			feed?.stop();
			clearTimeout(retry);
			clearTimeout(showing);
			notBetweenKeys?.();
			clearInterval(liveness);
		};
	}, [active, ready, known, source, refreshMs, dispatch, mode]);

	useEffect(() => {
		if (!active) return;
		const controller = new AbortController();
		let running = false;
		const timer = setInterval(() => {
			if (running) return;
			running = true;
			const previous = latest.current.data.get('totals')?.data as Totals | undefined;
			const request = refreshedTotalsRequest(previous);
			source
				.load(request, {signal: controller.signal, fresh: true})
				.then(
					loaded => {
						if (!controller.signal.aborted) dispatch({type: 'load-done', key: request.key, loaded});
					},
					// The day's numbers stay as they were; the next minute tries again.
					() => undefined,
				)
				.finally(() => {
					running = false;
				});
		}, totalsRefreshMs);
		return () => {
			controller.abort();
			clearInterval(timer);
		};
	}, [active, source, dispatch, totalsRefreshMs]);
}
