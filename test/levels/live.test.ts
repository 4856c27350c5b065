// Which queues each live refresh asks about: the rows on screen every time, every queue within 30 s, and at 5,000
// queues under half of Genesys' 300 requests a minute.
import {describe, expect, it} from 'vitest';
import {fullCycleMs, liveBatch} from '../../source/levels/live.js';

const queues = (count: number) => Array.from({length: count}, (_, index) => `q${index}`);

/** A minute of refreshes: requests (100 queues a query) and how old each queue got at most, in refreshes. */
function minuteOf(all: string[], visible: string[], refreshMs: number) {
	const lastSeen = new Map<string, number>();
	let worstGap = 0;
	let requests = 0;
	let cursor = 0;
	const ticks = Math.round(60_000 / refreshMs);
	for (let tick = 0; tick < ticks * 2; tick++) {
		const batch = liveBatch(all, visible, cursor, refreshMs);
		cursor = batch.cursor;
		expect(batch.ids.slice(0, visible.length)).toEqual(visible);
		expect(new Set(batch.ids).size).toBe(batch.ids.length);
		// The second minute: every queue has had its first turn.
		if (tick >= ticks) requests += Math.ceil(batch.ids.length / 100);
		for (const id of batch.ids) {
			const previous = lastSeen.get(id);
			if (previous !== undefined && tick >= ticks) worstGap = Math.max(worstGap, tick - previous);
			lastSeen.set(id, tick);
		}
	}
	return {requests, worstAgeMs: worstGap * refreshMs, seen: lastSeen.size};
}

describe('liveBatch', () => {
	it('at 5,000 queues every 10 s: under 150 requests a minute, every queue at most 30 s old, the screen every time', () => {
		const all = queues(5000);
		const visible = all.slice(1200, 1243);
		const minute = minuteOf(all, visible, 10_000);
		expect(minute.seen).toBe(5000);
		expect(minute.worstAgeMs).toBeLessThanOrEqual(fullCycleMs);
		expect(minute.requests).toBeLessThanOrEqual(150);
		// 17 queries of the others and one of the screen, six times a minute (fewer where the two overlap).
		expect(minute.requests).toBeGreaterThan(100);
	});

	it('at --refresh 5 the rate stays under half the limit', () => {
		const minute = minuteOf(queues(5000), queues(43), 5000);
		expect(minute.worstAgeMs).toBeLessThanOrEqual(fullCycleMs);
		expect(minute.requests).toBeLessThanOrEqual(150);
	});

	it('asks every queue every time when there are few', () => {
		const all = queues(250);
		const batch = liveBatch(all, all.slice(10, 20), 0, 10_000);
		expect(new Set(batch.ids)).toEqual(new Set(all));
	});
});
