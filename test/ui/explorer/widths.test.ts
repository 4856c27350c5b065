// The widths of the value columns: counted once over a level's rows, then kept up to date by a live update, which
// counts again only the rows it changed. Whatever the updates, the widths are those of the rows counted afresh.
import {describe, expect, it} from 'vitest';
import type {DisplayRow} from '../../../source/levels/types.js';
import type {LiveField, LiveValues, MetricField} from '../../../source/metrics/catalog.js';
import {toRow} from '../../../source/metrics/rows.js';
import {tallyWidths, type WidthTally, widestOf} from '../../../source/ui/explorer/columns.js';
import {totalKey} from '../../../source/levels/types.js';
import {apply} from './apply.js';
import {explorerModel} from '../../../source/ui/explorer/model.js';
import {initialExplorer} from '../../../source/ui/explorer/state.js';
import {totalsRequest} from '../../../source/levels/totals.js';
import {resolveRange} from '../../../source/range/range.js';
import {DateTime} from 'luxon';
import type {AggregateCell} from '../../../source/genesys/analytics.js';

const fields: ReadonlyArray<MetricField | LiveField> = [
	'waiting',
	'longestWaitingMs',
	'offered',
	'answered',
	'ahtMs',
	'serviceLevel',
];

/** A small seeded generator, so a failure can be run again. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function rowOf(next: () => number, index: number): DisplayRow {
	// Counts of 1 to 7 digits, handle times of seconds to hours, waits of none to hours.
	const offered = Math.floor(10 ** (next() * 7));
	const answered = Math.floor(offered * next());
	const handle = Math.floor(10 ** (3 + next() * 4.5));
	const stats = {
		nOffered: {count: offered},
		tAnswered: {count: answered, sum: answered * 1000},
		tHandle: {count: answered, sum: answered * handle},
		oServiceLevel: {numerator: answered, denominator: offered},
	};
	const row = toRow({queueId: `q${index}`, queueName: `Q${index}`, mediaType: null, interval: null}, stats);
	const live: LiveValues = {
		waiting: Math.floor(10 ** (next() * 4)),
		interacting: 0,
		longestWaitingMs: next() < 0.3 ? null : Math.floor(10 ** (next() * 7.2)),
		onQueueAgents: null,
		availableAgents: null,
	};
	return {
		key: row.queueId!,
		label: row.queueName,
		search: row.queueName.toLowerCase(),
		row,
		stats,
		...(next() < 0.2 ? {} : {live}),
		...(next() < 0.1 ? {idle: true} : {}),
	};
}

const total = (rows: readonly DisplayRow[]) => ({
	row: toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, {}),
	live: undefined,
	rows,
});

/** A tally's counts of rows by width, each field's (a count gone to 0 and one never made are the same). */
const countsOf = (tally: WidthTally) =>
	tally.tallies.map(each => {
		const dense = (counts: number[]) => {
			const list = Array.from({length: counts.length}, (_, width) => counts[width] ?? 0);
			while (list.at(-1) === 0) list.pop();
			return list;
		};
		return {field: each.field, widths: dense(each.widths), hours: dense(each.hoursWidths), rows: each.hoursRows};
	});

describe('value column widths', () => {
	it('after any number of live updates are those of the rows counted afresh', () => {
		const next = random(7);
		let rows = Array.from({length: 300}, (_, index) => rowOf(next, index));
		let tally: WidthTally | undefined;
		let showIdle = false;
		for (let step = 0; step < 60; step++) {
			// An update replaces some rows (a few, or most: then the tally is made afresh), or only their live values;
			// sometimes rows come or go, sometimes `z` shows the rows without traffic.
			const changed = step % 10 === 9 ? 200 : Math.floor(next() * 20);
			rows = [...rows];
			for (let count = 0; count < changed; count++) {
				const index = Math.floor(next() * rows.length);
				const made = rowOf(next, index);
				// Half the time only the live values change: the row is new, its numbers the same object.
				rows[index] = next() < 0.5 ? {...rows[index]!, live: made.live ?? rows[index]!.live!} : made;
			}
			if (step % 7 === 3) rows = rows.slice(0, rows.length - 5);
			if (step % 7 === 5) rows = [...rows, rowOf(next, rows.length), rowOf(next, rows.length + 1)];
			if (step % 13 === 12) showIdle = !showIdle;
			tally = tallyWidths(tally, rows, fields, showIdle);
			const fresh = tallyWidths(undefined, rows, fields, showIdle);
			expect(widestOf(tally, total(rows))).toEqual(widestOf(fresh, total(rows)));
			// Not only the widest: every count, so a stale measure shows before it happens to be the widest.
			expect(countsOf(tally), `step ${step}`).toEqual(countsOf(fresh));
		}
	});

	it('narrow again when the widest value changes to a narrower one, and lose hours when no wait has any', () => {
		const next = random(3);
		const rows = Array.from({length: 5}, (_, index) => rowOf(next, index)).map(row => ({
			...row,
			live: {waiting: 1, interacting: 0, longestWaitingMs: 5000, onQueueAgents: null, availableAgents: null},
			idle: false,
		}));
		const long = {...rows[2]!, live: {...rows[2]!.live, waiting: 12_345, longestWaitingMs: 3 * 3_600_000}};
		let tally = tallyWidths(undefined, rows.with(2, long), fields, false);
		const wide = widestOf(tally, total(rows));
		// One mark's room beside the number in both.
		expect(wide.widths.get('waiting')).toBe('12,345'.length + 1);
		expect(wide.hours.has('longestWaitingMs')).toBe(true);
		tally = tallyWidths(tally, rows, fields, false);
		const narrow = widestOf(tally, total(rows));
		expect(narrow.widths.get('waiting')).toBe('1'.length + 1);
		expect(narrow.hours.has('longestWaitingMs')).toBe(false);
	});
});

describe('the columns of a filtered table', () => {
	it('stay those of every row: typing a filter never changes which columns fit', () => {
		const now = DateTime.fromISO('2026-03-12T15:00:00', {zone: 'UTC'});
		const range = resolveRange({from: '2026-03-02', to: '2026-03-08'}, 'UTC', now);
		const cell = (queueId: string, offered: number): AggregateCell => ({
			queueId,
			mediaType: 'voice',
			interval: 'whole',
			stats: {nOffered: {count: offered}, tAnswered: {count: offered, sum: offered * 60_000}},
		});
		const names: Record<string, string> = {q1: 'Sales', q2: 'Support'};
		const loaded = apply(initialExplorer('P1D'), {
			type: 'load-done',
			key: totalsRequest.key,
			loaded: {
				data: {cells: [cell('q1', 12_345_678), cell('q2', 3)], nameOf: (id: string) => names[id] ?? id},
				asOf: new Date('2026-03-12T15:00:00Z'),
			},
		});
		const input = (state: typeof loaded) => ({
			state,
			range,
			profileLabel: 'acme',
			width: 60,
			height: 24,
			compared: undefined,
		});
		const whole = explorerModel(input(loaded));
		// Only Support (3 offered) is left, but Offered keeps room for Sales' 12,345,678 and no column comes or goes.
		const filtered = explorerModel(input(apply(loaded, {type: 'filter-set', text: 'sup'})));
		expect(filtered.view?.rows.map(row => row.label)).toEqual(['Support']);
		expect(filtered.keys).toEqual(['q2', totalKey]);
		expect(filtered.columns.map(column => [column.id, column.width])).toEqual(
			whole.columns.map(column => [column.id, column.width]),
		);
	});
});

describe('a table sorted by a live column', () => {
	it('after each live update is in the order of its values sorted afresh, ties by name', async () => {
		const {levelView} = await import('../../../source/ui/explorer/view.js');
		const {levels} = await import('../../../source/levels/registry.js');
		const level = levels.queues;
		const next = random(11);
		const base = {rows: Array.from({length: 400}, (_, index) => rowOf(next, index))};
		let rows = base.rows;
		for (let step = 0; step < 30; step++) {
			rows = rows.map(row => {
				if (next() > 0.1) return row;
				// Few distinct values, so ties (broken by name) are many.
				const waiting = Math.floor(next() * 5);
				return {...row, live: {...(row.live ?? {}), waiting} as LiveValues};
			});
			for (const descending of [true, false]) {
				const sort = {column: 'waiting' as const, descending};
				// Sorted from the last order, as each update is, and afresh: the rows of another base.
				const updated = levelView({rows, sameOrderAs: base}, level, '', sort, 0, true);
				const fresh = levelView({rows, sameOrderAs: {rows: base.rows}}, level, '', sort, 0, true);
				expect(updated.rows.map(row => row.key)).toEqual(fresh.rows.map(row => row.key));
			}
		}
		// And the order is by the values: none out of place.
		const sorted = levelView({rows, sameOrderAs: base}, level, '', {column: 'waiting', descending: true}, 0, true);
		const values = sorted.rows.map(row => row.live?.waiting ?? -1);
		expect(values).toEqual([...values].sort((a, b) => b - a));
	});
});

describe('the explorer model through many live updates', () => {
	it('shows what a model made afresh from the same state shows: rows, values, order, widths and totals', async () => {
		const {makeExplorerModel} = await import('../../../source/ui/explorer/model.js');
		const now = DateTime.fromISO('2026-03-12T15:00:00', {zone: 'UTC'});
		const today = resolveRange({preset: 'today'}, 'UTC', now);
		const next = random(5);
		const ids = Array.from({length: 200}, (_, index) => `q${index}`);
		const cells: AggregateCell[] = ids.map(queueId => ({
			queueId,
			mediaType: 'voice',
			interval: 'whole',
			stats: {nOffered: {count: Math.floor(next() * 500)}},
		}));
		const observation = (queueId: string) => {
			const waiting = Math.floor(10 ** (next() * 4)) - 1;
			return {
				queueId,
				waiting,
				interacting: Math.floor(next() * 50),
				longestWaitingMs: waiting > 0 ? Math.floor(10 ** (next() * 7.2)) : null,
				onQueueAgents: Math.floor(next() * 30),
				availableAgents: Math.floor(next() * 5),
				media: [],
				observedAt: now.toMillis(),
			};
		};
		let state = apply(initialExplorer('P1D', {}, true), {
			type: 'load-done',
			key: totalsRequest.key,
			loaded: {data: {cells, nameOf: (id: string) => id.toUpperCase()}, asOf: now.toJSDate()},
		});
		const persistent = makeExplorerModel();
		const input = (at: typeof state) => ({
			state: at,
			range: today,
			profileLabel: 'acme',
			width: 160,
			height: 30,
			compared: undefined,
		});
		const seen = (model: ReturnType<typeof persistent>) => ({
			rows: model.view?.rows.map(row => [row.key, row.live?.waiting, row.live?.longestWaitingMs]),
			total: model.view?.liveTotal,
			columns: model.columns.map(column => [column.id, column.width]),
		});
		// Updates of a few queues (as push gives them), sometimes all (as a reconcile), sorted by a live column or not,
		// with a filter typed midway.
		for (let step = 0; step < 40; step++) {
			const changed = step % 10 === 0 ? ids : ids.filter(() => next() < 0.05);
			state = apply(state, {
				type: 'live-done',
				queues: new Map(changed.map(id => [id, observation(id)])),
				at: now.toMillis() + step,
			});
			if (step === 15) state = apply(state, {type: 'sort-next', columns: ['longestWaitingMs']});
			if (step === 20) state = apply(state, {type: 'sort-next', columns: ['waiting']});
			if (step === 25) state = apply(state, {type: 'filter-set', text: 'q1'});
			const model = persistent(input(state));
			expect(seen(model)).toEqual(seen(explorerModel(input(state))));
		}
	});
});

describe('a sort turned the other way (S)', () => {
	it('is the order sorted afresh that way: equal values still by name, rows without a value still last', async () => {
		const {levelView} = await import('../../../source/ui/explorer/view.js');
		const {levels} = await import('../../../source/levels/registry.js');
		const level = levels.queues;
		const next = random(19);
		// Few distinct values (many ties), some rows without live values (no value: last either way).
		const rows = Array.from({length: 300}, (_, index) => rowOf(next, index)).map(row =>
			row.live ? {...row, live: {...row.live, waiting: Math.floor(next() * 4)}} : row,
		);
		for (const column of ['waiting', 'offered', 'name'] as const)
			for (const first of [true, false]) {
				// One rows object sorted one way, then the other (reversed from the first); against rows never sorted.
				const shown = {rows, sameOrderAs: {rows}};
				levelView(shown, level, '', {column, descending: first}, 0, true);
				const turned = levelView(shown, level, '', {column, descending: !first}, 0, true);
				const fresh = levelView({rows, sameOrderAs: {rows}}, level, '', {column, descending: !first}, 0, true);
				expect(turned.rows.map(row => row.key)).toEqual(fresh.rows.map(row => row.key));
			}
	});
});
