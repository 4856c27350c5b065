// `gqx export --compare` against the emulator, run in-process: the comparison's numbers equal a
// query of the comparison range alone, buckets pair by their place in the range, one-sided records stay.
import {DateTime} from 'luxon';
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {numericMetrics} from '../../source/metrics/catalog.js';
import {comparedFields, type ComparedRecord} from '../../source/metrics/compared.js';
import {intervalFields, type QueueRow, rollUp, rowFields} from '../../source/metrics/rows.js';
import type {Emulator} from '../../source/emulator/server.js';
import {isoInterval} from '../../source/range/range.js';
import {credentialsEnv, divisionsOf, emulator, groundTruth, namesOf} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;
const zone = 'America/New_York';

beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

const key = (row: QueueRow) => `${row.queueId}/${row.mediaType ?? ''}`;
const day = (iso: string) => DateTime.fromISO(iso, {zone});

function expectSide(record: ComparedRecord, side: QueueRow | undefined, suffix: '' | 'Prev', label: string): void {
	// The queue's division is the same on both sides; only numbers have a comparison side.
	if (side) expect([record.divisionId, record.divisionName], label).toEqual([side.divisionId, side.divisionName]);
	for (const metric of numericMetrics.filter(each => each.onQueueLevels !== false)) {
		const value = record[`${metric.field}${suffix}` as keyof ComparedRecord];
		const expected = side ? side[metric.field] : metric.kind === 'count' ? 0 : null;
		expect(value, `${label} ${metric.field}${suffix}`).toEqual(expected);
	}
}

describe('gqx export --compare', () => {
	it('adds <field>Prev and comparedInterval to CSV records, equal to a query of the week before alone, one-sided records kept', async () => {
		// 15 Mar 2026 (a Sunday) against 8 Mar (the day the clocks changed): some media rows have traffic on one day only.
		const result = await runCommand(
			['export', '--from', '2026-03-15', '--to', '2026-03-15', '--tz', zone, '--compare', 'week', '--format', 'csv'],
			{env},
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const records = parse(result.stdout, {columns: true, cast: false}) as Array<Record<string, string>>;
		expect(Object.keys(records[0]!)).toEqual([...comparedFields]);
		const range = isoInterval(day('2026-03-15'), day('2026-03-16'));
		const compared = isoInterval(day('2026-03-08'), day('2026-03-09'));
		expect(compared).toBe('2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z');
		const now = new Map(
			rollUp(
				groundTruth(emu, day('2026-03-15'), day('2026-03-16'), zone),
				'media',
				namesOf(emu),
				range,
				divisionsOf(emu),
			).map(row => [key(row), row]),
		);
		const before = new Map(
			rollUp(
				groundTruth(emu, day('2026-03-08'), day('2026-03-09'), zone),
				'media',
				namesOf(emu),
				compared,
				divisionsOf(emu),
			).map(row => [key(row), row]),
		);
		const union = new Set([...now.keys(), ...before.keys()]);
		const oneSided = [...union].filter(each => !now.has(each) || !before.has(each));
		expect(oneSided.length).toBeGreaterThan(0);
		expect(records.length).toBe(union.size);
		for (const text of records) {
			const record = Object.fromEntries(
				Object.entries(text).map(([field, value]) => [
					field,
					value === ''
						? null
						: [
									'queueId',
									'queueName',
									'mediaType',
									'interval',
									'divisionId',
									'divisionName',
									'comparedInterval',
							  ].includes(field)
							? value
							: Number(value),
				]),
			) as unknown as ComparedRecord;
			const id = key(record);
			expect(union.has(id), id).toBe(true);
			expect(record.interval).toBe(range);
			expect(record.comparedInterval).toBe(compared);
			expectSide(record, now.get(id), '', id);
			expectSide(record, before.get(id), 'Prev', id);
		}
	});

	it('pairs buckets by their place in the range (JSON, by day, across a daylight-saving change)', async () => {
		const result = await runCommand(
			[
				'export',
				'--from',
				'2026-03-09',
				'--to',
				'2026-03-15',
				'--tz',
				zone,
				'--granularity',
				'P1D',
				'--media',
				'voice',
				'--compare',
				'previous',
				'--format',
				'json',
			],
			{env},
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const records = JSON.parse(result.stdout) as ComparedRecord[];
		// JSON keys in the CSV's order: the usual fields first, an interval record's `partial`, then the comparison's,
		// then the callbacks (added later) and their comparison side.
		const callbacks = ['callbacksScheduled', 'callbackAttempts', 'callbackAbandoned', 'avgCallbackWaitMs'];
		const prevs = comparedFields.filter(field => field.endsWith('Prev'));
		const isCallbackPrev = (field: string) => callbacks.includes(field.slice(0, -'Prev'.length));
		expect(Object.keys(records[0]!)).toEqual([
			...intervalFields.filter(field => !callbacks.includes(field)),
			...prevs.filter(field => !isCallbackPrev(field)),
			'comparedInterval',
			...callbacks,
			...prevs.filter(isCallbackPrev),
		]);
		expect(Object.keys(records[0]!).filter(key => (rowFields as readonly string[]).includes(key))).toEqual([
			...rowFields,
		]);
		const before = rollUp(
			groundTruth(emu, day('2026-03-02'), day('2026-03-09'), zone, 'P1D', {mediaTypes: ['voice']}),
			'intervals',
			namesOf(emu),
			null,
			divisionsOf(emu),
		);
		const byBucket = new Map(before.map(row => [`${row.queueId} ${row.interval}`, row]));
		const queue = emu.org.queues[0]!.id;
		const mine = records.filter(record => record.queueId === queue);
		expect(mine.length).toBe(7);
		for (const [index, record] of mine.entries()) {
			// Day n of this week against day n of the week before: local midnights, although 8 Mar is 23 hours long.
			const from = day('2026-03-09').plus({days: index});
			expect(record.interval).toBe(isoInterval(from, from.plus({days: 1})));
			const earlier = from.minus({days: 7});
			expect(record.comparedInterval).toBe(isoInterval(earlier, earlier.plus({days: 1})));
			expectSide(record, byBucket.get(`${queue} ${record.comparedInterval}`), 'Prev', record.comparedInterval!);
		}
		expect(mine[6]!.comparedInterval).toBe('2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z');
	});

	it('draws the change beside each value in --format table, and refuses an unknown comparison', async () => {
		const table = await runCommand(
			[
				'export',
				'--from',
				'2026-03-09',
				'--to',
				'2026-03-15',
				'--tz',
				zone,
				'--level',
				'queues',
				'--compare',
				'year',
				'--format',
				'table',
			],
			{env: {...env, COLUMNS: '100'}},
		);
		expect(table.code).toBe(0);
		const [header = '', rule = '', ...lines] = table.stdout.trimEnd().split('\n');
		expect(header).toMatch(/Offered\s+Δ/);
		expect(rule).toMatch(/^─/);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
		expect(lines.some(line => /[+-][\d.]+pp[▲▼]/.test(line))).toBe(true);
		const bad = await runCommand(['export', '--compare', 'month'], {env});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('Unknown comparison "month"');
		expect(bad.stderr).toContain('previous, week, year');
		// The heat map's weekday-hours are one range's: --compare is refused there, before anything is asked.
		const hours = await runCommand(['export', '--level', 'hours', '--compare', 'week'], {env});
		expect(hours.code).toBe(2);
		expect(hours.stderr).toContain('--compare is for the queues, media and intervals levels');
	});
});
