// Loads what the explorer's current level needs, through its source: starts, reports progress, finishes,
// fails or is cancelled only by reducer actions, so the view never holds loading state of its own.
import {type Dispatch, useEffect, useMemo, useRef} from 'react';
import {asGqxError, CancelledError, describeRetry} from '../../errors.js';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
import {currentFrame, type ExplorerAction, type ExplorerState} from '../explorer/state.js';

export function useLevelData(source: LevelSource, state: ExplorerState, dispatch: Dispatch<ExplorerAction>): void {
	const frame = currentFrame(state);
	// One request object per level and granularity, so the load effect runs again only when they change.
	const request = useMemo(
		() => levelOf(frame.level).request(frame.level, state.granularity),
		[frame.level, state.granularity],
	);
	const running = useRef<{key: string; controller: AbortController} | undefined>(undefined);

	useEffect(
		() => source.onRetry(notice => dispatch({type: 'notice', text: describeRetry(notice)})),
		[source, dispatch],
	);
	useEffect(() => () => running.current?.controller.abort(), []);

	const fresh = state.refresh === request.key;
	// A listing left half-way (another level's load replaced it) is asked again, not shown as if whole.
	const wanted =
		fresh ||
		((!state.data.has(request.key) || state.data.get(request.key)?.partial === true) && state.stopped !== request.key);
	const inFlight = state.loading?.key === request.key;

	useEffect(() => {
		if (!wanted || (inFlight && !fresh)) return;
		// A newer load replaces the one running (another level, or `r`).
		running.current?.controller.abort();
		const own = {key: request.key, controller: new AbortController()};
		running.current = own;
		const {signal} = own.controller;
		dispatch({type: 'load-start', key: request.key, label: request.label});
		source
			.load(request, {
				signal,
				fresh,
				onProgress: progress => dispatch({type: 'load-progress', key: own.key, progress}),
				onPartial: data => {
					if (!signal.aborted)
						dispatch({type: 'load-partial', key: own.key, loaded: {data, asOf: new Date(), partial: true}});
				},
			})
			.then(
				loaded => {
					if (signal.aborted) return;
					if (running.current === own) running.current = undefined;
					dispatch({type: 'load-done', key: own.key, loaded});
				},
				(error: unknown) => {
					if (running.current === own) running.current = undefined;
					if (signal.aborted || error instanceof CancelledError) return;
					dispatch({type: 'load-failed', key: own.key, error: asGqxError(error)});
				},
			);
	}, [request, wanted, fresh, inFlight, source, dispatch]);

	// Esc stopped the load in the reducer: stop its requests too.
	useEffect(() => {
		if (running.current && state.stopped === running.current.key && !state.loading) {
			running.current.controller.abort();
			running.current = undefined;
		}
	}, [state.stopped, state.loading]);
}
