// Avg talk and Avg hold per interaction (tTalkComplete, tHeldComplete), not per segment (tTalk, tHeld).
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchReport} from '../../source/reports/report.js';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {averageMs} from '../../source/genesys/timers.js';
import {rollUp, toRow} from '../../source/metrics/rows.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
});
afterAll(async () => emu.stop());

const start = DateTime.fromISO('2026-03-02', {zone: 'UTC'});
const end = start.plus({days: 7});

describe('Avg talk and Avg hold', () => {
	it('divide the per-interaction timers, which the emulator counts differently from the per-segment ones', async () => {
		const client = clientFor(emu);
		const cells = await fetchQueueAggregates(client, {
			start,
			end,
			timeZone: 'UTC',
			mediaTypes: ['voice'],
			metrics: ['tTalk', 'tTalkComplete', 'tHeld', 'tHeldComplete'],
		});
		const report = await fetchReport(client, {start, end, timeZone: 'UTC', mediaTypes: ['voice']});
		const rows = new Map(rollUp(report.cells, 'media', id => id, null).map(row => [row.queueId, row]));
		let heldTwice = 0;
		for (const cell of cells) {
			const {tTalk, tTalkComplete, tHeld, tHeldComplete} = cell.stats;
			const row = rows.get(cell.queueId)!;
			expect(row.avgTalkMs).toBe(Math.round(tTalkComplete!.sum! / tTalkComplete!.count!));
			// A held call has one more talk segment per hold: more segments than interactions.
			if (tHeldComplete) {
				expect(tTalk!.count).toBeGreaterThan(tTalkComplete!.count!);
				expect(row.avgHoldMs).toBe(Math.round(tHeldComplete.sum! / tHeldComplete.count!));
				if (tHeld!.count! > tHeldComplete.count!) {
					heldTwice++;
					expect(row.avgHoldMs).toBeGreaterThan(averageMs(tHeld)!);
				}
				expect(row.avgTalkMs).toBeGreaterThan(averageMs(tTalk)!);
			} else {
				expect(row.avgHoldMs).toBeNull();
			}
		}
		expect(heldTwice).toBeGreaterThan(3);
	});

	it('leave the average empty for a timer with a count but no sum', () => {
		const row = toRow(
			{queueId: 'q', queueName: 'Q', mediaType: 'voice', interval: null},
			{nOffered: {count: 3}, tTalkComplete: {count: 3}, tHandle: {count: 3}, tHeldComplete: {count: 2, sum: 4000}},
		);
		expect(row.avgTalkMs).toBeNull();
		expect(row.ahtMs).toBeNull();
		expect(row.avgHoldMs).toBe(2000);
	});
});
