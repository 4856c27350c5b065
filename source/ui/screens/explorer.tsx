// The drillable tables, generic over levels: data comes from hooks, keys become reducer actions (useExplorerInput),
// what to show is derived by explorerModel, and this draws it.
import {Box, Text, useStdout} from 'ink';
import {useEffect, useReducer, useState} from 'react';
import {defaultLiveRefreshMs, type LiveMode} from '../../levels/live.js';
import type {LevelSource} from '../../levels/source.js';
import type {Thresholds} from '../../metrics/thresholds.js';
import {type DateRange, defaultGranularity} from '../../range/range.js';
import {copyToClipboard} from '../clipboard.js';
import {Breadcrumb} from '../components/breadcrumb.js';
import {Footer} from '../components/footer.js';
import {StatusBar} from '../components/status-bar.js';
import {TextField} from '../components/text-field.js';
import {copiedText, makeExplorerModel} from '../explorer/model.js';
import {explorerReducer, initialExplorer, type SavedViews} from '../explorer/state.js';
import {useComparisonData} from '../hooks/use-comparison-data.js';
import {useExplorerInput} from '../hooks/use-explorer-input.js';
import {useLevelData} from '../hooks/use-level-data.js';
import {useLiveUpdates} from '../hooks/use-live-updates.js';
import {useLevelRefresh} from '../hooks/use-level-refresh.js';
import {ExplorerBody} from './explorer-body.js';
import {useInputActivity} from '../input-activity.js';

export type ExplorerProps = {
	profileLabel: string;
	range: DateRange;
	source: LevelSource;
	width: number;
	height: number;
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
	/** How live values come (`--live`): push, polling, or push with polling as the fallback (the default). */
	liveMode?: LiveMode;
	/** How often the day's aggregates refresh while live (ms); a minute unless a test says less. */
	liveTotalsRefreshMs?: number;
	/** The profile's thresholds for abandon % and longest wait (service level is against each row's target). */
	thresholds?: Thresholds;
	/** The session's wait bands (`--bands`, else the profile's), carried in the levels' context. */
	bandEdges?: readonly number[];
};

export function Explorer({
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
	liveMode = 'auto',
	liveTotalsRefreshMs,
	thresholds,
	bandEdges,
}: ExplorerProps) {
	const [state, dispatch] = useReducer(explorerReducer, undefined, () =>
		initialExplorer(defaultGranularity(range), views, live, bandEdges ? {bandEdges} : {}),
	);
	useLevelData(source, state, dispatch);
	const compared = useComparisonData(sourceFor, range, state, dispatch);
	// This explorer's own model function: it keeps the last rows, so a key press does not make them again.
	const [modelOf] = useState(makeExplorerModel);
	const model = modelOf({state, range, profileLabel, width, height, compared});
	// Updates from outside go between keys while someone types (input-activity.ts).
	useInputActivity();
	useLiveUpdates(source, state, dispatch, liveRefreshMs, model.poll, liveTotalsRefreshMs, liveMode);
	useLevelRefresh(source, state, dispatch, liveRefreshMs, liveMode);

	const {stdout} = useStdout();
	useExplorerInput(model, state, dispatch, which => {
		const copied = copiedText(model, which);
		if (!copied) return;
		// To the clipboard through the terminal (OSC 52).
		copyToClipboard(stdout, copied.text);
		dispatch({type: 'notice', text: copied.notice});
	});

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

	const {frame} = model;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Breadcrumb parts={model.crumbs} width={width} />
			<StatusBar
				items={model.status}
				live={model.liveWord}
				busy={model.busy}
				notice={model.notice}
				width={width}
				refreshMs={liveRefreshMs}
			/>
			<Box flexDirection="column" flexGrow={1}>
				<ExplorerBody
					model={model}
					state={state}
					dispatch={dispatch}
					height={height}
					cwd={cwd}
					thresholds={thresholds}
				/>
			</Box>
			{model.filterLine ? (
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
				<Footer hints={model.footer} width={width} />
			)}
		</Box>
	);
}
