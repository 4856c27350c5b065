// The drillable tables: all queues -> one queue by media type -> that media by interval.
import {Box, Text, useInput} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {Progress} from '../../genesys/analytics.js';
import {asGqxError, CancelledError, describeRetry, type GqxError} from '../../errors.js';
import {type DateRange, defaultGranularity, type Granularity} from '../../range/range.js';
import {Breadcrumb, ErrorPanel, Footer, HelpOverlay, StatusBar} from '../components/chrome.js';
import {DataTable} from '../components/data-table.js';
import {TextField} from '../components/text-field.js';
import {fitColumns} from '../explorer/columns.js';
import type {ExplorerSource, Intervals, Totals} from '../explorer/source.js';
import {currentFrame, explorerReducer, initialExplorer, selectedIndex} from '../explorer/state.js';
import {levelRows, shapeView, sparkline} from '../explorer/view.js';
import {actionFor, type KeyContext} from '../keymap.js';
import type {Theme} from '../theme.js';
import {ExportDialog} from './export-dialog.js';
import {compareText} from '../../metrics/compare.js';

const granularityWords: Record<Granularity, string> = {
	PT15M: '15 minutes',
	PT30M: '30 minutes',
	PT1H: 'hour',
	P1D: 'day',
	P7D: 'week',
};

/** Keys that only change the explorer's own state. */
const plainActions = {filter: 'filter-start', sort: 'sort-next', 'sort-reverse': 'sort-reverse'} as const;

export type ExplorerProps = {
	profileLabel: string;
	range: DateRange;
	source: ExplorerSource;
	width: number;
	height: number;
	theme: Theme;
	cwd: string;
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
	onDates,
	onProfile,
	onQuit,
}: ExplorerProps) {
	const [state, dispatch] = useReducer(explorerReducer, range, r => initialExplorer(defaultGranularity(r)));
	const frame = currentFrame(state);
	const level = frame.level;
	const [totals, setTotals] = useState<Totals>();
	const [intervals, setIntervals] = useState<Map<string, Intervals>>(() => new Map());
	const [loading, setLoading] = useState<{label: string; progress?: Progress}>();
	const [error, setError] = useState<GqxError>();
	const [notice, setNotice] = useState<string>();
	const [overlay, setOverlay] = useState<'help' | 'export'>();
	const controller = useRef<AbortController | undefined>(undefined);

	useEffect(
		() =>
			source.onRetry(retry => {
				setNotice(describeRetry(retry));
			}),
		[source],
	);
	useEffect(() => () => controller.current?.abort(), []);

	const intervalKey =
		level.kind === 'intervals' ? `${level.queueId}\u0000${level.mediaType}\u0000${state.granularity}` : undefined;

	/** Runs one load; a newer one or Esc aborts it. */
	const run = useCallback(
		async <T,>(
			label: string,
			task: (signal: AbortSignal, onProgress: (progress: Progress) => void) => Promise<T>,
			done: (value: T) => void,
		) => {
			controller.current?.abort();
			const own = new AbortController();
			controller.current = own;
			setError(undefined);
			setLoading({label});
			try {
				const value = await task(own.signal, progress => setLoading({label, progress}));
				if (own.signal.aborted) return;
				done(value);
				setNotice(undefined);
			} catch (caught) {
				if (own.signal.aborted || caught instanceof CancelledError) return;
				setNotice(undefined);
				setError(asGqxError(caught));
			} finally {
				if (controller.current === own) {
					controller.current = undefined;
					setLoading(undefined);
				}
			}
		},
		[],
	);

	const loadTotals = useCallback(
		(fresh: boolean) =>
			run('loading queues', (signal, onProgress) => source.totals({signal, onProgress, fresh}), setTotals),
		[run, source],
	);

	const loadIntervals = useCallback(
		(fresh: boolean) => {
			if (level.kind !== 'intervals' || !intervalKey) return;
			const key = intervalKey;
			void run(
				'loading intervals',
				(signal, onProgress) =>
					source.intervals(level.queueId, level.mediaType, state.granularity, {signal, onProgress, fresh}),
				value => setIntervals(previous => new Map(previous).set(key, value)),
			);
		},
		[level, intervalKey, run, source, state.granularity],
	);

	useEffect(() => {
		void loadTotals(false);
	}, [loadTotals]);

	useEffect(() => {
		if (intervalKey && !intervals.has(intervalKey)) loadIntervals(false);
	}, [intervalKey, intervals, loadIntervals]);

	const intervalData = intervalKey ? intervals.get(intervalKey) : undefined;
	// Rows depend on the level and the data; filter and sort on their own; the selection on neither.
	const base = useMemo(
		() => (totals ? levelRows(level, totals, intervalData?.cells, range.timeZone, state.granularity) : undefined),
		[level, totals, intervalData, range.timeZone, state.granularity],
	);
	const view = useMemo(
		() => (base ? shapeView(base, level, frame.filter, frame.sort) : undefined),
		[base, level, frame.filter, frame.sort],
	);
	const keys = useMemo(() => view?.rows.map(row => row.key) ?? [], [view]);
	const index = selectedIndex(frame, keys);
	const columns = useMemo(() => fitColumns(width - 2, view?.nameHeader ?? 'Queue'), [width, view?.nameHeader]);

	const showSparklines = level.kind === 'intervals' && Boolean(view?.rows.length);
	const filterLine = state.filtering || frame.filter !== '';
	// Breadcrumb, status, table header, totals and footer, plus the optional lines.
	const pageSize = Math.max(3, height - 5 - (showSparklines ? 2 : 0) - (filterLine ? 1 : 0));
	const top = Math.max(0, Math.min(frame.top, Math.max(0, keys.length - pageSize), index));
	const visibleTop = index >= top + pageSize ? index - pageSize + 1 : top;

	const context: KeyContext = loading ? 'loading' : error ? 'error' : 'table';
	useInput(
		(input, key) => {
			if (overlay === 'help') {
				setOverlay(undefined);
				return;
			}
			const action = actionFor(context, input, key);
			switch (action) {
				case 'quit':
					onQuit();
					return;
				case 'cancel':
					controller.current?.abort();
					setLoading(undefined);
					// Nothing to show yet: back to the dates; an interval level goes back to its media.
					if (!totals) onDates();
					else if (level.kind === 'intervals' && !intervalData) dispatch({type: 'back'});
					return;
				case 'up':
				case 'down':
					dispatch({type: 'move', keys, delta: action === 'up' ? -1 : 1, pageSize});
					return;
				case 'page-up':
				case 'page-down':
					dispatch({type: 'move', keys, delta: action === 'page-up' ? -pageSize : pageSize, pageSize});
					return;
				case 'first':
				case 'last':
					dispatch({type: 'jump', keys, to: action === 'first' ? 'first' : 'last', pageSize});
					return;
				case 'drill':
					if (view) dispatch({type: 'drill', rows: view.rows});
					return;
				case 'back':
					if (error) {
						setError(undefined);
						if (level.kind !== 'queues') dispatch({type: 'back'});
						else if (!totals) onDates();
						return;
					}
					dispatch({type: 'back'});
					return;
				case 'filter':
				case 'sort':
				case 'sort-reverse':
					dispatch({type: plainActions[action]});
					return;
				case 'granularity':
					if (level.kind === 'intervals') dispatch({type: 'granularity-next'});
					return;
				case 'refresh':
					if (level.kind === 'intervals') loadIntervals(true);
					else void loadTotals(true);
					return;
				case 'dates':
					onDates();
					return;
				case 'profile':
					onProfile();
					return;
				case 'export':
					if (view) setOverlay('export');
					return;
				case 'help':
					setOverlay('help');
					return;
				default:
			}
		},
		{isActive: !state.filtering && overlay !== 'export'},
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
	];
	if (level.kind !== 'queues') crumbs.push(level.queueName);
	if (level.kind === 'intervals') crumbs.push(level.mediaType);

	const asOf = (level.kind === 'intervals' ? intervalData?.asOf : totals?.asOf) ?? totals?.asOf;
	const status = [
		asOf ? `as of ${asOf.toTimeString().slice(0, 8)}` : 'not loaded',
		view ? `${view.rows.length === view.count ? view.count : `${view.rows.length}/${view.count}`} rows` : '',
		level.kind === 'intervals' ? `by ${granularityWords[state.granularity]} (i to change)` : '',
		`sorted by ${columns.find(column => column.id === frame.sort.column)?.header ?? frame.sort.column}`,
	].filter(Boolean);
	const busy = loading
		? `${loading.label}${loading.progress && loading.progress.total > 1 ? ` ${loading.progress.done}/${loading.progress.total}` : ''}…`
		: undefined;

	const chronological = showSparklines && view ? [...view.rows].sort((a, b) => compareText(a.key, b.key)) : [];
	const sparkWidth = Math.max(10, width - 12);

	let body;
	if (overlay === 'help') body = <HelpOverlay theme={theme} />;
	else if (overlay === 'export' && view)
		body = (
			<ExportDialog
				rows={view.rows.map(row => row.row)}
				suggestedName={`gqx-${level.kind}-${range.from}_${range.to}`}
				cwd={cwd}
				theme={theme}
				onDone={message => {
					setOverlay(undefined);
					if (message) setNotice(message);
				}}
			/>
		);
	else if (error) body = <ErrorPanel error={error} theme={theme} />;
	else if (view && !(level.kind === 'intervals' && !intervalData))
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
					<Text>No queue traffic in this range. Press d to pick other dates.</Text>
				) : (
					<DataTable
						rows={view.rows}
						total={view.total}
						columns={columns}
						selected={index}
						top={visibleTop}
						height={pageSize}
						sort={frame.sort}
					/>
				)}
			</Box>
		);
	else body = <Text>{busy ?? 'Loading…'}</Text>;

	return (
		<Box flexDirection="column" width={width} height={height}>
			<Breadcrumb parts={crumbs} theme={theme} />
			<StatusBar items={status} busy={busy} notice={notice} theme={theme} />
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
			{state.filtering ? <Text>Type to filter, Enter to keep, Esc to clear</Text> : <Footer context={context} />}
		</Box>
	);
}
