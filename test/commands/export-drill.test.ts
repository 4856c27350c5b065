// `gqx export --level agents|wrapups` against the emulator, run in-process: the fields in
// CSV and JSON, export order, --by-media and --granularity, and the numbers adding up to the queue's.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {agentFields, wrapupFields} from '../../source/metrics/drill-rows.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;
const range = ['--from', '2026-03-02', '--to', '2026-03-08', '--tz', 'UTC'];

beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

type Record_ = Record<string, unknown>;

async function exported(args: string[]): Promise<Record_[]> {
	const result = await runCommand(['export', ...range, ...args, '--format', 'json'], {env});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Record_[];
}

function totalBy(records: Record_[], key: (record: Record_) => string, field: string): Map<string, number> {
	const totals = new Map<string, number>();
	for (const record of records) totals.set(key(record), (totals.get(key(record)) ?? 0) + Number(record[field]));
	return totals;
}

const compare = (a: string, b: string) =>
	a.localeCompare(b, 'en', {sensitivity: 'base'}) || (a < b ? -1 : a > b ? 1 : 0);

describe('gqx export --level agents', () => {
	it("writes the issue's fields in CSV and JSON, one record per queue and agent, in queue and agent name order", async () => {
		const csv = await runCommand(['export', ...range, '--level', 'agents', '--format', 'csv'], {env});
		expect(csv.code).toBe(0);
		const rows = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual([...agentFields]);
		const json = await exported(['--level', 'agents']);
		expect(Object.keys(json[0]!)).toEqual([...agentFields]);
		expect(json.length).toBe(rows.length);
		for (const record of json) {
			expect(record['mediaType']).toBeNull();
			expect(record['interval']).toBe('2026-03-02T00:00:00.000Z/2026-03-09T00:00:00.000Z');
		}
		for (let index = 1; index < json.length; index++) {
			const [a, b] = [json[index - 1]!, json[index]!];
			const order = compare(String(a['queueName']), String(b['queueName']));
			expect(order, `record ${index}`).toBeLessThanOrEqual(0);
			if (order === 0 && a['queueId'] === b['queueId'])
				expect(compare(String(a['userName']), String(b['userName'])), `record ${index}`).toBeLessThanOrEqual(0);
		}
		// Agents' answered add up to each queue's, and their shares to 1.
		const queues = await exported(['--level', 'queues']);
		const answered = totalBy(json, record => String(record['queueId']), 'answered');
		const shares = totalBy(json, record => String(record['queueId']), 'share');
		for (const queue of queues) {
			expect(answered.get(String(queue['queueId'])) ?? 0, String(queue['queueName'])).toBe(queue['answered']);
			if (Number(queue['answered']) > 0) expect(shares.get(String(queue['queueId']))).toBeCloseTo(1, 9);
		}
	});

	it('with --by-media and --granularity, one record per queue, media type, agent and bucket', async () => {
		const records = await exported(['--level', 'agents', '--by-media', '--granularity', 'P1D', '--media', 'voice']);
		expect(records.length).toBeGreaterThan(0);
		for (const record of records) {
			expect(record['mediaType']).toBe('voice');
			expect(String(record['interval'])).toMatch(/^2026-03-0\dT00:00:00.000Z\/2026-03-(0\d|10)T00:00:00.000Z$/);
		}
		const media = await exported(['--level', 'intervals', '--granularity', 'P1D', '--media', 'voice']);
		const byBucket = totalBy(
			records,
			record => `${String(record['queueId'])} ${String(record['interval'])}`,
			'handled',
		);
		for (const row of media) {
			const key = `${String(row['queueId'])} ${String(row['interval'])}`;
			expect(byBucket.get(key) ?? 0, key).toBe(row['answered']);
		}
	});
});

describe('gqx export --level wrapups', () => {
	it("writes the issue's fields; codes and (no wrap-up) add up to each queue's handled", async () => {
		const csv = await runCommand(['export', ...range, '--level', 'wrapups', '--by-media', '--format', 'csv'], {env});
		expect(csv.code).toBe(0);
		const rows = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual([...wrapupFields]);
		const json = await exported(['--level', 'wrapups', '--by-media']);
		expect(Object.keys(json[0]!)).toEqual([...wrapupFields]);
		expect(json.some(record => record['wrapUpCodeId'] === null && record['wrapUpCodeName'] === '(no wrap-up)')).toBe(
			true,
		);
		expect(json.some(record => record['wrapUpCodeId'] === 'ININ-WRAP-UP-TIMEOUT')).toBe(true);
		const media = await exported(['--level', 'media']);
		const counts = totalBy(json, record => `${String(record['queueId'])} ${String(record['mediaType'])}`, 'count');
		for (const row of media) {
			const key = `${String(row['queueId'])} ${String(row['mediaType'])}`;
			expect(counts.get(key) ?? 0, key).toBe(row['answered']);
		}
	});

	it('says once on stderr that codes are ids without routing:wrapupCode:view, and still exports', async () => {
		emu.addClient({
			id: 'no-codes',
			secret: 'no-codes-secret',
			permissions: ['analytics:conversationAggregate:view', 'routing:queue:view'],
		});
		const result = await runCommand(['export', ...range, '--level', 'wrapups', '--format', 'ndjson'], {
			env: {...env, GENESYS_CLOUD_CLIENT_ID: 'no-codes', GENESYS_CLOUD_CLIENT_SECRET: 'no-codes-secret'},
		});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(
			'gqx: wrap-up codes are shown as ids: the OAuth client lacks routing:wrapupCode:view.\n',
		);
		const records = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record_);
		for (const record of records) expect(record['wrapUpCodeName']).toBe(record['wrapUpCodeId'] ?? '(no wrap-up)');
	});

	it('refuses --by-media on the queue levels with a clear message', async () => {
		const result = await runCommand(['export', ...range, '--level', 'media', '--by-media'], {env});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--by-media is for --level hours, agents, wrapups, bands and service-levels');
	});
});
