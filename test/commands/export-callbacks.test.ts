// The callback columns in `gqx export`, in-process against the emulator: after every other field, and for each queue's
// callback media type the emulator's own callback conversations (made one by one): scheduled, dialed, abandoned while
// waiting, and their average time in the queue; no callbacks on the other media types.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {callbackFields} from '../../source/metrics/catalog.js';
import type {QueueRow} from '../../source/metrics/rows.js';
import {conversationsIn, credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 8});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC'];
const start = Date.parse('2026-03-16T00:00:00Z');
const end = Date.parse('2026-03-17T00:00:00Z');

/** Each queue's callback conversations that entered that day, counted from the conversations themselves. */
function callbacksOf(): Map<string, {scheduled: number; answered: number; abandoned: number; waits: number[]}> {
	const byQueue = new Map<string, {scheduled: number; answered: number; abandoned: number; waits: number[]}>();
	for (const conversation of conversationsIn(emu, start, end)) {
		const {series} = conversation;
		if (series.mediaType !== 'callback') continue;
		let entry = byQueue.get(series.queueId);
		if (!entry) byQueue.set(series.queueId, (entry = {scheduled: 0, answered: 0, abandoned: 0, waits: []}));
		entry.scheduled++;
		if (conversation.outcome === 'answered') entry.answered++;
		if (conversation.outcome === 'abandoned') entry.abandoned++;
		entry.waits.push(conversation.queueMs);
	}
	return byQueue;
}

describe('callbacks in gqx export', () => {
	it('writes the callback media’s own callbacks after every other field, and none for other media', async () => {
		const result = await runCommand(['export', '--level', 'media', '--format', 'json', ...day], {env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const records = JSON.parse(result.stdout) as QueueRow[];
		expect(Object.keys(records[0]!).slice(-4)).toEqual([...callbackFields]);
		const truth = callbacksOf();
		expect(truth.size).toBeGreaterThan(1);
		for (const [queueId, expected] of truth) {
			const record = records.find(each => each.queueId === queueId && each.mediaType === 'callback');
			expect(record, queueId).toMatchObject({
				callbacksScheduled: expected.scheduled,
				callbackAttempts: expected.answered,
				callbackAbandoned: expected.abandoned,
				avgCallbackWaitMs: Math.round(expected.waits.reduce((all, wait) => all + wait, 0) / expected.waits.length),
			});
		}
		for (const record of records.filter(each => each.mediaType !== 'callback'))
			expect(record, `${record.queueName} ${record.mediaType}`).toMatchObject({
				callbacksScheduled: 0,
				callbackAttempts: 0,
				callbackAbandoned: 0,
				avgCallbackWaitMs: null,
			});
		// A queue's record (all media) has its callback media's numbers.
		const queues = JSON.parse(
			(await runCommand(['export', '--level', 'queues', '--format', 'json', ...day], {env})).stdout,
		) as QueueRow[];
		for (const [queueId, expected] of truth)
			expect(queues.find(each => each.queueId === queueId)?.callbacksScheduled, queueId).toBe(expected.scheduled);
	});
});
