// Comparison on the explorer's levels against the emulator: the comparison side of every row equals a
// query of the comparison range alone, buckets pair by their place in the range, one-sided rows stay.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {compareLevelRows} from '../../source/levels/compare.js';
import {levels} from '../../source/levels/registry.js';
import {createLevelSource, RetryHub} from '../../source/levels/source.js';
import type {LevelRef, LevelRows} from '../../source/levels/types.js';
import {type QueueRow, rollUp} from '../../source/metrics/rows.js';
import {type CompareMode, comparisonRange, shiftDays} from '../../source/range/compare.js';
import {type DateRange, type Granularity, isoInterval, resolveRange} from '../../source/range/range.js';
import {clientFor, divisionsOf, emulator, groundTruth, namesOf, testNow} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
});
afterAll(async () => emu.stop());

const now = DateTime.fromMillis(testNow);
const zone = 'America/New_York';
const hub = new RetryHub();

/** A level's rows for `range` and its comparison period, each loaded through its own source, joined. */
async function compared(
	ref: LevelRef,
	range: DateRange,
	mode: CompareMode,
	granularity: Granularity = 'P1D',
): Promise<{rows: LevelRows; earlier: DateRange}> {
	const level = levels[ref.id];
	const client = clientFor(emu);
	const earlier = comparisonRange(range, mode);
	const request = level.request(ref, granularity);
	// Both periods at once, as the explorer asks them.
	const [current, before] = await Promise.all([
		createLevelSource(client, range, hub).load(request, {}),
		createLevelSource(client, earlier, hub).load(request, {}),
	]);
	const options = {timeZone: range.timeZone, granularity};
	return {
		rows: compareLevelRows(level, level.rows(current.data, ref, options), level.rows(before.data, ref, options), {
			days: shiftDays(range, mode),
			...options,
		}),
		earlier,
	};
}

function byQueue(rows: QueueRow[]): Map<string, QueueRow> {
	return new Map(rows.map(row => [`${row.queueId}/${row.mediaType ?? ''}`, row]));
}

describe('comparison on the levels', () => {
	it('queues: each row’s comparison side equals a query of the comparison range alone (52 weeks earlier)', async () => {
		const range = resolveRange({from: '2026-03-09', to: '2026-03-15'}, zone, now);
		const {rows, earlier} = await compared({id: 'queues', context: {}}, range, 'year');
		expect([earlier.from, earlier.to]).toEqual(['2025-03-10', '2025-03-16']);
		const truth = byQueue(
			rollUp(groundTruth(emu, earlier.start, earlier.end, zone), 'queues', namesOf(emu), null, divisionsOf(emu)).map(
				row => ({
					...row,
					interval: null,
				}),
			),
		);
		expect(rows.rows.length).toBeGreaterThan(10);
		for (const row of rows.rows) {
			const expected = truth.get(`${row.key}/`);
			expect(expected, row.label).toBeDefined();
			expect({...row.previous!.row, interval: null}, row.label).toEqual(expected);
		}
		// The totals of the comparison side are the comparison range's totals.
		const all = rollUp(groundTruth(emu, earlier.start, earlier.end, zone), 'queues', () => 'Total', null);
		expect(rows.previousAllStats?.['nOffered']?.count).toBe(all.reduce((sum, row) => sum + row.offered, 0));
	});

	it('media: a media type with traffic in one period only is a row, 0 against n', async () => {
		// 15 Mar 2026 against a week earlier: on these Sundays some queues' quiet media had traffic on one day only.
		const range = resolveRange({from: '2026-03-15', to: '2026-03-15'}, zone, now);
		const earlier = comparisonRange(range, 'week');
		const nowTruth = byQueue(
			rollUp(groundTruth(emu, range.start, range.end, zone), 'media', namesOf(emu), null, divisionsOf(emu)),
		);
		const beforeTruth = byQueue(
			rollUp(groundTruth(emu, earlier.start, earlier.end, zone), 'media', namesOf(emu), null, divisionsOf(emu)),
		);
		const oneSided = [...new Set([...nowTruth.keys(), ...beforeTruth.keys()])].filter(
			key => !nowTruth.has(key) || !beforeTruth.has(key),
		);
		expect(oneSided.length).toBeGreaterThan(0);
		for (const key of oneSided) {
			const [queueId = ''] = key.split('/');
			const {rows} = await compared({id: 'media', context: {queueId, queueName: namesOf(emu)(queueId)}}, range, 'week');
			const mediaType = key.split('/')[1];
			const row = rows.rows.find(each => each.key === mediaType);
			expect(row, key).toBeDefined();
			const only = nowTruth.get(key) ?? beforeTruth.get(key)!;
			const [present, absent] = nowTruth.has(key) ? [row!.row, row!.previous!.row] : [row!.previous!.row, row!.row];
			expect(present.offered).toBe(only.offered);
			// The side without data: counts 0, rates and times none.
			expect(absent.offered).toBe(0);
			expect(absent.answered).toBe(0);
			expect(absent.serviceLevel).toBeNull();
			expect(absent.asaMs).toBeNull();
		}
	});

	it('intervals: the first bucket pairs with the first, across a daylight-saving change', async () => {
		// 8 Mar 2026 is 23 hours long in New York; 1 Mar is 24. Half-hour buckets pair by local time.
		const range = resolveRange({from: '2026-03-08', to: '2026-03-08'}, zone, now);
		const earlier = comparisonRange(range, 'week');
		const skippedHour = ['2026-03-01T02:00', '2026-03-01T02:30'].map(local => {
			const start = DateTime.fromISO(local, {zone});
			return isoInterval(start, start.plus({minutes: 30}));
		});
		// A queue and media type with traffic in the night of 1 Mar, in the hour 8 Mar skips.
		const cellsOf = (queueId: string, mediaType: string) =>
			groundTruth(emu, earlier.start, earlier.end, zone, 'PT30M', {queueIds: [queueId], mediaTypes: [mediaType]});
		const [queue, mediaType] = emu.org.queues
			.flatMap(each => ['email', 'message', 'chat', 'voice'].map(media => [each, media] as const))
			.find(([each, media]) => {
				const intervals = new Set(cellsOf(each.id, media).map(cell => cell.interval));
				return skippedHour.every(interval => intervals.has(interval));
			})!;
		const ref: LevelRef = {id: 'intervals', context: {queueId: queue.id, queueName: queue.name, mediaType}};
		const {rows} = await compared(ref, range, 'week', 'PT30M');
		const truth = new Map(
			rollUp(cellsOf(queue.id, mediaType), 'intervals', namesOf(emu), null, divisionsOf(emu)).map(row => [
				row.interval,
				row,
			]),
		);
		const at = (local: string) =>
			rows.rows.find(row => row.key.startsWith(DateTime.fromISO(local, {zone}).toUTC().toISO()!));
		for (const [local, before] of [
			['2026-03-08T00:00', '2026-03-01T00:00'],
			// The first bucket after the skipped hour pairs with its twin, not with the skipped one.
			['2026-03-08T03:00', '2026-03-01T03:00'],
			['2026-03-08T10:00', '2026-03-01T10:00'],
			['2026-03-08T23:30', '2026-03-01T23:30'],
		] as const) {
			const row = at(local);
			expect(row, local).toBeDefined();
			const start = DateTime.fromISO(before, {zone});
			const expected = truth.get(isoInterval(start, start.plus({minutes: 30})));
			expect(row!.previous!.row.offered, local).toBe(expected?.offered ?? 0);
			expect(row!.previous!.row.serviceLevel, local).toBe(expected?.serviceLevel ?? null);
		}
		// The hour the clocks skipped has no bucket this day; its buckets of the week before are rows of their own
		// (0 against n), so no traffic of the comparison is lost.
		const skipped = rows.rows.filter(row => row.label.endsWith('(compared)'));
		expect(skipped.map(row => row.previous!.row.interval)).toEqual(skippedHour);
		for (const row of skipped) expect(row.row.offered).toBe(0);
		const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
		expect(sum(rows.rows.map(row => row.previous!.row.offered))).toBe(sum([...truth.values()].map(row => row.offered)));
	});
});
