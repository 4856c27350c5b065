// The column-choice slice of the explorer's reducer: a level's columns (the picker, `v`) and its sort, which
// the profile remembers; and reading them back (saved views cleaned, the columns a level shows now).
import {levelIds, levelOf, levels} from '../../levels/registry.js';
import type {LevelId, Sort, SortColumn} from '../../levels/types.js';
import {
	isLiveField,
	isMetricField,
	type LiveField,
	metricFor,
	type MetricField,
	queueMetricFields,
} from '../../metrics/catalog.js';
import {deltaOf} from '../../metrics/delta.js';
import {isCompareMode} from '../../range/compare.js';
import {defaultMetricFields} from './columns.js';
import {currentFrame, withFrame} from './frames.js';
import {
	allLevels,
	type ColumnChoiceAction,
	type ExplorerState,
	type PickedField,
	type SavedViews,
	type StoredViews,
	type ViewChoice,
} from './types.js';

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

export function columnChoiceReducer(state: ExplorerState, action: ColumnChoiceAction): ExplorerState {
	const frame = currentFrame(state);
	switch (action.type) {
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
		case 'columns-move': {
			if (state.overlay?.kind !== 'columns') return state;
			const count = pickerOrder(state, frame.level.id).length;
			return {...state, overlay: {kind: 'columns', cursor: (state.overlay.cursor + action.delta + count) % count}};
		}
		case 'columns-jump': {
			if (state.overlay?.kind !== 'columns') return state;
			const count = pickerOrder(state, frame.level.id).length;
			return {...state, overlay: {kind: 'columns', cursor: action.to === 'first' ? 0 : Math.max(0, count - 1)}};
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
	}
}
