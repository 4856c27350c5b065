// Every explorer key of the keymap becomes the right reducer action, and only the explorer's keys do.
import {describe, expect, it} from 'vitest';
import {explorerActionFor, type KeyScope} from '../../../source/ui/explorer/keys.js';
import {type ExplorerAction, explorerReducer, initialExplorer} from '../../../source/ui/explorer/state.js';
import {bindings, type KeyAction, type KeyContext} from '../../../source/ui/keymap.js';

const scope: KeyScope = {
	keys: ['q1', 'q2', 'q3'],
	rows: [
		{key: 'q1', label: 'Sales'},
		{key: 'q2', label: 'Support'},
		{key: 'q3', label: 'Billing'},
	],
	pageSize: 12,
	hasView: true,
	sortColumns: ['name', 'offered', 'serviceLevel'],
};

const expected: Partial<Record<KeyAction, ExplorerAction>> = {
	up: {type: 'move', keys: scope.keys, delta: -1, pageSize: 12},
	down: {type: 'move', keys: scope.keys, delta: 1, pageSize: 12},
	'page-up': {type: 'move', keys: scope.keys, delta: -12, pageSize: 12},
	'page-down': {type: 'move', keys: scope.keys, delta: 12, pageSize: 12},
	first: {type: 'jump', keys: scope.keys, to: 'first', pageSize: 12},
	last: {type: 'jump', keys: scope.keys, to: 'last', pageSize: 12},
	drill: {type: 'open', via: 'drill', rows: scope.rows},
	'open:agents': {type: 'open', via: 'agents', rows: scope.rows},
	'open:wrapups': {type: 'open', via: 'wrapups', rows: scope.rows},
	'open:heatmap': {type: 'open', via: 'heatmap', rows: scope.rows},
	'open:conversations': {type: 'open', via: 'conversations', rows: scope.rows},
	'open:people': {type: 'open', via: 'people', rows: scope.rows},
	'open:flows': {type: 'open', via: 'flows', rows: scope.rows},
	'open:destinations': {type: 'open', via: 'destinations', rows: scope.rows},
	'open:bands': {type: 'open', via: 'bands', rows: scope.rows},
	'heat-previous': {type: 'heat-metric', delta: -1},
	'heat-next': {type: 'heat-metric', delta: 1},
	back: {type: 'back'},
	cancel: {type: 'cancel'},
	refresh: {type: 'refresh'},
	filter: {type: 'filter-start'},
	sort: {type: 'sort-next', columns: scope.sortColumns},
	'sort-reverse': {type: 'sort-reverse'},
	granularity: {type: 'granularity-next'},
	dates: {type: 'leave', to: 'dates'},
	profile: {type: 'leave', to: 'profile'},
	quit: {type: 'leave', to: 'quit'},
	export: {type: 'overlay', overlay: {kind: 'export'}},
	columns: {type: 'overlay', overlay: {kind: 'columns', cursor: 0}},
	help: {type: 'overlay', overlay: {kind: 'help', page: 0}},
	live: {type: 'live-toggle'},
	compare: {type: 'compare-next'},
	'quick-filter': {type: 'quick-next'},
	'idle-rows': {type: 'idle-toggle'},
	'rows-by': {type: 'rows-next'},
	everyone: {type: 'everyone'},
	'column-up': {type: 'columns-move', delta: -1},
	'column-down': {type: 'columns-move', delta: 1},
	'column-first': {type: 'columns-jump', to: 'first'},
	'column-last': {type: 'columns-jump', to: 'last'},
	'column-toggle': {type: 'columns-toggle'},
	'column-earlier': {type: 'columns-shift', delta: -1},
	'column-later': {type: 'columns-shift', delta: 1},
	'columns-reset': {type: 'columns-reset'},
	close: {type: 'overlay', overlay: undefined},
	// Copying changes no state: the screen writes to the terminal and says so with a notice.
	'copy-row': undefined,
	'copy-view': undefined,
};

const explorerContexts: readonly KeyContext[] = ['table', 'loading', 'error', 'columns', 'heatmap'];

describe('explorer keys', () => {
	it('maps every explorer binding of the keymap to its reducer action', () => {
		const actions = new Set(
			bindings
				.filter(binding => binding.contexts.some(context => explorerContexts.includes(context)))
				.map(binding => binding.action),
		);
		// A new explorer key without a line above fails here.
		expect([...actions].sort()).toEqual(Object.keys(expected).sort());
		for (const action of actions) expect(explorerActionFor(action, scope), action).toEqual(expected[action]);
	});

	it('ignores the keys of the other screens', () => {
		const others = bindings
			.filter(binding => !binding.contexts.some(context => explorerContexts.includes(context)))
			.map(binding => binding.action)
			.filter(action => !(action in expected));
		expect(others.length).toBeGreaterThan(0);
		for (const action of others) expect(explorerActionFor(action, scope), action).toBeUndefined();
	});

	it('opens the export dialog only when there is a view to export', () => {
		expect(explorerActionFor('export', {...scope, hasView: false})).toBeUndefined();
		expect(explorerActionFor('export', scope)).toEqual({type: 'overlay', overlay: {kind: 'export'}});
	});

	it('pages by the page size of the moment; moving on an empty view changes nothing', () => {
		expect(explorerActionFor('page-down', {...scope, pageSize: 3})).toMatchObject({delta: 3, pageSize: 3});
		const state = initialExplorer('P1D');
		const empty = {...scope, keys: [], rows: []};
		for (const action of ['down', 'page-down', 'last', 'drill'] as const)
			expect(explorerReducer(state, explorerActionFor(action, empty)!), action).toBe(state);
	});
});
