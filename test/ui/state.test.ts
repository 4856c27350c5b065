// The explorer reducer, columns and view model, without a terminal.
import {describe, expect, it} from 'vitest';
import {toRow} from '../../source/metrics/rows.js';
import {type AggregateCell} from '../../source/genesys/analytics.js';
import {columnFor, fitColumns, nameColumn} from '../../source/ui/explorer/columns.js';
import {metricFor, metrics, queueMetricFields} from '../../source/metrics/catalog.js';
import {levelOf, levels} from '../../source/levels/registry.js';
import type {Totals} from '../../source/levels/totals.js';
import {currentFrame, type Frame, initialExplorer, selectedIndex} from '../../source/ui/explorer/state.js';
import {levelView, sparkline} from '../../source/ui/explorer/view.js';
import type {Granularity} from '../../source/range/range.js';
import {compareText} from '../../source/text/collate.js';
import {mulberry32} from '../helpers.js';
import {actionFor, bindings, footerFor, helpRows} from '../../source/ui/keymap.js';
import {noKey} from '../../source/ui/keystrokes.js';
import {apply} from './explorer/apply.js';

/** What the explorer shows for a frame: the level's rows from its data, then filter and sort. */
function viewOf(
	frame: Frame,
	totals: Totals,
	intervalCells: {cells: AggregateCell[]; buckets: string[]} | undefined,
	timeZone: string,
	granularity: Granularity,
) {
	const level = levelOf(frame.level);
	const data = frame.level.id === 'intervals' ? intervalCells : totals;
	return levelView(level.rows(data, frame.level, {timeZone, granularity}), level, frame.filter, frame.sort);
}

const rows = (...names: string[]) => names.map(name => ({key: name.toLowerCase(), label: name}));

describe('explorer reducer', () => {
	const list = rows('A', 'B', 'C', 'D', 'E', 'F', 'G');
	const keys = list.map(row => row.key);

	it('moves, pages and jumps, keeping the selection inside the list and the window', () => {
		let state = initialExplorer('P1D');
		state = apply(
			state,
			{type: 'move', keys, delta: 1, pageSize: 3},
			{type: 'move', keys, delta: 1, pageSize: 3},
			{type: 'move', keys, delta: 1, pageSize: 3},
		);
		expect(currentFrame(state)).toMatchObject({selected: 'd', top: 1});
		state = apply(state, {type: 'move', keys, delta: 100, pageSize: 3});
		expect(currentFrame(state)).toMatchObject({selected: 'g', top: 4});
		state = apply(state, {type: 'jump', keys, to: 'first', pageSize: 3});
		expect(currentFrame(state)).toMatchObject({selected: 'a', top: 0});
		state = apply(state, {type: 'move', keys, delta: -5, pageSize: 3});
		expect(currentFrame(state).selected).toBe('a');
	});

	it('drills on the selected row of the latest state and comes back to the same selection', () => {
		let state = apply(
			initialExplorer('P1D'),
			{type: 'move', keys, delta: 2, pageSize: 5},
			{type: 'open', via: 'drill', rows: list},
		);
		expect(currentFrame(state).level).toEqual({id: 'media', context: {queueId: 'c', queueName: 'C'}});
		state = apply(state, {type: 'open', via: 'drill', rows: rows('Voice', 'Chat')});
		expect(currentFrame(state).level).toEqual({
			id: 'intervals',
			context: {queueId: 'c', queueName: 'C', mediaType: 'voice'},
		});
		expect(currentFrame(state).sort).toEqual({column: 'name', descending: false});
		// An interval opens the conversations that entered the queue in it.
		const interval = '2026-03-02T10:00:00.000Z/2026-03-02T10:30:00.000Z';
		const opened = apply(state, {type: 'open', via: 'drill', rows: [{key: interval, label: '10:00'}]});
		expect(currentFrame(opened).level).toEqual({
			id: 'conversations',
			context: {queueId: 'c', queueName: 'C', mediaType: 'voice', interval, intervalLabel: '10:00'},
		});
		state = apply(state, {type: 'back'}, {type: 'back'});
		expect(currentFrame(state)).toMatchObject({level: {id: 'queues'}, selected: 'c'});
		expect(apply(state, {type: 'back'})).toEqual(state);
	});

	it('keeps the selection by identity when the order changes', () => {
		const state = apply(initialExplorer('P1D'), {type: 'move', keys, delta: 3, pageSize: 5});
		const reversed = [...keys].reverse();
		expect(reversed[selectedIndex(currentFrame(state), reversed)]).toBe('d');
		// A filter that hides the row selects the first visible one, and brings it back when cleared.
		expect(selectedIndex(currentFrame(state), ['x', 'y'])).toBe(0);
		expect(keys[selectedIndex(currentFrame(state), keys)]).toBe('d');
	});

	it('keeps a filter and sort per level', () => {
		let state = apply(
			initialExplorer('P1D'),
			{type: 'filter-start'},
			{type: 'filter-set', text: 'sal'},
			{type: 'filter-end', keep: true},
			{type: 'sort-next', columns: ['name', 'offered', 'answered']},
		);
		expect(state.filtering).toBe(false);
		expect(currentFrame(state)).toMatchObject({filter: 'sal', sort: {column: 'answered', descending: true}});
		state = apply(state, {type: 'open', via: 'drill', rows: list});
		expect(currentFrame(state)).toMatchObject({filter: '', sort: {column: 'offered', descending: true}});
		state = apply(state, {type: 'back'});
		expect(currentFrame(state).filter).toBe('sal');
		state = apply(state, {type: 'filter-start'}, {type: 'filter-end', keep: false}, {type: 'sort-reverse'});
		expect(currentFrame(state)).toMatchObject({filter: '', sort: {column: 'answered', descending: false}});
	});

	it('cycles the interval granularity at the interval level only', () => {
		const atIntervals = (granularity: Granularity) =>
			apply(
				initialExplorer(granularity),
				{type: 'open', via: 'drill', rows: list},
				{type: 'open', via: 'drill', rows: rows('voice')},
			);
		expect(apply(atIntervals('P1D'), {type: 'granularity-next'}).granularity).toBe('P7D');
		expect(apply(atIntervals('P7D'), {type: 'granularity-next'}).granularity).toBe('PT15M');
		expect(apply(initialExplorer('P1D'), {type: 'granularity-next'}).granularity).toBe('P1D');
	});
});

describe('columns', () => {
	it('drops the least important columns first to fit, never exceeding the width', () => {
		for (const width of [60, 80, 100, 120, 160, 200]) {
			const fitted = fitColumns({width, nameHeader: 'Queue'});
			const used = fitted.reduce((sum, column) => sum + column.width + 1, 0) + 2;
			expect(used, `width ${width}`).toBeLessThanOrEqual(width);
			expect(fitted[0]?.id).toBe('name');
		}
		const narrow = fitColumns({width: 80, nameHeader: 'Queue'}).map(column => column.id);
		expect(narrow).toContain('offered');
		expect(narrow).toContain('serviceLevel');
		expect(narrow).not.toContain('transferred');
		expect(fitColumns({width: 160, nameHeader: 'Queue'}).length).toBeGreaterThan(narrow.length);
		// Wide enough, every metric of the catalog is on screen (the division and the callbacks only when picked); the
		// name column stays as wide as its longest name.
		const wide = fitColumns({width: 220, nameHeader: 'Queue', longestName: 30});
		expect(wide.map(column => column.id).sort()).toEqual(
			['name', ...queueMetricFields.filter(field => !metricFor(field).hiddenByDefault)].sort(),
		);
		expect(wide[0]?.width).toBe(30);
		expect(fitColumns({width: 220, nameHeader: 'Queue', longestName: 90})[0]?.width).toBe(40);
	});

	it('lets the Queues list of people now take the room a wide terminal leaves, and only that', () => {
		const fields = ['routingStatus', 'presence', 'inStatusMs', 'memberOf'] as const;
		const width = (columns: ReturnType<typeof fitColumns>) =>
			columns.reduce((sum, column) => sum + column.width + 1, 0) + 2;
		const narrow = fitColumns({width: 100, nameHeader: 'Agent', fields});
		const wide = fitColumns({width: 160, nameHeader: 'Agent', fields});
		const queues = (columns: ReturnType<typeof fitColumns>) => columns.find(column => column.id === 'memberOf')!;
		expect(queues(wide).width).toBeGreaterThan(queues(narrow).width);
		expect(width(wide)).toBeLessThanOrEqual(160);
		expect(queues(wide).width - queues(narrow).width).toBeLessThanOrEqual(40);
		// Another text column last keeps its own width.
		const division = fitColumns({width: 200, nameHeader: 'Queue', fields: ['offered', 'divisionName']});
		expect(division.at(-1)!.width).toBe(columnFor('divisionName').width);
	});
});

describe('level view', () => {
	const cell = (queueId: string, mediaType: string, offered: number, interval = 'whole'): AggregateCell => ({
		queueId,
		mediaType,
		interval,
		stats: {nOffered: {count: offered}, tAnswered: {count: offered, sum: offered * 1000}},
	});
	const cells = [cell('q1', 'voice', 10), cell('q1', 'chat', 30), cell('q2', 'voice', 25), cell('q3', 'email', 5)];
	const names = (id: string) => ({q1: 'Sales', q2: 'Support', q3: 'Billing'})[id] ?? id;

	it('rolls queues up across media, sorted by offered, with totals of what is shown', () => {
		const state = initialExplorer('P1D');
		const view = viewOf(currentFrame(state), {cells, nameOf: names}, undefined, 'UTC', 'P1D');
		expect(view.rows.map(row => [row.label, row.row.offered])).toEqual([
			['Sales', 40],
			['Support', 25],
			['Billing', 5],
		]);
		expect(view.total.offered).toBe(70);
		const filtered = apply(state, {type: 'filter-set', text: 'su'});
		const filteredView = viewOf(currentFrame(filtered), {cells, nameOf: names}, undefined, 'UTC', 'P1D');
		expect(filteredView.rows.map(row => row.label)).toEqual(['Support']);
		expect(filteredView.total).toMatchObject({queueName: 'Total (filtered)', offered: 25});
	});

	it('splits a queue by media type at level 2', () => {
		const state = apply(initialExplorer('P1D'), {type: 'open', via: 'drill', rows: [{key: 'q1', label: 'Sales'}]});
		const view = viewOf(currentFrame(state), {cells, nameOf: names}, undefined, 'UTC', 'P1D');
		expect(view.rows.map(row => `${row.label}:${row.row.offered}`)).toEqual(['chat:30', 'voice:10']);
		expect(view.total.offered).toBe(40);
	});

	it('labels intervals in the time zone and draws sparklines', () => {
		const state = apply(
			initialExplorer('PT30M'),
			{type: 'open', via: 'drill', rows: [{key: 'q1', label: 'Sales'}]},
			{type: 'open', via: 'drill', rows: [{key: 'voice', label: 'voice'}]},
		);
		const intervalCells = [
			cell('q1', 'voice', 3, '2026-03-08T14:30:00.000Z/2026-03-08T15:00:00.000Z'),
			cell('q1', 'voice', 9, '2026-03-08T14:00:00.000Z/2026-03-08T14:30:00.000Z'),
		];
		// The level's answer: the cells with traffic and every bucket of the range (here three; one had none).
		const buckets = [
			'2026-03-08T14:00:00.000Z/2026-03-08T14:30:00.000Z',
			'2026-03-08T14:30:00.000Z/2026-03-08T15:00:00.000Z',
			'2026-03-08T15:00:00.000Z/2026-03-08T15:30:00.000Z',
		];
		const view = viewOf(
			currentFrame(state),
			{cells, nameOf: names},
			{cells: intervalCells, buckets},
			'America/New_York',
			'PT30M',
		);
		expect(view.rows.map(row => row.label)).toEqual(['Sun 08 Mar 10:00', 'Sun 08 Mar 10:30', 'Sun 08 Mar 11:00']);
		expect(view.rows.map(row => row.row.offered)).toEqual([9, 3, 0]);
		expect(view.rows[2]!.row.serviceLevel).toBeNull();
		expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
		expect(sparkline([1, null, 1], 3)).toBe('█ █');
		expect(sparkline([1, 1, 8, 8], 2)).toBe('▂█');
		expect(toRow({queueId: null, queueName: '', mediaType: null, interval: null}, {}).offered).toBe(0);
	});
});

describe('sorting and filtering many rows', () => {
	it('orders by every column both ways as a plain comparison would: empty values last, ties by name, filters keep the order', () => {
		const random = mulberry32(7);
		const words = ['Sales', 'sales', 'Support', 'Billing', 'Élan', 'Ops', 'ops desk', 'Z', 'a'];
		const cells: AggregateCell[] = [];
		const names = new Map<string, string>();
		for (let index = 0; index < 400; index++) {
			const id = `q${index}`;
			names.set(id, `${words[Math.floor(random() * words.length)]} ${Math.floor(random() * 5)}`);
			const offered = Math.floor(random() * 4);
			// Some queues have no answered calls (ASA and AHT empty), many share a value.
			const answered = Math.min(offered, Math.floor(random() * 3));
			cells.push({
				queueId: id,
				mediaType: 'voice',
				interval: 'whole',
				stats: {
					nOffered: {count: offered},
					...(answered > 0
						? {
								tAnswered: {count: answered, sum: answered * 1000 * Math.floor(random() * 3)},
								tHandle: {count: answered, sum: answered * 5000},
							}
						: {}),
				},
			});
		}
		const totals = {cells, nameOf: (id: string) => names.get(id) ?? id};
		const level = levels.queues;
		const ref = {id: 'queues', context: {}} as const;
		const allColumns = [nameColumn('Queue'), ...metrics.map(metric => columnFor(metric.field))];
		// Column sorts before and after the first sort by name (which ranks all names once).
		for (const order of [[...allColumns].reverse(), allColumns]) {
			const base = level.rows(totals, ref, {timeZone: 'UTC', granularity: 'P1D'});
			for (const column of order) {
				for (const descending of [false, true]) {
					for (const filter of ['', 'sa', 'OPS ', 'é']) {
						const view = levelView(base, level, filter, {column: column.id, descending});
						const needle = filter.trim().toLowerCase();
						const expected = base.rows
							.filter(row => row.label.toLowerCase().includes(needle))
							.sort((a, b) => {
								const byName =
									compareText(a.label.toLowerCase(), b.label.toLowerCase()) || compareText(a.label, b.label);
								if (column.id === 'name') return (descending ? -1 : 1) * byName;
								const x = column.value(a.row);
								const y = column.value(b.row);
								if (x === y) return byName;
								if (x === null) return 1;
								if (y === null) return -1;
								return (x < y ? -1 : 1) * (descending ? -1 : 1);
							});
						const shown = (list: typeof expected) =>
							list.map(row => `${row.label}=${column.id === 'name' ? '' : String(column.value(row.row))}`);
						expect(
							shown(view.rows),
							`${column.id} ${descending ? 'descending' : 'ascending'} filter '${filter}'`,
						).toEqual(shown(expected));
						expect(view.total.offered).toBe(expected.reduce((sum, row) => sum + row.row.offered, 0));
					}
				}
			}
		}
	});
});

describe('keymap', () => {
	it('maps keys to actions per context and builds the footer and the help from the same bindings', () => {
		const key = {...noKey, downArrow: true};
		expect(actionFor('table', '', key)).toBe('down');
		expect(actionFor('table', 'q', {...key, downArrow: false})).toBe('quit');
		expect(actionFor('loading', '', {...key, downArrow: false, escape: true})).toBe('cancel');
		expect(actionFor('table', '', {...key, downArrow: false, escape: true})).toBe('back');
		expect(footerFor('table').map(entry => entry.keys)).toEqual(
			bindings.filter(binding => binding.footer && binding.contexts.includes('table')).map(binding => binding.keys),
		);
		expect(helpRows().map(row => row.keys)).toContain('/');
		expect(helpRows().at(-1)?.keys).toBe('Ctrl+C');
	});
});
