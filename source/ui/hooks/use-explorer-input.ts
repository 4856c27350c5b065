// The explorer's keys: each becomes a reducer action through the one keymap; `y`/`Y` ask the screen to copy. Keys
// typed ahead wait their turn, as a shell's do: those of the table while a level loads, and those after a key that
// changes the screen, which are read against the screen it leads to.
import {type Key, useInput} from 'ink';
import {type Dispatch, useEffect, useRef, useState} from 'react';
import type {SortColumn} from '../../levels/types.js';
import {helpPageCount} from '../components/help-overlay.js';
import {explorerActionFor, sameScreen} from '../explorer/keys.js';
import type {ExplorerModel} from '../explorer/model.js';
import type {ExplorerAction, ExplorerState} from '../explorer/state.js';
import {actionFor} from '../keymap.js';
import {keystrokes} from '../keystrokes.js';

/** What became of a key: done (the next may follow at once), the screen changed (the next waits for it), or held. */
type Outcome = 'done' | 'changed' | 'held';

export function useExplorerInput(
	model: ExplorerModel,
	state: Pick<ExplorerState, 'filtering' | 'overlay'>,
	dispatch: Dispatch<ExplorerAction>,
	onCopy: (which: 'row' | 'view') => void,
): void {
	const {overlay, filtering} = state;
	// Keys not yet applied, oldest first; and a counter that makes React render once more after a key that may change
	// nothing (so the next key is not left waiting for another).
	const typedAhead = useRef<Array<[string, Key]>>([]);
	const [, rendered] = useState(0);

	const step = (input: string, key: Key): Outcome => {
		if (overlay?.kind === 'help') {
			// ↓/PgDn/Space and ↑/PgUp turn the help's pages; any other key closes it, as does a turn past the last page.
			const pages = helpPageCount(model.help.width, model.help.height);
			const turn =
				key.downArrow || key.pageDown || input === ' ' || input === 'j'
					? 1
					: key.upArrow || key.pageUp || input === 'k'
						? -1
						: 0;
			const page = overlay.page + turn;
			if (turn === 0 || page >= pages) dispatch({type: 'overlay', overlay: undefined});
			else if (page >= 0) dispatch({type: 'overlay', overlay: {kind: 'help', page}});
			return 'changed';
		}
		const action = actionFor(model.keyContext, input, key);
		if (!action) {
			// A key of the table typed while its rows load waits for them.
			return model.keyContext === 'loading' && actionFor('table', input, key) ? 'held' : 'done';
		}
		// A key that cannot act on this level or row says why, rather than doing nothing.
		const why = model.whyNot(action);
		if (why) {
			dispatch({type: 'notice', text: why});
			return 'done';
		}
		if (action === 'copy-row' || action === 'copy-view') {
			onCopy(action === 'copy-row' ? 'row' : 'view');
			return 'changed';
		}
		const mapped = explorerActionFor(action, {
			keys: model.keys,
			rows: model.navigableRows,
			pageSize: model.pageSize,
			hasView: Boolean(model.view),
			sortColumns: model.columns.map(column => column.id as SortColumn),
			...(model.grid?.fields ? {heatFields: model.grid.fields} : {}),
		});
		if (!mapped) return 'done';
		dispatch(mapped);
		// What this render knows (rows, screen) is stale after a key that changes them: the rest waits for the next.
		return sameScreen.has(mapped.type) ? 'done' : 'changed';
	};

	/** Keys typed ahead into the filter's field, opened by one of them: they are its text, Enter keeps it, Esc clears. */
	const typeIntoFilter = () => {
		let text = model.frame.filter;
		while (typedAhead.current.length > 0) {
			const [input, key] = typedAhead.current.shift()!;
			if (key.return || key.escape) {
				dispatch({type: 'filter-set', text});
				dispatch({type: 'filter-end', keep: key.return});
				return;
			}
			text = key.backspace || key.delete ? [...text].slice(0, -1).join('') : text + input;
		}
		dispatch({type: 'filter-set', text});
	};

	const applyTypedAhead = () => {
		while (typedAhead.current.length > 0) {
			if (filtering) {
				typeIntoFilter();
				return;
			}
			// The export dialog reads its own keys: what was typed ahead of it is not for it.
			if (overlay?.kind === 'export') {
				typedAhead.current = [];
				return;
			}
			const [input, key] = typedAhead.current[0]!;
			const outcome = step(input, key);
			if (outcome === 'held') return;
			typedAhead.current.shift();
			if (outcome === 'changed') {
				rendered(count => count + 1);
				return;
			}
		}
	};

	// After every render: the keys still waiting, against what this render shows.
	useEffect(applyTypedAhead);

	useInput(
		(input, key) => {
			const typed = keystrokes(input, key);
			// Esc (cancel) and q while a level loads act at once, and what was typed ahead goes with the load.
			if (model.keyContext === 'loading' && typed.some(([each, eachKey]) => actionFor('loading', each, eachKey))) {
				typedAhead.current = [];
				const first = typed.find(([each, eachKey]) => actionFor('loading', each, eachKey))!;
				step(...first);
				return;
			}
			typedAhead.current.push(...typed);
			applyTypedAhead();
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
