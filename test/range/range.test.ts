import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {defaultGranularity, isoInterval, planChunks, resolveRange} from '../../source/range/range.js';

const now = DateTime.fromISO('2026-03-18T15:30:00Z'); // a Wednesday

describe('resolveRange', () => {
	it('turns inclusive days into local midnight to local midnight', () => {
		const range = resolveRange({from: '2026-03-01', to: '2026-03-07'}, 'America/New_York', now);
		expect(isoInterval(range.start, range.end)).toBe('2026-03-01T05:00:00.000Z/2026-03-08T05:00:00.000Z');
	});

	it('follows DST: the day the clocks change is 23 hours long', () => {
		const range = resolveRange(
			{from: '2026-03-29', to: '2026-03-29'},
			'Europe/London',
			DateTime.fromISO('2026-04-10T00:00:00Z'),
		);
		expect(isoInterval(range.start, range.end)).toBe('2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z');
	});

	it('resolves presets relative to today in the time zone', () => {
		const day = (preset: string) => {
			const range = resolveRange({preset} as never, 'UTC', now);
			return `${range.from}..${range.to}`;
		};
		expect(day('today')).toBe('2026-03-18..2026-03-18');
		expect(day('yesterday')).toBe('2026-03-17..2026-03-17');
		expect(day('last-7-days')).toBe('2026-03-12..2026-03-18');
		expect(day('last-30-days')).toBe('2026-02-17..2026-03-18');
		expect(day('this-week')).toBe('2026-03-16..2026-03-18');
		expect(day('last-week')).toBe('2026-03-09..2026-03-15');
		expect(day('this-month')).toBe('2026-03-01..2026-03-18');
		expect(day('last-month')).toBe('2026-02-01..2026-02-28');
	});

	it('ends ranges that reach into the future at now', () => {
		const range = resolveRange({preset: 'today'}, 'UTC', now);
		expect(range.clamped).toBe(true);
		expect(range.end.toUTC().toISO()).toBe('2026-03-18T15:30:00.000Z');
	});

	it('rejects impossible dates, reversed ranges, future ranges and unknown zones', () => {
		expect(() => resolveRange({from: '2026-02-30', to: '2026-03-01'}, 'UTC', now)).toThrow(
			/2026-02-30 is not a real calendar date/,
		);
		expect(() => resolveRange({from: '2026-03-05', to: '2026-03-01'}, 'UTC', now)).toThrow(/after --to/);
		expect(() => resolveRange({from: '2027-01-01', to: '2027-01-02'}, 'UTC', now)).toThrow(/in the future/);
		expect(() => resolveRange({from: '1/2/2026', to: '2026-03-01'}, 'UTC', now)).toThrow(/YYYY-MM-DD/);
		expect(() => resolveRange({preset: 'yesterday'}, 'Mars/Olympus', now)).toThrow(/Unknown time zone/);
		expect(() => resolveRange({preset: 'fortnight'} as never, 'UTC', now)).toThrow(/Unknown preset/);
	});
});

describe('chunks and granularity', () => {
	it('splits long ranges into 31-day chunks (28 for weeks) that tile the range', () => {
		const start = DateTime.fromISO('2026-01-01', {zone: 'Europe/Paris'});
		const end = start.plus({days: 90});
		const chunks = planChunks(start, end, 'P1D');
		expect(chunks.map(([a, b]) => b.diff(a, 'days').days)).toEqual([31, 31, 28]);
		expect(chunks[0]?.[0]).toEqual(start);
		expect(chunks.at(-1)?.[1]).toEqual(end);
		// Weeks start on a week start: from a Thursday, the first chunk is the four days up to Monday (one partial week).
		expect(planChunks(start, end, 'P7D').map(([a, b]) => b.diff(a, 'days').days)).toEqual([4, 28, 28, 28, 2]);
		expect(planChunks(start, end, 'P7D', 31, 'sunday').map(([a, b]) => b.diff(a, 'days').days)).toEqual([
			3, 28, 28, 28, 3,
		]);
	});

	it('picks 30 minutes up to 2 days, days up to 31, weeks beyond', () => {
		const start = DateTime.fromISO('2026-01-01');
		expect(defaultGranularity({start, end: start.plus({days: 2})})).toBe('PT30M');
		expect(defaultGranularity({start, end: start.plus({days: 31})})).toBe('P1D');
		expect(defaultGranularity({start, end: start.plus({days: 32})})).toBe('P7D');
	});
});
