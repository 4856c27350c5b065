// `gqx export --level bands` and `--level service-levels` against the emulator, in-process: the counts are the
// emulator's own conversations' waits (made one by one), the what-if at the SL time is the emulator's oServiceLevel,
// and bad --bands/--at exit 2 with the reason.
import {parse} from 'csv-parse/sync';
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {type BandRecord, bandRecordFields, type ServiceLevelRecord} from '../../source/levels/bands.js';
import {conversationsIn, credentialsEnv, emulator, groundTruth} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 5});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC'];
const start = Date.parse('2026-03-16T00:00:00Z');
const end = Date.parse('2026-03-17T00:00:00Z');

/** The waits of the conversations that entered each queue (and media type) that day, by outcome. */
function waitsOf(byMedia: boolean): Map<string, {answered: number[]; abandoned: number[]}> {
	const waits = new Map<string, {answered: number[]; abandoned: number[]}>();
	for (const conversation of conversationsIn(emu, start, end)) {
		const {series} = conversation;
		const key = byMedia ? `${series.queueId}/${series.mediaType}` : series.queueId;
		let entry = waits.get(key);
		if (!entry) waits.set(key, (entry = {answered: [], abandoned: []}));
		if (conversation.outcome !== 'flowOut') entry[conversation.outcome].push(conversation.queueMs);
	}
	return waits;
}

describe('gqx export --level bands', () => {
	it('writes each queue’s bands per outcome, counted as the conversations waited, in the issue’s field order', async () => {
		const result = await runCommand(
			['export', '--level', 'bands', '--by-media', '--bands', '5,15,30,60,180', '--format', 'csv', ...day],
			{env},
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[0]).toBe(bandRecordFields.join(','));
		const records = parse(result.stdout, {columns: true, cast: true}) as Array<Record<string, unknown>>;
		const waits = waitsOf(true);
		const bands: Array<[number, number | '']> = [
			[0, 5],
			[5, 15],
			[15, 30],
			[30, 60],
			[60, 180],
			[180, ''],
		];
		let checked = 0;
		for (const [key, {answered, abandoned}] of waits) {
			if (answered.length + abandoned.length === 0) continue;
			const [queueId, mediaType] = key.split('/');
			for (const [outcome, list] of [
				['answered', answered],
				['abandoned', abandoned],
			] as const) {
				const mine = records.filter(
					r => r['queueId'] === queueId && r['mediaType'] === mediaType && r['outcome'] === outcome,
				);
				expect(
					mine.map(r => [r['fromSeconds'], r['toSeconds']]),
					key,
				).toEqual(bands);
				let below = 0;
				for (const [index, [from, to]] of bands.entries()) {
					const count = list.filter(ms => ms >= from * 1000 && (to === '' || ms < to * 1000)).length;
					below += count;
					expect(mine[index]!['count'], `${key} ${outcome} ${from}`).toBe(count);
					if (list.length > 0) {
						expect(mine[index]!['share']).toBeCloseTo(count / list.length, 12);
						expect(mine[index]!['cumulativeShare']).toBeCloseTo(below / list.length, 12);
					} else expect(mine[index]!['share']).toBe('');
				}
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(10);
	});

	it('adds the media types together without --by-media, sorted by queue name', async () => {
		const result = await runCommand(['export', '--level', 'bands', '--format', 'json', ...day], {env});
		expect(result.code).toBe(0);
		const records = JSON.parse(result.stdout) as BandRecord[];
		const waits = waitsOf(false);
		for (const record of records) {
			expect(record.mediaType).toBeNull();
			expect(Object.keys(record)).toEqual([...bandRecordFields]);
		}
		for (const [queueId, {answered, abandoned}] of waits) {
			const total = (outcome: string) =>
				records
					.filter(r => r.queueId === queueId && r.outcome === outcome)
					.reduce((all, r) => all + (r.count ?? Number.NaN), 0);
			expect(total('answered'), queueId).toBe(answered.length);
			expect(total('abandoned'), queueId).toBe(abandoned.length);
		}
		const names = records.map(record => record.queueName);
		expect(names).toEqual([...names].sort(new Intl.Collator().compare));
	});
});

describe('gqx export --level service-levels', () => {
	it('writes the service level at each --at time; at the SL time (20 s for voice) it is oServiceLevel', async () => {
		const result = await runCommand(
			['export', '--level', 'service-levels', '--media', 'voice', '--at', '10,20,30,60', '--format', 'json', ...day],
			{env},
		);
		expect(result.stderr).toBe('');
		const records = JSON.parse(result.stdout) as ServiceLevelRecord[];
		const truth = groundTruth(
			emu,
			DateTime.fromMillis(start, {zone: 'UTC'}),
			DateTime.fromMillis(end, {zone: 'UTC'}),
			'UTC',
			undefined,
			{mediaTypes: ['voice']},
		);
		expect(truth.length).toBeGreaterThan(3);
		const waits = waitsOf(true);
		for (const cell of truth) {
			const sl = cell.stats['oServiceLevel'];
			const mine = records.filter(record => record.queueId === cell.queueId);
			expect(mine.map(record => record.seconds)).toEqual([10, 20, 30, 60]);
			const answered = waits.get(`${cell.queueId}/voice`)!.answered;
			for (const record of mine)
				expect(record.serviceLevel).toBeCloseTo(
					answered.filter(ms => ms < record.seconds * 1000).length / sl!.denominator!,
					12,
				);
			expect(mine[1]!.serviceLevel).toBeCloseTo(sl!.numerator! / sl!.denominator!, 12);
		}
	});

	it('refuses bad --bands and --at, and each on the other levels, with exit 2 and the reason', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['--level', 'bands', '--bands', '5,3'], /--bands must be in ascending order: 3 comes after 5/],
			[['--level', 'bands', '--bands', '0,10'], /--bands takes positive whole seconds .*"0" is not one/],
			[['--level', 'bands', '--bands', '10,2.5'], /"2\.5" is not one/],
			[['--level', 'bands', '--bands', 'ten'], /"ten" is not one/],
			[['--level', 'bands', '--bands', '10,,20'], /"" is not one/],
			[['--level', 'service-levels', '--at', '20,10'], /--at must be in ascending order/],
			[['--level', 'media', '--bands', '5,10'], /--bands is for --level bands/],
			[['--level', 'bands', '--at', '20'], /--at is for --level service-levels/],
		];
		for (const [args, message] of cases) {
			const result = await runCommand(['export', ...args, ...day], {env});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
	});
});
