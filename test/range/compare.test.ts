// The comparison periods: lengths, weekdays kept, daylight-saving changes in the range's own zone.
import {DateTime} from 'luxon';
import {describe, expect, it} from 'vitest';
import {comparisonRange, shiftInterval, shortRangeText, validateCompareMode} from '../../source/range/compare.js';
import {isoInterval, resolveRange} from '../../source/range/range.js';
import {rangeUpToNow} from '../../source/levels/source.js';

const now = DateTime.fromISO('2026-06-18T15:30:00Z');

describe('comparisonRange', () => {
	it('previous: the same number of days, ending where the range starts', () => {
		const range = resolveRange({from: '2026-03-09', to: '2026-03-15'}, 'UTC', now);
		const previous = comparisonRange(range, 'previous');
		expect([previous.from, previous.to]).toEqual(['2026-03-02', '2026-03-08']);
		expect(+previous.end).toBe(+range.start);
		const month = comparisonRange(resolveRange({from: '2026-03-01', to: '2026-03-31'}, 'UTC', now), 'previous');
		expect([month.from, month.to]).toEqual(['2026-01-29', '2026-02-28']);
	});

	it('today so far is compared with the same hours, at every load as the clock moves, never with a whole day', () => {
		const today = resolveRange({preset: 'today'}, 'Europe/Dublin', now);
		for (const [mode, days] of [
			['week', 7],
			['previous', 1],
		] as const) {
			const compared = comparisonRange(today, mode);
			// Twenty minutes later both run to their now: the compared one to now less its days, in the zone's clock.
			const later = now.plus({minutes: 20});
			const loaded = rangeUpToNow(today, later.toMillis());
			const loadedCompared = rangeUpToNow(compared, later.toMillis());
			expect(loaded.end.toISO()).toBe(later.setZone('Europe/Dublin').startOf('minute').toISO());
			expect(loadedCompared.end.toISO()).toBe(later.setZone('Europe/Dublin').minus({days}).startOf('minute').toISO());
			expect(loadedCompared.end.diff(loadedCompared.start).as('hours')).toBe(loaded.end.diff(loaded.start).as('hours'));
		}
	});

	it('week and year keep the weekday: 7 and 364 days back', () => {
		const range = resolveRange({from: '2026-03-10', to: '2026-03-11'}, 'Europe/Dublin', now);
		const week = comparisonRange(range, 'week');
		const year = comparisonRange(range, 'year');
		expect([week.from, week.to]).toEqual(['2026-03-03', '2026-03-04']);
		expect([year.from, year.to]).toEqual(['2025-03-11', '2025-03-12']);
		for (const shifted of [week, year]) {
			expect(shifted.start.weekday).toBe(range.start.weekday);
			expect(shifted.start.setZone('Europe/Dublin').toFormat('HH:mm')).toBe('00:00');
		}
	});

	it('keeps local midnights across a daylight-saving change (America/New_York, spring forward 8 Mar 2026)', () => {
		const zone = 'America/New_York';
		const range = resolveRange({from: '2026-03-08', to: '2026-03-14'}, zone, now);
		const week = comparisonRange(range, 'week');
		// The week before is all EST (UTC-5); the week of the change ends in EDT (UTC-4).
		expect(isoInterval(week.start, week.end)).toBe('2026-03-01T05:00:00.000Z/2026-03-08T05:00:00.000Z');
		expect(isoInterval(range.start, range.end)).toBe('2026-03-08T05:00:00.000Z/2026-03-15T04:00:00.000Z');
		// Europe/Dublin falls back on 25 Oct 2026: the day before a one-day range is 24 hours, the day itself 25.
		const dublin = resolveRange(
			{from: '2026-10-26', to: '2026-10-26'},
			'Europe/Dublin',
			DateTime.fromISO('2026-11-02'),
		);
		const before = comparisonRange(dublin, 'previous');
		expect(before.from).toBe('2026-10-25');
		expect(before.end.diff(before.start, 'hours').hours).toBe(25);
		expect(isoInterval(before.start, before.end)).toBe('2026-10-24T23:00:00.000Z/2026-10-26T00:00:00.000Z');
	});

	it('compares today so far with the same hours of the earlier days', () => {
		const today = resolveRange({preset: 'today'}, 'UTC', now);
		expect(today.clamped).toBe(true);
		const yesterday = comparisonRange(today, 'previous');
		expect(isoInterval(yesterday.start, yesterday.end)).toBe('2026-06-17T00:00:00.000Z/2026-06-17T15:30:00.000Z');
		expect([yesterday.from, yesterday.to]).toEqual(['2026-06-17', '2026-06-17']);
	});
});

describe('shiftInterval', () => {
	it('moves a bucket by calendar days in the zone, so a week-earlier bucket lines up with its twin', () => {
		// 09:00-09:30 New York on 1 Mar (EST) moved a week on is 09:00-09:30 on 8 Mar (EDT).
		expect(shiftInterval('2026-03-01T14:00:00.000Z/2026-03-01T14:30:00.000Z', 7, 'America/New_York')).toBe(
			'2026-03-08T13:00:00.000Z/2026-03-08T13:30:00.000Z',
		);
	});
});

describe('words', () => {
	it('says ranges briefly and refuses an unknown mode with the choices', () => {
		expect(shortRangeText({from: '2026-03-09', to: '2026-03-15'})).toBe('9–15 Mar 2026');
		expect(shortRangeText({from: '2026-02-28', to: '2026-03-06'})).toBe('28 Feb – 6 Mar 2026');
		expect(shortRangeText({from: '2026-03-09', to: '2026-03-09'})).toBe('9 Mar 2026');
		expect(validateCompareMode('Week')).toBe('week');
		expect(() => validateCompareMode('month')).toThrow(
			expect.objectContaining({hint: 'Use one of previous, week, year.'}),
		);
	});
});
