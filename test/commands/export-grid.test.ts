// `gqx export --level intervals` writes the whole grid (issue #29, item 11): every bucket of the range for each queue
// and media type with traffic, the empty ones with counts 0 and no rates; `--sparse` keeps only those with traffic.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 5});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

type CsvRecord = {[field: string]: string};

async function intervals(...args: string[]): Promise<CsvRecord[]> {
	const result = await runCommand(
		[
			'export',
			...(args.includes('--level') ? [] : ['--level', 'intervals']),
			...['--tz', 'UTC', '--format', 'csv', '--no-proxy', ...args],
		],
		{env},
	);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return parse(result.stdout, {columns: true}) as CsvRecord[];
}

const pairOf = (record: CsvRecord) => `${record['queueId']}/${record['mediaType']}`;

describe('complete interval grids', () => {
	it('one day at PT1H: 24 records for every queue and media type, the empty hours with counts 0', async () => {
		const records = await intervals('--from', '2026-03-15', '--to', '2026-03-15', '--granularity', 'PT1H');
		const pairs = new Map<string, CsvRecord[]>();
		for (const record of records) pairs.set(pairOf(record), [...(pairs.get(pairOf(record)) ?? []), record]);
		expect(pairs.size).toBeGreaterThan(0);
		for (const [pair, own] of pairs) {
			expect(
				own.map(record => record['interval']),
				pair,
			).toEqual(
				Array.from({length: 24}, (_, hour) => {
					const start = `2026-03-15T${String(hour).padStart(2, '0')}:00:00.000Z`;
					const end =
						hour === 23 ? '2026-03-16T00:00:00.000Z' : `2026-03-15T${String(hour + 1).padStart(2, '0')}:00:00.000Z`;
					return `${start}/${end}`;
				}),
			);
		}
		const empty = records.filter(record => record['offered'] === '0' && record['answered'] === '0');
		expect(empty.length).toBeGreaterThan(0);
		for (const record of empty) {
			expect(record['abandoned']).toBe('0');
			expect(record['serviceLevel']).toBe('');
			expect(record['ahtMs']).toBe('');
		}
	});

	it.each([
		['agents', 'userId'],
		['wrapups', 'wrapUpCodeId'],
	])(
		'--level %s by PT1H: 24 records for every agent or code of a queue, the empty hours with counts 0',
		async (level, member) => {
			const args = ['--from', '2026-03-15', '--to', '2026-03-15', '--granularity', 'PT1H', '--level', level];
			const records = await intervals(...args, '--by-media');
			const seriesOf = (record: CsvRecord) => `${pairOf(record)}/${record[member]}`;
			const series = new Map<string, CsvRecord[]>();
			for (const record of records) series.set(seriesOf(record), [...(series.get(seriesOf(record)) ?? []), record]);
			expect(series.size).toBeGreaterThan(1);
			for (const [name, own] of series) expect(new Set(own.map(record => record['interval'])).size, name).toBe(24);
			const sparse = await intervals(...args, '--by-media', '--sparse');
			expect(sparse.length).toBeLessThan(records.length);
			const kept = new Set(sparse.map(record => `${seriesOf(record)} ${record['interval']}`));
			const empty = records.filter(record => !kept.has(`${seriesOf(record)} ${record['interval']}`));
			expect(empty.length).toBe(records.length - sparse.length);
			for (const record of empty) {
				expect(record[level === 'agents' ? 'answered' : 'count']).toBe('0');
				expect(record['share']).toBe('');
				expect(record['ahtMs']).toBe('');
			}
		},
	);

	it('--sparse keeps only the intervals with traffic', async () => {
		const args = ['--from', '2026-03-15', '--to', '2026-03-15', '--granularity', 'PT1H'];
		const full = await intervals(...args);
		const sparse = await intervals(...args, '--sparse');
		expect(sparse.length).toBeLessThan(full.length);
		const kept = new Set(sparse.map(record => `${pairOf(record)} ${record['interval']}`));
		expect(full.filter(record => kept.has(`${pairOf(record)} ${record['interval']}`))).toEqual(sparse);
		const refused = await runCommand(['export', '--level', 'queues', '--sparse', '--from', '2026-03-15'], {env});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/--sparse is for a level by interval/);
	});
});
