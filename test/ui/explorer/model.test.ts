// The explorer's model without a terminal: what the table, status line, live refreshes, copy and export get from a state.
import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import type {LiveQueue} from '../../../source/genesys/observations.js';
import {totalsRequest} from '../../../source/levels/totals.js';
import {totalKey} from '../../../source/levels/types.js';
import {liveValueFields} from '../../../source/metrics/live.js';
import type {AggregateCell} from '../../../source/genesys/analytics.js';
import {comparisonRange} from '../../../source/range/compare.js';
import {resolveRange} from '../../../source/range/range.js';
import {
	copiedText,
	explorerModel,
	makeExplorerModel,
	positionText,
	rowsText,
} from '../../../source/ui/explorer/model.js';
import {compareKey, type ExplorerState, initialExplorer} from '../../../source/ui/explorer/state.js';
import {apply} from './apply.js';

const now = DateTime.fromISO('2026-03-12T15:00:00', {zone: 'UTC'});
const week = resolveRange({from: '2026-03-02', to: '2026-03-08'}, 'UTC', now);
const asOf = new Date('2026-03-12T15:00:00Z');

const cell = (queueId: string, offered: number, answered = offered): AggregateCell => ({
	queueId,
	mediaType: 'voice',
	interval: 'whole',
	stats: {nOffered: {count: offered}, tAnswered: {count: answered, sum: answered * 60_000}},
});
const names: Record<string, string> = {q1: 'Sales', q2: 'Support', q3: 'Billing', q4: 'Claims', q5: 'Refunds'};
const totals = (cells: AggregateCell[]) => ({cells, nameOf: (id: string) => names[id] ?? id});
const loadedQueues = (state: ExplorerState, cells: AggregateCell[]) =>
	apply(state, {type: 'load-done', key: totalsRequest.key, loaded: {data: totals(cells), asOf}});

const threeQueues = [cell('q1', 10), cell('q2', 30), cell('q3', 20)];
const input = (state: ExplorerState, extra: {width?: number; height?: number} = {}) => ({
	state,
	range: week,
	profileLabel: 'acme (mypurecloud.com)',
	width: extra.width ?? 120,
	height: extra.height ?? 24,
	compared: undefined,
});

describe('explorerModel', () => {
	it('says nothing is loaded yet, and what is loading with its progress', () => {
		let state = apply(initialExplorer('P1D'), {type: 'load-start', key: totalsRequest.key, label: 'loading queues'});
		state = apply(state, {type: 'load-progress', key: totalsRequest.key, progress: {done: 2, total: 5}});
		const model = explorerModel(input(state));
		expect(model.view).toBeUndefined();
		expect(model.busy).toBe('loading queues 2/5…');
		expect(model.status).toContain('not loaded');
		expect(model.keyContext).toBe('loading');
		expect(model.crumbs).toEqual(['acme (mypurecloud.com)', '2026-03-02 → 2026-03-08 (UTC)']);
	});

	it('gives the rows sorted by offered, the row count, the sort and the time of the answer', () => {
		const model = explorerModel(input(loadedQueues(initialExplorer('P1D'), threeQueues)));
		expect(model.view?.rows.map(row => row.label)).toEqual(['Support', 'Billing', 'Sales']);
		expect(model.status).toEqual([`as of ${asOf.toTimeString().slice(0, 8)}`, '3 rows', 'sorted by Offered']);
		expect(model.keyContext).toBe('table');
		// The selection's stops: the rows, then the totals row.
		expect(model.keys).toEqual(['q2', 'q3', 'q1', totalKey]);
		expect(model.index).toBe(0);
		expect(model.onTotal).toBe(false);
	});

	it('counts the rows a filter leaves of all, and shows the filter line', () => {
		const state = apply(loadedQueues(initialExplorer('P1D'), threeQueues), {type: 'filter-set', text: 'sup'});
		const model = explorerModel(input(state));
		expect(model.view?.rows.map(row => row.label)).toEqual(['Support']);
		expect(model.status).toContain('1/3 rows');
		expect(model.filterLine).toBe(true);
	});

	it('fits a page to the height and scrolls so the selection stays on it', () => {
		const cells = Object.keys(names).map((id, index) => cell(id, 50 - index));
		let state = loadedQueues(initialExplorer('P1D'), cells);
		// Breadcrumb, status, header, totals and footer leave 3 of 8 lines for rows.
		const first = explorerModel(input(state, {height: 8}));
		expect(first.pageSize).toBe(3);
		state = apply(state, {type: 'move', keys: first.keys, delta: 4, pageSize: first.pageSize});
		const moved = explorerModel(input(state, {height: 8}));
		expect(moved.view?.rows[moved.index]?.label).toBe('Refunds');
		expect(moved.top).toBe(2);
	});

	it('copies the selected row or the whole view as tab-separated text with a header line', () => {
		const model = explorerModel(input(loadedQueues(initialExplorer('P1D'), threeQueues)));
		const row = copiedText(model, 'row')!;
		const [header, line, ...rest] = row.text.trim().split('\n');
		expect(header?.split('\t')[0]).toBe('Queue');
		expect(header?.split('\t')).toContain('Offered');
		expect(line?.split('\t')[0]).toBe('Support');
		expect(rest).toEqual([]);
		expect(row.notice).toBe('Copied 1 row and a header line to the clipboard (tab-separated)');
		const view = copiedText(model, 'view')!;
		expect(
			view.text
				.trim()
				.split('\n')
				.map(each => each.split('\t')[0]),
		).toEqual(['Queue', 'Support', 'Billing', 'Sales']);
		expect(view.notice).toBe('Copied 3 rows and a header line to the clipboard (tab-separated)');
	});

	it('copies nothing on the totals row (it is no row of the level)', () => {
		let state = loadedQueues(initialExplorer('P1D'), threeQueues);
		const keys = explorerModel(input(state)).keys;
		state = apply(state, {type: 'jump', keys, to: 'last', pageSize: 10});
		const model = explorerModel(input(state));
		expect(model.onTotal).toBe(true);
		expect(copiedText(model, 'row')).toBeUndefined();
	});

	it('exports the rows of the view in its order, under a name that says the level and the range', () => {
		const state = apply(
			loadedQueues(initialExplorer('P1D'), threeQueues),
			{type: 'filter-set', text: 's'},
			{type: 'overlay', overlay: {kind: 'export'}},
		);
		const {exported} = explorerModel(input(state));
		expect(exported?.rows.map(row => row['queueName'])).toEqual(['Support', 'Sales']);
		expect(exported?.fields).toBeUndefined();
		expect(exported?.suggestedName).toBe('gqx-queues-2026-03-02_2026-03-08');
		// Only while the dialog is open.
		expect(explorerModel(input(apply(state, {type: 'overlay', overlay: undefined}))).exported).toBeUndefined();
	});

	it('joins live values to the rows, polls the queues on screen and every queue of the range, and exports them', () => {
		const today = resolveRange({preset: 'today'}, 'UTC', now);
		const observed: LiveQueue = {
			queueId: 'q2',
			waiting: 4,
			interacting: 7,
			longestWaitingMs: 90_000,
			onQueueAgents: 12,
			availableAgents: 3,
			media: [],
			observedAt: now.toMillis(),
		};
		const fiveQueues = Object.keys(names).map((id, index) => cell(id, 50 - index));
		let state = loadedQueues(initialExplorer('P1D', {}, true), fiveQueues);
		state = apply(
			state,
			{type: 'live-done', queues: new Map([['q2', observed]]), at: now.toMillis()},
			{type: 'overlay', overlay: {kind: 'export'}},
		);
		const model = explorerModel({...input(state, {height: 8}), range: today});
		const support = model.view?.rows.find(row => row.label === 'Support');
		expect(support?.live).toMatchObject({waiting: 4, interacting: 7, onQueueAgents: 12, availableAgents: 3});
		expect(model.liveWord?.updatedAt).toBe(now.toMillis());
		// Three rows fit on a page of 8 lines: those are asked every refresh, the others in turns.
		expect(model.poll.visible).toEqual(['q1', 'q2', 'q3']);
		expect([...model.poll.all].sort()).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
		expect(model.poll.shown).toBe(true);
		// The live values after the level's fields, then the fields added later (the callbacks).
		const fields = model.exported?.fields ?? [];
		const observedAt = fields.indexOf('observedAt');
		expect(fields.slice(observedAt - liveValueFields.length, observedAt + 1)).toEqual([
			...liveValueFields,
			'observedAt',
		]);
		expect(fields.slice(observedAt + 1)).toEqual([
			'callbacksScheduled',
			'callbackAttempts',
			'callbackAbandoned',
			'avgCallbackWaitMs',
		]);
		expect(model.exported?.rows.find(row => row['queueName'] === 'Support')).toMatchObject({waiting: 4});
	});

	it('makes a column as wide as its widest value with its mark: a wait of 17 hours is never cut (issue #29, 3)', () => {
		const today = resolveRange({preset: 'today'}, 'UTC', now);
		const observed: LiveQueue = {
			queueId: 'q2',
			waiting: 4,
			interacting: 7,
			longestWaitingMs: (17 * 3600 + 50 * 60 + 12) * 1000,
			onQueueAgents: 12,
			availableAgents: 3,
			media: [],
			observedAt: now.toMillis(),
		};
		let state = loadedQueues(initialExplorer('P1D', {}, true), threeQueues);
		state = apply(state, {type: 'live-done', queues: new Map([['q2', observed]]), at: now.toMillis()});
		for (const width of [80, 160]) {
			const model = explorerModel({...input(state, {width}), range: today});
			const longest = model.columns.find(column => column.id === 'longestWaitingMs');
			expect(longest, `${width} columns`).toBeDefined();
			// "!17:50:12": the mark and all eight characters of the value.
			expect(longest!.width, `${width} columns`).toBeGreaterThanOrEqual('!17:50:12'.length);
			const used = model.columns.reduce((sum, column) => sum + column.width + 1, 0);
			expect(used, `${width} columns`).toBeLessThanOrEqual(width);
		}
	});

	it('names both periods while comparing, and gives each row its twin of the comparison period', () => {
		let state = apply(loadedQueues(initialExplorer('P1D'), threeQueues), {type: 'compare-next'});
		state = apply(state, {
			type: 'compare-done',
			key: compareKey('previous', totalsRequest.key),
			loaded: {data: totals([cell('q1', 5), cell('q2', 60), cell('q3', 20)]), asOf},
		});
		const compared = comparisonRange(week, 'previous');
		const model = explorerModel({...input(state), compared});
		expect(model.status[0]).toMatch(/ vs /);
		expect(model.view?.previousTotal?.offered).toBe(85);
		expect(model.view?.rows.find(row => row.label === 'Support')?.previous?.row.offered).toBe(60);
	});

	it('makes the rows again only when what they come from changes, not on a move', () => {
		const modelOf = makeExplorerModel();
		const state = loadedQueues(initialExplorer('P1D'), threeQueues);
		const before = modelOf(input(state));
		const moved = modelOf(input(apply(state, {type: 'move', keys: before.keys, delta: 1, pageSize: 10})));
		expect(moved.view).toBe(before.view);
		expect(moved.index).toBe(1);
		const sorted = modelOf(input(apply(state, {type: 'sort-reverse'})));
		expect(sorted.view).not.toBe(before.view);
		expect(sorted.view?.rows.map(row => row.label)).toEqual(['Sales', 'Billing', 'Support']);
	});
});

describe('rowsText', () => {
	it('says 1 row, and puts thousands separators in large counts', () => {
		expect(rowsText(1, 1)).toBe('1 row');
		expect(rowsText(4976, 4976)).toBe('4,976 rows');
		expect(rowsText(12, 4976)).toBe('12/4,976 rows');
		expect(rowsText(0, 8)).toBe('0/8 rows');
	});
});

describe('positionText', () => {
	it('is the rows on the first row, else where the selection is among them', () => {
		expect(positionText(0, false, 4976, 4976)).toBe('4,976 rows');
		expect(positionText(110, false, 4976, 4976)).toBe('row 111 of 4,976 rows');
		expect(positionText(2, false, 12, 4976)).toBe('row 3 of 12/4,976 rows');
		expect(positionText(11, true, 12, 4976)).toBe('total of 12/4,976 rows');
	});
});

describe('durations', () => {
	it('read one way down a column: h:mm:ss for all when any value has hours', () => {
		const answeredIn = (queueId: string, asaMs: number): AggregateCell => ({
			queueId,
			mediaType: 'voice',
			interval: 'whole',
			stats: {nOffered: {count: 10}, tAnswered: {count: 10, sum: 10 * asaMs}},
		});
		const hours = [answeredIn('q1', 5_465_000), answeredIn('q2', 2_390_000)];
		const model = explorerModel(input(loadedQueues(initialExplorer('P1D'), hours), {width: 200}));
		const asa = model.columns.find(column => column.id === 'asaMs')!;
		const texts = model.view!.rows.map(row => asa.text(row.row, undefined, row.live));
		expect(texts.sort()).toEqual(['0:39:50', '1:31:05']);
		expect(asa.width).toBeGreaterThanOrEqual('0:39:50'.length);
		// A column without hours keeps m:ss.
		const minutes = [answeredIn('q1', 125_000), answeredIn('q2', 2_390_000)];
		const short = explorerModel(input(loadedQueues(initialExplorer('P1D'), minutes), {width: 200}));
		const shortAsa = short.columns.find(column => column.id === 'asaMs')!;
		expect(short.view!.rows.map(row => shortAsa.text(row.row)).sort()).toEqual(['2:05', '39:50']);
	});
});
