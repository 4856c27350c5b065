// Finding a time zone by offset or by a common abbreviation or name, the table checked against the platform's own.
import {describe, expect, it} from 'vitest';
import {parseOffset, zoneAliases, zonesNamedBy} from '../../source/range/zone-search.js';

const zones = Intl.supportedValuesOf('timeZone');
const winter = Date.parse('2026-01-15T12:00:00Z');
const summer = Date.parse('2026-07-15T12:00:00Z');

/** What Intl calls a zone in a few English locales, in winter and summer, short and long. */
function intlNames(zone: string): string[] {
	const names: string[] = [];
	for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ'])
		for (const timeZoneName of ['short', 'long'] as const)
			for (const at of [winter, summer]) {
				const part = new Intl.DateTimeFormat(locale, {timeZone: zone, timeZoneName})
					.formatToParts(at)
					.find(each => each.type === 'timeZoneName');
				if (part) names.push(part.value.toLowerCase());
			}
	return names;
}

describe('parseOffset', () => {
	it('reads offsets as people write them, and nothing else', () => {
		expect(parseOffset('+05:30')).toBe(330);
		expect(parseOffset('+0530')).toBe(330);
		expect(parseOffset('UTC+2')).toBe(120);
		expect(parseOffset('utc + 5:45')).toBe(345);
		expect(parseOffset('GMT-05:00')).toBe(-300);
		expect(parseOffset('-3')).toBe(-180);
		for (const other of ['UTC', 'gmt', 'est', '+25', '+05:75', 'london', ''])
			expect(parseOffset(other)).toBeUndefined();
	});
});

describe('zonesNamedBy', () => {
	it('finds the zones at an offset now', () => {
		const india = zonesNamedBy(zones, '+05:30', winter)!;
		expect(india.some(zone => ['Asia/Kolkata', 'Asia/Calcutta'].includes(zone))).toBe(true);
		expect(india).toContain('Asia/Colombo');
		// In January UTC+2 is Athens and Cairo, not Berlin; in July Berlin too.
		expect(zonesNamedBy(zones, 'UTC+2', winter)).toEqual(expect.arrayContaining(['Europe/Athens', 'Africa/Cairo']));
		expect(zonesNamedBy(zones, 'UTC+2', winter)).not.toContain('Europe/Berlin');
		expect(zonesNamedBy(zones, 'UTC+2', summer)).toContain('Europe/Berlin');
		expect(zonesNamedBy(zones, 'GMT-5', winter)).toContain('America/New_York');
	});

	it('finds the usual zones of an abbreviation or name first, and says nothing of other queries', () => {
		expect(zonesNamedBy(zones, 'EST', winter)?.[0]).toBe('America/New_York');
		expect(zonesNamedBy(zones, 'eastern', winter)?.[0]).toBe('America/New_York');
		expect(zonesNamedBy(zones, 'cet', winter)).toContain('Europe/Berlin');
		expect(zonesNamedBy(zones, 'IST', winter)?.[0]).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
		expect(zonesNamedBy(zones, 'london', winter)).toBeUndefined();
	});

	it('has a table every entry of which Intl agrees with', () => {
		for (const [alias, named] of Object.entries(zoneAliases))
			for (const zone of named) {
				const names = intlNames(zonesNamedBy(zones, alias, winter)!.includes(zone) ? zone : 'Asia/Calcutta');
				// The abbreviation itself, a long name it starts (`eastern`), or a long name's initials (Japan Standard Time).
				const initials = (name: string) =>
					name
						.split(' ')
						.map(word => word[0])
						.join('');
				expect(
					names.some(name => name === alias || name.startsWith(`${alias} `) || initials(name) === alias),
					`${alias} for ${zone}: ${names.join(', ')}`,
				).toBe(true);
			}
	});
});
