// Wait bands through the client: views 10 a query, ranges in 31-day chunks, everything added up per queue and media.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {allWaitsMs, fetchWaitBands} from '../../source/genesys/bands.js';
import {underViewName} from '../../source/genesys/wait-views.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator, groundTruth} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
});
afterAll(async () => emu.stop());

const answeredBounds = [10_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 300_000];
const abandonedBounds = [10_000, 20_000, 30_000, 60_000, 120_000, 300_000];

describe('fetchWaitBands', () => {
	it('asks 14 views as two queries a chunk, and the counts agree with the emulator’s own totals', async () => {
		const start = DateTime.fromISO('2026-02-01', {zone: 'Europe/Dublin'});
		const end = start.plus({days: 40});
		const before = emu.counts.aggregates;
		const stats = await fetchWaitBands(clientFor(emu), {
			start,
			end,
			timeZone: 'Europe/Dublin',
			under: {answered: answeredBounds, abandoned: abandonedBounds},
		});
		// Two 31-day chunks, each asked with 10 views and then the other 4.
		expect(emu.counts.aggregates - before).toBe(4);
		const truth = groundTruth(emu, start, end, 'Europe/Dublin');
		expect(truth.length).toBeGreaterThan(30);
		for (const cell of truth) {
			const bag = stats.get(cell.queueId)?.get(cell.mediaType ?? '');
			const where = `${cell.queueId} ${cell.mediaType}`;
			expect(bag?.['tAnswered']?.count ?? 0, where).toBe(cell.stats['tAnswered']?.count ?? 0);
			expect(bag?.['tAbandon']?.count ?? 0, where).toBe(cell.stats['tAbandon']?.count ?? 0);
			expect(bag?.['oServiceLevel']?.denominator, where).toBe(cell.stats['oServiceLevel']?.denominator);
			for (const [outcome, bounds, total] of [
				['answered', answeredBounds, bag?.['tAnswered']?.count ?? 0],
				['abandoned', abandonedBounds, bag?.['tAbandon']?.count ?? 0],
			] as const) {
				const counts = bounds.map(bound => bag?.[underViewName(outcome, bound)]?.count ?? 0);
				// Cumulative: never fewer under a later bound, never more than all of them.
				expect(counts, where).toEqual([...counts].sort((a, b) => a - b));
				expect(counts.at(-1)!, where).toBeLessThanOrEqual(total);
			}
			// Voice's SL time is 20 s in the emulator: under it is exactly the SL numerator.
			if (cell.mediaType === 'voice')
				expect(bag?.[underViewName('answered', 20_000)]?.count ?? 0, where).toBe(
					cell.stats['oServiceLevel']?.numerator ?? 0,
				);
		}
	});

	it('puts the view every wait is under in each query of an outcome, and counts it once', async () => {
		const start = DateTime.fromISO('2026-03-02', {zone: 'UTC'});
		const end = start.plus({days: 7});
		const ten = [5_000, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000];
		const asked: Array<{views?: Array<{name: string}>}> = [];
		const client = clientFor(emu);
		const post = client.post.bind(client);
		client.post = ((path: string, body: unknown, ...rest: unknown[]) => {
			asked.push(body as {views?: Array<{name: string}>});
			return (post as (...args: unknown[]) => unknown)(path, body, ...rest);
		}) as typeof client.post;
		const stats = await fetchWaitBands(client, {
			start,
			end,
			timeZone: 'UTC',
			under: {answered: ten, abandoned: abandonedBounds},
		});
		// Ten answered bounds: 9 and the probe, then 1 and the probe; the abandoned 6 and the probe in one.
		expect(asked.map(body => body.views?.length ?? 0)).toEqual([10, 2, 7]);
		for (const body of asked)
			expect(
				body.views?.some(
					view =>
						view.name ===
						underViewName(body.views![0]!.name.startsWith('answered') ? 'answered' : 'abandoned', allWaitsMs),
				),
			).toBe(true);
		const truth = groundTruth(emu, start, end, 'UTC');
		for (const cell of truth) {
			const bag = stats.get(cell.queueId)?.get(cell.mediaType ?? '');
			// Every answered wait is under the probe: its count is the answered, not twice it.
			expect(bag?.[underViewName('answered', allWaitsMs)]?.count ?? 0).toBe(cell.stats['tAnswered']?.count ?? 0);
		}
	});

	it('asks one queue and media type when given, with no views when there are no bounds', async () => {
		const [queue] = emu.org.queues;
		const start = DateTime.fromISO('2026-03-10T00:00:00Z');
		const stats = await fetchWaitBands(clientFor(emu), {
			start,
			end: start.plus({days: 1}),
			timeZone: 'UTC',
			queueIds: [queue!.id],
			mediaTypes: ['voice'],
			under: {answered: [], abandoned: []},
		});
		expect([...stats.keys()]).toEqual([queue!.id]);
		expect([...stats.get(queue!.id)!.keys()]).toEqual(['voice']);
	});
});
