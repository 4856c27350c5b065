// A load cancelled before its requests start asks nothing, and its level source keeps no answer. runPool once listened
// for 'abort' on a signal that was already aborted, which never fires, so the whole query ran in the background after
// the cancel (the first load of a session hid it: the shared login failed on the aborted signal). These tests keep
// runPool and the batch streams honouring a signal aborted before they start.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {CancelledError} from '../../source/errors.js';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {createLevelSource, RetryHub} from '../../source/levels/source.js';
import {levels} from '../../source/levels/registry.js';
import {totalsRequest} from '../../source/levels/totals.js';
import {resolveRange} from '../../source/range/range.js';
import {clientFor, emulator, testNow} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5});
});
afterAll(async () => emu.stop());

describe('a load cancelled before it starts', () => {
	it('asks the emulator nothing and rejects as cancelled (queue level, logged-in client)', async () => {
		const range = resolveRange({preset: 'last-30-days'}, 'UTC', DateTime.fromMillis(testNow));
		const client = clientFor(emu);
		// As the session's client is for every range after the first.
		await client.verify();
		const source = createLevelSource(client, range, new RetryHub());
		const controller = new AbortController();
		const before = emu.counts.aggregates;
		const load = source.load(totalsRequest, {signal: controller.signal});
		controller.abort();
		const outcome = await load.then(
			() => 'resolved',
			(error: unknown) => error,
		);
		expect(emu.counts.aggregates - before).toBe(0);
		expect(outcome).toBeInstanceOf(CancelledError);
	});

	it('asks the emulator nothing and rejects as cancelled (interval level, as Esc before the client is ready)', async () => {
		const range = resolveRange({preset: 'last-30-days'}, 'UTC', DateTime.fromMillis(testNow));
		// The client arrives later, as the app's does (it is imported on the first load).
		const client = new Promise<ReturnType<typeof clientFor>>(resolve => setTimeout(() => resolve(clientFor(emu)), 20));
		const source = createLevelSource(client, range, new RetryHub());
		const controller = new AbortController();
		const before = emu.counts.aggregates;
		const queue = emu.org.queues[0]!;
		const request = levels.intervals.request(
			{id: 'intervals', context: {queueId: queue.id, mediaType: 'voice'}},
			'P1D',
		);
		const load = source.load(request, {signal: controller.signal});
		controller.abort();
		const outcome = await load.then(
			() => 'resolved',
			(error: unknown) => error,
		);
		expect(emu.counts.aggregates - before).toBe(0);
		expect(outcome).toBeInstanceOf(CancelledError);
	});

	it('asks the emulator nothing when the signal is already aborted (fetchQueueAggregates)', async () => {
		const start = DateTime.fromISO('2026-02-01', {zone: 'UTC'});
		const before = emu.counts.aggregates;
		const outcome = await fetchQueueAggregates(
			clientFor(emu),
			{start, end: start.plus({days: 40}), timeZone: 'UTC'},
			{signal: AbortSignal.abort()},
		).then(
			() => 'resolved',
			(error: unknown) => error,
		);
		expect(emu.counts.aggregates - before).toBe(0);
		expect(outcome).toBeInstanceOf(CancelledError);
	});
});
