// The heat map without a terminal: how h opens it from a row or the totals row, ←/→, and its view model.
import {describe, expect, it} from 'vitest';
import {totalKey} from '../../../source/levels/types.js';
import {emptyCells, type HourGrid} from '../../../source/metrics/hour-grid.js';
import {cellIndex} from '../../../source/range/weekday-hours.js';
import {currentFrame, initialExplorer} from '../../../source/ui/explorer/state.js';
import {blank, heatView, shades} from '../../../source/ui/explorer/heat-view.js';
import {apply} from './apply.js';

const queueRows = [
	{key: 'q1', label: 'Sales'},
	{key: 'q2', label: 'Support'},
	{key: totalKey, label: 'Total'},
];
const keys = queueRows.map(row => row.key);

describe('opening the heat map', () => {
	it('h on a queue row opens that queue’s hours; on a media row, that queue and media', () => {
		const state = apply(initialExplorer('P1D'), {type: 'move', keys, delta: 1, pageSize: 10});
		const opened = apply(state, {type: 'open', via: 'heatmap', rows: queueRows});
		expect(currentFrame(opened).level).toEqual({id: 'hours', context: {queueId: 'q2', queueName: 'Support'}});
		const media = apply(
			state,
			{type: 'open', via: 'drill', rows: queueRows},
			{
				type: 'open',
				via: 'heatmap',
				rows: [{key: 'voice', label: 'voice'}],
			},
		);
		expect(currentFrame(media).level).toEqual({
			id: 'hours',
			context: {queueId: 'q2', queueName: 'Support', mediaType: 'voice'},
		});
		// Esc goes back to where h was pressed.
		expect(currentFrame(apply(media, {type: 'back'})).level.id).toBe('media');
	});

	it('the totals row is the last stop of the selection: h there opens all of the level, Enter nothing', () => {
		const state = apply(initialExplorer('P1D'), {type: 'jump', keys, to: 'last', pageSize: 10});
		expect(currentFrame(state).selected).toBe(totalKey);
		expect(apply(state, {type: 'open', via: 'drill', rows: queueRows})).toBe(state);
		const all = apply(state, {type: 'open', via: 'heatmap', rows: queueRows});
		expect(currentFrame(all).level).toEqual({id: 'hours', context: {}});
		// On the media level of a queue, its totals row is the queue.
		const media = apply(
			initialExplorer('P1D'),
			{type: 'open', via: 'drill', rows: queueRows},
			{type: 'jump', keys: ['voice', totalKey], to: 'last', pageSize: 10},
			{
				type: 'open',
				via: 'heatmap',
				rows: [
					{key: 'voice', label: 'voice'},
					{key: totalKey, label: 'Total'},
				],
			},
		);
		expect(currentFrame(media).level).toEqual({id: 'hours', context: {queueId: 'q1', queueName: 'Sales'}});
	});

	it('on a filtered totals row, h says to clear the filter instead of opening every row', () => {
		const state = apply(
			initialExplorer('P1D'),
			{type: 'filter-set', text: 'sal'},
			{type: 'jump', keys: ['q1', totalKey], to: 'last', pageSize: 10},
		);
		const after = apply(state, {type: 'open', via: 'heatmap', rows: [queueRows[0]!, queueRows[2]!]});
		expect(after.stack).toHaveLength(1);
		expect(after.notice).toContain('clear the filter');
	});

	it('←/→ go round the six metrics, and the choice stays for the next heat map', () => {
		let state = initialExplorer('P1D');
		expect(state.heatMetric).toBe('offered');
		const seen = [];
		for (let step = 0; step < 6; step++) {
			state = apply(state, {type: 'heat-metric', delta: 1});
			seen.push(state.heatMetric);
		}
		expect(seen).toEqual(['answered', 'abandonRate', 'serviceLevel', 'asaMs', 'ahtMs', 'offered']);
		expect(apply(state, {type: 'heat-metric', delta: -1}).heatMetric).toBe('ahtMs');
	});
});

/** A grid of two Mondays: 10:00 busy, 03:00 quiet, 04:00 without traffic; Sunday 02:00 skipped by the clock. */
function sampleGrid(): HourGrid {
	const cells = emptyCells();
	cells[cellIndex(1, 10)] = {
		nOffered: {count: 424},
		tAnswered: {count: 400, sum: 400 * 20_000},
		tAbandon: {count: 24, sum: 24 * 30_000},
		oServiceLevel: {numerator: 320, denominator: 424},
		tHandle: {count: 400, sum: 400 * 300_000},
	};
	cells[cellIndex(1, 3)] = {
		nOffered: {count: 2},
		tAnswered: {count: 2, sum: 2 * 5_000},
		oServiceLevel: {numerator: 2, denominator: 2},
	};
	const days = Array.from({length: 168}, () => 2);
	days[cellIndex(7, 2)] = 1;
	return {
		cells,
		days,
		changes: [{date: '2026-03-08', weekday: 7, hour: 2, kind: 'missing'}],
		timeZone: 'America/New_York',
	};
}

describe('heatView', () => {
	it('names the peak as an average per day and shades from 0 to it; no traffic is a dot', () => {
		const view = heatView(sampleGrid(), 'offered');
		expect(view.title).toBe('Offered a day');
		expect(view.peak).toBe('Peak Mon 10:00, 212 offered a day');
		const monday = view.rows[0]!;
		expect(monday.label).toBe('Mon');
		expect(monday.cells[10]!.text).toBe(shades[4]);
		expect(monday.cells[3]!.text).toBe(shades[1]);
		expect(monday.cells[4]!.text).toBe(shades[0]);
		// The whole Monday: 426 offered over 2 Mondays.
		expect(monday.summary).toBe('213');
		expect(view.legend).toContain('██ ≤212 a day');
		expect(view.clock).toBe('Clock changes: Sun 8 Mar 02:00 skipped (empty)');
	});

	it('rates come from summed parts and hours without traffic, or with too little, are blank, not zero', () => {
		const view = heatView(sampleGrid(), 'serviceLevel');
		const monday = view.rows[0]!;
		expect(monday.cells[4]!.text).toBe(blank);
		// 322 of 426 over the whole Monday, not the mean of 75.5% and 100%.
		expect(monday.summary).toBe('75.6%');
		// Monday 03:00 had 2 calls: too few for a rate, so it is neither shaded nor named.
		expect(monday.cells[3]!.text).toBe(blank);
		expect(view.peak).toBe('Peak Mon 10:00, 75.5% (424 offered)');
		expect(monday.cells[10]!.text).toBe(shades[4]);
		// 402 answers taking 8,010 s: 19.9 s each (the two hours' averages would give 12.5 s).
		expect(heatView(sampleGrid(), 'asaMs').rows[0]!.summary).toBe('0:20');
	});

	it('shades rates from hours with enough calls, and names the count behind the highest and lowest', () => {
		const cells = emptyCells();
		const hour = (offered: number, abandoned: number) => ({
			nOffered: {count: offered},
			tAnswered: {count: offered - abandoned, sum: (offered - abandoned) * 20_000},
			...(abandoned > 0 ? {tAbandon: {count: abandoned, sum: abandoned * 30_000}} : {}),
		});
		cells[cellIndex(1, 9)] = hour(25, 0);
		cells[cellIndex(1, 10)] = hour(25, 6);
		// 2 calls, both abandoned: 100 %, which would make 0 % and 24 % one shade.
		cells[cellIndex(1, 11)] = hour(2, 2);
		const view = heatView(
			{cells, days: Array.from({length: 168}, () => 1), changes: [], timeZone: 'UTC'},
			'abandonRate',
		);
		const monday = view.rows[0]!;
		expect(monday.cells[9]!.text).not.toBe(monday.cells[10]!.text);
		expect(monday.cells[10]!.text).toBe(shades[4]);
		expect(monday.cells[11]!.text).toBe(blank);
		expect(view.peak).toBe('Highest Mon 10:00, 24.0% (25 offered) · lowest Mon 09:00, 0.0% (25 offered)');
		expect(view.legend).toContain('blank: no data, or under 10 offered');
	});

	it('an empty range: no peak, every cell a dot or blank', () => {
		const empty: HourGrid = {cells: emptyCells(), days: Array(168).fill(1), changes: [], timeZone: 'UTC'};
		const view = heatView(empty, 'offered');
		expect(view.peak).toBeUndefined();
		expect(view.rows.every(row => row.cells.every(cell => cell.text === shades[0]))).toBe(true);
		expect(view.clock).toBeUndefined();
	});
});
