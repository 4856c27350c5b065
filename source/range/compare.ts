// The period a range is compared with: the one before it, or the same days a week or 52 weeks earlier.
// Shifts are whole calendar days in the range's time zone, so wall-clock times (and, for weeks, weekdays)
// line up across daylight-saving changes.
import {DateTime} from 'luxon';
import {UsageError} from '../errors.js';
import type {DateRange} from './range.js';

export const compareModes = ['previous', 'week', 'year'] as const;
export type CompareMode = (typeof compareModes)[number];

/** How people read each mode (status bar, help, notices). */
export const compareModeWords: Record<CompareMode, string> = {
	previous: 'the previous period',
	week: 'the same days a week earlier',
	year: 'the same days 52 weeks earlier',
};

export function isCompareMode(value: unknown): value is CompareMode {
	return (compareModes as readonly unknown[]).includes(value);
}

export function validateCompareMode(value: string): CompareMode {
	const mode = value.trim().toLowerCase();
	if (isCompareMode(mode)) return mode;
	throw new UsageError(`Unknown comparison "${value}".`, `Use one of ${compareModes.join(', ')}.`);
}

/** The calendar days of a range, `from` to `to` both included. */
export function rangeDays(range: Pick<DateRange, 'from' | 'to'>): number {
	const from = DateTime.fromISO(range.from, {zone: 'utc'});
	const to = DateTime.fromISO(range.to, {zone: 'utc'});
	return Math.round(to.diff(from, 'days').days) + 1;
}

/** How many calendar days back the comparison period lies: the range's length, 7, or 364 (52 weeks). */
export function shiftDays(range: Pick<DateRange, 'from' | 'to'>, mode: CompareMode): number {
	if (mode === 'week') return 7;
	if (mode === 'year') return 364;
	return rangeDays(range);
}

/** `time` moved `days` calendar days in `zone`, keeping its wall-clock time. */
export function shiftTime(time: DateTime, days: number, zone: string): DateTime {
	return time.setZone(zone).plus({days});
}

/**
 * The comparison period of `range`: the same wall-clock span `shiftDays` days earlier. A range cut
 * back to now (today so far) is compared with the same hours of its earlier days.
 */
export function comparisonRange(range: DateRange, mode: CompareMode): DateRange {
	const days = shiftDays(range, mode);
	const zone = range.timeZone;
	const start = shiftTime(range.start, -days, zone);
	const from = start.toISODate() ?? range.from;
	return {
		from,
		to: DateTime.fromISO(range.to, {zone}).minus({days}).toISODate() ?? range.to,
		timeZone: zone,
		start,
		end: shiftTime(range.end, -days, zone),
		clamped: range.clamped,
		...(range.clamped ? {lagDays: days} : {}),
		...(range.weekStart ? {weekStart: range.weekStart} : {}),
	};
}

/**
 * An interval `start/end` (UTC ISO, as the API writes them) moved `days` calendar days in `zone`. A
 * bucket moved into the hour daylight saving skips starts at the hour after it and keeps its length.
 */
export function shiftInterval(interval: string, days: number, zone: string): string {
	const [startText = '', endText = ''] = interval.split('/');
	const start = DateTime.fromISO(startText, {zone: 'utc'});
	const end = DateTime.fromISO(endText, {zone: 'utc'});
	const movedStart = shiftTime(start, days, zone);
	let movedEnd = shiftTime(end, days, zone);
	if (movedEnd <= movedStart) movedEnd = movedStart.plus(end.diff(start));
	return `${movedStart.toUTC().toISO()}/${movedEnd.toUTC().toISO()}`;
}

/** A range as few words as say it: "9 Mar 2026", "9–15 Mar 2026", "28 Feb – 6 Mar 2026". */
export function shortRangeText(range: Pick<DateRange, 'from' | 'to'>): string {
	const from = DateTime.fromISO(range.from, {zone: 'utc'});
	const to = DateTime.fromISO(range.to, {zone: 'utc'});
	if (range.from === range.to) return from.toFormat('d LLL yyyy');
	if (from.year !== to.year) return `${from.toFormat('d LLL yyyy')} – ${to.toFormat('d LLL yyyy')}`;
	if (from.month !== to.month) return `${from.toFormat('d LLL')} – ${to.toFormat('d LLL yyyy')}`;
	return `${from.toFormat('d')}–${to.toFormat('d LLL yyyy')}`;
}
