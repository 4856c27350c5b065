// The comparison (`c`) in the explorer reducer and its columns: the cycle, the remembered choice, loads beside
// the current one, deltas dropped before their values, and arrows that say better or worse without colour.
import {describe, expect, it} from 'vitest';
import {GqxError} from '../../../source/errors.js';
import {metricFor} from '../../../source/metrics/catalog.js';
import {deltaText, metricDelta} from '../../../source/metrics/delta.js';
import {toRow} from '../../../source/metrics/rows.js';
import {fitColumns} from '../../../source/ui/explorer/columns.js';
import {explorerActionFor} from '../../../source/ui/explorer/keys.js';
import {
	allLevels,
	cleanViews,
	compareKey,
	effectiveSort,
	type ExplorerAction,
	initialExplorer,
} from '../../../source/ui/explorer/state.js';
import {apply} from './apply.js';

const next: ExplorerAction = {type: 'compare-next'};
const loaded = {data: [], asOf: new Date(0)};

describe('c: the comparison', () => {
	it('cycles off, previous period, a week earlier, 52 weeks earlier, off, and says which', () => {
		const seen: Array<string | undefined> = [];
		let state = initialExplorer('P1D');
		for (let step = 0; step < 4; step++) {
			state = apply(state, next);
			seen.push(state.compare);
		}
		expect(seen).toEqual(['previous', 'week', 'year', undefined]);
		expect(apply(initialExplorer('P1D'), next).notice).toBe('comparing with the previous period');
		expect(state.notice).toBe('comparison off');
	});

	it('is remembered with the views (under "*") and read back; unknown modes are dropped', () => {
		const state = apply(initialExplorer('P1D'), next, next);
		expect(state.views[allLevels]).toEqual({compare: 'week'});
		expect(initialExplorer('P1D', {'*': {compare: 'week'}}).compare).toBe('week');
		expect(initialExplorer('P1D', {'*': {compare: 'off'}}).compare).toBeUndefined();
		expect(cleanViews({'*': {compare: 'month'}})).toEqual({});
		// A sort by a change survives a restart too.
		expect(cleanViews({queues: {sort: {column: 'serviceLevelDelta', descending: true}}}).queues?.sort?.column).toBe(
			'serviceLevelDelta',
		);
	});

	it('loads beside the current level without blocking it; a failure is a notice and r asks again', () => {
		let state = apply(initialExplorer('P1D'), next);
		const key = compareKey('previous', 'totals');
		state = apply(state, {type: 'load-start', key: 'totals', label: 'loading queues'});
		state = apply(state, {type: 'compare-start', key, label: 'loading the comparison'});
		expect(state.loading?.key).toBe('totals');
		expect(state.comparing?.key).toBe(key);
		state = apply(state, {type: 'load-done', key: 'totals', loaded});
		expect(state.comparing?.key).toBe(key);
		state = apply(state, {type: 'compare-failed', key, error: new GqxError('HTTP 503')});
		expect(state.error).toBeUndefined();
		expect(state.compareStopped).toBe(key);
		expect(state.notice).toContain('HTTP 503');
		state = apply(state, {type: 'refresh'});
		expect(state.compareStopped).toBeUndefined();
		state = apply(state, {type: 'compare-done', key, loaded});
		expect(state.data.get(key)).toBe(loaded);
	});

	it('Esc stops the comparison with the current load', () => {
		const key = compareKey('previous', 'totals');
		const state = apply(
			initialExplorer('P1D'),
			next,
			{type: 'load-start', key: 'totals', label: 'loading queues'},
			{type: 'compare-start', key, label: 'loading the comparison'},
			{type: 'cancel'},
		);
		expect(state.comparing).toBeUndefined();
		expect(state.compareStopped).toBe(key);
	});

	it('s cycles through the changes on screen; without a comparison a change sorts by its metric', () => {
		const columns = fitColumns({width: 200, nameHeader: 'Queue', fields: ['offered', 'serviceLevel'], comparing: true});
		expect(columns.map(column => column.id)).toEqual([
			'name',
			'offered',
			'offeredDelta',
			'serviceLevel',
			'serviceLevelDelta',
		]);
		const sortColumns = columns.map(column => column.id);
		let state = apply(initialExplorer('P1D'), next);
		const sort = () => explorerActionFor('sort', {keys: [], rows: [], pageSize: 10, hasView: true, sortColumns})!;
		state = apply(state, sort());
		expect(state.stack[0]!.sort).toEqual({column: 'offeredDelta', descending: true});
		expect(effectiveSort(state, state.stack[0]!.sort).column).toBe('offeredDelta');
		expect(effectiveSort({compare: undefined}, state.stack[0]!.sort).column).toBe('offered');
	});

	it('drops a change before its value when the width runs out', () => {
		const fields = ['offered', 'abandonRate', 'serviceLevel', 'asaMs', 'ahtMs'] as const;
		for (let width = 40; width <= 140; width += 3) {
			const ids = fitColumns({width, nameHeader: 'Queue', fields, comparing: true}).map(column => column.id);
			for (const field of fields) if (ids.includes(`${field}Delta`)) expect(ids, `${width}: ${field}`).toContain(field);
		}
		const narrow = fitColumns({width: 80, nameHeader: 'Queue', fields, longestName: 30, comparing: true}).map(
			column => column.id,
		);
		expect(narrow).toContain('offeredDelta');
		expect(narrow.length).toBeLessThan(1 + 2 * fields.length);
	});
});

describe('deltas', () => {
	const row = (offered: number, answered: number, slNumerator: number, asaMs: number) =>
		toRow(
			{queueId: 'q', queueName: 'Q', mediaType: null, interval: null},
			{
				nOffered: {count: offered},
				tAnswered: {count: answered, sum: answered * asaMs},
				tAbandon: {count: offered - answered},
				oServiceLevel: {numerator: slNumerator, denominator: offered},
			},
		);
	const cell = (field: Parameters<typeof metricFor>[0], now: ReturnType<typeof row>, before?: ReturnType<typeof row>) =>
		deltaText(metricDelta(metricFor(field), now, before));

	it('counts in %, rates in points, times in signed m:ss; ▲ better, ▼ worse by the catalog, none when neither', () => {
		const now = row(110, 100, 88, 30_000);
		const before = row(100, 80, 80, 45_000);
		expect(cell('offered', now, before)).toBe('+10%');
		expect(cell('answered', now, before)).toBe('+25%▲');
		// Abandon % went down: better.
		expect(cell('abandonRate', now, before)).toBe('-10.9pp▲');
		expect(cell('serviceLevel', now, before)).toBe('0.0pp');
		expect(cell('asaMs', now, before)).toBe('-0:15▲');
		expect(cell('asaMs', before, now)).toBe('+0:15▼');
		expect(cell('abandoned', before, now)).toBe('+100%▼');
	});

	it('says what one-sided rows are: new traffic, none before, and no rate against nothing', () => {
		const empty = toRow({queueId: 'q', queueName: 'Q', mediaType: null, interval: null}, {});
		const some = row(10, 9, 8, 20_000);
		expect(cell('offered', some, empty)).toBe('new');
		expect(cell('offered', empty, some)).toBe('-100%');
		expect(cell('serviceLevel', some, empty)).toBe('-');
		expect(cell('offered', empty, empty)).toBe('0%');
		expect(metricDelta(metricFor('offered'), some, empty).value).toBe(Infinity);
	});
});
