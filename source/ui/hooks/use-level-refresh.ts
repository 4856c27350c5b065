// Levels of now (people now) are asked again every live refresh while they are shown: the answer replaces the
// table's data in place (the selection, filter and sort stay). `l` pauses it where live columns are on; a failed
// refresh keeps the table and says so, and the next one tries again.
import {type Dispatch, useEffect, useMemo} from 'react';
import {CancelledError} from '../../errors.js';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
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
	const active = level.refreshes === true && state.data.has(request.key) && state.live?.paused !== true && !state.error;

	useEffect(() => {
		if (!active) return;
		const controller = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const schedule = () => {
			if (!controller.signal.aborted) timer = setTimeout(tick, refreshMs);
		};
		// Counted from the end of the one before: a slow refresh is late, never doubled.
		const tick = () => {
			source.load(request, {signal: controller.signal, fresh: true}).then(
				loaded => {
					if (controller.signal.aborted) return;
					dispatch({type: 'load-done', key: request.key, loaded});
					schedule();
				},
				(error: unknown) => {
					if (controller.signal.aborted || error instanceof CancelledError) return;
					dispatch({
						type: 'notice',
						text: `Not refreshed (${liveFailureReason(error)}): trying again in ${Math.round(refreshMs / 1000)} s.`,
					});
					schedule();
				},
			);
		};
		schedule();
		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [active, source, request, refreshMs, dispatch]);
}
