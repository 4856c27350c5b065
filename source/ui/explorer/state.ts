// The explorer's state as a pure reducer: drill levels, and per level the selection (kept by row
// identity, not index), scroll position, filter and sort.
import type {Granularity} from '../../range/range.js';
import {granularities} from '../../range/range.js';
import type {ColumnId} from './columns.js';
import {sortOrder} from './columns.js';

export type LevelRef =
	| {kind: 'queues'}
	| {kind: 'media'; queueId: string; queueName: string}
	| {kind: 'intervals'; queueId: string; queueName: string; mediaType: string};

export type Sort = {column: ColumnId; descending: boolean};

export type Frame = {
	level: LevelRef;
	/** Identity of the selected row (queue id, media type or interval), not its index. */
	selected: string | null;
	/** Index of the first row drawn. */
	top: number;
	filter: string;
	sort: Sort;
};

export type ExplorerState = {
	stack: Frame[];
	/** True while `/` editing of the filter is active. */
	filtering: boolean;
	granularity: Granularity;
};

export type ExplorerAction =
	| {type: 'move'; keys: readonly string[]; delta: number; pageSize: number}
	| {type: 'jump'; keys: readonly string[]; to: 'first' | 'last'; pageSize: number}
	| {type: 'drill'; rows: ReadonlyArray<{key: string; label: string}>}
	| {type: 'back'}
	| {type: 'filter-start'}
	| {type: 'filter-set'; text: string}
	| {type: 'filter-end'; keep: boolean}
	| {type: 'sort-next'}
	| {type: 'sort-reverse'}
	| {type: 'granularity-next'};

/** Queues and media sort by volume; intervals read best in time order. */
function defaultSort(level: LevelRef): Sort {
	return level.kind === 'intervals' ? {column: 'name', descending: false} : {column: 'offered', descending: true};
}

function newFrame(level: LevelRef): Frame {
	return {level, selected: null, top: 0, filter: '', sort: defaultSort(level)};
}

export function initialExplorer(granularity: Granularity): ExplorerState {
	return {stack: [newFrame({kind: 'queues'})], filtering: false, granularity};
}

export function currentFrame(state: ExplorerState): Frame {
	return state.stack.at(-1) ?? newFrame({kind: 'queues'});
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

function withFrame(state: ExplorerState, change: Partial<Frame>): ExplorerState {
	return {...state, stack: [...state.stack.slice(0, -1), {...currentFrame(state), ...change}]};
}

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
	const frame = currentFrame(state);
	switch (action.type) {
		case 'move':
		case 'jump': {
			if (action.keys.length === 0) return state;
			const index = selectedIndex(frame, action.keys);
			const target =
				action.type === 'jump'
					? action.to === 'first'
						? 0
						: action.keys.length - 1
					: Math.max(0, Math.min(action.keys.length - 1, index + action.delta));
			return withFrame(state, {
				selected: action.keys[target] ?? null,
				top: scrolled(frame.top, target, action.pageSize, action.keys.length),
			});
		}
		case 'drill': {
			// The row is found here, from the latest state, so keys typed ahead (↓↓Enter) drill where they should.
			const row =
				action.rows[
					selectedIndex(
						frame,
						action.rows.map(each => each.key),
					)
				];
			const level = frame.level;
			if (!row || level.kind === 'intervals') return state;
			const next: LevelRef =
				level.kind === 'queues'
					? {kind: 'media', queueId: row.key, queueName: row.label}
					: {kind: 'intervals', queueId: level.queueId, queueName: level.queueName, mediaType: row.key};
			return {...state, filtering: false, stack: [...state.stack, newFrame(next)]};
		}
		case 'back':
			return state.stack.length <= 1 ? state : {...state, filtering: false, stack: state.stack.slice(0, -1)};
		case 'filter-start':
			return {...state, filtering: true};
		case 'filter-set':
			return withFrame(state, {filter: action.text, top: 0});
		case 'filter-end':
			return action.keep ? {...state, filtering: false} : withFrame({...state, filtering: false}, {filter: '', top: 0});
		case 'sort-next': {
			const column = sortOrder[(sortOrder.indexOf(frame.sort.column) + 1) % sortOrder.length] ?? 'offered';
			// Names read best A to Z, numbers largest first.
			return withFrame(state, {sort: {column, descending: column !== 'name'}});
		}
		case 'sort-reverse':
			return withFrame(state, {sort: {...frame.sort, descending: !frame.sort.descending}});
		case 'granularity-next':
			return {
				...state,
				granularity: granularities[(granularities.indexOf(state.granularity) + 1) % granularities.length] ?? 'P1D',
			};
	}
}
