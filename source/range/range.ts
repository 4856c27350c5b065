// Date ranges: presets and calendar days in a time zone, turned into the UTC intervals the API takes.
import {DateTime, Duration, IANAZone} from 'luxon';
import {UsageError} from '../errors.js';

export const presets = [
	'today',
	'yesterday',
	'last-7-days',
	'last-30-days',
	'this-week',
	'last-week',
	'this-month',
	'last-month',
	'live',
] as const;
export type Preset = (typeof presets)[number];

export const presetLabels: Record<Preset, string> = {
	today: 'Today',
	yesterday: 'Yesterday',
	'last-7-days': 'Last 7 days',
	'last-30-days': 'Last 30 days',
	'this-week': 'This week',
	'last-week': 'Last week',
	'this-month': 'This month',
	'last-month': 'Last month',
	// The same range as today (kept for saved profiles and --preset live): the menu offers it once, as Today.
	live: 'Today',
};

/** The presets the date menu offers: `live` is today by another name, so it is not offered twice. */
export const menuPresets: readonly Preset[] = presets.filter(preset => preset !== 'live');

/** Granularities gqx offers: each divides a day or a week, so chunks of a long range merge exactly. */
export const granularities = ['PT15M', 'PT30M', 'PT1H', 'P1D', 'P7D'] as const;
export type Granularity = (typeof granularities)[number];

export type DateChoice = {preset: Preset} | {from: string; to: string};

/** The day weeks start on: weekly buckets and the week presets (Monday by default, as ISO 8601). */
export const weekStarts = ['monday', 'sunday'] as const;
export type WeekStart = (typeof weekStarts)[number];

export function validateWeekStart(value: string, flag = '--week-start'): WeekStart {
	const lower = value.trim().toLowerCase();
	if ((weekStarts as readonly string[]).includes(lower)) return lower as WeekStart;
	throw new UsageError(`${flag} "${value}" is not a day weeks start on.`, `Use ${weekStarts.join(' or ')}.`);
}

/** Local midnight of the first day of the week `day` is in. */
export function startOfWeek(day: DateTime, weekStart: WeekStart = 'monday'): DateTime {
	const midnight = day.startOf('day');
	// Luxon's weekday: 1 = Monday ... 7 = Sunday.
	return midnight.minus({days: weekStart === 'monday' ? midnight.weekday - 1 : midnight.weekday % 7});
}

export type DateRange = {
	/** Inclusive first day and last day, `YYYY-MM-DD`, in `timeZone`. */
	from: string;
	to: string;
	timeZone: string;
	start: DateTime;
	/** Local midnight after `to`, or now when that is in the future. */
	end: DateTime;
	/** True when the end was cut back to now. */
	clamped: boolean;
	/** The day weekly buckets start on; Monday when absent. */
	weekStart?: WeekStart;
	/**
	 * A comparison period of a range cut back to now: the calendar days it lies behind that range. It runs to now less
	 * those days at every load, as the range runs to now (today so far against the same hours a week ago).
	 */
	lagDays?: number;
};

export function systemTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function validateTimeZone(zone: string): string {
	const trimmed = zone.trim();
	if (!trimmed || !IANAZone.isValidZone(trimmed)) {
		throw new UsageError(
			`Unknown time zone "${zone}".`,
			'Use an IANA name such as Europe/London, America/New_York or UTC.',
		);
	}
	return trimmed;
}

export function validateGranularity(value: string): Granularity {
	const upper = value.trim().toUpperCase();
	if ((granularities as readonly string[]).includes(upper)) return upper as Granularity;
	throw new UsageError(
		`Unsupported granularity "${value}".`,
		`Use one of ${granularities.join(', ')} (ISO 8601 durations).`,
	);
}

export function parseDay(text: string, zone: string, flag: string): DateTime {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
		throw new UsageError(
			`${flag} "${text}" is not a date in the form YYYY-MM-DD.`,
			'Write dates as YYYY-MM-DD, for example 2026-03-01.',
		);
	const day = DateTime.fromISO(text, {zone});
	if (!day.isValid)
		throw new UsageError(
			`${flag} ${text} is not a real calendar date.`,
			'Check the day and month, for example 2026-02-28.',
		);
	return day.startOf('day');
}

function presetDays(preset: Preset, today: DateTime, weekStart: WeekStart): [DateTime, DateTime] {
	switch (preset) {
		case 'today':
		case 'live':
			return [today, today];
		case 'yesterday':
			return [today.minus({days: 1}), today.minus({days: 1})];
		case 'last-7-days':
			return [today.minus({days: 6}), today];
		case 'last-30-days':
			return [today.minus({days: 29}), today];
		case 'this-week':
			return [startOfWeek(today, weekStart), today];
		case 'last-week': {
			const start = startOfWeek(today, weekStart).minus({weeks: 1});
			return [start, start.plus({days: 6})];
		}
		case 'this-month':
			return [today.startOf('month'), today];
		case 'last-month': {
			const start = today.startOf('month').minus({months: 1});
			return [start, start.endOf('month').startOf('day')];
		}
	}
}

export function isPreset(value: string): value is Preset {
	return (presets as readonly string[]).includes(value);
}

/** How errors name the two days: the flags on the command line, the fields' labels in the app. */
export type DayNames = {from: string; to: string};

const flagNames: DayNames = {from: '--from', to: '--to'};

/** Resolves a choice to an interval: local midnight of `from` to local midnight after `to`, never past now. */
export function resolveRange(
	choice: DateChoice,
	timeZone: string,
	now: DateTime = DateTime.now(),
	names: DayNames = flagNames,
	weekStart: WeekStart = 'monday',
): DateRange {
	const zone = validateTimeZone(timeZone);
	const today = now.setZone(zone).startOf('day');
	let first: DateTime;
	let last: DateTime;
	if ('preset' in choice) {
		if (!isPreset(choice.preset))
			throw new UsageError(`Unknown preset "${String(choice.preset)}".`, `Use one of ${presets.join(', ')}.`);
		[first, last] = presetDays(choice.preset, today, weekStart);
	} else {
		first = parseDay(choice.from, zone, names.from);
		last = parseDay(choice.to, zone, names.to);
		if (last < first)
			throw new UsageError(
				`${names.from} ${choice.from} is after ${names.to} ${choice.to}.`,
				`Swap them: ${names.from} is the first day, ${names.to} the last (both included).`,
			);
	}
	if (first > now)
		throw new UsageError(
			`The range starts on ${first.toISODate()}, which is in the future in ${zone}.`,
			'Pick a range that starts today or earlier.',
		);
	const dayAfter = last.plus({days: 1}).startOf('day');
	const clamped = dayAfter > now;
	return {
		from: first.toISODate() ?? '',
		to: last.toISODate() ?? '',
		timeZone: zone,
		start: first,
		end: clamped ? now.setZone(zone).startOf('minute') : dayAfter,
		clamped,
		...(weekStart === 'monday' ? {} : {weekStart}),
	};
}

/** `start/end` in UTC with milliseconds, as the API writes intervals. */
export function isoInterval(start: DateTime, end: DateTime): string {
	return `${start.toUTC().toISO()}/${end.toUTC().toISO()}`;
}

/** Granularity for the interval level: 30 minutes up to 2 days, days up to 31 days, weeks beyond. */
export function defaultGranularity(range: Pick<DateRange, 'start' | 'end'>): Granularity {
	const days = range.end.diff(range.start, 'days').days;
	if (days <= 2) return 'PT30M';
	if (days <= 31) return 'P1D';
	return 'P7D';
}

/**
 * Splits a range into chunks of at most 31 days whose length is a whole number of granularity
 * buckets (28 days for weeks), so every bucket lies inside one chunk and merging is exact. Weeks start on
 * `weekStart`: the aggregates query cuts buckets from its interval's start, so a range starting mid-week has a
 * first chunk up to the next week start (its one, partial, bucket), and every later chunk starts on a week start.
 */
export function planChunks(
	start: DateTime,
	end: DateTime,
	granularity: Granularity | undefined,
	maxDays = 31,
	weekStart: WeekStart = 'monday',
): Array<[DateTime, DateTime]> {
	const chunkDays = granularity === 'P7D' ? Math.max(7, Math.floor(maxDays / 7) * 7) : maxDays;
	const chunks: Array<[DateTime, DateTime]> = [];
	let cursor = start;
	if (granularity === 'P7D') {
		const week = startOfWeek(start, weekStart);
		if (week < start) {
			cursor = DateTime.min(week.plus({days: 7}), end);
			chunks.push([start, cursor]);
		}
	}
	while (cursor < end) {
		const next = DateTime.min(cursor.plus({days: chunkDays}), end);
		chunks.push([cursor, next]);
		cursor = next;
	}
	return chunks;
}

/**
 * Every bucket of a range as the aggregates query makes them (`start/end`, UTC ISO as the API writes them): from the
 * range's start in its time zone, one granularity after another (days and weeks local, across daylight saving;
 * weeks on the range's week start, see planChunks), the last cut at the range's end. An interval with no traffic has no answer: this is the full grid to fill.
 */
export function rangeBuckets(
	range: Pick<DateRange, 'start' | 'end' | 'timeZone' | 'weekStart'>,
	granularity: Granularity,
): string[] {
	const step = Duration.fromISO(granularity);
	const start = range.start.setZone(range.timeZone);
	// Weeks from the week start on or before the range's start: a range from a Wednesday begins with a partial week.
	const anchor = granularity === 'P7D' ? startOfWeek(start, range.weekStart) : start;
	const end = range.end.toMillis();
	const buckets: string[] = [];
	let from: DateTime = start;
	for (let index = 1; from.toMillis() < end; index++) {
		const next = anchor.plus(step.mapUnits(value => value * index));
		const to = next.toMillis() < end ? next : range.end;
		buckets.push(isoInterval(from, to));
		from = next;
	}
	return buckets;
}

/** A bucket's start and end in `timeZone`. */
function bucketEnds(interval: string, timeZone: string): [DateTime, DateTime] {
	const [start = '', end = ''] = interval.split('/');
	return [
		DateTime.fromISO(start, {zone: 'utc'}).setZone(timeZone),
		DateTime.fromISO(end, {zone: 'utc'}).setZone(timeZone),
	];
}

/**
 * True when a bucket is shorter than its granularity: cut by the range's start (a range from a Wednesday in weeks)
 * or its end (a week or a day up to now). Its numbers are not a whole bucket's.
 */
export function isPartialBucket(interval: string, timeZone: string, granularity: Granularity): boolean {
	const [start, end] = bucketEnds(interval, timeZone);
	return start.isValid && end.isValid && start.plus(Duration.fromISO(granularity)) > end;
}

/** A bucket `start/end` (UTC ISO) as people read it, in `timeZone`: a day, a week (a partial one by its days), or a day and time. */
export function bucketLabel(interval: string, timeZone: string, granularity: Granularity): string {
	const [start, end] = bucketEnds(interval, timeZone);
	if (granularity === 'P1D') return start.toFormat('ccc dd LLL yyyy');
	if (granularity === 'P7D') {
		if (!isPartialBucket(interval, timeZone, granularity)) return `week of ${start.toFormat('dd LLL yyyy')}`;
		// The days it covers, as the status bar writes ranges: "04–08 Mar 2026", "30 Mar–02 Apr 2026", one day alone.
		const last = end.minus({milliseconds: 1});
		if (last.hasSame(start, 'day')) return start.toFormat('ccc dd LLL yyyy');
		const first = start.toFormat(
			last.hasSame(start, 'month') ? 'dd' : last.hasSame(start, 'year') ? 'dd LLL' : 'dd LLL yyyy',
		);
		return `${first}–${last.toFormat('dd LLL yyyy')}`;
	}
	return start.toFormat('ccc dd LLL HH:mm');
}

/** The longest range run without being told to: a typo such as --from 0001-01-01 started about 140,000 requests. */
export const longestRangeYears = 5;

/**
 * A UsageError when `range` is longer than `longestRangeYears`, else undefined. `override` says the way to run it
 * anyway ("add --yes to run it anyway"), where there is one.
 */
export function rangeBoundError(range: DateRange, override?: string): UsageError | undefined {
	if (range.start.plus({years: longestRangeYears}) >= range.end) return undefined;
	const years = Math.floor(range.end.diff(range.start, 'years').years);
	const chunks = Math.ceil(range.end.diff(range.start, 'days').days / 31);
	return new UsageError(
		`The range ${range.from} → ${range.to} is ${years} years long; gqx runs at most ${longestRangeYears} years without being told to (this one needs at least ${chunks.toLocaleString('en-US')} aggregate requests).`,
		`Give a shorter range${override ? `, or ${override}` : ''}.`,
	);
}
