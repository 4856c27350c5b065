// The explorer's state and actions as types: one action union per slice of the reducer (see state.ts).
import type {Progress} from '../../genesys/analytics.js';
import type {GqxError} from '../../errors.js';
import type {LiveQueue} from '../../genesys/observations.js';
import type {LevelId, LevelRef, Loaded, OpenAction, OpenedRow, Sort, SortColumn} from '../../levels/types.js';
import type {LiveField, MetricField} from '../../metrics/catalog.js';
import type {CompareMode} from '../../range/compare.js';
import type {Granularity} from '../../range/range.js';

export type Frame = {
	level: LevelRef;
	/** Identity of the selected row (queue id, media type or interval), not its index. */
	selected: string | null;
	/** Index of the first row drawn. */
	top: number;
	filter: string;
	sort: Sort;
	/** The choice of the level's quick filter (`o`); 0 or none keeps every row. */
	quick?: number;
	/** The rows without traffic are shown (`z`); hidden by default. */
	idle?: boolean;
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

export type Overlay = {kind: 'help'; page: number} | {kind: 'export'} | {kind: 'columns'; cursor: number};

/** Where the explorer asks the app to go. */
export type Leave = 'dates' | 'profile' | 'quit';

/** Live columns (a range with today): the latest observation of each queue, and how the refreshes go. */
export type LiveState = {
	paused: boolean;
	queues: ReadonlyMap<string, LiveQueue>;
	/** What the last refresh changed: `queues` is `from` with these queues' observations replaced. */
	changed?: {from: ReadonlyMap<string, LiveQueue>; ids: readonly string[]};
	/** When the last refresh came in (epoch ms). */
	updatedAt?: number;
	/** Refreshes failed in a row, and why the last one did. */
	failures: number;
	reason?: string;
	/**
	 * How the values come now: by push (`down`: push only, and it fails: why), or by polling and why (`--live poll`,
	 * a refused socket, ...).
	 */
	feed?: {push: true; down?: string} | {push: false; reason: string};
	/** The same of a level of now fed by push (people now), said by its own feed: none until that feed says. */
	boardFeed?: {push: true; down?: string} | {push: false; reason: string};
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
	/** `l` on a level of now (people now) when the range has no today: there is no live slice to hold the pause. */
	nowPaused?: boolean;
	/** The period the numbers are compared with (`c`); undefined: no comparison. */
	compare?: CompareMode;
	/** The comparison period's load, beside the current one (it never blocks the table). */
	comparing?: {key: string; label: string; progress?: Progress};
	/** The comparison key that failed or was cancelled, so it is not asked again until `r`. */
	compareStopped?: string;
	/** The metric the heat map shows (`←/→`); kept while moving between heat maps. */
	heatMetric: MetricField;
};

/** Moving in the drill stack and the rows, the filter, the interval size, what is said and shown over the table. */
export type NavigationAction =
	| {type: 'move'; keys: readonly string[]; delta: number; pageSize: number}
	| {type: 'jump'; keys: readonly string[]; to: 'first' | 'last'; pageSize: number}
	| {type: 'open'; via: OpenAction; rows: readonly OpenedRow[]}
	| {type: 'back'}
	| {type: 'filter-start'}
	| {type: 'filter-set'; text: string}
	| {type: 'filter-end'; keep: boolean}
	| {type: 'granularity-next'}
	| {type: 'quick-next'}
	| {type: 'idle-toggle'}
	/** The first level's rows: queues, requested skills, requested languages, queues again (`t`). */
	| {type: 'rows-next'}
	/** People now of every agent (`N`), from any level. */
	| {type: 'everyone'}
	| {type: 'notice'; text: string | undefined}
	| {type: 'overlay'; overlay: Overlay | undefined}
	| {type: 'leave'; to: Leave | undefined};

/** The answers: the current level's load and the comparison period's, their cache, cancel and retry. */
export type LoadAction =
	| {type: 'cancel'}
	| {type: 'refresh'}
	| {type: 'load-start'; key: string; label: string}
	| {type: 'load-progress'; key: string; progress: Progress}
	| {type: 'load-done'; key: string; loaded: Loaded}
	/** A level of now asked again on its own (people now): newer data, nothing else of the screen changes. */
	| {type: 'refresh-done'; key: string; loaded: Loaded}
	| {type: 'load-partial'; key: string; loaded: Loaded}
	| {type: 'load-failed'; key: string; error: GqxError}
	| {type: 'compare-next'}
	| {type: 'compare-start'; key: string; label: string}
	| {type: 'compare-progress'; key: string; progress: Progress}
	| {type: 'compare-done'; key: string; loaded: Loaded}
	| {type: 'compare-failed'; key: string; error: GqxError}
	| {type: 'compare-dropped'; key: string};

/** What the user chooses for a level and is remembered: its columns (the picker) and its sort. */
export type ColumnChoiceAction =
	| {type: 'sort-next'; columns: readonly SortColumn[]}
	| {type: 'sort-reverse'}
	| {type: 'columns-move'; delta: number}
	| {type: 'columns-jump'; to: 'first' | 'last'}
	| {type: 'columns-toggle'}
	| {type: 'columns-shift'; delta: number}
	| {type: 'columns-reset'};

/** The live columns' refreshes and their pause. */
export type LiveAction =
	| {type: 'live-toggle'}
	| {type: 'live-done'; queues: ReadonlyMap<string, LiveQueue>; at: number}
	| {type: 'live-failed'; reason: string}
	| {type: 'live-feed'; feed: NonNullable<LiveState['feed']>}
	| {type: 'board-feed'; feed: LiveState['feed']};

/** The heat map's metric (`←/→`). */
/** `fields`: the metrics of the map shown, when not the queues'. */
export type HeatMetricAction = {type: 'heat-metric'; delta: number; fields?: readonly MetricField[]};

export type ExplorerAction = NavigationAction | LoadAction | ColumnChoiceAction | LiveAction | HeatMetricAction;
