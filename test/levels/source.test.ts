// Where the explorer's data comes from, against the emulator: answers asked once and kept (a few, not all),
// failures and cancels not kept, `fresh` asking again, and the sources of only the last few date ranges kept.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {ApiError, CancelledError} from '../../source/errors.js';
import {levels} from '../../source/levels/registry.js';
import {RecentCache} from '../../source/levels/recent-cache.js';
import {
	answersKept,
	createLevelSource,
	type LevelSource,
	rangeKey,
	rangesKept,
	RetryHub,
} from '../../source/levels/source.js';
import {totalsRequest} from '../../source/levels/totals.js';
import type {DataRequest} from '../../source/levels/types.js';
import {type DateRange, resolveRange} from '../../source/range/range.js';
import {clientFor, emulator, testNow} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5});
});
afterAll(async () => emu.stop());

const now = DateTime.fromMillis(testNow);
const day = (iso: string, zone = 'UTC'): DateRange => resolveRange({from: iso, to: iso}, zone, now);

/** The interval level's request for one queue and media type, by day. */
function intervalsOf(queueIndex: number, mediaType = 'voice'): DataRequest {
	const queue = emu.org.queues[queueIndex]!;
	return levels.intervals.request(
		{id: 'intervals', context: {queueId: queue.id, queueName: queue.name, mediaType}},
		'P1D',
	);
}

/** Aggregate queries the emulator answered while `run` ran. */
async function asked(run: () => Promise<unknown>): Promise<number> {
	const before = emu.counts.aggregates;
	await run();
	return emu.counts.aggregates - before;
}

describe('createLevelSource', () => {
	it('asks the emulator once for the same request, also when asked twice at once', async () => {
		const source = createLevelSource(clientFor(emu), day('2026-03-10'), new RetryHub());
		const request = intervalsOf(0);
		const first = await asked(() => source.load(request, {}));
		expect(first).toBeGreaterThan(0);
		expect(await asked(() => source.load(request, {}))).toBe(0);
		const [a, b] = [source.load(intervalsOf(1), {}), source.load(intervalsOf(1), {})];
		expect(a).toBe(b);
		// The queue and media levels share one request: the second level asks nothing.
		const queues = levels.queues.request({id: 'queues', context: {}}, 'P1D');
		const media = levels.media.request({id: 'media', context: {queueId: emu.org.queues[0]!.id}}, 'P1D');
		expect(await asked(() => source.load(queues, {}))).toBeGreaterThan(0);
		expect(await asked(() => source.load(media, {}))).toBe(0);
	});

	it('asks again when fresh, and keeps the fresh answer', async () => {
		const source = createLevelSource(clientFor(emu), day('2026-03-11'), new RetryHub());
		const request = intervalsOf(2);
		const old = await source.load(request, {});
		let fresh = old;
		expect(await asked(async () => (fresh = await source.load(request, {fresh: true})))).toBeGreaterThan(0);
		expect(fresh).not.toBe(old);
		expect(fresh.data).toEqual(old.data);
		expect(await source.load(request, {})).toBe(fresh);
	});

	it('does not keep a failed request: the next load asks again and gets the data', async () => {
		const source = createLevelSource(clientFor(emu), day('2026-03-12'), new RetryHub());
		const request = intervalsOf(3);
		emu.inject({kind: 'status', status: 400, path: '/api/v2/analytics', times: 1});
		await expect(source.load(request, {})).rejects.toBeInstanceOf(ApiError);
		let loaded: unknown;
		expect(await asked(async () => (loaded = await source.load(request, {})))).toBeGreaterThan(0);
		expect(loaded).toMatchObject({data: {cells: expect.any(Array), buckets: expect.any(Array)}});
	});

	it('does not keep a request cancelled while it runs', async () => {
		const source = createLevelSource(clientFor(emu), day('2026-03-13'), new RetryHub());
		const request = intervalsOf(4);
		const controller = new AbortController();
		// Cancelled once it has begun (its progress says so), as Esc does while the status bar says "loading".
		const cancelled = source.load(request, {
			signal: controller.signal,
			onProgress: () => setTimeout(() => controller.abort(), 0),
		});
		await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
		const loaded = await source.load(request, {});
		expect(loaded.data).toMatchObject({cells: expect.any(Array)});
		expect(await source.load(request, {})).toBe(loaded);
	});

	it(`keeps at most ${answersKept} answers, the most recently used`, async () => {
		const source = createLevelSource(clientFor(emu), day('2026-03-14'), new RetryHub());
		const requests = Array.from({length: answersKept + 1}, (_, index) => intervalsOf(index));
		for (const request of requests) await source.load(request, {});
		// The last answersKept are kept...
		expect(await asked(() => Promise.all(requests.slice(1).map(request => source.load(request, {}))))).toBe(0);
		// ...the first one is not: it is asked again.
		expect(await asked(() => source.load(requests[0]!, {}))).toBeGreaterThan(0);
	});

	it('tells its retry waits to whoever listens, until they stop listening', async () => {
		const hub = new RetryHub();
		const source = createLevelSource(
			clientFor(emu, {onRetry: hub.emit, backoffBaseMs: 1, backoffMaxMs: 2}),
			day('2026-03-15'),
			hub,
		);
		const notices: string[] = [];
		const stop = source.onRetry(notice => notices.push(notice.reason));
		emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 1});
		await source.load(intervalsOf(5), {});
		expect(notices).toEqual(['server-error']);
		stop();
		emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 1});
		await source.load(intervalsOf(6), {});
		expect(notices).toEqual(['server-error']);
	});
});

describe('sources of recent date ranges', () => {
	it('keys a range by what it covers, not by the object', () => {
		const range = day('2026-03-10');
		expect(rangeKey('acme', day('2026-03-10'))).toBe(rangeKey('acme', range));
		expect(rangeKey('other', range)).not.toBe(rangeKey('acme', range));
		expect(rangeKey('acme', day('2026-03-10', 'Europe/Berlin'))).not.toBe(rangeKey('acme', range));
		expect(rangeKey('acme', day('2026-03-09'))).not.toBe(rangeKey('acme', range));
	});

	it(`keeps the sources of the last ${rangesKept} ranges as the dates change 20 times`, async () => {
		// As the app does (app.tsx sourceFor): one source per range, the recent ones kept.
		const client = clientFor(emu);
		const hub = new RetryHub();
		const sources = new RecentCache<string, LevelSource>(rangesKept);
		const made = new Map<string, LevelSource>();
		const sourceFor = (range: DateRange) =>
			sources.getOrCreate(rangeKey('acme', range), () => {
				const source = createLevelSource(client, range, hub);
				made.set(range.from, source);
				return source;
			});
		const days = Array.from({length: 20}, (_, index) => now.minus({days: 40 - index}).toISODate()!);
		for (const [index, iso] of days.entries()) {
			const source = sourceFor(day(iso));
			await source.load(totalsRequest, {});
			expect(sources.size).toBe(Math.min(index + 1, rangesKept));
		}
		expect(made.size).toBe(20);
		// The most recent ranges come back as they were: same source, their answers kept, nothing asked.
		for (const iso of days.slice(-rangesKept).reverse()) {
			expect(sourceFor(day(iso))).toBe(made.get(iso));
			expect(await asked(() => sourceFor(day(iso)).load(totalsRequest, {}))).toBe(0);
		}
		// An old one was let go: made anew, it asks again.
		const first = made.get(days[0]!);
		const old = sourceFor(day(days[0]!));
		expect(old).not.toBe(first);
		expect(await asked(() => old.load(totalsRequest, {}))).toBeGreaterThan(0);
		expect(sources.size).toBe(rangesKept);
	});
});
