// What the explorer shows, derived from its state without a terminal: the rows (live values and the comparison
// joined), the page, the status line, the queues to poll, and what `y`/`Y` copy and `e` exports.
import type {QueueInfo} from '../../genesys/queues.js';
import type {DroppedStatistic} from '../../genesys/dropped-statistics.js';
import {compareLevelRows} from '../../levels/compare.js';
import {fileNamePart} from '../../levels/queue-labels.js';
import {partialLegend} from '../../levels/record-table.js';
import {levelOf, liveOf, nameHeaderOf} from '../../levels/registry.js';
import {rowsByRecords, rowsBySpec} from '../../levels/row-records.js';
import {type Totals, totalsRequest} from '../../levels/totals.js';
import {
	type DisplayRow,
	type LevelModule,
	type LevelRef,
	type LevelRows,
	type Loaded,
	type OpenedRow,
	type Sort,
	totalKey,
} from '../../levels/types.js';
import {toTsv} from '../../export/tsv.js';
import type {Fields} from '../../text/records.js';
import {isLiveField, type LiveField, type MetricField, numericMetrics} from '../../metrics/catalog.js';
import {compareText} from '../../text/collate.js';
import {gridRecords, hourFields, type HourGrid} from '../../metrics/hour-grid.js';
import {liveValueFields, liveValuesRecord} from '../../metrics/live.js';
import {livePaused} from './live.js';
import {withAddedFields} from '../../metrics/compared.js';
import {rowFields} from '../../metrics/rows.js';
import {type CompareMode, shiftDays, shortRangeText} from '../../range/compare.js';
import {type DateRange, type Granularity, isoInterval} from '../../range/range.js';
import {textWidth} from '../../text/columns.js';
import {terminalText} from '../../text/sanitize.js';
import {wrapWords} from '../../text/wrap.js';
import {noticeLines} from '../components/status-bar.js';
import type {LiveTargets} from '../hooks/use-live-updates.js';
import {footerFor, type Hint, type KeyAction, type KeyContext} from '../keymap.js';
import {type KeyPlace, whyNot} from './applicable.js';
import {pickerOrder, visibleColumns} from './column-choice.js';
import {
	type Column,
	fitColumns,
	oneDurationFormat,
	sortTitle,
	tallyWidths,
	type WidthTally,
	widestOf,
} from './columns.js';
import {droppedNotice} from './dropped.js';
import {comparedData, currentData, currentFrame, effectiveSort, selectedIndex} from './frames.js';
import {memoLast, memoLastBy} from './memo-last.js';
import type {ExplorerState, Frame, LiveState, PickedField} from './types.js';
import {filteredTotalName, type LevelView, levelView} from './view.js';

/** The sparklines of a level that uses the interval size and names none of its own. */
const defaultSparklines: readonly MetricField[] = ['offered', 'serviceLevel'];

const granularityWords: Record<Granularity, string> = {
	PT15M: '15 minutes',
	PT30M: '30 minutes',
	PT1H: 'hour',
	P1D: 'day',
	P7D: 'week',
};

export type ExplorerInput = {
	state: ExplorerState;
	range: DateRange;
	profileLabel: string;
	width: number;
	height: number;
	/** The comparison period while its data is asked (useComparisonData); undefined otherwise. */
	compared: DateRange | undefined;
};

/** What `e` exports: the view's records, their fields (undefined: the level's own) and a file name. */
export type ExportedView = {
	rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
	fields: Fields | undefined;
	suggestedName: string;
};

export type ExplorerModel = {
	frame: Frame;
	level: LevelModule;
	/** The name column's header as the level was opened (Skill on rows of requested skills). */
	nameHeader: string;
	/** The sort as the rows are sorted (a change sorts by its metric while nothing is compared). */
	sort: Sort;
	/** The level's rows in filter and sort order with their totals; undefined until its answer is in. */
	view: LevelView | undefined;
	/** The selection's stops: the rows, then the totals row (`h` on it opens the heat map of all the rows). */
	keys: readonly string[];
	navigableRows: readonly OpenedRow[];
	/** The selection among `keys`, and whether it is the totals row. */
	index: number;
	onTotal: boolean;
	/** The visible columns in their order, and as they fit the width; every column offered, for the picker. */
	fields: readonly PickedField[];
	columns: readonly Column[];
	pickerOrder: readonly PickedField[];
	/** Rows on a page, and the first row drawn. */
	pageSize: number;
	top: number;
	crumbs: string[];
	status: string[];
	/** When the current level's data arrived (epoch ms, this machine's clock): a level of now ages from it. */
	loadedAt: number | undefined;
	/** What is loading, with its progress. */
	busy: string | undefined;
	notice: string | undefined;
	/** The live word of the status bar (its clock redraws that line, not the explorer). */
	liveWord: LiveState | undefined;
	keyContext: KeyContext;
	/** The footer's keys: those that act on this level and row. */
	footer: readonly Hint[];
	/** Undefined when a key acts on this level and row; otherwise why not, for the status line. */
	whyNot: (action: KeyAction) => string | undefined;
	/** The filter's line under the table: while editing it, or while it filters. */
	filterLine: boolean;
	/** Lines of counts above the table (people now), wrapped to the width. */
	headline: readonly string[];
	/** Lines under the table (the wait bands' what-if), wrapped to the width. */
	footline: readonly string[];
	/** The sparklines above the table (a level by interval): the metrics, the rows in time order, the width. */
	sparklines: {fields: readonly MetricField[]; rows: readonly DisplayRow[]; width: number} | undefined;
	/** The heat map of the level (weekday by hour), and what it covers. */
	grid: HourGrid | undefined;
	heatScope: string;
	/** Impossible statistics left out of this level's answers: said in the status bar, marked on their cells. */
	dropped: readonly DroppedStatistic[] | undefined;
	/** The queues the live refreshes ask about. */
	poll: LiveTargets;
	/** While the export dialog is open. */
	exported: ExportedView | undefined;
	/** The box the help (`?`) has: between the status lines and the footer. */
	help: {width: number; height: number};
};

function rowsOf(
	level: LevelModule,
	loaded: Loaded | undefined,
	ref: LevelRef,
	timeZone: string,
	granularity: Granularity,
): LevelRows | undefined {
	return loaded ? level.rows(loaded.data, ref, {timeZone, granularity}) : undefined;
}

/** Outside text (presence labels the org typed) cleaned and wrapped to `width`; none for no text. */
function wrappedLines(text: string | undefined, width: number): readonly string[] {
	return text ? wrapWords(terminalText(text), width) : [];
}

/** The parts that cost (rows, joins, sorting), each remembered for its last arguments as useMemo would. */
function derivations() {
	return {
		// Rows depend on the level and the data; filter and sort on their own; the selection on neither.
		base: memoLast(rowsOf),
		previousBase: memoLast(rowsOf),
		// Live values join the rows in a copy; filter and sort are applied again, the selection stays by key. An update
		// of a few queues joins only theirs when the last rows joined are of the queues it changed.
		withLive: (() => {
			type Joined = {
				base: LevelRows | undefined;
				live: LevelModule['live'];
				queues: LiveState['queues'] | undefined;
				ref: LevelRef;
				info: ReadonlyMap<string, QueueInfo> | undefined;
				rows: LevelRows | undefined;
			};
			let last: Joined | undefined;
			return (
				base: LevelRows | undefined,
				live: LevelModule['live'],
				liveState: LiveState | undefined,
				ref: LevelRef,
				info: ReadonlyMap<string, QueueInfo> | undefined,
			): LevelRows | undefined => {
				const queues = liveState?.queues;
				const known =
					last && last.base === base && last.live === live && last.ref === ref && last.info === info ? last : undefined;
				if (known && known.queues === queues) return known.rows;
				const changed = liveState?.changed;
				const since =
					known?.rows && changed && changed.from === known.queues
						? {rows: known.rows, changed: changed.ids}
						: undefined;
				const rows = base && live && queues?.size ? live.attach(base, ref, queues, info, since) : base;
				last = {base, live, queues, ref, info, rows};
				return rows;
			};
		})(),
		// While comparing, each row carries its twin of the comparison period (or an empty one).
		shown: memoLast(
			(
				withLive: LevelRows | undefined,
				previous: LevelRows | undefined,
				mode: CompareMode | undefined,
				level: LevelModule,
				range: DateRange,
				granularity: Granularity,
			) =>
				withLive && previous && mode
					? compareLevelRows(level, withLive, previous, {
							days: shiftDays(range, mode),
							timeZone: range.timeZone,
							granularity,
						})
					: withLive,
		),
		view: memoLast(
			(
				shown: LevelRows | undefined,
				level: LevelModule,
				filter: string,
				column: Sort['column'],
				descending: boolean,
				quick: number,
				showIdle: boolean,
			) => (shown ? levelView(shown, level, filter, {column, descending}, quick, showIdle) : undefined),
		),
		// Whether a row is a bucket the range cuts: read once per view, not on every keypress.
		partial: memoLastBy((view: LevelView | undefined) => Boolean(view?.rows.some(row => row.row.partial))),
		stops: memoLast((view: LevelView | undefined) => {
			const rowKeys = view?.rows.map(row => row.key) ?? [];
			return {
				rowKeys,
				keys: rowKeys.length > 0 ? [...rowKeys, totalKey] : rowKeys,
				navigableRows: view && view.rows.length > 0 ? [...view.rows, {key: totalKey, label: view.total.queueName}] : [],
			};
		}),
		// The widest value of each column, so none is cut (a wait of hours with its mark): of every row of the level,
		// filtered or not, in any order (typing a filter or sorting never changes which columns fit). A live update
		// counts again only the rows it changed.
		tally: (() => {
			let last: WidthTally | undefined;
			return memoLast((rows: readonly DisplayRow[] | undefined, fields: string, showIdle: boolean) => {
				if (!rows) return undefined;
				last = tallyWidths(last, rows, fields === '' ? [] : (fields.split(',') as PickedField[]), showIdle);
				return last;
			});
		})(),
		widest: memoLast((tally: WidthTally | undefined, view: LevelView | undefined) =>
			tally && view ? widestOf(tally, {row: view.total, live: view.liveTotal}) : undefined,
		),
		// The name column is as wide as the longest name of the level (filtered or not, and its total, filtered or
		// not), up to a cap: typing a filter never changes which columns are shown.
		longestName: memoLast((names: LevelRows | undefined) =>
			names ? names.rows.reduce((most, row) => Math.max(most, textWidth(row.label)), textWidth(filteredTotalName)) : 0,
		),
		droppedNote: memoLast((loaded: Loaded | undefined, ref: LevelRef, timeZone: string) => {
			if (!loaded?.dropped) return undefined;
			const names = (loaded.data as {nameOf?: (id: string) => string} | undefined)?.nameOf;
			const nameOf = (id: string) => names?.(id) ?? ref.context.queueName ?? id;
			return droppedNotice(loaded.dropped, nameOf, timeZone);
		}),
		// The lines of counts above the table and the what-if under it, wrapped: the same text on every keypress.
		headline: memoLast(wrappedLines),
		footline: memoLast(wrappedLines),
		grid: memoLast((level: LevelModule, loaded: Loaded | undefined) =>
			level.grid && loaded ? level.grid(loaded.data) : undefined,
		),
		// Every queue of the range, for the live refreshes in turns.
		allQueueIds: memoLast((totals: Totals | undefined) =>
			totals
				? totals.running
					? [...totals.running.byQueue.keys()]
					: [...new Set(totals.cells.map(cell => cell.queueId))]
				: [],
		),
	};
}

/** "1 row", "4,976 rows", "12/4,976 rows": how many rows are shown of how many. */
export function rowsText(shown: number, count: number): string {
	const number = (value: number) => value.toLocaleString('en-US');
	return `${shown === count ? number(count) : `${number(shown)}/${number(count)}`} ${count === 1 ? 'row' : 'rows'}`;
}

/** "110 queues without traffic hidden (z shows them)", or shown; nothing when the level has no such rows. */
export function idleText(idle: number, level: LevelModule, ref: LevelRef, shown: boolean): string {
	if (idle === 0 || !level.idleRows) return '';
	const nouns = level.idleRows(ref);
	const what = idle === 1 ? nouns.one : nouns.many;
	return `${idle.toLocaleString('en-US')} ${what} without traffic ${shown ? 'shown (z hides' : 'hidden (z shows'} ${idle === 1 ? 'it' : 'them'})`;
}

/** The level's quick filter's choice, when it filters or the level always names it: `agents: logged in (o)`. */
export function quickText(level: LevelModule, quick: number): string {
	const filter = level.quickFilter;
	const choice = filter?.choices[quick];
	if (!filter || !choice || (quick === 0 && !filter.always)) return '';
	return `${filter.title}: ${choice.label} (${filter.key})`;
}

/**
 * The rows, and where the selection is among them once it has left the first row (after a sort of 5,000 queues the
 * table alone does not say it is not at the top): `row 111 of 4,976 rows`, `total of 3/12 rows`.
 */
export function positionText(selected: number, onTotal: boolean, shown: number, count: number): string {
	const rows = rowsText(shown, count);
	if (onTotal) return `total of ${rows}`;
	return selected > 0 ? `row ${(selected + 1).toLocaleString('en-US')} of ${rows}` : rows;
}

/** A model function of its own for each explorer: it remembers the last rows, so a key press does not make them again. */
export function makeExplorerModel(): (input: ExplorerInput) => ExplorerModel {
	const remembered = derivations();
	return input => modelOf(input, remembered);
}

/** The explorer's model, computed afresh. */
export function explorerModel(input: ExplorerInput): ExplorerModel {
	return modelOf(input, derivations());
}

function modelOf(
	{state, range, profileLabel, width, height, compared}: ExplorerInput,
	remembered: ReturnType<typeof derivations>,
): ExplorerModel {
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	const nameHeader = nameHeaderOf(frame.level);
	const loaded = currentData(state);
	const liveLevel = state.live ? liveOf(frame.level) : undefined;
	const sort = effectiveSort(state, frame.sort);

	const base = remembered.base(level, loaded, frame.level, range.timeZone, state.granularity);
	const totalsInfo = (state.data.get(totalsRequest.key)?.data as Totals | undefined)?.queues;
	const withLive = remembered.withLive(base, liveLevel, state.live, frame.level, totalsInfo);
	const loadedBefore = compared ? comparedData(state) : undefined;
	const previousBase = remembered.previousBase(level, loadedBefore, frame.level, range.timeZone, state.granularity);
	const shown = remembered.shown(withLive, previousBase, state.compare, level, range, state.granularity);
	const view = remembered.view(
		shown,
		level,
		frame.filter,
		sort.column,
		sort.descending,
		frame.quick ?? 0,
		frame.idle === true,
	);
	const {rowKeys, keys, navigableRows} = remembered.stops(view);
	// The names of rows with live values are those of the rows without: measured again only when those change.
	const longestName = remembered.longestName(shown?.sameOrderAs ?? shown);

	const index = selectedIndex(frame, keys);
	const onTotal = keys[index] === totalKey;
	const rowIndex = onTotal ? rowKeys.length - 1 : index;
	// A column the level leaves out as it was opened (a queue's board has no Queues column) is not shown.
	const omitted = level.omitColumns?.(frame.level, Boolean(state.live)) ?? [];
	const fields = visibleColumns(state, frame.level.id).filter(field => !omitted.includes(field));
	// The rows shown, whatever their order.
	const shownKey = [shown, level, frame.filter, frame.quick ?? 0, frame.idle === true] as const;
	const fieldList = fields.join(',');
	const tally = remembered.tally(shown?.rows, fieldList, frame.idle === true);
	// Each tally is a new object (its counts are changed in place), so it keys the memo alone.
	const values = remembered.widest(tally, view);
	const fitted = fitColumns({
		width: width - 2,
		nameHeader,
		fields,
		longestName,
		comparing: Boolean(view?.previousTotal),
		widest: values?.widths,
		// The sort column stays, a change's too (sorting by Δ keeps its metric beside it by priority).
		sortColumn: sort.column === 'name' ? undefined : sort.column,
		yieldingLive: fields.filter(
			(field): field is LiveField => isLiveField(field) && !state.views[frame.level.id]?.columns?.includes(field),
		),
		// Once the user has ordered the columns (v), that order decides what a narrow terminal keeps.
		byOrder: Boolean(state.views[frame.level.id]?.columns),
	});
	// One format down a column: a wait of hours makes every value of its column h:mm:ss.
	const columns = values ? oneDurationFormat(fitted, values.hours) : fitted;
	// A notice may quote a server (a comparison that failed) or name queues: shown only once cleaned.
	const rawNotice = state.notice ?? remembered.droppedNote(loaded, frame.level, range.timeZone);
	const notice = rawNotice === undefined ? undefined : terminalText(rawNotice);
	const liveWord = liveLevel && !level.grid ? state.live : undefined;

	const asOf = loaded?.asOf ?? [...state.data.values()].at(-1)?.asOf;
	// A level of now that `l` paused says so beside its time (live columns say it in their own status).
	const paused = !liveLevel && level.refreshes && livePaused(state) ? ' (paused: l resumes)' : '';
	const asOfTime = asOf ? `as of ${asOf.toTimeString().slice(0, 8)}${paused}` : 'not loaded';
	// A level fed by push says how it is fed (as the live columns do): by push it is of now, not of its last load.
	const feed = !liveLevel && level.refreshes?.push && !paused ? state.live?.boardFeed : undefined;
	const asOfText = !feed
		? asOfTime
		: feed.push
			? feed.down
				? `live STALE (${feed.down}), ${asOfTime}`
				: 'live (push)'
			: `live (polling: ${feed.reason}), ${asOfTime}`;
	const sortHeader = sort.column === 'name' ? nameHeader : sortTitle(sort.column);
	const status = (
		level.grid
			? [asOfText, 'local wall-clock hours']
			: [
					// Both periods named, while comparing: this one and the one it is compared with.
					compared ? `${shortRangeText(range)} vs ${shortRangeText(compared)}` : '',
					asOfText,
					view ? positionText(rowIndex, onTotal, view.rows.length, view.count) : '',
					// Right after the rows it chooses, so a narrow terminal still shows which (outcome: abandoned (o)).
					quickText(level, frame.quick ?? 0),
					view ? idleText(view.idle, level, frame.level, frame.idle === true) : '',
					level.usesGranularity ? `by ${granularityWords[state.granularity]} (i to change)` : '',
					// The legend of the mark on a bucket the range cuts (a week from a Wednesday, a day up to now).
					remembered.partial(view, ...shownKey) ? partialLegend : '',
					// Before the sort, so a narrow terminal still shows it (a missing permission, the agents' coverage).
					// It may quote the server (a conversation's id): cleaned like every outside text.
					terminalText(base?.note ?? ''),
					// Observations are per queue: rows of skills or languages on a range with today say why none are live.
					state.live && level.live && !liveLevel ? 'live columns: queue rows only' : '',
					`sorted by ${sortHeader}`,
				]
	).filter(Boolean);
	const running = state.loading ?? state.comparing;
	const busy = running
		? `${running.label}${running.progress && running.progress.total > 1 ? ` ${running.progress.done}/${running.progress.total}` : ''}…`
		: undefined;

	const showSparklines = level.usesGranularity && Boolean(view?.rows.length);
	// It may name presences the org typed: cleaned like every outside text.
	const headline = remembered.headline(base?.headline, Math.max(20, width - 1));
	const footline = remembered.footline(base?.footline, Math.max(20, width - 1));
	const filterLine = state.filtering || frame.filter !== '';
	const extraStatus = noticeLines(status, busy, notice, width, liveWord).length;
	// Breadcrumb, status, table header, totals and footer, plus the optional lines.
	const pageSize = Math.max(
		3,
		height - 5 - extraStatus - (showSparklines ? 2 : 0) - (filterLine ? 1 : 0) - headline.length - footline.length,
	);
	const scrolledTop = Math.max(0, Math.min(frame.top, Math.max(0, rowKeys.length - pageSize), rowIndex));
	const top = rowIndex >= scrolledTop + pageSize ? rowIndex - pageSize + 1 : scrolledTop;
	const grid = remembered.grid(level, loaded);
	const {queueName, mediaType} = frame.level.context;
	const keyContext: KeyContext =
		state.overlay?.kind === 'columns'
			? 'columns'
			: state.loading
				? 'loading'
				: state.error
					? 'error'
					: level.grid
						? 'heatmap'
						: 'table';
	const place: KeyPlace = {
		context: keyContext,
		level,
		cannotOpen: level.cannotOpen?.(frame.level),
		ref: frame.level,
		atFirst: state.stack.length === 1,
		onTotal,
		hasRows: rowKeys.length > 0,
		canGoBack: state.stack.length > 1 || Boolean(state.error) || frame.filter !== '',
		// Live columns, or a level of now that refreshes (people now whatever the range, flows' In flow now on a range
		// with today): `l` pauses either.
		live:
			Boolean(liveLevel) ||
			Boolean(level.refreshes && (state.live || (loaded && level.refreshes.everyMs(loaded.data) !== undefined))),
		rangeLive: Boolean(state.live),
		uncompared: Boolean(level.uncompared || frame.level.context.today),
	};
	const why = (action: KeyAction) => whyNot(action, place);

	return {
		frame,
		level,
		nameHeader,
		sort,
		view,
		keys,
		navigableRows,
		index,
		onTotal,
		fields,
		columns,
		pickerOrder: pickerOrder(state, frame.level.id),
		pageSize,
		top,
		// Queue, agent and wrap-up code names come from the org: every part is cleaned, short ones too.
		crumbs: [
			profileLabel,
			`${range.from === range.to ? range.from : `${range.from} → ${range.to}`} (${range.timeZone})`,
			...state.stack.flatMap(each => levelOf(each.level).crumb(each.level) ?? []),
		].map(terminalText),
		status,
		busy,
		notice,
		liveWord,
		keyContext,
		footer: footerFor(keyContext, {
			acts: action => why(action) === undefined,
			words: {live: livePaused(state) ? 'resume' : 'pause'},
		}),
		whyNot: why,
		filterLine,
		headline,
		footline,
		loadedAt: loaded?.asOf.getTime(),
		sparklines:
			showSparklines && view
				? {
						fields: level.sparklines ?? defaultSparklines,
						rows: [...view.rows].sort((a, b) => compareText(a.key, b.key)),
						width: Math.max(10, width - 12),
					}
				: undefined,
		grid,
		heatScope: terminalText(grid?.scope ?? [queueName ?? 'All queues', mediaType].filter(Boolean).join(' · ')),
		dropped: loaded?.dropped,
		poll: {
			all: remembered.allQueueIds(state.data.get(totalsRequest.key)?.data as Totals | undefined),
			// The queues of the rows on screen, refreshed every time.
			visible: liveLevel?.queueIds(rowKeys.slice(top, top + pageSize), frame.level) ?? [],
			shown: Boolean(liveLevel),
		},
		help: {width, height: Math.max(6, height - 3 - extraStatus - (filterLine ? 1 : 0))},
		exported:
			state.overlay?.kind === 'export' && view
				? exportedView(state, frame, level, view, grid, range, compared, liveLevel)
				: undefined,
	};
}

/** The numbers with a comparison side in an export (`<field>Prev`), as `gqx export --compare` writes them. */
const comparedMetrics = numericMetrics.filter(metric => metric.onQueueLevels !== false);

/**
 * The view as `e` writes it: the heat map's weekday-hours as `export --level hours` writes them, else the rows. As
 * `gqx export` writes the same view: every record says the interval it covers (the range's, where the row is not
 * an interval), a live view's records add the live values and when they were observed, and while comparing each
 * number's `<field>Prev` and the `comparedInterval`.
 */
function exportedView(...args: Parameters<typeof exportedRows>): ExportedView {
	const {context} = args[1].level;
	const exported = exportedRows(...args);
	// Rows of requested skills or languages (`t`) are written as `gqx export --by` writes them: skillId, skillName.
	const rowsBy = context.rowsBy === 'queue' ? undefined : context.rowsBy;
	if (!rowsBy) return exported;
	return {
		...exported,
		rows: rowsByRecords(exported.rows, rowsBy),
		fields: rowsBySpec({fields: exported.fields ?? rowFields}, rowsBy).fields,
	};
}

/** The view's records and fields as a queue level's (exportedView renames the queue's for skill rows). */
function exportedRows(
	state: ExplorerState,
	frame: Frame,
	level: LevelModule,
	view: LevelView,
	grid: HourGrid | undefined,
	range: DateRange,
	compared: DateRange | undefined,
	liveLevel: LevelModule['live'],
): ExportedView {
	const {context} = frame.level;
	const queueShown = context.queueLabel ?? context.queueName;
	const rangeInterval = isoInterval(range.start, range.end);
	const comparedRange = compared ? isoInterval(compared.start, compared.end) : null;
	const comparing = !grid && view.rows.some(row => row.previous);
	// A grid of the level's own kind (a flow's) is written as the level says.
	const ownGrid = grid && level.gridRecords?.(grid, frame.level, rangeInterval);
	const own = level.exportFields ?? rowFields;
	const prevFields = comparing
		? comparedMetrics.filter(metric => (own as readonly string[]).includes(metric.field)).map(metric => metric.field)
		: [];
	const record = (row: DisplayRow): Record<string, unknown> => {
		const base = (row.record as Readonly<Record<string, unknown>> | undefined) ?? row.row;
		const made: Record<string, unknown> = {...base};
		if ('interval' in made && !made['interval']) made['interval'] = rangeInterval;
		if (comparing) {
			const previous = row.previous?.row;
			for (const field of prevFields) made[`${field}Prev`] = previous ? previous[field] : null;
			made['comparedInterval'] = previous?.interval ?? comparedRange;
		}
		if (liveLevel) {
			const observed = row.row.queueId ? state.live?.queues.get(row.row.queueId)?.observedAt : undefined;
			Object.assign(made, liveValuesRecord(row.live), {
				observedAt: row.live && observed !== undefined ? new Date(observed).toISOString() : null,
			});
		}
		return made;
	};
	return {
		rows: ownGrid
			? ownGrid.rows
			: grid
				? gridRecords(grid, {
						queueId: context.queueId ?? null,
						queueName: context.queueName ?? 'All queues',
						mediaType: context.mediaType || null,
						interval: rangeInterval,
						division: context.division,
					})
				: view.rows.map(record),
		// What gqx export adds goes after the level's fields (readers by position keep working): the comparison,
		// then the live values.
		fields: ownGrid
			? ownGrid.fields
			: grid
				? hourFields
				: comparing || liveLevel
					? withAddedFields(own, {
							compared: comparing,
							after: liveLevel ? [...liveValueFields, 'observedAt'] : [],
						})
					: level.exportFields,
		// The whole drill, so two views never suggest one name: the queue as shown (with its division when its name
		// is shared), the media type, the agent or wrap-up code, the interval size, the dates and the comparison.
		suggestedName: [
			'gqx',
			frame.level.id,
			...[queueShown, context.flowName, context.mediaType, context.memberName].flatMap(part =>
				part ? [fileNamePart(part)] : [],
			),
			...(level.usesGranularity ? [state.granularity] : []),
			`${range.from}_${range.to}`,
			...(comparing && state.compare ? [`vs-${state.compare}`] : []),
		].join('-'),
	};
}

/** What `y` (the selected row) or `Y` (the view) copies, tab-separated with a header line, and what is said. */
export function copiedText(model: ExplorerModel, which: 'row' | 'view'): {text: string; notice: string} | undefined {
	if (!model.view) return undefined;
	const own = which === 'row' ? model.level.copyRow?.(model.frame.level) : undefined;
	if (own) return {text: own.text, notice: `Copied ${own.what}: ${own.text}`};
	const chosen = which === 'row' ? model.view.rows.slice(model.index, model.index + 1) : model.view.rows;
	if (chosen.length === 0) return undefined;
	const what = chosen.length === 1 ? '1 row' : `${chosen.length.toLocaleString('en-US')} rows`;
	return {
		// The visible columns in their order, live ones (a range with today) included, as the table shows them.
		text: toTsv(model.nameHeader, chosen, model.fields),
		notice: `Copied ${what} and a header line to the clipboard (tab-separated)`,
	};
}
