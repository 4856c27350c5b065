// The explorer's state as a pure reducer, generic over levels: the drill stack and per level the
// selection (kept by row identity, not index), scroll, filter and sort; loads, errors, overlays and
// the remembered views. Every transition is here, so each has a unit test.
import type {Progress} from '../../genesys/analytics.js';
import type {GqxError} from '../../errors.js';
import {firstLevel, levelIds, levelOf, levels} from '../../levels/registry.js';
import {
	type LevelId,
	type LevelRef,
	type Loaded,
	type OpenAction,
	type OpenedRow,
	type Sort,
	type SortColumn,
	totalKey,
	totalOpens,
} from '../../levels/types.js';
import type {LiveQueue} from '../../genesys/observations.js';
import {
	isLiveField,
	isMetricField,
	type LiveField,
	metricFor,
	type MetricField,
	queueMetricFields,
} from '../../metrics/catalog.js';
import {deltaOf} from '../../metrics/delta.js';
import {type CompareMode, compareModes, compareModeWords, isCompareMode} from '../../range/compare.js';
import {type Granularity, granularities} from '../../range/range.js';
import {defaultMetricFields} from './columns.js';
import {heatMetricFields} from '../../metrics/hour-grid.js';

export type Frame = {
	level: LevelRef;
	/** Identity of the selected row (queue id, media type or interval), not its index. */
	selected: string | null;
	/** Index of the first row drawn. */
	top: number;
	filter: string;
	sort: Sort;
};

/** A column of the picker: a metric of the catalog, or (while the range includes today) a live column. */
export type PickedField = MetricField | LiveField;

/**
 * What the user chose for a level: its columns (in order, live ones among them) and its sort. Remembered per
 * profile. `hiddenLive`: the live columns the user hid (a live column neither chosen nor hidden leads, as it did
 * before live columns were in the picker). The choices of every level (the comparison, `c`) are kept under
 * `allLevels`.
 */
export type ViewChoice = {
	columns?: PickedField[];
	hiddenLive?: LiveField[];
	sort?: Sort;
	compare?: CompareMode | 'off';
};
export const allLevels = '*';
export type SavedViews = Partial<Record<LevelId | typeof allLevels, ViewChoice>>;
/** Views as the profiles file keeps them: plain strings, checked when read. */
export type StoredViews = Record<
	string,
	{columns?: string[]; hiddenLive?: string[]; sort?: {column: string; descending: boolean}; compare?: string}
>;

export type Overlay = {kind: 'help'} | {kind: 'export'} | {kind: 'columns'; cursor: number};

/** Where the explorer asks the app to go. */
export type Leave = 'dates' | 'profile' | 'quit';

/** Live columns (a range with today): the latest observation of each queue, and how the refreshes go. */
export type LiveState = {
	paused: boolean;
	queues: ReadonlyMap<string, LiveQueue>;
	/** When the last refresh came in (epoch ms). */
	updatedAt?: number;
	/** Refreshes failed in a row, and why the last one did. */
	failures: number;
	reason?: string;
};

export type ExplorerState = {
	stack: Frame[];
	/** True while `/` editing of the filter is active. */
	filtering: boolean;
	granularity: Granularity;
	/** Answers by request key: the levels on the stack and a few recent others. */
	data: ReadonlyMap<string, Loaded>;
	loading?: {key: string; label: string; progress?: Progress};
	/** A load the data hook should start although an answer may be there (`r`). */
	refresh?: string;
	error?: GqxError;
	/** The request key that failed or was cancelled, so it is not asked again until `r`. */
	stopped?: string;
	notice?: string;
	overlay?: Overlay;
	leave?: Leave;
	views: SavedViews;
	/** Present when the range includes today. */
	live?: LiveState;
	/** The period the numbers are compared with (`c`); undefined: no comparison. */
	compare?: CompareMode;
	/** The comparison period's load, beside the current one (it never blocks the table). */
	comparing?: {key: string; label: string; progress?: Progress};
	/** The comparison key that failed or was cancelled, so it is not asked again until `r`. */
	compareStopped?: string;
	/** The metric the heat map shows (`←/→`); kept while moving between heat maps. */
	heatMetric: MetricField;
};

export type ExplorerAction =
	| {type: 'move'; keys: readonly string[]; delta: number; pageSize: number}
	| {type: 'jump'; keys: readonly string[]; to: 'first' | 'last'; pageSize: number}
	| {type: 'open'; via: OpenAction; rows: readonly OpenedRow[]}
	| {type: 'back'}
	| {type: 'cancel'}
	| {type: 'refresh'}
	| {type: 'filter-start'}
	| {type: 'filter-set'; text: string}
	| {type: 'filter-end'; keep: boolean}
	| {type: 'sort-next'; columns: readonly SortColumn[]}
	| {type: 'sort-reverse'}
	| {type: 'granularity-next'}
	| {type: 'load-start'; key: string; label: string}
	| {type: 'load-progress'; key: string; progress: Progress}
	| {type: 'load-done'; key: string; loaded: Loaded}
	| {type: 'load-failed'; key: string; error: GqxError}
	| {type: 'notice'; text: string | undefined}
	| {type: 'overlay'; overlay: Overlay | undefined}
	| {type: 'columns-move'; delta: number}
	| {type: 'columns-toggle'}
	| {type: 'columns-shift'; delta: number}
	| {type: 'columns-reset'}
	| {type: 'leave'; to: Leave | undefined}
	| {type: 'live-toggle'}
	| {type: 'live-done'; queues: ReadonlyMap<string, LiveQueue>; at: number}
	| {type: 'live-failed'; reason: string}
	| {type: 'compare-next'}
	| {type: 'compare-start'; key: string; label: string}
	| {type: 'compare-progress'; key: string; progress: Progress}
	| {type: 'compare-done'; key: string; loaded: Loaded}
	| {type: 'compare-failed'; key: string; error: GqxError}
	| {type: 'compare-dropped'; key: string}
	| {type: 'heat-metric'; delta: number};

/** Answers kept beyond those of the levels on the stack. */
const dataKept = 8;

function sortOf(level: LevelRef, views: SavedViews): Sort {
	return views[level.id]?.sort ?? levelOf(level).defaultSort;
}

function newFrame(level: LevelRef, views: SavedViews): Frame {
	return {level, selected: null, top: 0, filter: '', sort: sortOf(level, views)};
}

/** A metric with a change column: a number (a text column such as the division has none). */
function hasDelta(field: string | undefined): boolean {
	return field !== undefined && isMetricField(field) && metricFor(field).kind !== 'text';
}

/** Saved views as they are usable now: unknown columns (from an older or newer gqx) dropped. */
export function cleanViews(saved: StoredViews | undefined): SavedViews {
	const views: SavedViews = {};
	const compare = saved?.[allLevels]?.compare;
	if (compare === 'off' || isCompareMode(compare)) views[allLevels] = {compare};
	for (const [id, view] of Object.entries(saved ?? {})) {
		if (!levelIds.includes(id as LevelId)) continue;
		const columns = view.columns?.filter(field => isMetricField(field) || isLiveField(field));
		const hiddenLive = view.hiddenLive?.filter(isLiveField);
		const column = view.sort?.column;
		const sort =
			view.sort &&
			column &&
			(column === 'name' || isMetricField(column) || isLiveField(column) || hasDelta(deltaOf(column)))
				? {column: column as SortColumn, descending: view.sort.descending}
				: undefined;
		views[id as LevelId] = {
			...(columns?.length ? {columns: [...new Set(columns)]} : {}),
			...(hiddenLive?.length ? {hiddenLive: [...new Set(hiddenLive)]} : {}),
			...(sort ? {sort} : {}),
		};
	}
	return views;
}

export function initialExplorer(granularity: Granularity, views: StoredViews = {}, live = false): ExplorerState {
	const clean = cleanViews(views);
	const compare = clean[allLevels]?.compare;
	return {
		stack: [newFrame(firstLevel, clean)],
		filtering: false,
		granularity,
		data: new Map(),
		views: clean,
		...(live ? {live: {paused: false, queues: new Map(), failures: 0}} : {}),
		heatMetric: heatMetricFields[0]!,
		...(compare && compare !== 'off' ? {compare} : {}),
	};
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

/** The metric columns a level offers: its own, else the queue levels' (every metric of the catalog they show). */
function offeredColumns(level: LevelId): readonly MetricField[] {
	return levels[level].columns ?? queueMetricFields;
}

/** The live columns a level offers now: its own while the range includes today, none otherwise. */
function offeredLiveColumns(state: Pick<ExplorerState, 'live'>, level: LevelId): readonly LiveField[] {
	return state.live ? (levels[level].live?.fields ?? []) : [];
}

/** A level's columns as the user chose them (of those it offers, live or not now), else its defaults. */
function savedColumns(state: Pick<ExplorerState, 'views'>, level: LevelId): readonly PickedField[] {
	const own = levels[level].columns;
	const live = levels[level].live?.fields ?? [];
	const chosen = state.views[level]?.columns?.filter(field =>
		isLiveField(field) ? live.includes(field) : (own?.includes(field) ?? true),
	);
	// A choice without a metric (only live columns) would leave a range without today with names only.
	return chosen?.some(field => !isLiveField(field)) ? chosen : (own ?? defaultMetricFields);
}

/** A level's columns, live or not now: the saved ones, led by the level's live columns neither placed nor hidden. */
function chosenColumns(state: Pick<ExplorerState, 'views'>, level: LevelId): readonly PickedField[] {
	const saved = savedColumns(state, level);
	const hidden = state.views[level]?.hiddenLive ?? [];
	const live = levels[level].live?.fields ?? [];
	return [...live.filter(field => !saved.includes(field) && !hidden.includes(field)), ...saved];
}

/** The columns a level shows: the chosen ones, live ones only while the range includes today. */
export function visibleColumns(state: Pick<ExplorerState, 'views' | 'live'>, level: LevelId): readonly PickedField[] {
	const live = offeredLiveColumns(state, level);
	return chosenColumns(state, level).filter(field => !isLiveField(field) || live.includes(field));
}

/** Every column the level offers now in the picker's order: the visible ones as ordered, then the hidden ones. */
export function pickerOrder(state: Pick<ExplorerState, 'views' | 'live'>, level: LevelId): PickedField[] {
	const visible = visibleColumns(state, level);
	return [
		...visible,
		...[...offeredLiveColumns(state, level), ...offeredColumns(level)].filter(field => !visible.includes(field)),
	];
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

function withView(state: ExplorerState, level: LevelId, change: ViewChoice): ExplorerState {
	return {...state, views: {...state.views, [level]: {...state.views[level], ...change}}};
}

/** A sort chosen by the user: on the frame, and remembered for the level. */
function withSort(state: ExplorerState, sort: Sort): ExplorerState {
	return withView(withFrame(state, {sort}), currentFrame(state).level.id, {sort});
}

/**
 * The level now shows `visible`. Saved with the placed columns not shown now (live columns while the range has no
 * today) each after the shown column it followed, so they come back where they were; live columns never placed
 * stay so (they lead).
 */
function withColumns(state: ExplorerState, visible: readonly PickedField[], hiddenLive?: LiveField[]): ExplorerState {
	const level = currentFrame(state).level.id;
	const shownBefore = visibleColumns(state, level);
	const follows = new Map<PickedField | null, PickedField[]>();
	let anchor: PickedField | null = null;
	for (const field of savedColumns(state, level)) {
		if (!shownBefore.includes(field)) follows.set(anchor, [...(follows.get(anchor) ?? []), field]);
		else if (visible.includes(field)) anchor = field;
	}
	const columns = [...(follows.get(null) ?? []), ...visible.flatMap(field => [field, ...(follows.get(field) ?? [])])];
	const {hiddenLive: _before, ...view} = state.views[level] ?? {};
	const hidden = hiddenLive ?? state.views[level]?.hiddenLive ?? [];
	return {
		...state,
		views: {...state.views, [level]: {...view, columns, ...(hidden.length ? {hiddenLive: hidden} : {})}},
	};
}

/** Back one level; at the first level, back to the dates when there is nothing to show. */
function goBack(state: ExplorerState): ExplorerState {
	if (state.stack.length > 1) return {...state, filtering: false, stack: state.stack.slice(0, -1)};
	return currentData(state) ? state : {...state, leave: 'dates'};
}

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
		case 'open': {
			// The row is found here, from the latest state, so keys typed ahead (↓↓Enter) open where they should.
			const row =
				action.rows[
					selectedIndex(
						frame,
						action.rows.map(each => each.key),
					)
				];
			const level = levelOf(frame.level);
			const next = level.opens[action.via];
			if (!row || !next) return state;
			const onTotal = row.key === totalKey;
			if (onTotal && !totalOpens.has(action.via)) return state;
			// A filtered total is some of the rows; what it would open is all of them, so say so rather than mislead.
			if (onTotal && frame.filter.trim() !== '')
				return {...state, notice: 'The totals row opens all rows: clear the filter first (/ then Esc).'};
			// The totals row stands for every row of the level: what the level itself was opened for.
			const ref: LevelRef = {
				id: next,
				context: onTotal ? frame.level.context : level.openContext(row, frame.level),
			};
			return {...state, filtering: false, stack: [...state.stack, newFrame(ref, state.views)]};
		}
		case 'back':
			if (state.error) return goBack({...state, error: undefined});
			return state.stack.length > 1 ? goBack(state) : state;
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
				refresh: requestKey(frame, state.granularity),
			};
		case 'filter-start':
			return {...state, filtering: true};
		case 'filter-set':
			return withFrame(state, {filter: action.text, top: 0});
		case 'filter-end':
			return action.keep ? {...state, filtering: false} : withFrame({...state, filtering: false}, {filter: '', top: 0});
		case 'sort-next': {
			const {columns} = action;
			const at = columns.indexOf(frame.sort.column);
			const column = columns[(at + 1) % columns.length] ?? 'offered';
			// Names and text read best A to Z (intervals in time order), numbers largest first.
			return withSort(state, {
				column,
				descending: column !== 'name' && !(isMetricField(column) && metricFor(column).kind === 'text'),
			});
		}
		case 'sort-reverse':
			return withSort(state, {...frame.sort, descending: !frame.sort.descending});
		case 'granularity-next':
			if (!levelOf(frame.level).usesGranularity) return state;
			return {
				...state,
				granularity: granularities[(granularities.indexOf(state.granularity) + 1) % granularities.length] ?? 'P1D',
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
		case 'load-failed':
			return {
				...state,
				loading: state.loading?.key === action.key ? undefined : state.loading,
				error: action.error,
				stopped: action.key,
				notice: undefined,
			};
		case 'notice':
			return {...state, notice: action.text};
		case 'overlay':
			return {...state, overlay: action.overlay};
		case 'columns-move': {
			if (state.overlay?.kind !== 'columns') return state;
			const count = pickerOrder(state, frame.level.id).length;
			return {...state, overlay: {kind: 'columns', cursor: (state.overlay.cursor + action.delta + count) % count}};
		}
		case 'columns-toggle': {
			if (state.overlay?.kind !== 'columns') return state;
			const field = pickerOrder(state, frame.level.id)[state.overlay.cursor];
			if (!field) return state;
			const visible = visibleColumns(state, frame.level.id);
			const hiddenLive = state.views[frame.level.id]?.hiddenLive ?? [];
			if (visible.includes(field)) {
				// At least one metric stays, or a range without today (no live columns) would show names only.
				if (!isLiveField(field) && visible.filter(each => !isLiveField(each)).length <= 1) return state;
				return withColumns(
					state,
					visible.filter(each => each !== field),
					isLiveField(field) ? [...hiddenLive, field] : undefined,
				);
			}
			// Shown again, it goes after the visible ones, where the cursor follows it.
			return {
				...withColumns(
					state,
					[...visible, field],
					isLiveField(field) ? hiddenLive.filter(each => each !== field) : undefined,
				),
				overlay: {kind: 'columns', cursor: visible.length},
			};
		}
		case 'columns-shift': {
			if (state.overlay?.kind !== 'columns') return state;
			const visible = [...visibleColumns(state, frame.level.id)];
			const from = state.overlay.cursor;
			const to = from + action.delta;
			if (from >= visible.length || to < 0 || to >= visible.length) return state;
			[visible[from], visible[to]] = [visible[to]!, visible[from]!];
			return {...withColumns(state, visible), overlay: {kind: 'columns', cursor: to}};
		}
		case 'columns-reset': {
			const level = frame.level.id;
			const views = {...state.views};
			delete views[level];
			const sort = levelOf(frame.level).defaultSort;
			return {...withFrame({...state, views}, {sort}), overlay: {kind: 'columns', cursor: 0}};
		}
		case 'leave':
			return {...state, leave: action.to};
		case 'live-toggle':
			return state.live ? {...state, live: {...state.live, paused: !state.live.paused}} : state;
		case 'live-done': {
			if (!state.live) return state;
			// Only the queues asked are replaced: the others keep their last values until their turn.
			const queues = new Map(state.live.queues);
			for (const [id, queue] of action.queues) queues.set(id, queue);
			return {...state, live: {...state.live, queues, updatedAt: action.at, failures: 0, reason: undefined}};
		}
		case 'live-failed':
			return state.live
				? {...state, live: {...state.live, failures: state.live.failures + 1, reason: action.reason}}
				: state;
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
		case 'heat-metric': {
			const count = heatMetricFields.length;
			const at = Math.max(0, heatMetricFields.indexOf(state.heatMetric));
			return {...state, heatMetric: heatMetricFields[(at + action.delta + count) % count]!};
		}
	}
}
