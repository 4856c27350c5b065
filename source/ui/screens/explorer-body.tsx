// What fills the explorer between the status bar and the filter line: an overlay, an error, the heat map or the table.
import {Box, Text} from 'ink';
import {type Dispatch, useMemo} from 'react';
import type {Thresholds} from '../../metrics/thresholds.js';
import {ColumnPicker} from '../components/column-picker.js';
import {DataTable} from '../components/data-table.js';
import {ErrorPanel} from '../components/error-panel.js';
import {HeatMap} from '../components/heat-map.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {Sparklines} from '../components/sparklines.js';
import {type ExplorerModel, idleText} from '../explorer/model.js';
import type {ExplorerAction, ExplorerState} from '../explorer/state.js';
import {terminalText} from '../../text/sanitize.js';
import {ExportDialog} from './export-dialog.js';
import {useNow} from '../hooks/use-now.js';
import type {DisplayRow} from '../../levels/types.js';

/** What an empty table says when the level has rows but the filters keep none; `hidden`: rows hidden besides ("3 queues without traffic hidden (z shows them)"). */
export function noMatchText(filter: string, count: number, hidden = ''): string {
	const rows = `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}${hidden ? `; ${hidden}` : ''}`;
	return filter.trim() === ''
		? `None of the ${rows} passes the quick filter (o for the next).`
		: `Nothing matches “${terminalText(filter)}” among the ${rows}. Esc clears the filter.`;
}

type Props = {
	model: ExplorerModel;
	state: Pick<ExplorerState, 'overlay' | 'error' | 'heatMetric'>;
	dispatch: Dispatch<ExplorerAction>;
	height: number;
	cwd: string;
	thresholds: Thresholds | undefined;
};

/** The times of now a row counts on: in status, and the measures of the agent thresholds (their marks with them). */
const ageing = ['inStatusMs', 'acwMs', 'breakMs', 'idleMs'] as const;

/** A row of now as it is `ms` after its data arrived: times in status go on counting. */
function aged(row: DisplayRow, ms: number): DisplayRow {
	if (row.row.inStatusMs === null || row.row.inStatusMs === undefined) return row;
	const later = {...row.row};
	for (const field of ageing) {
		const value = later[field];
		// A pushed change dated after the board's time (a clock ahead, the server's time known to the second) starts
		// from zero: never a negative time, which would read as garbage (-30:-59).
		if (value !== null && value !== undefined) later[field] = Math.max(0, value + ms);
	}
	return {...row, row: later};
}

/**
 * A level of now's rows with those on screen (`count` from `top`) aged by `ms`: only they are drawn, and every
 * row ages alike, so the order stays. A board of 5,000 agents ages 40 rows a second, not 5,000.
 */
function agedWindow(rows: readonly DisplayRow[], ms: number, top: number, count: number): DisplayRow[] {
	const out = rows.slice();
	for (let index = top; index < Math.min(rows.length, top + count); index++) out[index] = aged(rows[index]!, ms);
	return out;
}

export function ExplorerBody({model, state, dispatch, height, cwd, thresholds}: Props) {
	const {overlay} = state;
	const {view, level, columns} = model;
	// People now: In status ticks every second between refreshes.
	const ticking = level.refreshes?.ages === true && model.loadedAt !== undefined;
	const now = useNow(1000, ticking);
	const ageMs = ticking ? Math.max(0, now - (model.loadedAt ?? now)) : 0;
	const {top, pageSize} = model;
	const rows = useMemo(
		() => (view && ticking ? agedWindow(view.rows, ageMs, top, pageSize) : view?.rows),
		[view, ticking, ageMs, top, pageSize],
	);
	if (overlay?.kind === 'help')
		return <HelpOverlay width={model.help.width} height={model.help.height} page={overlay.page} />;
	if (overlay?.kind === 'columns')
		return (
			<ColumnPicker
				order={model.pickerOrder}
				visible={model.fields}
				cursor={overlay.cursor}
				levelName={model.nameHeader.toLowerCase()}
				onScreen={columns.map(column => column.id)}
				height={height - 3}
			/>
		);
	if (model.exported)
		return (
			<ExportDialog
				rows={model.exported.rows}
				fields={model.exported.fields}
				suggestedName={model.exported.suggestedName}
				cwd={cwd}
				onDone={message => {
					dispatch({type: 'overlay', overlay: undefined});
					if (message) dispatch({type: 'notice', text: message});
				}}
			/>
		);
	if (state.error) return <ErrorPanel error={state.error} />;
	if (model.grid) return <HeatMap grid={model.grid} field={state.heatMetric} scope={model.heatScope} />;
	if (!view) return <Text>{model.busy ?? 'Loading…'}</Text>;
	return (
		<Box flexDirection="column">
			{model.headline.length > 0 ? <Text>{model.headline.join('\n')}</Text> : null}
			{model.sparklines ? <Sparklines {...model.sparklines} /> : null}
			{view.count === 0 ? (
				<Text>{level.emptyText}</Text>
			) : view.rows.length === 0 ? (
				// Rows there are, but the filter keeps none: say so, and how to get them back.
				<Text>
					{noMatchText(
						model.frame.filter,
						view.count,
						model.frame.idle ? '' : idleText(view.idle, level, model.frame.level, false),
					)}
				</Text>
			) : (
				<DataTable
					rows={rows ?? view.rows}
					total={view.total}
					columns={columns}
					selected={model.onTotal ? -1 : model.index}
					totalSelected={model.onTotal}
					top={model.top}
					height={model.pageSize}
					sort={model.sort}
					totalLive={view.liveTotal}
					thresholds={thresholds}
					previousTotal={view.previousTotal}
					dropped={model.dropped}
				/>
			)}
			{model.footline.length > 0 ? <Text>{model.footline.join('\n')}</Text> : null}
		</Box>
	);
}
