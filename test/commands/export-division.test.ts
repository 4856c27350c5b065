// `gqx export` and divisions: --division filters (exact, pattern, with --queue, unknown), the
// records' divisionId and divisionName (after every other field), and same-named queues in the table.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {callbackFields} from '../../source/metrics/catalog.js';
import type {Emulator} from '../../source/emulator/server.js';
import type {QueueRow} from '../../source/metrics/rows.js';
import {textWidth} from '../../source/text/columns.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;
const range = ['--from', '2026-03-02', '--to', '2026-03-08', '--tz', 'UTC'];

beforeAll(async () => {
	emu = await emulator({queues: 31, seed: 11});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

async function exportJson(...extra: string[]): Promise<QueueRow[]> {
	const result = await runCommand(['export', ...range, '--format', 'json', '--level', 'queues', ...extra], {env});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as QueueRow[];
}

/** The emulator's queues in the named divisions. */
function idsIn(...divisions: string[]): string[] {
	return emu.org.queues
		.filter(queue => divisions.includes(queue.divisionName))
		.map(queue => queue.id)
		.sort();
}

describe('export and divisions', () => {
	it('gives each record its queue division, after every other field but the later callbacks, in CSV and JSON', async () => {
		const csv = await runCommand(['export', ...range, '--format', 'csv', '--level', 'queues'], {env});
		expect(csv.code, csv.stderr).toBe(0);
		const header = csv.stdout.split('\n')[0]!.split(',');
		expect(header.slice(0, 4)).toEqual(['queueId', 'queueName', 'mediaType', 'interval']);
		expect(header.slice(-6)).toEqual(['divisionId', 'divisionName', ...callbackFields]);
		const records = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(records.length).toBe(emu.org.queues.length);
		for (const record of records) {
			const queue = emu.org.byId.get(record['queueId']!)!;
			expect(record['queueName']).toBe(queue.name);
			expect(record['divisionId']).toBe(queue.divisionId);
			expect(record['divisionName']).toBe(queue.divisionName);
		}
		const json = await exportJson();
		expect(Object.keys(json[0]!).slice(-6)).toEqual(['divisionId', 'divisionName', ...callbackFields]);
		expect(json.map(row => [row.queueId, row.divisionName])).toEqual(
			records.map(record => [record['queueId'], record['divisionName']]),
		);
		// Same names sort by division, then id: Support (EMEA) before Support (Home).
		const supports = json.filter(row => row.queueName === 'Support');
		expect(supports.map(row => row.divisionName)).toEqual(['EMEA', 'Home']);
	});

	it('keeps the queues of the divisions --division names: exact (any case), a pattern, repeated', async () => {
		const emea = await exportJson('--division', 'emea');
		expect(emea.length).toBeGreaterThanOrEqual(2);
		expect(emea.map(row => row.queueId).sort()).toEqual(idsIn('EMEA'));
		const americas = await exportJson('--division', '*America');
		expect(americas.length).toBeGreaterThanOrEqual(1);
		expect(americas.map(row => row.queueId).sort()).toEqual(idsIn('North America', 'Latin America'));
		const two = await exportJson('--division', 'APAC', '--division', 'Home');
		expect(two.map(row => row.queueId).sort()).toEqual(idsIn('APAC', 'Home'));
		// With --queue, only the queues both select: the Support of EMEA, not the one of Home.
		const support = await exportJson('--division', 'EMEA', '--queue', 'Support');
		expect(support.map(row => [row.queueName, row.divisionName])).toEqual([['Support', 'EMEA']]);
	});

	it('says which divisions there are when --division matches none, and exits 2', async () => {
		const result = await runCommand(['export', ...range, '--division', 'Atlantis'], {env});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('No division matches "Atlantis".');
		// The divisions of the org's queues, sorted.
		expect(result.stderr).toContain('Divisions with queues: "APAC", "EMEA", "Home", "North America".');
		expect(result.stderr).not.toMatch(/\n\s+at /);
		const neither = await runCommand(['export', ...range, '--division', 'APAC', '--queue', 'Sales'], {env});
		expect(neither.code).toBe(2);
		expect(neither.stderr).toContain('No queue matches "Sales" in "APAC".');
		const empty = await runCommand(['export', ...range, '--division', ' '], {env});
		expect(empty.code).toBe(2);
		expect(empty.stderr).toContain('--division is empty.');
	});

	it('tells the two Support queues apart in the table, every line within the width', async () => {
		const result = await runCommand(['export', ...range, '--format', 'table', '--level', 'queues'], {
			env: {...env, COLUMNS: '80'},
		});
		expect(result.code, result.stderr).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(80);
		expect(lines.filter(line => line.startsWith('Support · ')).map(line => line.split(/ {2,}/)[0])).toEqual([
			'Support · EMEA',
			'Support · Home',
		]);
		expect(lines.some(line => line.startsWith('サポート窓口（東京）  '))).toBe(true);
	});
});
