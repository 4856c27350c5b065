// The drillable tables, generic over levels: data comes from a hook, keys become reducer actions, this draws.
import {Box, Text, useInput, useStdout} from 'ink';
import {useEffect, useMemo, useReducer, useState} from 'react';
import {fileNamePart} from '../../levels/queue-labels.js';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
import {type DisplayRow, type SortColumn, totalKey} from '../../levels/types.js';
import {HeatMap} from '../components/heat-map.js';
import {gridRecords, hourFields} from '../../metrics/hour-grid.js';
import {compareText} from '../../metrics/compare.js';
import type {MetricField} from '../../metrics/catalog.js';
import {liveValueFields, liveValuesRecord} from '../../metrics/live.js';
import {rowFields} from '../../metrics/rows.js';
import type {Thresholds} from '../../metrics/thresholds.js';
import {type DateRange, defaultGranularity, type Granularity, isoInterval} from '../../range/range.js';
import {Breadcrumb} from '../components/breadcrumb.js';
import {ColumnPicker} from '../components/column-picker.js';
import {DataTable} from '../components/data-table.js';
import {ErrorPanel} from '../components/error-panel.js';
import {Footer} from '../components/footer.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {noticeLines, StatusBar} from '../components/status-bar.js';
import {toTsv} from '../../export/tsv.js';
import {copyToClipboard} from '../clipboard.js';
import {droppedNotice} from '../explorer/dropped.js';
import {TextField} from '../components/text-field.js';
import {compareLevelRows} from '../../levels/compare.js';
import {shiftDays, shortRangeText} from '../../range/compare.js';
import {textWidth} from '../../text/columns.js';
import {fitColumns, sortTitle} from '../explorer/columns.js';
import {useComparisonData} from '../hooks/use-comparison-data.js';
import {explorerActionFor, sameScreen} from '../explorer/keys.js';
import {
	comparedData,
	currentData,
	currentFrame,
	effectiveSort,
	explorerReducer,
	initialExplorer,
	pickerOrder,
	type SavedViews,
	selectedIndex,
	visibleColumns,
} from '../explorer/state.js';
import {levelView} from '../explorer/view.js';
import {useLevelData} from '../hooks/use-level-data.js';
import {useLiveUpdates} from '../hooks/use-live-updates.js';
import {defaultLiveRefreshMs} from '../../levels/live.js';
import {type Totals, totalsRequest} from '../../levels/totals.js';
import {actionFor, type KeyContext} from '../keymap.js';
import {keystrokes} from '../keystrokes.js';
import type {Theme} from '../theme.js';
import {ThemeProvider} from '../theme-context.js';
import {Sparklines} from '../components/sparklines.js';
import {ExportDialog} from './export-dialog.js';

/** The sparklines of a level that uses the interval size and names none of its own. */
const defaultSparklines: readonly MetricField[] = ['offered', 'serviceLevel'];

const granularityWords: Record<Granularity, string> = {
	PT15M: '15 minutes',
	PT30M: '30 minutes',
	PT1H: 'hour',
	P1D: 'day',
	P7D: 'week',
};

export type ExplorerProps = {
	profileLabel: string;
	range: DateRange;
	source: LevelSource;
	width: number;
	height: number;
	/** For a caller outside the app's ThemeProvider (a test renders the explorer alone); else the app's. */
	theme?: Theme;
	cwd: string;
	/** The columns and sorts remembered for this profile. */
	views?: SavedViews;
	/** The source of another range (the comparison period, `c`), cached like this range's. */
	sourceFor?: (range: DateRange) => LevelSource;
	onViews?: (views: SavedViews) => void;
	onDates: () => void;
	onProfile: () => void;
	onQuit: () => void;
	/** The range includes today: live columns at the levels that have them. */
	live?: boolean;
	/** How often live columns refresh (ms). */
	liveRefreshMs?: number;
	/** The profile's thresholds for abandon % and longest wait (service level is against each row's target). */
	thresholds?: Thresholds;
};

export function Explorer({theme, ...props}: ExplorerProps) {
	return theme ? (
		<ThemeProvider theme={theme}>
			<ExplorerScreen {...props} />
		</ThemeProvider>
	) : (
		<ExplorerScreen {...props} />
	);
}

function ExplorerScreen({
	profileLabel,
	range,
	source,
	width,
	height,
	cwd,
	views,
	sourceFor,
	onViews,
	onDates,
	onProfile,
	onQuit,
	live = false,
	liveRefreshMs = defaultLiveRefreshMs,
	thresholds,
}: Omit<ExplorerProps, 'theme'>) {
	const [state, dispatch] = useReducer(explorerReducer, undefined, () =>
		initialExplorer(defaultGranularity(range), views, live),
	);
	useLevelData(source, state, dispatch);
	const compared = useComparisonData(sourceFor, range, state, dispatch);
	const {stdout} = useStdout();
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	const loaded = currentData(state);
	const liveLevel = state.live ? level.live : undefined;
	const liveQueues = state.live?.queues;
	const loadedBefore = comparedData(state);
	const sort = effectiveSort(state, frame.sort);

	// Where the reducer asks to go, the app takes us.
	useEffect(() => {
		if (!state.leave) return;
		dispatch({type: 'leave', to: undefined});
		if (state.leave === 'dates') onDates();
		else if (state.leave === 'profile') onProfile();
		else onQuit();
	}, [state.leave, onDates, onProfile, onQuit]);

	// A changed column choice or sort is saved for the next start.
	const [initialViews] = useState(state.views);
	useEffect(() => {
		if (state.views !== initialViews) onViews?.(state.views);
	}, [state.views, initialViews, onViews]);

	// Rows depend on the level and the data; filter and sort on their own; the selection on neither.
	const base = useMemo(
		() =>
			loaded
				? level.rows(loaded.data, frame.level, {timeZone: range.timeZone, granularity: state.granularity})
				: undefined,
		[level, loaded, frame.level, range.timeZone, state.granularity],
	);
	// Live values join the rows in a copy; filter and sort are applied again, the selection stays by key.
	const withLive = useMemo(
		() =>
			base && liveLevel && liveQueues?.size
				? liveLevel.attach(
						base,
						frame.level,
						liveQueues,
						(state.data.get(totalsRequest.key)?.data as Totals | undefined)?.queues,
					)
				: base,
		[base, liveLevel, liveQueues, frame.level, state.data],
	);
	const previousBase = useMemo(
		() =>
			loadedBefore && compared
				? level.rows(loadedBefore.data, frame.level, {timeZone: range.timeZone, granularity: state.granularity})
				: undefined,
		[level, loadedBefore, compared, frame.level, range.timeZone, state.granularity],
	);
	const compareMode = state.compare;
	// While comparing, each row carries its twin of the comparison period (or an empty one).
	const shown = useMemo(
		() =>
			withLive && previousBase && compareMode
				? compareLevelRows(level, withLive, previousBase, {
						days: shiftDays(range, compareMode),
						timeZone: range.timeZone,
						granularity: state.granularity,
					})
				: withLive,
		[withLive, previousBase, compareMode, level, range, state.granularity],
	);
	const view = useMemo(
		() => (shown ? levelView(shown, level, frame.filter, sort) : undefined),
		[shown, level, frame.filter, sort],
	);
	const rowKeys = useMemo(() => view?.rows.map(row => row.key) ?? [], [view]);
	// The totals row is the selection's last stop: `h` on it opens the heat map of all the rows.
	const keys = useMemo(() => (rowKeys.length > 0 ? [...rowKeys, totalKey] : rowKeys), [rowKeys]);
	const navigableRows = useMemo(
		() => (view && view.rows.length > 0 ? [...view.rows, {key: totalKey, label: view.total.queueName}] : []),
		[view],
	);
	const index = selectedIndex(frame, keys);
	const onTotal = keys[index] === totalKey;
	const rowIndex = onTotal ? rowKeys.length - 1 : index;
	const fields = visibleColumns(state, frame.level.id);
	// The name column is as wide as the longest name in the view (and its total), up to a cap.
	const longestName = useMemo(
		() =>
			view ? view.rows.reduce((most, row) => Math.max(most, textWidth(row.label)), textWidth(view.total.queueName)) : 0,
		[view],
	);
	const comparing = Boolean(view?.previousTotal);
	const columns = useMemo(
		() => fitColumns({width: width - 2, nameHeader: level.nameHeader, fields, longestName, comparing}),
		[width, level.nameHeader, fields, longestName, comparing],
	);

	// Impossible statistics left out of this level's answers: said in the status bar, marked on their cells.
	const dropped = loaded?.dropped;
	const droppedNote = useMemo(() => {
		if (!dropped) return undefined;
		const names = (loaded?.data as {nameOf?: (id: string) => string} | undefined)?.nameOf;
		const nameOf = (id: string) => names?.(id) ?? frame.level.context.queueName ?? id;
		return droppedNotice(dropped, nameOf, range.timeZone);
	}, [dropped, loaded, frame.level, range.timeZone]);
	const notice = state.notice ?? droppedNote;

	// The live word ("live, updated 4 s ago") is the status bar's own: its clock redraws that line, not the explorer.
	const liveWord = liveLevel && !level.grid ? state.live : undefined;

	// The queue drilled into, as it was shown (with its division when its name is shared).
	const queueShown = frame.level.context.queueLabel ?? frame.level.context.queueName;
	const asOf = loaded?.asOf ?? [...state.data.values()].at(-1)?.asOf;
	const sortHeader = sort.column === 'name' ? level.nameHeader : sortTitle(sort.column);
	const status = (
		level.grid
			? [asOf ? `as of ${asOf.toTimeString().slice(0, 8)}` : 'not loaded', 'local wall-clock hours']
			: [
					// Both periods named, while comparing: this one and the one it is compared with.
					compared ? `${shortRangeText(range)} vs ${shortRangeText(compared)}` : '',
					asOf ? `as of ${asOf.toTimeString().slice(0, 8)}` : 'not loaded',
					view ? `${view.rows.length === view.count ? view.count : `${view.rows.length}/${view.count}`} rows` : '',
					level.usesGranularity ? `by ${granularityWords[state.granularity]} (i to change)` : '',
					// Before the sort, so a narrow terminal still shows it (a missing permission, the agents' coverage).
					base?.note ?? '',
					`sorted by ${sortHeader}`,
				]
	).filter(Boolean);
	const {loading} = state;
	const running = loading ?? state.comparing;
	const busy = running
		? `${running.label}${running.progress && running.progress.total > 1 ? ` ${running.progress.done}/${running.progress.total}` : ''}…`
		: undefined;

	const showSparklines = level.usesGranularity && Boolean(view?.rows.length);
	const sparkFields = level.sparklines ?? defaultSparklines;
	const filterLine = state.filtering || frame.filter !== '';
	const extraStatus = noticeLines(status, busy, notice, width, liveWord).length;
	// Breadcrumb, status, table header, totals and footer, plus the optional lines.
	const pageSize = Math.max(3, height - 5 - extraStatus - (showSparklines ? 2 : 0) - (filterLine ? 1 : 0));
	const top = Math.max(0, Math.min(frame.top, Math.max(0, rowKeys.length - pageSize), rowIndex));
	const visibleTop = rowIndex >= top + pageSize ? rowIndex - pageSize + 1 : top;
	const grid = level.grid && loaded ? level.grid(loaded.data) : undefined;

	// Every queue of the range, and those of the rows on screen, for the live refreshes.
	const totals = state.data.get(totalsRequest.key)?.data as Totals | undefined;
	const allQueueIds = useMemo(
		() =>
			totals
				? totals.running
					? [...totals.running.byQueue.keys()]
					: [...new Set(totals.cells.map(cell => cell.queueId))]
				: [],
		[totals],
	);
	const visibleQueueIds = liveLevel?.queueIds(rowKeys.slice(visibleTop, visibleTop + pageSize), frame.level) ?? [];
	useLiveUpdates(source, state, dispatch, liveRefreshMs, {
		all: allQueueIds,
		visible: visibleQueueIds,
		shown: Boolean(liveLevel),
	});

	const overlay = state.overlay;
	const context: KeyContext =
		overlay?.kind === 'columns'
			? 'columns'
			: state.loading
				? 'loading'
				: state.error
					? 'error'
					: level.grid
						? 'heatmap'
						: 'table';
	// y and Y: the rows as TSV with a header line, to the clipboard through the terminal.
	const copy = (chosen: readonly DisplayRow[]) => {
		if (chosen.length === 0) return;
		// The visible columns in their order, live ones (a range with today) included, as the table shows them.
		copyToClipboard(stdout, toTsv(level.nameHeader, chosen, fields));
		const what = chosen.length === 1 ? '1 row' : `${chosen.length.toLocaleString('en-US')} rows`;
		dispatch({type: 'notice', text: `Copied ${what} and a header line to the clipboard (tab-separated)`});
	};
	useInput(
		(input, key) => {
			if (overlay?.kind === 'help') {
				dispatch({type: 'overlay', overlay: undefined});
				return;
			}
			for (const [each, eachKey] of keystrokes(input, key)) {
				const action = actionFor(context, each, eachKey);
				if (!action) continue;
				if (action === 'copy-row' || action === 'copy-view') {
					if (view) copy(action === 'copy-row' ? view.rows.slice(index, index + 1) : view.rows);
					// Copies the selection this render shows (a move earlier in the same run is not in it yet).
					break;
				}
				const mapped = explorerActionFor(action, {
					keys,
					rows: navigableRows,
					pageSize,
					hasView: Boolean(view),
					sortColumns: columns.map(column => column.id as SortColumn),
				});
				if (mapped) dispatch(mapped);
				// What this render knows (rows, screen) is stale after a key that changes them: the rest waits for none.
				if (mapped && !sameScreen.has(mapped.type)) break;
			}
		},
		{isActive: !state.filtering && overlay?.kind !== 'export'},
	);

	useInput(
		(_input, key) => {
			if (key.escape) dispatch({type: 'filter-end', keep: false});
		},
		{isActive: state.filtering},
	);

	const crumbs = [
		profileLabel,
		`${range.from === range.to ? range.from : `${range.from} → ${range.to}`} (${range.timeZone})`,
		...state.stack.flatMap(each => levelOf(each.level).crumb(each.level) ?? []),
	];

	const chronological = showSparklines && view ? [...view.rows].sort((a, b) => compareText(a.key, b.key)) : [];
	const sparkWidth = Math.max(10, width - 12);

	let body;
	if (overlay?.kind === 'help') body = <HelpOverlay />;
	else if (overlay?.kind === 'columns')
		body = (
			<ColumnPicker
				order={pickerOrder(state, frame.level.id)}
				visible={fields}
				cursor={overlay.cursor}
				levelName={level.nameHeader.toLowerCase()}
				onScreen={columns.map(column => column.id)}
				height={height - 3}
			/>
		);
	else if (overlay?.kind === 'export' && view)
		body = (
			<ExportDialog
				// The heat map's view is its weekday-hours, written as `export --level hours` writes them.
				rows={
					grid
						? gridRecords(grid, {
								queueId: frame.level.context.queueId ?? null,
								queueName: frame.level.context.queueName ?? 'All queues',
								mediaType: frame.level.context.mediaType || null,
								interval: isoInterval(range.start, range.end),
							})
						: liveLevel
							? view.rows.map(row => ({...row.row, ...liveValuesRecord(row.live)}))
							: view.rows.map(row => row.row)
				}
				// A live view writes its live values too, after the level's fields (readers by position keep working).
				fields={
					grid
						? hourFields
						: liveLevel
							? [...(level.exportFields ?? rowFields), ...liveValueFields]
							: level.exportFields
				}
				suggestedName={[
					'gqx',
					frame.level.id,
					...(queueShown ? [fileNamePart(queueShown)] : []),
					`${range.from}_${range.to}`,
				].join('-')}
				cwd={cwd}
				onDone={message => {
					dispatch({type: 'overlay', overlay: undefined});
					if (message) dispatch({type: 'notice', text: message});
				}}
			/>
		);
	else if (state.error) body = <ErrorPanel error={state.error} />;
	else if (grid) {
		const {queueName, mediaType} = frame.level.context;
		const scope = [queueName ?? 'All queues', mediaType].filter(Boolean).join(' · ');
		body = <HeatMap grid={grid} field={state.heatMetric} scope={scope} />;
	} else if (view)
		body = (
			<Box flexDirection="column">
				{showSparklines ? <Sparklines fields={sparkFields} rows={chronological} width={sparkWidth} /> : null}
				{view.count === 0 ? (
					<Text>{level.emptyText}</Text>
				) : (
					<DataTable
						rows={view.rows}
						total={view.total}
						columns={columns}
						selected={onTotal ? -1 : index}
						totalSelected={onTotal}
						top={visibleTop}
						height={pageSize}
						sort={sort}
						totalLive={view.liveTotal}
						thresholds={thresholds}
						previousTotal={view.previousTotal}
						dropped={dropped}
					/>
				)}
			</Box>
		);
	else body = <Text>{busy ?? 'Loading…'}</Text>;

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Breadcrumb parts={crumbs} width={width} />
			<StatusBar items={status} live={liveWord} busy={busy} notice={notice} width={width} />
			<Box flexDirection="column" flexGrow={1}>
				{body}
			</Box>
			{filterLine ? (
				<Box>
					<Text bold>/</Text>
					{state.filtering ? (
						<TextField
							value={frame.filter}
							onChange={text => dispatch({type: 'filter-set', text})}
							onSubmit={() => dispatch({type: 'filter-end', keep: true})}
						/>
					) : (
						<Text>{frame.filter}</Text>
					)}
				</Box>
			) : null}
			{state.filtering ? (
				<Text>Type to filter, Enter to keep, Esc to clear</Text>
			) : (
				<Footer context={context} width={width} />
			)}
		</Box>
	);
}
