// Levels of now (people now) are asked again every live refresh while they are shown: the answer replaces the
// table's data in place (the selection, filter and sort stay). `l` pauses it where live columns are on; a failed
// refresh keeps the table and says so, and the next one tries again.
import {type Dispatch, useEffect, useMemo, useRef} from 'react';
import {CancelledError} from '../../errors.js';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
import {notRefreshed} from '../explorer/loads.js';
import {currentFrame, type ExplorerAction, type ExplorerState} from '../explorer/state.js';
import {liveFailureReason} from './use-live-updates.js';

export function useLevelRefresh(
	source: LevelSource,
	state: ExplorerState,
	dispatch: Dispatch<ExplorerAction>,
	refreshMs: number,
): void {
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	const request = useMemo(
		() => levelOf(frame.level).request(frame.level, state.granularity),
		[frame.level, state.granularity],
	);
	const loaded = state.data.get(request.key);
	// A big board asks less often (people now of every queue: one query per 100 queues), within its share of the rate;
	// data of a range without today is not asked again.
	const dataEveryMs = loaded && level.refreshes ? level.refreshes.everyMs(loaded.data) : undefined;
	const active = dataEveryMs !== undefined && state.live?.paused !== true && !state.error;
	const everyMs = Math.max(refreshMs, dataEveryMs ?? 0);
	// Data older than a period when the level is shown again (Esc, then n) is asked for at once.
	const latest = useRef(loaded);
	latest.current = loaded;

	useEffect(() => {
		if (!active) return;
		const controller = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const schedule = (delayMs = everyMs) => {
			if (!controller.signal.aborted) timer = setTimeout(tick, delayMs);
		};
		// Counted from the start of the one before, so the oldest state shown is a period and one refresh old: a slow
		// refresh makes the next one late, never two at once.
		const tick = () => {
			const startedAt = Date.now();
			const next = () => schedule(Math.max(0, everyMs - (Date.now() - startedAt)));
			source.load(request, {signal: controller.signal, fresh: true, scheduled: true}).then(
				answer => {
					if (controller.signal.aborted) return;
					dispatch({type: 'refresh-done', key: request.key, loaded: answer});
					next();
				},
				(error: unknown) => {
					if (controller.signal.aborted || error instanceof CancelledError) return;
					dispatch({
						type: 'notice',
						text: `${notRefreshed} (${liveFailureReason(error)}): trying again in ${Math.round(everyMs / 1000)} s.`,
					});
					schedule();
				},
			);
		};
		// The first one is counted from the end of the load it follows (a first load also asks names once).
		const age = Date.now() - (latest.current?.asOf.getTime() ?? Date.now());
		schedule(Math.max(0, everyMs - age));
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [active, source, request, everyMs, dispatch]);
}
