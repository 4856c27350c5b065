// An event in words: the line gqx watch prints (`2026-12-05 10:42:13 BREACH Support · EMEA longest wait 4:12 > 2:00
// (since 10:41:13)`), the `text` a Slack or Teams webhook shows, and the summary of the breaches open now.
import {DateTime} from 'luxon';
import {queueLabel} from '../levels/queue-labels.js';
import {type CheckName, describeValue} from '../reports/breaches.js';
import {terminalText} from '../text/sanitize.js';
import type {Tracked, WatchEvent} from './hold.js';

const words: Record<CheckName, (value: string, threshold: string) => string> = {
	'max-wait': (value, threshold) => `longest wait ${value} > ${threshold}`,
	'min-sl': (value, threshold) => `service level ${value} < ${threshold}`,
	'max-abandon': (value, threshold) => `abandon rate ${value} > ${threshold}`,
	'no-agents': value => `${value} waiting, nobody available`,
	'max-not-responding': (value, threshold) => `${value} agents not responding > ${threshold}`,
	'max-acw': (value, threshold) => `after-call work ${value} > ${threshold}`,
	'max-break': (value, threshold) => `break ${value} > ${threshold}`,
	'max-idle': (value, threshold) => `idle ${value} > ${threshold}`,
};

/** `6m 20s`, `1h 2m`, `45s`: how long a breach lasted. */
export function lasted(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	if (hours > 0) return `${hours}h ${minutes}m`;
	return minutes > 0 ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
}

function local(iso: string, timeZone: string, format: string): string {
	return DateTime.fromISO(iso, {zone: 'utc'}).setZone(timeZone).toFormat(format);
}

/** The queue (its division where its name is shared), its media type where the value is one's. */
function subject(
	event: {queueName: string; divisionName: string | null; mediaType?: string | null},
	shared: ReadonlySet<string>,
) {
	const label = queueLabel(event.queueName, event.divisionName, shared);
	return event.mediaType ? `${label} (${event.mediaType})` : label;
}

/** The event without its timestamp: what a webhook's `text` says. Not yet made safe for any display. */
export function eventSentence(event: WatchEvent, timeZone: string, shared: ReadonlySet<string>): string {
	const {value, threshold} = describeValue({check: event.condition, value: event.value, threshold: event.threshold});
	const what = `${event.event} ${subject(event, shared)} ${words[event.condition](value, threshold)}`;
	if (event.event === 'BREACH') return `${what} (since ${local(event.since, timeZone, 'HH:mm:ss')})`;
	return `${what} after ${lasted(Date.parse(event.at) - Date.parse(event.since))}`;
}

/** One line of stdout: local time in --tz, then the sentence, through the one sanitiser. */
export function eventLine(event: WatchEvent, timeZone: string, shared: ReadonlySet<string>): string {
	return terminalText(`${local(event.at, timeZone, 'yyyy-MM-dd HH:mm:ss')} ${eventSentence(event, timeZone, shared)}`);
}

/** The breaches open now, one line each (for the terminal's summary), through the sanitiser. */
export function openLines(open: readonly Tracked[], now: number, shared: ReadonlySet<string>): string[] {
	return open.map(each => {
		const {value, threshold} = describeValue(each.last);
		return terminalText(
			`${subject(each.last, shared)} ${words[each.last.check](value, threshold)} for ${lasted(now - each.since)}`,
		);
	});
}
