// Weekday x hour of a range: how many of each local hour it holds, and the clock changes, across DST.
import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {resolveRange} from '../../source/range/range.js';
import {cellIndex, cellLabel, rangeHours, weekdayHourOf} from '../../source/range/weekday-hours.js';

function hoursOf(from: string, to: string, zone: string) {
	const range = resolveRange({from, to}, zone, DateTime.fromISO('2027-01-01T00:00:00Z'));
	return rangeHours(range.start, range.end, zone);
}

const sunday = 7;

describe('rangeHours', () => {
	it('America/New_York, spring forward (Sun 8 Mar 2026): 02:00 does not exist, every other hour once', () => {
		const {days, changes, granularity} = hoursOf('2026-03-08', '2026-03-08', 'America/New_York');
		expect(granularity).toBe('PT1H');
		for (let hour = 0; hour < 24; hour++)
			expect(days[cellIndex(sunday, hour)], `hour ${hour}`).toBe(hour === 2 ? 0 : 1);
		expect(days.reduce((a, b) => a + b, 0)).toBe(23);
		expect(changes).toEqual([{date: '2026-03-08', weekday: sunday, hour: 2, kind: 'missing'}]);
	});

	it('America/New_York, fall back (Sun 2 Nov 2025): 01:00 happens twice and counts as one hour of the clock', () => {
		const {days, changes} = hoursOf('2025-11-02', '2025-11-02', 'America/New_York');
		for (let hour = 0; hour < 24; hour++) expect(days[cellIndex(sunday, hour)]).toBe(1);
		expect(changes).toEqual([{date: '2025-11-02', weekday: sunday, hour: 1, kind: 'repeated'}]);
	});

	it('Europe/Dublin, spring forward (Sun 30 Mar 2025) and fall back (Sun 26 Oct 2025): 01:00 missing, 01:00 twice', () => {
		const spring = hoursOf('2025-03-30', '2025-03-30', 'Europe/Dublin');
		expect(spring.days[cellIndex(sunday, 1)]).toBe(0);
		expect(spring.changes).toEqual([{date: '2025-03-30', weekday: sunday, hour: 1, kind: 'missing'}]);
		const fall = hoursOf('2025-10-26', '2025-10-26', 'Europe/Dublin');
		expect(fall.days[cellIndex(sunday, 1)]).toBe(1);
		expect(fall.changes).toEqual([{date: '2025-10-26', weekday: sunday, hour: 1, kind: 'repeated'}]);
	});

	it('four weeks across a change: four of every weekday-hour, three of the skipped one', () => {
		const {days, changes} = hoursOf('2026-02-23', '2026-03-22', 'America/New_York');
		for (let index = 0; index < days.length; index++)
			expect(days[index], `cell ${index}`).toBe(index === cellIndex(sunday, 2) ? 3 : 4);
		expect(changes).toHaveLength(1);
	});

	it('a range without changes says none; a range cut at now counts the hour now is in', () => {
		expect(hoursOf('2026-01-05', '2026-01-11', 'Europe/Dublin').changes).toEqual([]);
		const range = resolveRange({preset: 'today'}, 'UTC', DateTime.fromISO('2026-03-18T10:20:00Z'));
		const {days} = rangeHours(range.start, range.end, 'UTC');
		expect(days.reduce((a, b) => a + b, 0)).toBe(11);
		expect(days[cellIndex(3, 10)]).toBe(1);
		expect(days[cellIndex(3, 11)]).toBe(0);
	});

	it('asks for hours where offsets are whole hours, half hours in Kolkata, quarter hours in Kathmandu', () => {
		expect(hoursOf('2026-01-05', '2026-01-05', 'UTC').granularity).toBe('PT1H');
		expect(hoursOf('2026-01-05', '2026-01-05', 'Asia/Kolkata').granularity).toBe('PT30M');
		expect(hoursOf('2026-01-05', '2026-01-05', 'Asia/Kathmandu').granularity).toBe('PT15M');
	});
});

describe('weekdayHourOf', () => {
	it('puts both UTC buckets of a repeated hour in the same local hour, in New York and in Dublin', () => {
		// 2025-11-02 01:00 EDT is 05:00Z, 01:00 EST is 06:00Z.
		expect(weekdayHourOf('2025-11-02T05:00:00.000Z/2025-11-02T06:00:00.000Z', 'America/New_York')).toEqual({
			weekday: sunday,
			hour: 1,
		});
		expect(weekdayHourOf('2025-11-02T06:00:00.000Z/2025-11-02T07:00:00.000Z', 'America/New_York')).toEqual({
			weekday: sunday,
			hour: 1,
		});
		// 2025-10-26 01:00 IST is 00:00Z, 01:00 GMT is 01:00Z.
		expect(weekdayHourOf('2025-10-26T00:00:00.000Z/2025-10-26T01:00:00.000Z', 'Europe/Dublin').hour).toBe(1);
		expect(weekdayHourOf('2025-10-26T01:00:00.000Z/2025-10-26T02:00:00.000Z', 'Europe/Dublin').hour).toBe(1);
	});

	it('reads a bucket by its start, in the zone: Monday 00:00 in New York is Monday 05:00 UTC in winter', () => {
		const at = weekdayHourOf('2026-01-05T05:00:00.000Z/2026-01-05T06:00:00.000Z', 'America/New_York');
		expect(cellLabel(at)).toBe('Mon 00:00');
		expect(cellLabel(weekdayHourOf('2026-01-05T05:00:00.000Z/2026-01-05T06:00:00.000Z', 'UTC'))).toBe('Mon 05:00');
	});
});
