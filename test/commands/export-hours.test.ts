// `gqx export --level hours` against the emulator, run in-process: records by queue (and media), weekday and
// local hour, adding up to the emulator's own numbers, in DST weeks of New York and Dublin.
import {DateTime} from 'luxon';
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {hourFields, type HourRecord} from '../../source/reports/hours.js';
import {rollUp, totalRow} from '../../source/metrics/rows.js';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator, groundTruth, namesOf} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

function sumBy<T>(records: T[], key: (record: T) => string, value: (record: T) => number): Map<string, number> {
	const sums = new Map<string, number>();
	for (const record of records) sums.set(key(record), (sums.get(key(record)) ?? 0) + value(record));
	return sums;
}

describe('gqx export --level hours', () => {
	it('CSV per queue: weekday, hour and days after interval; sums equal the queue level; 02:00 of 8 March absent', async () => {
		const zone = 'America/New_York';
		const result = await runCommand(
			['export', '--from', '2026-03-02', '--to', '2026-03-08', '--tz', zone, '--level', 'hours', '--format', 'csv'],
			{env},
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const records = parse(result.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(records[0]!)).toEqual([...hourFields]);
		const start = DateTime.fromISO('2026-03-02', {zone});
		const end = start.plus({days: 7});
		const truth = rollUp(groundTruth(emu, start, end, zone), 'queues', namesOf(emu), null);
		// Every hour of the week but the one the clocks skipped, for every queue with traffic.
		expect(records.length).toBe(truth.length * (7 * 24 - 1));
		expect(records.some(record => record['weekday'] === '7' && record['hour'] === '2')).toBe(false);
		expect(records.every(record => record['days'] === '1' && record['mediaType'] === '')).toBe(true);
		expect(new Set(records.map(record => record['interval']))).toEqual(
			new Set([`${start.toUTC().toISO()}/${end.toUTC().toISO()}`]),
		);
		const offered = sumBy(
			records,
			record => record['queueId']!,
			record => Number(record['offered']),
		);
		for (const row of truth) expect(offered.get(row.queueId!), row.queueName).toBe(row.offered);
		// Sorted by queue name, then weekday and hour.
		const first = records.slice(0, 167).map(record => `${record['weekday']}-${record['hour']!.padStart(2, '0')}`);
		expect(first).toEqual([...first].sort());
		expect(records[0]!['queueName']).toBe(truth[0]!.queueName);
	});

	it('JSON --by-media over the Dublin fall-back: two of every hour, records add up to the media level', async () => {
		const zone = 'Europe/Dublin';
		const result = await runCommand(
			[
				...['export', '--from', '2025-10-20', '--to', '2025-11-02', '--tz', zone],
				...['--level', 'hours', '--by-media', '--format', 'json'],
			],
			{env},
		);
		expect(result.code).toBe(0);
		const records = JSON.parse(result.stdout) as HourRecord[];
		expect(Object.keys(records[0]!)).toEqual([...hourFields]);
		expect(records.every(record => record.days === 2)).toBe(true);
		const start = DateTime.fromISO('2025-10-20', {zone});
		const end = DateTime.fromISO('2025-11-03', {zone});
		const cells = groundTruth(emu, start, end, zone);
		const truth = rollUp(cells, 'media', namesOf(emu), null);
		const key = (record: {queueId: string | null; mediaType: string | null}) => `${record.queueId}/${record.mediaType}`;
		const answered = sumBy(records, key, record => record.answered);
		for (const row of truth) expect(answered.get(key(row)), key(row)).toBe(row.answered);
		expect(records.reduce((sum, record) => sum + record.offered, 0)).toBe(totalRow(cells).offered);
		// The repeated 01:00 of 26 October is in Sunday 01:00, with the other Sunday's.
		const hourly = groundTruth(emu, start, end, zone, 'PT1H');
		const sundayOne = hourly.filter(cell => {
			const local = DateTime.fromISO(cell.interval.split('/')[0]!, {zone: 'utc'}).setZone(zone);
			return local.weekday === 7 && local.hour === 1;
		});
		expect(new Set(sundayOne.map(cell => cell.interval)).size).toBe(3);
		expect(
			records.filter(record => record.weekday === 7 && record.hour === 1).reduce((sum, each) => sum + each.offered, 0),
		).toBe(sundayOne.reduce((sum, cell) => sum + (cell.stats['nOffered']?.count ?? 0), 0));
	});

	it('draws a table with the hour and days, and a totals row', async () => {
		const result = await runCommand(
			[
				...['export', '--from', '2026-03-02', '--to', '2026-03-02', '--tz', 'UTC', '--level', 'hours'],
				...['--format', 'table', '--queue', '*'],
			],
			{env: {...env, COLUMNS: '100'}},
		);
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Queue\s+Hour\s+Days\s+Offered/);
		expect(lines[2]).toMatch(/Mon 00:00\s+1\s/);
		expect(lines.at(-1)).toMatch(/^Total\s/);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
	});

	it('exits 2 for --by-media without --level hours, and names hours among the levels', async () => {
		const byMedia = await runCommand(['export', '--by-media', '--format', 'csv'], {env});
		expect(byMedia.code).toBe(2);
		expect(byMedia.stderr).toContain('--by-media is for --level hours');
		expect(byMedia.stdout).toBe('');
		const level = await runCommand(['export', '--level', 'hour', '--format', 'csv'], {env});
		expect(level.code).toBe(2);
		expect(level.stderr).toContain(
			'Use queues, media, intervals, hours, agents, wrapups, conversations, live, agent-status, flows, flow-outcomes, bands or service-levels.',
		);
	});
});
