// The loads slice of the explorer's reducer: the current level's load and the comparison period's (`c`),
// the answers they leave in a small cache, and cancel (Esc) and retry (`r`).
import type {Loaded} from '../../levels/types.js';
import {compareModes, compareModeWords} from '../../range/compare.js';
import {compareKey, currentData, currentFrame, goBack, requestKey} from './frames.js';
import {allLevels, type ExplorerState, type LoadAction, type SavedViews} from './types.js';

/** Answers kept beyond those of the levels on the stack. */
const dataKept = 8;

/** How a failed refresh of a level of now starts its notice. */
export const notRefreshed = 'Not refreshed';

function remember(state: ExplorerState, key: string, loaded: Loaded): ReadonlyMap<string, Loaded> {
	const data = new Map(state.data);
	data.delete(key);
	data.set(key, loaded);
	const onStack = new Set(
		state.stack.flatMap(frame => {
			const key = requestKey(frame, state.granularity);
			return state.compare ? [key, compareKey(state.compare, key)] : [key];
		}),
	);
	for (const old of data.keys()) {
		if (data.size <= dataKept + onStack.size) break;
		if (!onStack.has(old)) data.delete(old);
	}
	return data;
}

export function loadsReducer(state: ExplorerState, action: LoadAction): ExplorerState {
	switch (action.type) {
		case 'cancel': {
			if (!state.loading) return state;
			const stopped = {
				...state,
				loading: undefined,
				refresh: undefined,
				stopped: state.loading.key,
				// The comparison of the cancelled load stops with it.
				...(state.comparing ? {comparing: undefined, compareStopped: state.comparing.key} : {}),
			};
			// Nothing to show yet: back to where there is (the level above, or the dates).
			return currentData(stopped) ? stopped : goBack(stopped);
		}
		case 'refresh':
			return {
				...state,
				error: undefined,
				stopped: undefined,
				compareStopped: undefined,
				refresh: requestKey(currentFrame(state), state.granularity),
			};
		case 'load-start':
			return {
				...state,
				loading: {key: action.key, label: action.label},
				error: undefined,
				stopped: undefined,
				refresh: undefined,
			};
		case 'load-progress':
			return state.loading?.key === action.key
				? {...state, loading: {...state.loading, progress: action.progress}}
				: state;
		case 'load-done':
			return {
				...state,
				data: remember(state, action.key, action.loaded),
				loading: state.loading?.key === action.key ? undefined : state.loading,
				notice: undefined,
			};
		case 'refresh-done':
			// A load of the same data under way (r) brings newer data than this: it wins. The notice stays (the quick
			// filter's choice) unless it is a failed refresh's, which this answer makes old news.
			if (state.loading?.key === action.key) return state;
			return {
				...state,
				data: remember(state, action.key, action.loaded),
				notice: state.notice?.startsWith(notRefreshed) ? undefined : state.notice,
			};
		case 'load-partial':
			// The first rows are on screen while the rest load.
			return state.loading?.key === action.key ? {...state, data: remember(state, action.key, action.loaded)} : state;
		case 'load-failed':
			return {
				...state,
				loading: state.loading?.key === action.key ? undefined : state.loading,
				error: action.error,
				stopped: action.key,
				notice: undefined,
			};
		case 'compare-next': {
			const order = [undefined, ...compareModes];
			const compare = order[(order.indexOf(state.compare) + 1) % order.length];
			const views: SavedViews = {...state.views, [allLevels]: {...state.views[allLevels], compare: compare ?? 'off'}};
			return {
				...state,
				compare,
				views,
				comparing: undefined,
				compareStopped: undefined,
				notice: compare ? `comparing with ${compareModeWords[compare]}` : 'comparison off',
			};
		}
		case 'compare-start':
			return {...state, comparing: {key: action.key, label: action.label}, compareStopped: undefined};
		case 'compare-progress':
			return state.comparing?.key === action.key
				? {...state, comparing: {...state.comparing, progress: action.progress}}
				: state;
		case 'compare-done':
			return {
				...state,
				data: remember(state, action.key, action.loaded),
				comparing: state.comparing?.key === action.key ? undefined : state.comparing,
			};
		case 'compare-dropped':
			// Left for another level or mode: nothing is loading for it any more, and it may be asked again.
			return state.comparing?.key === action.key ? {...state, comparing: undefined} : state;
		case 'compare-failed':
			// The table stays: the comparison's failure is said, and `r` tries again.
			return {
				...state,
				comparing: state.comparing?.key === action.key ? undefined : state.comparing,
				compareStopped: action.key,
				notice: `The comparison period did not load: ${action.error.message} (r to retry)`,
			};
	}
}
