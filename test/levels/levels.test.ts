// Each registered level module: which level it opens, the context and breadcrumb it adds, its request, and its rows
// against the emulator's own numbers.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {firstLevel, levelIds, levelOf, levels} from '../../source/levels/registry.js';
import type {Totals} from '../../source/levels/totals.js';
import type {LevelRef} from '../../source/levels/types.js';
import {isMetricField} from '../../source/metrics/catalog.js';
import {compareRows, type QueueRow, rollUp, totalRow, toRow} from '../../source/metrics/rows.js';
import {type AggregateCell} from '../../source/genesys/analytics.js';
import {bucketLabel, type DateRange, resolveRange} from '../../source/range/range.js';
import {clientFor, divisionsOf, emulator, groundTruth, namesOf, testNow} from '../helpers.js';

const queuesRef: LevelRef = {id: 'queues', context: {}};
const mediaRef: LevelRef = {id: 'media', context: {queueId: 'q-1', queueName: 'Sales'}};
const intervalsRef: LevelRef = {id: 'intervals', context: {queueId: 'q-1', queueName: 'Sales', mediaType: 'voice'}};

describe('level modules', () => {
	it('are registered under their own ids, starting at the queue level', () => {
		expect(levelIds).toEqual([
			'queues',
			'media',
			'intervals',
			'agents',
			'agent-intervals',
			'wrapups',
			'wrapup-intervals',
			'hours',
			'conversations',
			'timeline',
			'people',
			'flows',
			'flow-outcomes',
			'flow-outcome-intervals',
			'flow-queues',
			'flow-hours',
			'bands',
		]);
		for (const id of levelIds) expect(levels[id].id).toBe(id);
		expect(firstLevel).toEqual(queuesRef);
		expect(levelOf(mediaRef)).toBe(levels.media);
	});

	it('open one another: queues -> media -> intervals by Enter, agents and wrap-ups from queues and media, the heat map by h, and the leaves open nothing', () => {
		const opensAll = {agents: 'agents', wrapups: 'wrapups', heatmap: 'hours', conversations: 'conversations'};
		// People now is of a queue's members: the queue level's rows (and its totals row) open it.
		expect(levels.queues.opens).toEqual({
			drill: 'media',
			...opensAll,
			people: 'people',
			flows: 'flows',
			bands: 'bands',
		});
		expect(levels.media.opens).toEqual({drill: 'intervals', ...opensAll, bands: 'bands'});
		// An interval opens the conversations that entered the queue in it; a conversation its timeline.
		expect(levels.intervals.opens).toEqual({heatmap: 'hours', drill: 'conversations', bands: 'bands'});
		expect(levels.bands.opens).toEqual({});
		expect(levels.hours.opens).toEqual({});
		expect(levels.agents.opens).toEqual({drill: 'agent-intervals', conversations: 'conversations', bands: 'bands'});
		expect(levels.wrapups.opens).toEqual({drill: 'wrapup-intervals', conversations: 'conversations', bands: 'bands'});
		expect(levels['agent-intervals'].opens).toEqual({drill: 'conversations'});
		expect(levels['wrapup-intervals'].opens).toEqual({drill: 'conversations'});
		expect(levels.conversations.opens).toEqual({drill: 'timeline'});
		expect(levels.timeline.opens).toEqual({});
		expect(levels.people.opens).toEqual({drill: 'agent-intervals'});
		// Every level opened is registered.
		for (const id of levelIds) for (const next of Object.values(levels[id].opens)) expect(levelIds).toContain(next);
	});

	it('pass down what was chosen and add it to the breadcrumb', () => {
		const media = levels.queues.openContext({key: 'q-1', label: 'Sales'}, queuesRef);
		expect(media).toEqual({queueId: 'q-1', queueName: 'Sales'});
		const intervals = levels.media.openContext({key: 'voice', label: 'voice'}, {id: 'media', context: media});
		expect(intervals).toEqual({queueId: 'q-1', queueName: 'Sales', mediaType: 'voice'});
		expect(levels.queues.crumb(queuesRef)).toBeUndefined();
		expect(levels.media.crumb(mediaRef)).toBe('Sales');
		expect(levels.intervals.crumb(intervalsRef)).toBe('voice');
	});

	it('sort by a column the table has, names by time at the interval level', () => {
		for (const id of levelIds) {
			const {column} = levels[id].defaultSort;
			expect(column === 'name' || isMetricField(column), id).toBe(true);
		}
		expect(levels.intervals.defaultSort).toEqual({column: 'name', descending: false});
		expect(levels.intervals.byKey).toBe(true);
		expect(levels.intervals.usesGranularity).toBe(true);
		expect(levels.queues.usesGranularity).toBe(false);
	});

	it('share one request between the queue and media levels; intervals ask per queue, media and size', () => {
		const queues = levels.queues.request(queuesRef, 'P1D');
		expect(queues.key).toBe('totals');
		expect(levels.media.request(mediaRef, 'P1D').key).toBe('totals');
		expect(levels.media.request({id: 'media', context: {queueId: 'q-2'}}, 'PT30M').key).toBe('totals');
		const keys = new Set([
			levels.intervals.request(intervalsRef, 'P1D').key,
			levels.intervals.request(intervalsRef, 'PT30M').key,
			levels.intervals.request({...intervalsRef, context: {...intervalsRef.context, mediaType: 'chat'}}, 'P1D').key,
			levels.intervals.request({...intervalsRef, context: {...intervalsRef.context, queueId: 'q-2'}}, 'P1D').key,
		]);
		expect(keys.size).toBe(4);
		expect(keys.has('totals')).toBe(false);
	});
});

describe('level rows against the emulator', () => {
	let emu: Emulator;
	let range: DateRange;
	let totals: Totals;
	const timeZone = 'America/Chicago';

	beforeAll(async () => {
		emu = await emulator({queues: 30, seed: 8});
		range = resolveRange({from: '2026-03-02', to: '2026-03-08'}, timeZone, DateTime.fromMillis(testNow));
		totals = (await levels.queues.request(queuesRef, 'P1D').load(clientFor(emu), range, {})) as Totals;
	});
	afterAll(async () => emu.stop());

	const sorted = (rows: QueueRow[]) => [...rows].sort(compareRows);
	const truth = (granularity?: 'P1D', filter?: {queueIds: string[]; mediaTypes: string[]}): AggregateCell[] =>
		groundTruth(emu, range.start, range.end, timeZone, granularity, filter);

	it('queue level: one row per queue, the roll-up of the ground truth, and its total', () => {
		const {rows, allStats} = levels.queues.rows(totals, queuesRef, {timeZone, granularity: 'P1D'});
		const expected = rollUp(truth(), 'queues', namesOf(emu), null, divisionsOf(emu));
		expect(expected.length).toBeGreaterThan(10);
		expect(sorted(rows.map(row => row.row))).toEqual(expected);
		// Queues are labelled by name; the two named Support (Home and EMEA) by name and division.
		for (const row of rows) {
			expect(row.key).toBe(row.row.queueId);
			expect(row.label).toBe(row.row.queueName === 'Support' ? `Support · ${row.row.divisionName}` : row.row.queueName);
			expect(row.search).toBe(row.label.toLowerCase());
			expect(row.searchAlso).toBe(row.row.divisionName?.toLowerCase());
		}
		expect(
			rows
				.filter(row => row.row.queueName === 'Support')
				.map(row => row.label)
				.sort(),
		).toEqual(['Support · EMEA', 'Support · Home']);
		// The total of all queues comes with the rows (from the running sums): the total of the ground truth.
		expect(allStats).toBeDefined();
		expect(toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, allStats!)).toEqual(
			totalRow(truth()),
		);
	});

	it('queue level: the same rows from the cells alone as from the running sums', () => {
		// The TUI's totals keep only running sums; rows from plain cells (the ground truth's) must agree.
		expect(totals.cells).toEqual([]);
		const fromCells = levels.queues.rows(
			{cells: truth(), nameOf: namesOf(emu), divisionOf: divisionsOf(emu)},
			queuesRef,
			{
				timeZone,
				granularity: 'P1D',
			},
		);
		expect(sorted(fromCells.rows.map(row => row.row))).toEqual(
			rollUp(truth(), 'queues', namesOf(emu), null, divisionsOf(emu)),
		);
	});

	it('media level: one queue by media type, the roll-up of its ground truth', () => {
		const busiest = rollUp(truth(), 'queues', namesOf(emu), null, divisionsOf(emu)).sort(
			(a, b) => b.offered - a.offered,
		)[0]!;
		const ref: LevelRef = {
			id: 'media',
			context: levels.queues.openContext({key: busiest.queueId!, label: busiest.queueName}, queuesRef),
		};
		const {rows} = levels.media.rows(totals, ref, {timeZone, granularity: 'P1D'});
		const expected = rollUp(
			truth().filter(cell => cell.queueId === busiest.queueId),
			'media',
			namesOf(emu),
			null,
			divisionsOf(emu),
		);
		expect(expected.length).toBeGreaterThan(1);
		expect(sorted(rows.map(row => row.row))).toEqual(expected);
		expect(rows.map(row => row.key).sort()).toEqual(expected.map(row => row.mediaType).sort());
		// Its rows add up to the queue's row of the level above.
		expect(rows.reduce((sum, row) => sum + row.row.offered, 0)).toBe(busiest.offered);
		expect(rows.reduce((sum, row) => sum + row.row.answered, 0)).toBe(busiest.answered);
	});

	it('interval level: one queue and media type by day, labelled in the range time zone', async () => {
		const busiest = rollUp(truth(), 'media', namesOf(emu), null, divisionsOf(emu)).sort(
			(a, b) => b.offered - a.offered,
		)[0]!;
		const ref: LevelRef = {
			id: 'intervals',
			context: {
				queueId: busiest.queueId!,
				queueName: busiest.queueName,
				mediaType: busiest.mediaType!,
				division: divisionsOf(emu)(busiest.queueId!),
			},
		};
		const data = await levels.intervals.request(ref, 'P1D').load(clientFor(emu), range, {});
		const {rows} = levels.intervals.rows(data, ref, {timeZone, granularity: 'P1D'});
		const expected = rollUp(
			truth('P1D', {queueIds: [busiest.queueId!], mediaTypes: [busiest.mediaType!]}),
			'intervals',
			namesOf(emu),
			null,
			divisionsOf(emu),
		);
		expect(rows).toHaveLength(7);
		// Whole days: none is partial.
		expect(sorted(rows.map(row => row.row))).toEqual(expected.map(row => ({...row, partial: false})));
		for (const row of rows) {
			expect(row.key).toBe(row.row.interval);
			expect(row.label).toBe(bucketLabel(row.key, timeZone, 'P1D'));
		}
		expect(rows.map(row => row.label)).toContain('Mon 02 Mar 2026');
		// The days add up to the media row above.
		expect(rows.reduce((sum, row) => sum + row.row.offered, 0)).toBe(busiest.offered);
	});
});
