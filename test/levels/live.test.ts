// Which queues each live refresh asks about: the rows on screen every time, every queue within 30 s, and at 5,000
// queues under half of Genesys' 300 requests a minute.
import {describe, expect, it} from 'vitest';
import {fullCycleMs, liveBatch} from '../../source/levels/live.js';
import type {LevelRows} from '../../source/levels/types.js';

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

describe('live values joined to the queue rows', () => {
	it('sorts by a live column, and keeps the name and aggregate orders of the rows without them', async () => {
		const {queuesLevel} = await import('../../source/levels/queues.js');
		const {toRow} = await import('../../source/metrics/rows.js');
		const {levelView} = await import('../../source/ui/explorer/view.js');
		const names = ['Delta', 'alpha', 'Charlie', 'bravo'];
		const base: LevelRows = {
			rows: names.map((name, index) => ({
				key: `q${index}`,
				label: name,
				search: name.toLowerCase(),
				row: toRow(
					{queueId: `q${index}`, queueName: name, mediaType: null, interval: null},
					{nOffered: {count: index % 2}},
				),
				stats: {nOffered: {count: index % 2}},
			})),
		};
		const waiting = [3, 0, 7, 1];
		const queues = new Map(
			names.map((_, index) => [
				`q${index}`,
				{
					queueId: `q${index}`,
					waiting: waiting[index]!,
					interacting: 0,
					longestWaitingMs: null,
					onQueueAgents: 1,
					availableAgents: 0,
					media: [],
					observedAt: 0,
				},
			]),
		);
		const attached = queuesLevel.live!.attach(base, {id: 'queues', context: {}}, queues);
		const order = (rows: LevelRows, column: 'name' | 'offered' | 'waiting') =>
			levelView(rows, queuesLevel, '', {column, descending: column !== 'name'}).rows.map(row => row.label);
		expect(order(attached, 'waiting')).toEqual(['Charlie', 'Delta', 'bravo', 'alpha']);
		expect(order(attached, 'name')).toEqual(order(base, 'name'));
		expect(order(attached, 'offered')).toEqual(order(base, 'offered'));
		expect(order(attached, 'offered')).toEqual(['alpha', 'bravo', 'Charlie', 'Delta']);
		const view = levelView(attached, queuesLevel, '', {column: 'waiting', descending: true});
		expect(view.liveTotal).toMatchObject({waiting: 11, onQueueAgents: 4, availableAgents: 0});
	});
});
