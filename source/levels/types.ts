// What a level of the explorer is: its identity, how its rows are loaded and made, and which levels it opens.
import type {Progress} from '../genesys/analytics.js';
import type {GenesysClient} from '../genesys/client.js';
import type {DropSink, DroppedStatistic} from '../genesys/dropped-statistics.js';
import type {LiveQueue} from '../genesys/observations.js';
import type {AgentChange} from '../genesys/agent-push.js';
import type {SessionsNow} from '../genesys/activity.js';
import type {QueueInfo} from '../genesys/queues.js';
import type {LiveField, LiveValues, MetricField} from '../metrics/catalog.js';
import type {DeltaField} from '../metrics/delta.js';
import type {Division, QueueRow} from '../metrics/rows.js';
import type {StatsBag} from '../genesys/stats.js';
import type {DateRange, Granularity} from '../range/range.js';
import type {HourGrid} from '../metrics/hour-grid.js';
import type {CompareMode} from '../range/compare.js';
import type {RecordSpec} from '../text/records.js';
import type {OutcomeFilter} from '../genesys/details.js';
import type {RoutedRows, RowsBy} from '../genesys/row-dimensions.js';

export type LevelId =
	| 'queues'
	| 'media'
	| 'intervals'
	| 'agents'
	| 'agent-intervals'
	| 'wrapups'
	| 'wrapup-intervals'
	| 'hours'
	| 'conversations'
	| 'timeline'
	| 'people'
	| 'flows'
	| 'flow-outcomes'
	| 'flow-outcome-intervals'
	| 'flow-queues'
	| 'flow-hours'
	| 'bands';

/**
 * What the session chose for every level (`--bands` or the profile's bands; what the first level's rows are, `t`):
 * the first level's, kept by each drill.
 */
export type SessionContext = Readonly<{
	/** Where the wait bands end, in seconds; the default bands when absent. */
	bandEdges?: readonly number[];
	/**
	 * What the first level's rows are: queues when absent, else requested skills or languages. Below it `queueId` and
	 * `queueName` are that row's (a skill's id and name), and the queries group and filter by its dimension.
	 */
	rowsBy?: RowsBy;
}>;

/** The session's part of a context, for a level opened from it (whatever the opening level keeps of the rest). */
export function sessionContext({bandEdges, rowsBy}: LevelContext): SessionContext {
	return {...(bandEdges ? {bandEdges} : {}), ...(rowsBy ? {rowsBy} : {})};
}

/**
 * What the levels above chose, growing with each drill (the queue, then its media type). `queueLabel`
 * is how the queue was shown (with its division when another queue has its name), for the breadcrumb.
 */
export type LevelContext = SessionContext &
	Readonly<{
		queueId?: string;
		queueName?: string;
		mediaType?: string;
		queueLabel?: string;
		division?: Division;
		/** An agent's user id or a wrap-up code ('' for work without a code), and its name. */
		member?: string;
		memberName?: string;
		/** Whether `member` is an agent or a wrap-up code. */
		memberKind?: 'agents' | 'wrapups';
		/** One interval of the range (`start/end`, ISO), when an interval row was opened, and its label. */
		interval?: string;
		intervalLabel?: string;
		/** The number of the row a list of conversations was opened from, to hold the list against. */
		cell?: {field: 'offered' | 'answered' | 'handled'; count: number};
		/** The conversation a timeline is of. */
		conversationId?: string;
		/** An Architect flow, and one of its outcomes, when a flow row (and an outcome row) was opened. */
		flowId?: string;
		flowName?: string;
		outcomeId?: string;
		outcomeName?: string;
		/** Of today, whatever the range (an agent opened from people now): from midnight to now in the range's zone. */
		today?: boolean;
	}>;

/** A row as the reducer hands it to `openContext`: its identity and, when there, its numbers' row. */
export type OpenedRow = Pick<DisplayRow, 'key' | 'label'> & {row?: QueueRow};

export type LevelRef = {id: LevelId; context: LevelContext};

/** A name, a metric, a live column, or (while comparing) a metric's change. */
export type SortColumn = 'name' | MetricField | LiveField | DeltaField;
export type Sort = {column: SortColumn; descending: boolean};

/**
 * How one row of a level opens another level: `drill` (Enter), or the action of the key the opened level declares
 * (`agents` for a, `heatmap` for h).
 */
export type OpenAction = string;

/**
 * The key that opens a level from the rows of the levels that list its `action` in their `opens`. The keymap makes a
 * binding of it, so the footer, the help and the README's keys table list it; Enter (`drill`) is every level's own.
 */
export type LevelKey = {
	action: OpenAction;
	/** The key pressed: one character, no modifier. */
	key: string;
	/** The footer's word for it. */
	short: string;
	/** The help's and the README's line. */
	description: string;
	/** Shown in the footer (the keys that matter most); every key is in the help. */
	footer: boolean;
	/** The totals row opens it too, for all of the level's rows together (the heat map). */
	onTotal?: boolean;
	/** Any row opens it for the level as a whole, as the totals row does: nothing of the row is kept (flows). */
	wholeLevel?: boolean;
};

/** The totals row's key: the selection's last stop below the rows (no queue id, media type or interval is empty-prefixed). */
export const totalKey = '\u0000total';

export type LoadOptions = {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	/** Told of each impossible statistic left out of the answers. */
	onDrop?: DropSink;
	/** The data so far, for a level that shows its first rows while the rest load (conversations). */
	onPartial?: (data: unknown) => void;
	/** Customer addresses as they are (`--reveal-addresses`). */
	revealAddresses?: boolean;
	/**
	 * A level of now asked again on its own schedule (not `r`, not a first load): what changes slower than the refresh
	 * (the flows' aggregates beside In flow now) may come from the last minute.
	 */
	scheduled?: boolean;
};

/** One load of data through the client; levels that need the same data give the same key and share it. */
export type DataRequest = {
	key: string;
	/** What the status bar says while it runs ("loading queues"). */
	label: string;
	load(client: GenesysClient, range: DateRange, options: LoadOptions): Promise<unknown>;
};

/** `dropped`: the impossible statistics left out of the answers (the table marks the cells they feed). */
export type Loaded = {
	data: unknown;
	asOf: Date;
	dropped?: readonly DroppedStatistic[];
	/** The first part of a load still running (or stopped): shown, but asked again when the level is opened again. */
	partial?: boolean;
};

/** One side of a row in the comparison period (`c`): its numbers, and their statistics for totals. */
export type ComparedSide = {row: QueueRow; stats: StatsBag};

/**
 * `search` is the label in lower case, for the filter and name order; `searchAlso`, other text the
 * filter matches (a queue's division), also in lower case. `previous` is there while comparing: the
 * same row in the comparison period (empty statistics when it had no data there).
 */
export type DisplayRow = {
	key: string;
	label: string;
	search: string;
	searchAlso?: string;
	row: QueueRow;
	stats: StatsBag;
	/** What is happening now (live columns), when the range includes today and an observation is in. */
	live?: LiveValues;
	/** The target when the row's own is unknown (its media differ): the lowest of the queue's media settings. */
	serviceLevelTarget?: number;
	/** The service-level time of the media type waited on longest (the longest wait's limit). */
	waitLimitMs?: number;
	previous?: ComparedSide;
	/** What `e` writes for the row when it is not the row's numbers (a conversation's record). */
	record?: unknown;
	/** What the row stands for, to the level's own code (people now: the agent's state), kept by every copy. */
	item?: unknown;
	/** A row without traffic in the range (a queue only the listing knows): hidden until `z` shows it. */
	idle?: boolean;
};

/** A level's own filter, cycled by its key (`o`): each choice keeps the rows its test holds for. */
export type QuickFilter = {
	key: string;
	/** What it filters by, for the status line ("outcome: abandoned"). */
	title: string;
	/** The status line names the choice even at the first (which then filters too: people now's logged in). */
	always?: boolean;
	/** The first is the level's default (every row, or the rows that matter most: agents logged in). */
	choices: ReadonlyArray<{label: string; test: (row: DisplayRow) => boolean}>;
};

/**
 * `sameOrderAs`: these rows are those rows, in the same order, with live values added: orders by name and by the
 * aggregate columns are that one's (a live refresh sorts again only by a live column). `allStats`, when known, is
 * the statistics of all rows merged (the unfiltered total); `previousAllStats`, while comparing, the same of the
 * comparison period.
 */
export type LevelRows = {
	rows: DisplayRow[];
	allStats?: StatsBag;
	/** One line about the data (how much of the queue the rows cover, a permission missing), for the status bar. */
	note?: string;
	/** Counts above the table, wrapped to the width (people now's agents per status). */
	headline?: string;
	/** A paragraph under the table, wrapped to the width (the wait bands' service-level what-if). */
	footline?: string;
	/** The totals row's share: its `field` of `of` (agents: answered of the queue's answered). */
	shareBase?: {field: 'answered' | 'handled'; of: number};
	sameOrderAs?: LevelRows;
	previousAllStats?: StatsBag;
};

export type LevelModule = {
	id: LevelId;
	/** One line for the README and the help: what a row of this level is. */
	description: string;
	/** Header of the name column. */
	nameHeader: string;
	/** The header as the level was opened, when it depends on that (Skill for rows of requested skills). */
	headerOf?: (ref: LevelRef) => string;
	/** Said in the table when there are no rows. */
	emptyText: string;
	defaultSort: Sort;
	/** Name order is the row keys' order (time), not the labels'. */
	byKey: boolean;
	/** The interval size (`i`) applies. */
	usesGranularity: boolean;
	request(ref: LevelRef, granularity: Granularity): DataRequest;
	/** Rows before filter and sort; depends only on the data, so moving the selection never recomputes it. */
	rows(data: unknown, ref: LevelRef, options: {timeZone: string; granularity: Granularity}): LevelRows;
	/** The levels a row opens, by the action that opens them. */
	opens: Partial<Record<OpenAction, LevelId>>;
	/** The key that opens this level from another level's rows, when one does (Enter needs none). */
	key?: LevelKey;
	/** The metric columns this level offers, in their default order; default the queue levels' columns. */
	columns?: readonly MetricField[];
	/**
	 * Columns of `columns` without meaning as the level was opened (people now of a queue: no Queues column), or
	 * without `live` data (a range without today: no flow's In flow now).
	 */
	omitColumns?: (ref: LevelRef, live: boolean) => ReadonlyArray<MetricField | LiveField>;
	/** The metrics drawn as sparklines above the table, when the level uses the interval size. */
	sparklines?: readonly MetricField[];
	/** The record fields its export writes; default the queue levels'. */
	exportFields?: readonly string[];
	/** The context of a level opened from `row`. */
	openContext(row: OpenedRow, ref: LevelRef): LevelContext;
	/** What this level adds to the breadcrumb. */
	crumb(ref: LevelRef): string | undefined;
	/** Levels with live columns: their rows with the latest observations (by queue id) attached. */
	live?: {
		fields: readonly LiveField[];
		/**
		 * `since`: the rows this made last for the same base, ref and info, and the queues whose observations changed
		 * since; a level may then make only those rows again (by push, an update changes a few queues of thousands).
		 */
		attach(
			base: LevelRows,
			ref: LevelRef,
			queues: ReadonlyMap<string, LiveQueue>,
			info?: ReadonlyMap<string, QueueInfo>,
			since?: {rows: LevelRows; changed: Iterable<string>},
		): LevelRows;
		/** The queues whose observations the rows on screen need. */
		queueIds(visibleKeys: readonly string[], ref: LevelRef): string[];
	};
	/**
	 * A row of the comparison period as the same row of this period, `days` calendar days later (`c`).
	 * Without it rows pair by key (a queue, a media type); a level keyed by time moves its keys.
	 */
	alignCompared?(row: DisplayRow, shift: {days: number; timeZone: string; granularity: Granularity}): DisplayRow;
	/**
	 * The level as it is loaded for the comparison period (`c`), when its data is pinned to a part of the range (one
	 * interval): that part `days` calendar days earlier. Without it the comparison loads the same request.
	 */
	comparedRef?(ref: LevelRef, shift: {days: number; timeZone: string}): LevelRef;
	/** A level drawn as a weekday x hour grid instead of a table (the heat map): its grid from the data. */
	grid?: (data: unknown) => HourGrid;
	/** Its grid as `e` writes it, when not a queue's (`export --level hours` records): the records and their fields. */
	gridRecords?: (
		grid: HourGrid,
		ref: LevelRef,
		rangeInterval: string,
	) => {rows: Array<Record<string, unknown>>; fields: readonly string[]};
	/** `gqx export --level NAME`: the same rows as records, for every queue (or the queues chosen) at once. */
	export?: LevelExport;
	/** Rows that are one period's own things (conversations, a timeline's steps): no comparison period (`c`). */
	uncompared?: boolean;
	/** A filter of the level's own, cycled by a key (the outcome of conversations). */
	quickFilter?: QuickFilter;
	/** What the level's rows without traffic are called (`queue`, `queues`), when it lists any: `z` shows them. */
	idleRows?: (ref: LevelRef) => {one: string; many: string};
	/** The totals row as this level shows it, from the one made of the rows' statistics and the rows it covers. */
	total?: (total: QueueRow, rows: readonly DisplayRow[]) => QueueRow;
	/**
	 * Its data is of now: asked again every live refresh while shown (paused with live updates), or every `everyMs` of
	 * its data when that is longer (a big board, within its share of the rate limit); never when `everyMs` is
	 * undefined (data of a range without today). `ages`: its rows' times in status go on counting between refreshes.
	 */
	refreshes?: {everyMs: (data: unknown) => number | undefined; ages?: boolean; push?: LevelPush};
	/** Why Enter (and the keys of `opens`) open nothing from this level as it was opened, when they do not. */
	cannotOpen?: (ref: LevelRef) => string | undefined;
	/** What `y` copies when not the selected row (a timeline: its conversation's id), and what it is called. */
	copyRow?: (ref: LevelRef) => {text: string; what: string};
};

/**
 * A level of now fed by push (the people board): the agents whose topics it subscribes after its first load, how
 * their pushed changes (and the media asked for them) change its data, and how often it is asked again whole while push
 * is healthy (the slow reconcile).
 */
export type LevelPush = {
	users: (data: unknown) => string[];
	apply: (data: unknown, update: PushedAgents) => unknown;
	reconcileMs: (data: unknown) => number;
};

/** What push brought: agents' changes by user id, and the conversations of those asked (`asked`: all of them). */
export type PushedAgents = {
	changes?: ReadonlyMap<string, AgentChange>;
	sessions?: SessionsNow;
	asked?: readonly string[];
};

/** What `gqx export` asks of a level, its flags checked and its queues looked up. */
export type ExportRequest = {
	range: DateRange;
	/** The queues of --queue and --division; undefined: every queue with traffic. */
	queueIds?: string[];
	/** The queues listed to find them, so they need not be asked again. */
	knownQueues?: ReadonlyMap<string, QueueInfo>;
	/** --queue and --division as given (a snapshot of now matches them against its own listing). */
	queues: readonly string[];
	divisions: readonly string[];
	mediaTypes: readonly string[];
	/** By interval of this size (the levels that take --granularity). */
	granularity?: Granularity;
	/** --by-media: a record per media type too. */
	byMedia: boolean;
	compare?: CompareMode;
	/** --sparse: the interval level's buckets with traffic only; every bucket of the range otherwise. */
	sparse?: boolean;
	/** --outcome, --agent (an id, looked up from a name), --reveal-addresses: the levels that take them. */
	outcome?: OutcomeFilter;
	agentId?: string;
	revealAddresses?: boolean;
	/** --flow (ids, looked up from names) and --flow-type (lower case): the flow levels. */
	flowIds?: string[];
	flowTypes?: readonly string[];
	/** --bands: where the wait bands end, in seconds (the bands level); --at: the what-if times (service levels). */
	bandEdges?: readonly number[];
	atSeconds?: readonly number[];
	/** --by skill|language: records of requested skills or languages; `queueIds` are then their ids (--skill, --language). */
	rowsBy?: RoutedRows;
};

/** The flags only some levels take. */
export type LevelFlag = 'outcome' | 'agent' | 'reveal-addresses' | 'flow' | 'flow-type' | 'bands' | 'at';

export type ExportCallbacks<R> = {
	/** Records in the level's export order, a batch at a time; the next batch waits for this one to be written. */
	onRecords(records: readonly R[]): Promise<void>;
	onProgress?(progress: Progress): void;
	/** Told of each impossible statistic left out of the answers. */
	onDrop?: DropSink;
	/** A line for the user (names shown as ids for want of a permission), said once. */
	onNotice?(text: string): void;
};

/** `total`: the table's last line; `nameOf`: the names of the queues, for what is said after the records. */
export type ExportResult<R> = {total?: R; nameOf?: (queueId: string) => string};

// Records are written by field name, so the part is typed loosely where the registry holds every level's together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LevelExport<R = any> = {
	/** The --level value. */
	name: string;
	/** What a record is, for `gqx export --help` (one line, after the name). */
	help: string;
	/** A snapshot of now takes no dates. */
	dated: boolean;
	/** --granularity: not taken, `optional` (by interval when given), or `always` (by interval, a size by default). */
	granularity: 'no' | 'optional' | 'always';
	/** Takes --by-media. */
	byMedia: boolean;
	/** Takes --compare. */
	compare: boolean;
	/** The level's own flags. */
	takes?: readonly LevelFlag[];
	/** Takes --by skill|language: its records can be of requested skills or languages instead of queues. */
	byRows?: boolean;
	/** Its records are not chosen by queue (flows): --queue, --division and --media are refused, not ignored. */
	notByQueue?: {instead: string};
	/** The records' fields and table for this request. */
	spec(request: ExportRequest): RecordSpec<R>;
	stream(client: GenesysClient, request: ExportRequest, callbacks: ExportCallbacks<R>): Promise<ExportResult<R>>;
};
