// Weekdays x hours of a range in its time zone: which local wall-clock hours it holds (daylight-saving
// aware), where a bucket falls, and the clock changes to mention. The heat map and `export --level hours`
// count and bucket with these.
import {type DateTime, IANAZone} from 'luxon';
import type {Granularity} from './range.js';

export const hoursPerDay = 24;
/** 7 weekdays x 24 hours, Monday 00:00 first. */
export const cellCount = 7 * hoursPerDay;
export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** ISO weekday (1 = Monday ... 7 = Sunday) and local hour (0-23). */
export type WeekdayHour = {weekday: number; hour: number};

/** A cell's place in a 168-cell grid. */
export function cellIndex(weekday: number, hour: number): number {
	return (weekday - 1) * hoursPerDay + hour;
}

export function cellAt(index: number): WeekdayHour {
	return {weekday: Math.floor(index / hoursPerDay) + 1, hour: index % hoursPerDay};
}

/** "Mon 10:00". */
export function cellLabel({weekday, hour}: WeekdayHour): string {
	return `${weekdayNames[weekday - 1] ?? '?'} ${String(hour).padStart(2, '0')}:00`;
}

/** Local wall-clock time of an instant as UTC fields of a Date: cheaper than a luxon DateTime per bucket. */
function wallClock(zone: IANAZone, ms: number): Date {
	return new Date(ms + zone.offset(ms) * 60_000);
}

function weekdayOf(local: Date): number {
	return ((local.getUTCDay() + 6) % 7) + 1;
}

/** Where an instant falls: its local weekday and hour in `timeZone`. */
export function weekdayHourAt(ms: number, timeZone: string): WeekdayHour {
	const local = wallClock(IANAZone.create(timeZone), ms);
	return {weekday: weekdayOf(local), hour: local.getUTCHours()};
}

/** Where a bucket (`start/end` in UTC ISO) falls: the local weekday and hour its start is in. */
export function weekdayHourOf(interval: string, timeZone: string): WeekdayHour {
	return weekdayHourAt(Date.parse(interval.split('/')[0] ?? ''), timeZone);
}

/** A daylight-saving change in the range: an hour the clock skipped, or one it went through twice. */
export type ClockChange = {date: string; weekday: number; hour: number; kind: 'missing' | 'repeated'};

export type RangeHours = {
	/** Per cell, how many of that weekday-hour the range holds (a repeated hour is one hour of the clock: once). */
	days: number[];
	changes: ClockChange[];
	/** The bucket size to ask for: an hour, or less where the zone's offset is not whole hours. */
	granularity: Granularity;
};

const stepMs = 15 * 60_000;

/**
 * The local wall-clock hours of [start, end) in `timeZone`, walked a quarter of an hour at a time (the
 * finest step of any zone's offset): how many of each weekday-hour there are, which hours a clock change
 * skipped or repeated, and whether hour buckets line up with local hours.
 */
export function rangeHours(start: DateTime, end: DateTime, timeZone: string): RangeHours {
	const zone = IANAZone.create(timeZone);
	const seen = new Map<string, {weekday: number; hour: number; steps: number}>();
	const hoursOfDate = new Map<string, Set<number>>();
	let offsetsMinutes = 60;
	for (let ms = start.toMillis(); ms < end.toMillis(); ms += stepMs) {
		const offset = zone.offset(ms);
		if (offset % 60 !== 0) offsetsMinutes = Math.min(offsetsMinutes, offset % 30 === 0 ? 30 : 15);
		const local = new Date(ms + offset * 60_000);
		const date = local.toISOString().slice(0, 10);
		const hour = local.getUTCHours();
		const key = `${date} ${hour}`;
		const entry = seen.get(key);
		if (entry) entry.steps++;
		else seen.set(key, {weekday: weekdayOf(local), hour, steps: 1});
		let hours = hoursOfDate.get(date);
		if (!hours) hoursOfDate.set(date, (hours = new Set()));
		hours.add(hour);
	}
	const days = Array.from({length: cellCount}, () => 0);
	const changes: ClockChange[] = [];
	for (const [key, entry] of seen) {
		days[cellIndex(entry.weekday, entry.hour)]!++;
		if (entry.steps * stepMs > 60 * 60_000)
			changes.push({date: key.split(' ')[0]!, weekday: entry.weekday, hour: entry.hour, kind: 'repeated'});
	}
	for (const [date, hours] of hoursOfDate) {
		const sorted = [...hours].sort((a, b) => a - b);
		const weekday = weekdayOf(new Date(`${date}T00:00:00Z`));
		for (let hour = sorted[0]!; hour < sorted.at(-1)!; hour++)
			if (!hours.has(hour)) changes.push({date, weekday, hour, kind: 'missing'});
	}
	changes.sort((a, b) => a.date.localeCompare(b.date) || a.hour - b.hour);
	const granularity: Granularity = offsetsMinutes === 60 ? 'PT1H' : offsetsMinutes === 30 ? 'PT30M' : 'PT15M';
	return {days, changes, granularity};
}
