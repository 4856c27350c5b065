// Weekly buckets start on the week start (Monday by default, --week-start sunday), and a bucket the range cuts (a
// week from a Wednesday, up to a Tuesday) is flagged `partial: true` in every format, `false` otherwise
// (issue #29, item 11). The weeks add up to the range's totals: a week start never loses or doubles traffic.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {callbackFields} from '../../source/metrics/catalog.js';
import type {Emulator} from '../../source/emulator/server.js';
import path from 'node:path';
import {demoClient} from '../../source/emulator/server.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 4, seed: 9});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

type ExportRecord = {[field: string]: unknown};

// Wednesday 4 March to Tuesday 17 March 2026: both ends cut a week, whichever day weeks start on.
const range = ['--from', '2026-03-04', '--to', '2026-03-17', '--tz', 'UTC'];

async function exported(format: 'csv' | 'json' | 'ndjson', ...args: string[]): Promise<ExportRecord[]> {
	const result = await runCommand(['export', ...range, '--format', format, '--no-proxy', ...args], {env});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	if (format === 'csv') return parse(result.stdout, {columns: true}) as ExportRecord[];
	if (format === 'json') return JSON.parse(result.stdout) as ExportRecord[];
	return result.stdout
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as ExportRecord);
}

/** Each bucket once: its interval and partial flag, in order. */
function buckets(records: readonly ExportRecord[]): Array<[unknown, unknown]> {
	const seen = new Map<unknown, unknown>();
	for (const record of records) seen.set(record['interval'], record['partial']);
	return [...seen.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

const offeredBy = (records: readonly ExportRecord[], key: (record: ExportRecord) => string) => {
	const sums = new Map<string, number>();
	for (const record of records) sums.set(key(record), (sums.get(key(record)) ?? 0) + Number(record['offered']));
	return sums;
};

describe('weekly buckets', () => {
	it('start on Monday by default: a partial first and last week, flagged in JSON', async () => {
		const records = await exported('json', '--level', 'intervals', '--granularity', 'P7D');
		expect(buckets(records)).toEqual([
			['2026-03-04T00:00:00.000Z/2026-03-09T00:00:00.000Z', true],
			['2026-03-09T00:00:00.000Z/2026-03-16T00:00:00.000Z', false],
			['2026-03-16T00:00:00.000Z/2026-03-18T00:00:00.000Z', true],
		]);
		// Every week of every queue and media type: the three of them add up to the range's own numbers.
		const media = await exported('json', '--level', 'media');
		const pair = (record: ExportRecord) => `${String(record['queueId'])}/${String(record['mediaType'])}`;
		expect(offeredBy(records, pair)).toEqual(offeredBy(media, pair));
	});

	it('start on Sunday with --week-start sunday, flagged in NDJSON and CSV', async () => {
		const expected = [
			['2026-03-04T00:00:00.000Z/2026-03-08T00:00:00.000Z', true],
			['2026-03-08T00:00:00.000Z/2026-03-15T00:00:00.000Z', false],
			['2026-03-15T00:00:00.000Z/2026-03-18T00:00:00.000Z', true],
		];
		const args = ['--level', 'intervals', '--granularity', 'P7D', '--week-start', 'sunday'];
		expect(buckets(await exported('ndjson', ...args))).toEqual(expected);
		const csv = await exported('csv', ...args);
		expect(buckets(csv)).toEqual(expected.map(([interval, partial]) => [interval, String(partial)]));
		// `partial` after the fields of a row, before the callbacks (added after it).
		expect(Object.keys(csv[0]!).slice(-1 - callbackFields.length)).toEqual(['partial', ...callbackFields]);
	});

	it('an agent by week is flagged too; whole buckets are partial: false', async () => {
		const agents = await exported('json', '--level', 'agents', '--granularity', 'P7D');
		expect(buckets(agents).map(([, partial]) => partial)).toEqual([true, false, true]);
		const hours = await exported('csv', '--level', 'intervals', '--granularity', 'PT1H');
		expect(new Set(hours.map(record => record['partial']))).toEqual(new Set(['false']));
		const refused = await runCommand(['export', ...range, '--week-start', 'friday'], {env});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/--week-start "friday" is not a day weeks start on/);
	});

	it("start on the profile's week start, set by gqx profiles week-start (a flag still wins)", async () => {
		const cwd = scratchDir();
		new ProfileStore({cwd: path.join(cwd, 'config')}).save({
			name: 'acme',
			region: emu.url,
			clientId: demoClient.id,
			secretStore: 'file',
			clientSecret: demoClient.secret,
		});
		expect((await runCommand(['profiles', 'week-start', 'acme'], {cwd})).stdout).toBe(
			'Weeks of profile acme start on monday (the default).\n',
		);
		const set = await runCommand(['profiles', 'week-start', 'acme', 'Sunday'], {cwd});
		expect(set).toMatchObject({code: 0, stdout: 'Weeks of profile acme now start on sunday.\n'});
		const weeks = async (...args: string[]) => {
			const result = await runCommand(
				[
					'export',
					...range,
					'--profile',
					'acme',
					'--level',
					'intervals',
					'--granularity',
					'P7D',
					'--format',
					'json',
					...args,
				],
				{cwd},
			);
			expect(result.code).toBe(0);
			return buckets(JSON.parse(result.stdout) as ExportRecord[]).map(([interval]) => String(interval).slice(0, 10));
		};
		expect(await weeks()).toEqual(['2026-03-04', '2026-03-08', '2026-03-15']);
		expect(await weeks('--week-start', 'monday')).toEqual(['2026-03-04', '2026-03-09', '2026-03-16']);
		const bad = await runCommand(['profiles', 'week-start', 'acme', 'friday'], {cwd});
		expect(bad.code).toBe(2);
		await runCommand(['profiles', 'week-start', 'acme', 'none'], {cwd});
		expect(await weeks()).toEqual(['2026-03-04', '2026-03-09', '2026-03-16']);
	});
});
