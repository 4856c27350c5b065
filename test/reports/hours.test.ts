// Weekday x hour against the emulator: the cells add up to the range's totals, and DST hours land where they should.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {validateAggregateQuery, runAggregateQuery} from '../../source/emulator/aggregates.js';
import type {Emulator} from '../../source/emulator/server.js';
import {buildAggregateBody} from '../../source/genesys/analytics.js';
import {fetchHourGrid, type HourRecord, streamHourRecords} from '../../source/reports/hours.js';
import {fetchReport} from '../../source/reports/report.js';
import {gridTotal, gridValues, hourRow} from '../../source/metrics/hour-grid.js';
import {metricFor} from '../../source/metrics/catalog.js';
import {rollUp, toRow, totalRow} from '../../source/metrics/rows.js';
import {isoInterval} from '../../source/range/range.js';
import {cellIndex} from '../../source/range/weekday-hours.js';
import {clientFor, emulator, groundTruth} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 7});
});
afterAll(async () => emu.stop());

const sunday = 7;

/** Every numeric field of a row, for comparing numbers whatever the label. */
function numbers(row: ReturnType<typeof toRow>) {
	const {queueId: _id, queueName: _name, mediaType: _media, interval: _interval, ...rest} = row;
	return rest;
}

describe('the emulator with PT1H and a time zone', () => {
	it('answers one-hour buckets across DST: 23 on the spring-forward day, 25 on the fall-back day', () => {
		for (const [day, zone, count] of [
			['2026-03-08', 'America/New_York', 23],
			['2025-11-02', 'America/New_York', 25],
			['2025-03-30', 'Europe/Dublin', 23],
			['2025-10-26', 'Europe/Dublin', 25],
		] as const) {
			const start = DateTime.fromISO(day, {zone});
			const end = start.plus({days: 1});
			const query = validateAggregateQuery(
				buildAggregateBody(isoInterval(start, end), {timeZone: zone, granularity: 'PT1H'}, undefined),
			);
			if ('status' in query) throw new Error(query.message);
			const intervals = new Set(
				runAggregateQuery(emu.org, emu.model, query).flatMap(result => result.data.map(data => data.interval)),
			);
			expect(intervals.size, `${day} ${zone}`).toBe(count);
			for (const interval of intervals) {
				const [from, to] = interval.split('/').map(part => Date.parse(part!));
				expect(to! - from!).toBe(3_600_000);
				expect(new Date(from!).getUTCMinutes()).toBe(0);
			}
		}
	});
});

describe('fetchHourGrid', () => {
	it('all queues: the cells add up to the queue level’s totals of the range, exactly', async () => {
		const client = clientFor(emu);
		const zone = 'Europe/Dublin';
		const start = DateTime.fromISO('2025-10-13', {zone});
		const end = DateTime.fromISO('2025-11-10', {zone});
		const grid = await fetchHourGrid(client, {start, end, timeZone: zone});
		const report = await fetchReport(client, {start, end, timeZone: zone});
		expect(numbers(hourRow(gridTotal(grid)))).toEqual(numbers(totalRow(report.cells)));
		expect(grid.changes).toEqual([{date: '2025-10-26', weekday: sunday, hour: 1, kind: 'repeated'}]);
		// Four of every weekday-hour: offered a day is the cell's total over 4.
		const offered = gridValues(grid, 'offered');
		const monday10 = cellIndex(1, 10);
		expect(offered[monday10]).toBe((grid.cells[monday10]!['nOffered']?.count ?? 0) / 4);
	});

	it('one queue and media: equals that queue’s media row; rates and times come from summed parts', async () => {
		const client = clientFor(emu);
		const zone = 'America/New_York';
		const start = DateTime.fromISO('2026-03-02', {zone});
		const end = DateTime.fromISO('2026-03-16', {zone});
		const report = await fetchReport(client, {start, end, timeZone: zone});
		const row = rollUp(report.cells, 'media', report.nameOf, null).find(each => each.mediaType === 'voice')!;
		const grid = await fetchHourGrid(client, {
			start,
			end,
			timeZone: zone,
			queueId: row.queueId!,
			mediaType: 'voice',
		});
		expect(numbers(hourRow(gridTotal(grid)))).toEqual(numbers(row));
		// A cell's service level is its numerator over its denominator, not an average of hours.
		const index = cellIndex(2, 11);
		const stats = grid.cells[index]!['oServiceLevel'];
		if (stats?.denominator)
			expect(gridValues(grid, 'serviceLevel')[index]).toBe((stats.numerator ?? 0) / stats.denominator);
		expect(metricFor('serviceLevel').kind).toBe('rate');
	});

	it('a New York range over the spring-forward Sunday: 02:00 empty, the day’s other hours hold the day', async () => {
		const client = clientFor(emu);
		const zone = 'America/New_York';
		const start = DateTime.fromISO('2026-03-08', {zone});
		const end = start.plus({days: 1});
		const grid = await fetchHourGrid(client, {start, end, timeZone: zone});
		expect(grid.days[cellIndex(sunday, 2)]).toBe(0);
		expect(grid.cells[cellIndex(sunday, 2)]).toEqual({});
		expect(gridValues(grid, 'offered')[cellIndex(sunday, 2)]).toBeNull();
		const truth = groundTruth(emu, start, end, zone);
		expect(numbers(hourRow(gridTotal(grid)))).toEqual(numbers(totalRow(truth)));
	});

	it('a Dublin range over the fall-back Sunday: 01:00 holds both hours', async () => {
		const client = clientFor(emu);
		const zone = 'Europe/Dublin';
		const start = DateTime.fromISO('2025-10-26', {zone});
		const end = start.plus({days: 1});
		const grid = await fetchHourGrid(client, {start, end, timeZone: zone});
		const hourly = groundTruth(emu, start, end, zone, 'PT1H');
		// 01:00 IST (00:00Z) and 01:00 GMT (01:00Z).
		const inRepeated = hourly.filter(cell => /^2025-10-26T0[01]:00/.test(cell.interval));
		expect(new Set(inRepeated.map(cell => cell.interval)).size).toBe(2);
		expect(grid.cells[cellIndex(sunday, 1)]!['nOffered']?.count).toBe(
			inRepeated.reduce((sum, cell) => sum + (cell.stats['nOffered']?.count ?? 0), 0),
		);
		expect(grid.days[cellIndex(sunday, 1)]).toBe(1);
	});
});

describe('streamHourRecords', () => {
	it('per queue and per queue and media: records add up to the queue and media rows, in export order', async () => {
		const client = clientFor(emu);
		const zone = 'America/New_York';
		const start = DateTime.fromISO('2026-03-02', {zone});
		const end = DateTime.fromISO('2026-03-09', {zone});
		const report = await fetchReport(client, {start, end, timeZone: zone});
		for (const byMedia of [false, true]) {
			const records: HourRecord[] = [];
			await streamHourRecords(
				client,
				{start, end, timeZone: zone},
				{
					byMedia,
					batchSize: 7,
					onRows: async rows => {
						records.push(...rows);
					},
				},
			);
			const rows = rollUp(report.cells, byMedia ? 'media' : 'queues', report.nameOf, null);
			// 7 days, one of them 23 hours long.
			expect(records.length).toBe(rows.length * (7 * 24 - 1));
			for (const row of rows) {
				const own = records.filter(each => each.queueId === row.queueId && each.mediaType === row.mediaType);
				expect(own.reduce((sum, each) => sum + each.offered, 0)).toBe(row.offered);
				expect(own.reduce((sum, each) => sum + each.answered, 0)).toBe(row.answered);
				expect(own.every(each => each.days === 1)).toBe(true);
			}
			const order = records.map(
				each => `${each.queueName}|${each.queueId}|${each.mediaType}|${each.weekday}|${each.hour}`,
			);
			expect(order).toEqual(
				[...order].sort((a, b) => {
					const [na, ia, ma, wa, ha] = a.split('|');
					const [nb, ib, mb, wb, hb] = b.split('|');
					return (
						na!.localeCompare(nb!) ||
						ia!.localeCompare(ib!) ||
						ma!.localeCompare(mb!) ||
						Number(wa) - Number(wb) ||
						Number(ha) - Number(hb)
					);
				}),
			);
		}
	});
});
