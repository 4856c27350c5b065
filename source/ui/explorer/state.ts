// The explorer's state as a pure reducer, generic over levels: the drill stack and per level the selection
// (kept by row identity, not index), scroll, filter and sort; loads, errors, overlays and the remembered views.
// The reducer is composed of slices, one file each, so each transition has a home and a unit test.
import {firstLevel} from '../../levels/registry.js';
import {heatMetricFields} from '../../metrics/hour-grid.js';
import type {Granularity} from '../../range/range.js';
import type {SessionContext} from '../../levels/types.js';
import {cleanViews, columnChoiceReducer} from './column-choice.js';
import {newFrame} from './frames.js';
import {heatMetricReducer} from './heat-metric.js';
import {liveReducer} from './live.js';
import {loadsReducer} from './loads.js';
import {navigationReducer} from './navigation.js';
import {allLevels, type ExplorerAction, type ExplorerState, type StoredViews} from './types.js';

export * from './types.js';
export {cleanViews, pickerOrder, visibleColumns, columnChoiceReducer} from './column-choice.js';
export {
	compareKey,
	comparedData,
	currentData,
	currentFrame,
	effectiveSort,
	requestKey,
	scrolled,
	selectedIndex,
} from './frames.js';
export {heatMetricReducer} from './heat-metric.js';
export {liveReducer} from './live.js';
export {loadsReducer} from './loads.js';
export {navigationReducer} from './navigation.js';

/** `session`: what every level's context carries from the start (the session's wait bands). */
export function initialExplorer(
	granularity: Granularity,
	views: StoredViews = {},
	live = false,
	session: SessionContext = {},
): ExplorerState {
	const clean = cleanViews(views);
	const compare = clean[allLevels]?.compare;
	return {
		stack: [newFrame({...firstLevel, context: {...firstLevel.context, ...session}}, clean)],
		filtering: false,
		granularity,
		data: new Map(),
		views: clean,
		...(live ? {live: {paused: false, queues: new Map(), failures: 0}} : {}),
		heatMetric: heatMetricFields[0]!,
		...(compare && compare !== 'off' ? {compare} : {}),
	};
}

type SliceReducers = {
	[Type in ExplorerAction['type']]: (
		state: ExplorerState,
		action: Extract<ExplorerAction, {type: Type}>,
	) => ExplorerState;
};

/** Which slice takes each action: the type checker asks for every action, and for a slice that takes it. */
const sliceFor: SliceReducers = {
	move: navigationReducer,
	jump: navigationReducer,
	open: navigationReducer,
	back: navigationReducer,
	'filter-start': navigationReducer,
	'filter-set': navigationReducer,
	'filter-end': navigationReducer,
	'granularity-next': navigationReducer,
	'quick-next': navigationReducer,
	'idle-toggle': navigationReducer,
	'rows-next': navigationReducer,
	everyone: navigationReducer,
	notice: navigationReducer,
	overlay: navigationReducer,
	leave: navigationReducer,
	cancel: loadsReducer,
	refresh: loadsReducer,
	'load-start': loadsReducer,
	'load-progress': loadsReducer,
	'load-done': loadsReducer,
	'refresh-done': loadsReducer,
	'load-partial': loadsReducer,
	'load-failed': loadsReducer,
	'compare-next': loadsReducer,
	'compare-start': loadsReducer,
	'compare-progress': loadsReducer,
	'compare-done': loadsReducer,
	'compare-failed': loadsReducer,
	'compare-dropped': loadsReducer,
	'sort-next': columnChoiceReducer,
	'sort-reverse': columnChoiceReducer,
	'columns-move': columnChoiceReducer,
	'columns-jump': columnChoiceReducer,
	'columns-toggle': columnChoiceReducer,
	'columns-shift': columnChoiceReducer,
	'columns-reset': columnChoiceReducer,
	'live-toggle': liveReducer,
	'live-done': liveReducer,
	'live-failed': liveReducer,
	'live-feed': liveReducer,
	'board-feed': liveReducer,
	'heat-metric': heatMetricReducer,
};

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
	// The table above pairs each type with its reducer; TypeScript cannot follow that pairing through a lookup.
	const reduce = sliceFor[action.type] as (state: ExplorerState, action: ExplorerAction) => ExplorerState;
	const next = reduce(state, action);
	// A notice belongs to the level it was said on ("Wrote 31 rows…", "comparison off"): drilling in or going back
	// leaves it behind, unless the action said something new.
	const left = next.stack.length !== state.stack.length || next.stack.at(-1)?.level !== state.stack.at(-1)?.level;
	return left && next.notice !== undefined && next.notice === state.notice ? {...next, notice: undefined} : next;
}
