// Reading the explorer's state: the current frame, its request and answer, the selection; shared by the slices.
import {firstLevel, levelOf} from '../../levels/registry.js';
import type {LevelRef, Loaded, Sort} from '../../levels/types.js';
import {deltaOf} from '../../metrics/delta.js';
import type {CompareMode} from '../../range/compare.js';
import type {Granularity} from '../../range/range.js';
import type {ExplorerState, Frame, SavedViews} from './types.js';

function sortOf(level: LevelRef, views: SavedViews): Sort {
	return views[level.id]?.sort ?? levelOf(level).defaultSort;
}

export function newFrame(level: LevelRef, views: SavedViews): Frame {
	return {level, selected: null, top: 0, filter: '', sort: sortOf(level, views)};
}

export function currentFrame(state: ExplorerState): Frame {
	return state.stack.at(-1) ?? newFrame(firstLevel, state.views);
}

/** The request key of a frame's data. */
export function requestKey(frame: Frame, granularity: Granularity): string {
	return levelOf(frame.level).request(frame.level, granularity).key;
}

/** The current level's answer, when it is in. */
export function currentData(state: ExplorerState): Loaded | undefined {
	return state.data.get(requestKey(currentFrame(state), state.granularity));
}

/** Where a comparison period's answer is kept: beside the current one's, by mode. */
export function compareKey(mode: CompareMode, key: string): string {
	return `compare\u0000${mode}\u0000${key}`;
}

/** The comparison period's answer of the current level, when comparing and it is in. */
export function comparedData(state: ExplorerState): Loaded | undefined {
	if (!state.compare) return undefined;
	return state.data.get(compareKey(state.compare, requestKey(currentFrame(state), state.granularity)));
}

/** The sort as the rows are sorted: a change sorts by its metric while nothing is compared. */
export function effectiveSort(state: Pick<ExplorerState, 'compare'>, sort: Sort): Sort {
	if (state.compare) return sort;
	const metric = deltaOf(sort.column);
	return metric ? {...sort, column: metric} : sort;
}

/** Where the selection is among `keys`: its index, or the first row when it vanished. */
export function selectedIndex(frame: Frame, keys: readonly string[]): number {
	if (keys.length === 0) return -1;
	const index = frame.selected === null ? -1 : keys.indexOf(frame.selected);
	return index === -1 ? 0 : index;
}

/** The first row to draw so that row `index` is inside a window of `pageSize` rows. */
export function scrolled(top: number, index: number, pageSize: number, count: number): number {
	let next = top;
	if (index < next) next = index;
	if (index >= next + pageSize) next = index - pageSize + 1;
	return Math.max(0, Math.min(next, Math.max(0, count - pageSize)));
}

/** The state with the current frame changed. */
export function withFrame(state: ExplorerState, change: Partial<Frame>): ExplorerState {
	return {...state, stack: [...state.stack.slice(0, -1), {...currentFrame(state), ...change}]};
}

/** Back one level; at the first level, back to the dates when there is nothing to show. */
export function goBack(state: ExplorerState): ExplorerState {
	if (state.stack.length > 1) return {...state, filtering: false, stack: state.stack.slice(0, -1)};
	return currentData(state) ? state : {...state, leave: 'dates'};
}
