// Property tests of the metric math (fast-check): merging is exact however the data is split,
// and chunked fetching equals one query for any range, zone and granularity.
import fc from 'fast-check';
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {rollUp, totalRow} from '../../source/metrics/rows.js';
import {type AggregateCell} from '../../source/genesys/analytics.js';
import {mergeBags, PairSums, type StatsBag} from '../../source/genesys/stats.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator, groundTruth} from '../helpers.js';
import {startOfWeek} from '../../source/range/range.js';

const timer = fc
	.tuple(fc.integer({min: 1, max: 50}), fc.integer({min: 0, max: 100_000}), fc.integer({min: 0, max: 100_000}))
	.map(([count, a, b]) => {
		const min = Math.min(a, b);
		const max = Math.max(a, b);
		return {count, min, max, sum: count === 1 ? min : min + max + (count - 2) * Math.round((min + max) / 2)};
	});

const bag: fc.Arbitrary<StatsBag> = fc.record(
	{
		nOffered: fc.integer({min: 0, max: 500}).map(count => ({count})),
		tAnswered: timer,
		tAbandon: timer,
		tHandle: timer,
		nTransferred: fc.integer({min: 0, max: 50}).map(count => ({count})),
		oServiceLevel: fc
			.tuple(fc.integer({min: 0, max: 200}), fc.integer({min: 0, max: 200}), fc.constantFrom(0.8, 0.9))
			.map(([a, b, target]) => ({numerator: Math.min(a, b), denominator: Math.max(a, b), target})),
	},
	{requiredKeys: []},
);

const cells = fc.array(
	fc.record({
		queueId: fc.constantFrom('q1', 'q2', 'q3'),
		mediaType: fc.constantFrom('voice', 'chat', 'email'),
		interval: fc.constantFrom('i1', 'i2', 'i3', 'i4'),
		stats: bag,
	}),
	{minLength: 1, maxLength: 30},
) as fc.Arbitrary<AggregateCell[]>;

describe('merge properties', () => {
	it('any split of the cells, merged part by part, equals merging them all', () => {
		fc.assert(
			fc.property(cells, fc.array(fc.nat(), {maxLength: 30}), (all, cuts) => {
				const parts: AggregateCell[][] = [[]];
				all.forEach((cell, index) => {
					if ((cuts[index] ?? 0) % 3 === 0 && parts.at(-1)!.length > 0) parts.push([]);
					parts.at(-1)!.push(cell);
				});
				const whole = mergeBags(all.map(cell => cell.stats));
				const byParts = mergeBags(parts.map(part => mergeBags(part.map(cell => cell.stats))));
				expect(byParts).toEqual(whole);
			}),
			{numRuns: 500, seed: 42},
		);
	});

	it('sums kept per queue and media type as numbers equal merging each pair of queue and media', () => {
		fc.assert(
			fc.property(cells, all => {
				const sums = new PairSums();
				const merged = new Map<string, Map<string | null, StatsBag>>();
				for (const cell of all) {
					const pair = sums.pairOf(cell.queueId, cell.mediaType);
					for (const [metric, stats] of Object.entries(cell.stats)) sums.add(pair, metric, stats);
					const byMedia = merged.get(cell.queueId) ?? new Map<string | null, StatsBag>();
					byMedia.set(cell.mediaType, mergeBags([byMedia.get(cell.mediaType) ?? {}, cell.stats]));
					merged.set(cell.queueId, byMedia);
				}
				for (const queueId of ['q1', 'q2', 'q3', 'q4']) {
					const kept = new Map(sums.mediaOf(queueId).map(({mediaType, stats}) => [mediaType, stats]));
					expect(kept).toEqual(merged.get(queueId) ?? new Map());
				}
			}),
			{numRuns: 500, seed: 11},
		);
	});

	it('rolling up intervals, then media, equals rolling up to queues at once', () => {
		fc.assert(
			fc.property(cells, all => {
				const names = (id: string) => id;
				const direct = rollUp(all, 'queues', names, null);
				// Roll up to media first, then treat those rows' cells as the input again.
				const mediaCells = new Map<string, AggregateCell>();
				for (const cell of all) {
					const key = `${cell.queueId}/${cell.mediaType}`;
					const existing = mediaCells.get(key);
					mediaCells.set(key, {
						...cell,
						interval: 'all',
						stats: existing ? mergeBags([existing.stats, cell.stats]) : cell.stats,
					});
				}
				expect(rollUp([...mediaCells.values()], 'queues', names, null)).toEqual(direct);
				const total = totalRow(all);
				expect(total.offered).toBe(direct.reduce((sum, row) => sum + row.offered, 0));
				expect(total.answered).toBe(direct.reduce((sum, row) => sum + row.answered, 0));
				for (const row of direct) {
					if (row.serviceLevel !== null) expect(row.serviceLevel).toBeLessThanOrEqual(1);
					if (row.asaMs !== null) expect(row.asaMs).toBeGreaterThanOrEqual(0);
				}
			}),
			{numRuns: 300, seed: 7},
		);
	});
});

describe('chunking property', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await emulator({queues: 15, seed: 13});
	});
	afterAll(async () => emu.stop());

	it('fetching any range in chunks equals the one unchunked answer', async () => {
		const client = clientFor(emu);
		await fc.assert(
			fc.asyncProperty(
				fc.integer({min: 0, max: 330}),
				fc.integer({min: 1, max: 100}),
				fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
				fc.constantFrom(undefined, 'P1D' as const, 'P7D' as const),
				async (offset, days, zone, granularity) => {
					const start = DateTime.fromISO('2025-04-01', {zone}).plus({days: offset});
					const end = start.plus({days});
					const chunked = await fetchQueueAggregates(client, {start, end, timeZone: zone, granularity});
					const level = granularity ? 'intervals' : 'media';
					// Weeks start on Monday: one unchunked answer for the (partial) week up to the first Monday, one from it.
					const monday = startOfWeek(start).plus({days: 7});
					const pieces: Array<[DateTime, DateTime]> =
						granularity === 'P7D' && startOfWeek(start) < start && monday < end
							? [
									[start, monday],
									[monday, end],
								]
							: [[start, end]];
					const truth = pieces.flatMap(([from, to]) => groundTruth(emu, from, to, zone, granularity));
					expect(rollUp(chunked, level, id => id, null)).toEqual(rollUp(truth, level, id => id, null));
				},
			),
			{numRuns: 25, seed: 11},
		);
	}, 120_000);
});
