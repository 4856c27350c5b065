// `gqx export --level live` against the emulator, run in-process: the numbers are those the emulator served.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {type LiveRecord, liveRecordFields} from '../../source/metrics/live.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 130, seed: 5});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

describe('gqx export --level live', () => {
	it('writes a record per queue and per queue and media with the numbers the emulator served', async () => {
		const before = emu.counts.observations;
		const result = await runCommand(['export', '--level', 'live', '--format', 'json'], {env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		// 130 queues: two queries of at most 100.
		expect(emu.counts.observations - before).toBe(2);
		const records = JSON.parse(result.stdout) as LiveRecord[];
		for (const record of records) expect(Object.keys(record)).toEqual([...liveRecordFields]);
		const queueRecords = records.filter(record => record.mediaType === null);
		expect(queueRecords).toHaveLength(130);
		const names = queueRecords.map(record => record.queueName);
		expect(names).toEqual([...names].sort(new Intl.Collator().compare));
		const served = emu.observationsServed.slice(-2).flat();
		for (const group of served) {
			const record = records.find(
				each => each.queueId === group.group.queueId && each.mediaType === (group.group.mediaType ?? null),
			)!;
			const count = (metric: string, qualifier?: string) =>
				group.data
					.filter(item => item.metric === metric && (qualifier === undefined || item.qualifier === qualifier))
					.reduce((sum, item) => sum + (item.stats.count ?? 0), 0);
			if (group.group.mediaType === undefined) {
				expect(record.onQueueAgents).toBe(count('oOnQueueUsers'));
				expect(record.availableAgents).toBe(count('oOnQueueUsers', 'IDLE'));
				continue;
			}
			expect(record.onQueueAgents).toBeNull();
			expect(record.waiting).toBe(count('oWaiting'));
			expect(record.interacting).toBe(count('oInteracting'));
			const stamp = group.data.find(item => item.metric === 'oLongestWaiting')?.stats.calculatedMetricValue;
			expect(record.longestWaitingMs).toBe(stamp === undefined ? null : Date.parse(record.observedAt) - stamp);
		}
		// A queue's record adds up its media records.
		for (const queue of queueRecords) {
			const media = records.filter(record => record.queueId === queue.queueId && record.mediaType !== null);
			expect(queue.waiting).toBe(media.reduce((sum, record) => sum + record.waiting, 0));
			expect(queue.interacting).toBe(media.reduce((sum, record) => sum + record.interacting, 0));
		}
	});

	it('takes --queue and --media, and writes the CSV header of the live fields', async () => {
		const queue = emu.org.queues.find(each => each.media.length >= 2)!;
		const media = queue.media[0]!.media;
		const result = await runCommand(
			['export', '--level', 'live', '--queue', queue.name, '--media', media, '--format', 'csv'],
			{
				env,
			},
		);
		expect(result.code).toBe(0);
		const rows = parse(result.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual([...liveRecordFields]);
		expect(rows.map(row => [row['queueName'], row['mediaType']])).toEqual([
			[queue.name, ''],
			[queue.name, media],
		]);
		expect(rows[0]!['waiting']).toBe(rows[1]!['waiting']);
	});

	it('draws a table and refuses dates', async () => {
		const table = await runCommand(
			['export', '--level', 'live', '--format', 'table', '--queue', emu.org.queues[0]!.name],
			{
				env: {...env, COLUMNS: '120'},
			},
		);
		expect(table.code).toBe(0);
		expect(table.stdout.split('\n')[0]).toMatch(/^Queue\s+Media\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail$/);
		const dated = await runCommand(['export', '--level', 'live', '--preset', 'today'], {env});
		expect(dated.code).toBe(2);
		expect(dated.stderr).toMatch(/snapshot of now/);
	});
});
