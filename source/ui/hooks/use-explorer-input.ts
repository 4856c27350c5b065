// The explorer's keys: each becomes a reducer action through the one keymap; `y`/`Y` ask the screen to copy.
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import type {SortColumn} from '../../levels/types.js';
import {explorerActionFor, sameScreen} from '../explorer/keys.js';
import type {ExplorerModel} from '../explorer/model.js';
import type {ExplorerAction, ExplorerState} from '../explorer/state.js';
import {helpPageCount} from '../components/help-overlay.js';
import {actionFor} from '../keymap.js';
import {keystrokes} from '../keystrokes.js';

export function useExplorerInput(
	model: ExplorerModel,
	state: Pick<ExplorerState, 'filtering' | 'overlay'>,
	dispatch: Dispatch<ExplorerAction>,
	onCopy: (which: 'row' | 'view') => void,
): void {
	const {overlay, filtering} = state;
	useInput(
		(input, key) => {
			if (overlay?.kind === 'help') {
				// ↓/PgDn/Space and ↑/PgUp turn the help's pages; any other key closes it.
				const pages = helpPageCount(model.help.width, model.help.height);
				const turn =
					key.downArrow || key.pageDown || input === ' ' || input === 'j'
						? 1
						: key.upArrow || key.pageUp || input === 'k'
							? -1
							: 0;
				// Past the last page the help closes, as a pager does.
				const page = overlay.page + turn;
				if (turn === 0 || page >= pages) dispatch({type: 'overlay', overlay: undefined});
				else if (page >= 0) dispatch({type: 'overlay', overlay: {kind: 'help', page}});
				return;
			}
			for (const [each, eachKey] of keystrokes(input, key)) {
				const action = actionFor(model.keyContext, each, eachKey);
				if (!action) continue;
				// A key that cannot act on this level or row says why, rather than doing nothing.
				const why = model.whyNot(action);
				if (why) {
					dispatch({type: 'notice', text: why});
					break;
				}
				if (action === 'copy-row' || action === 'copy-view') {
					onCopy(action === 'copy-row' ? 'row' : 'view');
					// Copies the selection this render shows (a move earlier in the same run is not in it yet).
					break;
				}
				const mapped = explorerActionFor(action, {
					keys: model.keys,
					rows: model.navigableRows,
					pageSize: model.pageSize,
					hasView: Boolean(model.view),
					sortColumns: model.columns.map(column => column.id as SortColumn),
				});
				if (mapped) dispatch(mapped);
				// What this render knows (rows, screen) is stale after a key that changes them: the rest waits for none.
				if (mapped && !sameScreen.has(mapped.type)) break;
			}
		},
		// The filter's text field and the export dialog take the keys while they are open.
		{isActive: !filtering && overlay?.kind !== 'export'},
	);

	useInput(
		(_input, key) => {
			if (key.escape) dispatch({type: 'filter-end', keep: false});
		},
		{isActive: filtering},
	);
}
