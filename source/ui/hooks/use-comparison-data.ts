// Loads the current level's data for the comparison period (`c`) beside the current load, through the
// comparison range's own source (cached like any range's), so both periods are fetched in parallel.
import {type Dispatch, useEffect, useMemo, useRef} from 'react';
import {asGqxError, CancelledError} from '../../errors.js';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
import {comparisonRange, shiftDays} from '../../range/compare.js';
import type {DateRange} from '../../range/range.js';
import {compareKey, currentFrame, type ExplorerAction, type ExplorerState} from '../explorer/state.js';

export function useComparisonData(
	sourceFor: ((range: DateRange) => LevelSource) | undefined,
	range: DateRange,
	state: ExplorerState,
	dispatch: Dispatch<ExplorerAction>,
): DateRange | undefined {
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	// The heat map (a grid, no rows), the levels of single conversations and those of today whatever the range (an
	// agent opened from people now) are not compared: the comparison waits on the table levels.
	const mode = level.grid || level.uncompared || frame.level.context.today ? undefined : state.compare;
	const compared = useMemo(() => (mode ? comparisonRange(range, mode) : undefined), [mode, range]);
	const source = useMemo(() => (compared && sourceFor ? sourceFor(compared) : undefined), [compared, sourceFor]);
	// One request object per level and granularity, so the load effect runs again only when they change.
	const request = useMemo(() => level.request(frame.level, state.granularity), [level, frame.level, state.granularity]);
	// What is loaded for the other period: the same request, or the level's own for a part of the range (an interval).
	const comparedRequest = useMemo(
		() =>
			mode && level.comparedRef
				? level.request(
						level.comparedRef(frame.level, {days: shiftDays(range, mode), timeZone: range.timeZone}),
						state.granularity,
					)
				: request,
		[mode, level, frame.level, range, request, state.granularity],
	);
	const key = mode ? compareKey(mode, request.key) : '';
	const running = useRef<{key: string; controller: AbortController} | undefined>(undefined);
	useEffect(() => () => running.current?.controller.abort(), []);

	const fresh = Boolean(mode) && state.refresh === request.key;
	const wanted = Boolean(source) && (fresh || (!state.data.has(key) && state.compareStopped !== key));
	const inFlight = state.comparing?.key === key;

	useEffect(() => {
		// Comparison off, or another level: whatever runs for the old one stops.
		if (running.current && running.current.key !== key) {
			running.current.controller.abort();
			dispatch({type: 'compare-dropped', key: running.current.key});
			running.current = undefined;
		}
		if (!source || !wanted || (inFlight && !fresh)) return;
		running.current?.controller.abort();
		const own = {key, controller: new AbortController()};
		running.current = own;
		const {signal} = own.controller;
		dispatch({type: 'compare-start', key, label: 'loading the comparison'});
		source
			.load(comparedRequest, {
				signal,
				fresh,
				onProgress: progress => dispatch({type: 'compare-progress', key, progress}),
			})
			.then(
				loaded => {
					if (signal.aborted) return;
					if (running.current === own) running.current = undefined;
					dispatch({type: 'compare-done', key, loaded});
				},
				(error: unknown) => {
					if (running.current === own) running.current = undefined;
					if (signal.aborted || error instanceof CancelledError) return;
					dispatch({type: 'compare-failed', key, error: asGqxError(error)});
				},
			);
	}, [key, comparedRequest, wanted, fresh, inFlight, source, dispatch]);

	// Esc stopped the loads in the reducer: stop the comparison's requests too.
	useEffect(() => {
		if (running.current && state.compareStopped === running.current.key && !state.comparing) {
			running.current.controller.abort();
			running.current = undefined;
		}
	}, [state.compareStopped, state.comparing]);
	return compared;
}
