// Live columns while the range includes today: observations of the rows on screen every refresh and of the other
// queues in turns (levels/live.ts), the day's aggregates every minute. Failures only count towards "stale": the
// table and the selection stay, and a rate-limited request is just late (the client waits and retries).
import {type Dispatch, useEffect, useRef} from 'react';
import {ApiError, asGqxError, CancelledError} from '../../errors.js';
import {aggregateRefreshMs, liveBatch, refreshedTotalsRequest} from '../../levels/live.js';
import type {LevelSource} from '../../levels/source.js';
import type {Totals} from '../../levels/totals.js';
import type {ExplorerAction, ExplorerState} from '../explorer/state.js';

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

export function useLiveUpdates(
	source: LevelSource,
	state: Pick<ExplorerState, 'live' | 'data'>,
	dispatch: Dispatch<ExplorerAction>,
	refreshMs: number,
	targets: LiveTargets,
	totalsRefreshMs = aggregateRefreshMs,
): void {
	const latest = useRef({targets, data: state.data});
	latest.current = {targets, data: state.data};
	const active = Boolean(state.live && !state.live.paused && source.live && targets.shown);
	// The loop starts over once the queues are known (the first table), so live values follow at once.
	const ready = targets.all.length > 0 || targets.visible.length > 0;

	useEffect(() => {
		if (!active || !ready) return;
		const controller = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		let cursor = 0;
		const tick = async () => {
			const {all, visible} = latest.current.targets;
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
	}, [active, ready, source, refreshMs, dispatch]);

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
