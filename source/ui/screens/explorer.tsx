// The drillable tables, generic over levels: data comes from a hook, keys become reducer actions, this draws.
import {Box, Text, useInput} from 'ink';
import {useEffect, useMemo, useReducer} from 'react';
import {levelOf} from '../../levels/registry.js';
import type {LevelSource} from '../../levels/source.js';
import type {SortColumn} from '../../levels/types.js';
import {compareText} from '../../metrics/compare.js';
import {type DateRange, defaultGranularity, type Granularity} from '../../range/range.js';
import {Breadcrumb} from '../components/breadcrumb.js';
import {ColumnPicker} from '../components/column-picker.js';
import {DataTable} from '../components/data-table.js';
import {ErrorPanel} from '../components/error-panel.js';
import {Footer} from '../components/footer.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {StatusBar} from '../components/status-bar.js';
import {TextField} from '../components/text-field.js';
import {compareLevelRows} from '../../levels/compare.js';
import {shiftDays, shortRangeText} from '../../range/compare.js';
import {fitColumns, sortTitle} from '../explorer/columns.js';
import {useComparisonData} from '../hooks/use-comparison-data.js';
import {explorerActionFor} from '../explorer/keys.js';
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
import {levelView, sparkline} from '../explorer/view.js';
import {useLevelData} from '../hooks/use-level-data.js';
import {actionFor, type KeyContext} from '../keymap.js';
import type {Theme} from '../theme.js';
import {ExportDialog} from './export-dialog.js';

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
	theme: Theme;
	cwd: string;
	/** The columns and sorts remembered for this profile. */
	views?: SavedViews;
	/** The source of another range (the comparison period, `c`), cached like this range's. */
	sourceFor?: (range: DateRange) => LevelSource;
	onViews?: (views: SavedViews) => void;
	onDates: () => void;
	onProfile: () => void;
	onQuit: () => void;
};

export function Explorer({
	profileLabel,
	range,
	source,
	width,
	height,
	theme,
	cwd,
	views,
	sourceFor,
	onViews,
	onDates,
	onProfile,
	onQuit,
}: ExplorerProps) {
	const [state, dispatch] = useReducer(explorerReducer, undefined, () =>
		initialExplorer(defaultGranularity(range), views),
	);
	useLevelData(source, state, dispatch);
	const compared = useComparisonData(sourceFor, range, state, dispatch);
	const frame = currentFrame(state);
	const level = levelOf(frame.level);
	const loaded = currentData(state);
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
	const initialViews = useMemo(() => state.views, []);
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
			base && previousBase && compareMode
				? compareLevelRows(level, base, previousBase, {
						days: shiftDays(range, compareMode),
						timeZone: range.timeZone,
						granularity: state.granularity,
					})
				: base,
		[base, previousBase, compareMode, level, range, state.granularity],
	);
	const view = useMemo(
		() => (shown ? levelView(shown, level, frame.filter, sort) : undefined),
		[shown, level, frame.filter, sort],
	);
	const keys = useMemo(() => view?.rows.map(row => row.key) ?? [], [view]);
	const index = selectedIndex(frame, keys);
	const fields = visibleColumns(state, frame.level.id);
	// The name column is as wide as the longest name in the view (and its total), up to a cap.
	const longestName = useMemo(
		() => (view ? view.rows.reduce((most, row) => Math.max(most, row.label.length), view.total.queueName.length) : 0),
		[view],
	);
	const comparing = Boolean(view?.previousTotal);
	const columns = useMemo(
		() => fitColumns(width - 2, level.nameHeader, fields, longestName, comparing),
		[width, level.nameHeader, fields, longestName, comparing],
	);
	const colors = useMemo(() => ({better: theme.better, worse: theme.worse}), [theme.better, theme.worse]);

	const showSparklines = level.usesGranularity && Boolean(view?.rows.length);
	const filterLine = state.filtering || frame.filter !== '';
	// Breadcrumb, status, table header, totals and footer, plus the optional lines.
	const pageSize = Math.max(3, height - 5 - (showSparklines ? 2 : 0) - (filterLine ? 1 : 0));
	const top = Math.max(0, Math.min(frame.top, Math.max(0, keys.length - pageSize), index));
	const visibleTop = index >= top + pageSize ? index - pageSize + 1 : top;

	const overlay = state.overlay;
	const context: KeyContext =
		overlay?.kind === 'columns' ? 'columns' : state.loading ? 'loading' : state.error ? 'error' : 'table';
	useInput(
		(input, key) => {
			if (overlay?.kind === 'help') {
				dispatch({type: 'overlay', overlay: undefined});
				return;
			}
			const action = actionFor(context, input, key);
			if (!action) return;
			const mapped = explorerActionFor(action, {
				keys,
				rows: view?.rows ?? [],
				pageSize,
				hasView: Boolean(view),
				sortColumns: columns.map(column => column.id as SortColumn),
			});
			if (mapped) dispatch(mapped);
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

	const asOf = loaded?.asOf ?? [...state.data.values()].at(-1)?.asOf;
	const sortHeader = sort.column === 'name' ? level.nameHeader : sortTitle(sort.column);
	const status = [
		// Both periods named, while comparing: this one and the one it is compared with.
		compared ? `${shortRangeText(range)} vs ${shortRangeText(compared)}` : '',
		asOf ? `as of ${asOf.toTimeString().slice(0, 8)}` : 'not loaded',
		view ? `${view.rows.length === view.count ? view.count : `${view.rows.length}/${view.count}`} rows` : '',
		level.usesGranularity ? `by ${granularityWords[state.granularity]} (i to change)` : '',
		`sorted by ${sortHeader}`,
	].filter(Boolean);
	const {loading} = state;
	const running = loading ?? state.comparing;
	const busy = running
		? `${running.label}${running.progress && running.progress.total > 1 ? ` ${running.progress.done}/${running.progress.total}` : ''}…`
		: undefined;

	const chronological = showSparklines && view ? [...view.rows].sort((a, b) => compareText(a.key, b.key)) : [];
	const sparkWidth = Math.max(10, width - 12);

	let body;
	if (overlay?.kind === 'help') body = <HelpOverlay theme={theme} />;
	else if (overlay?.kind === 'columns')
		body = (
			<ColumnPicker
				order={pickerOrder(state, frame.level.id)}
				visible={fields}
				cursor={overlay.cursor}
				levelName={level.nameHeader.toLowerCase()}
				onScreen={columns.map(column => column.id)}
				height={height - 3}
				theme={theme}
			/>
		);
	else if (overlay?.kind === 'export' && view)
		body = (
			<ExportDialog
				rows={view.rows.map(row => row.row)}
				suggestedName={`gqx-${frame.level.id}-${range.from}_${range.to}`}
				cwd={cwd}
				theme={theme}
				onDone={message => {
					dispatch({type: 'overlay', overlay: undefined});
					if (message) dispatch({type: 'notice', text: message});
				}}
			/>
		);
	else if (state.error) body = <ErrorPanel error={state.error} theme={theme} />;
	else if (view)
		body = (
			<Box flexDirection="column">
				{showSparklines ? (
					<>
						<Text wrap="truncate-end">
							{'Offered   '}
							<Text color={theme.accent}>
								{sparkline(
									chronological.map(row => row.row.offered),
									sparkWidth,
								)}
							</Text>
						</Text>
						<Text wrap="truncate-end">
							{'SL %      '}
							<Text color={theme.accent}>
								{sparkline(
									chronological.map(row => row.row.serviceLevel),
									sparkWidth,
								)}
							</Text>
						</Text>
					</>
				) : null}
				{view.count === 0 ? (
					<Text>{level.emptyText}</Text>
				) : (
					<DataTable
						rows={view.rows}
						total={view.total}
						columns={columns}
						selected={index}
						top={visibleTop}
						height={pageSize}
						sort={sort}
						previousTotal={view.previousTotal}
						colors={colors}
					/>
				)}
			</Box>
		);
	else body = <Text>{busy ?? 'Loading…'}</Text>;

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Breadcrumb parts={crumbs} theme={theme} />
			<StatusBar items={status} busy={busy} notice={state.notice} theme={theme} />
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
