// Finding a time zone by what people call it: a UTC offset (`+05:30`, `UTC+2`, `GMT-5`) or a common abbreviation
// or name (`EST`, `CET`, `eastern`), beside the IANA names the list is made of.
import {IANAZone} from 'luxon';

/**
 * Common abbreviations and names, each to its zones, most used first. A table, not the platform's data: Intl's
 * abbreviations depend on the locale (en-US says `EST` but `GMT+1` for Berlin, en-GB the reverse) and reading them
 * for every zone takes about half a second; a test checks each entry against Intl, so none is wrong.
 */
export const zoneAliases: Readonly<Record<string, readonly string[]>> = {
	eastern: ['America/New_York', 'America/Toronto', 'America/Detroit'],
	est: ['America/New_York', 'America/Toronto', 'America/Detroit'],
	edt: ['America/New_York', 'America/Toronto', 'America/Detroit'],
	central: ['America/Chicago', 'America/Winnipeg', 'America/Mexico_City'],
	cst: ['America/Chicago', 'America/Winnipeg', 'America/Mexico_City'],
	cdt: ['America/Chicago', 'America/Winnipeg'],
	mountain: ['America/Denver', 'America/Phoenix', 'America/Edmonton'],
	mst: ['America/Denver', 'America/Phoenix', 'America/Edmonton'],
	mdt: ['America/Denver', 'America/Edmonton'],
	pacific: ['America/Los_Angeles', 'America/Vancouver'],
	pst: ['America/Los_Angeles', 'America/Vancouver'],
	pdt: ['America/Los_Angeles', 'America/Vancouver'],
	akst: ['America/Anchorage'],
	hst: ['Pacific/Honolulu'],
	gmt: ['Europe/London', 'Europe/Dublin'],
	bst: ['Europe/London'],
	wet: ['Europe/Lisbon'],
	cet: ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Stockholm'],
	cest: ['Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Stockholm'],
	eet: ['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest', 'Africa/Cairo'],
	eest: ['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest'],
	ist: ['Asia/Kolkata'],
	jst: ['Asia/Tokyo'],
	kst: ['Asia/Seoul'],
	aest: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane'],
	aedt: ['Australia/Sydney', 'Australia/Melbourne'],
	acst: ['Australia/Adelaide', 'Australia/Darwin'],
	awst: ['Australia/Perth'],
	nzst: ['Pacific/Auckland'],
	nzdt: ['Pacific/Auckland'],
};

/**
 * A UTC offset in minutes, as people write it: `+05:30`, `-3`, `UTC+2`, `GMT-05:00`, `utc+5:45`, `+0530`; undefined
 * for anything else. `UTC` or `GMT` alone is a name, not an offset.
 */
export function parseOffset(query: string): number | undefined {
	const match = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(query.trim());
	if (!match) return undefined;
	const hours = Number(match[2]);
	const minutes = match[3] === undefined ? 0 : Number(match[3]);
	if (hours > 14 || minutes >= 60) return undefined;
	return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Names the platform may know a zone by instead (Node's ICU lists `Asia/Calcutta` for `Asia/Kolkata`). */
const formerNames: Readonly<Record<string, string>> = {'Asia/Kolkata': 'Asia/Calcutta'};

/**
 * The zones of `zones` a query names by offset (their offset at `atMs`) or by a common abbreviation or name, the
 * table's order first; undefined when the query is neither, so the caller narrows by name as usual.
 */
export function zonesNamedBy(zones: readonly string[], query: string, atMs: number): string[] | undefined {
	const offset = parseOffset(query);
	if (offset !== undefined) return zones.filter(zone => IANAZone.create(zone).offset(atMs) === offset);
	const aliased = zoneAliases[query.trim().toLowerCase()];
	if (!aliased) return undefined;
	const known = new Set(zones);
	return aliased
		.map(zone => (known.has(zone) ? zone : formerNames[zone]))
		.filter((zone): zone is string => zone !== undefined && known.has(zone));
}
