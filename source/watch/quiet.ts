// --quiet HH:MM-HH:MM: local hours (in --tz) when gqx watch notifies nobody (it still detects and prints), and the
// one digest of what happened, sent when they end. A window may cross midnight (22:00-07:00).
import {DateTime} from 'luxon';
import {UsageError} from '../errors.js';

export type QuietHours = {from: number; to: number; text: string};

const clock = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function minutes(text: string): number | undefined {
	const match = clock.exec(text.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function parseQuiet(text: string): QuietHours {
	const [from, to, ...rest] = text.split('-');
	const start = from === undefined ? undefined : minutes(from);
	const end = to === undefined ? undefined : minutes(to);
	if (start === undefined || end === undefined || rest.length > 0 || start === end)
		throw new UsageError(
			`--quiet "${text}" is not a window of local hours.`,
			'Give HH:MM-HH:MM with two different times, for example --quiet 22:00-07:00.',
		);
	return {from: start, to: end, text: text.trim()};
}

/** Whether `at` (epoch ms) falls in the quiet hours, read in `timeZone`. */
export function isQuiet(quiet: QuietHours | undefined, at: number, timeZone: string): boolean {
	if (!quiet) return false;
	const local = DateTime.fromMillis(at, {zone: timeZone});
	const minute = local.hour * 60 + local.minute;
	return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}
