// The hostile set the tests feed every place that shows outside text: terminal escapes (OSC 52 clipboard writes,
// screen clears, bracketed-paste ends, cursor moves), C1 controls, bidi overrides, and line breaks that fake lines.

/** Queue (or agent, division, code) names an attacker who administers an org could type, and how gqx shows each. */
export const hostile: ReadonlyArray<{raw: string; shown: string}> = [
	{raw: '\u001B]52;c;ZWNobyBwd25lZA==\u0007Billing', shown: '^[]52;c;ZWNobyBwd25lZA==^GBilling'},
	{raw: 'Sales\u001B[2J\u001B[H', shown: 'Sales^[[2J^[[H'},
	{raw: 'Paste\u001B[201~; rm -rf ~', shown: 'Paste^[[201~; rm -rf ~'},
	{raw: 'C1\u009B31mRed', shown: 'C1\uFFFD31mRed'},
	{raw: 'Ventes\u202E (FR) lanigiro', shown: 'Ventes (FR) lanigiro'},
	{raw: 'Two\nlines\rback', shown: 'Two^Jlines^Mback'},
];

export const hostileNames = hostile.map(each => each.raw);

/** Names a spreadsheet would run as formulas (OWASP CSV injection); a terminal shows them as they are. */
export const formulaNames = ['=HYPERLINK("http://x.test","Go")', '@SUM(1+1)', "+cmd|' /C calc'!A0", '-2+3'];

/** The raw bytes of the hostile set that must never reach a terminal. */
const forbidden: ReadonlyArray<[string, RegExp]> = [
	// eslint-disable-next-line no-control-regex
	['ESC', /\u001B/],
	// eslint-disable-next-line no-control-regex
	['BEL', /\u0007/],
	['C1 control', /[\u0080-\u009F]/],
	['bidi control', /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/],
	['carriage return', /\r/],
];

/**
 * The kinds of hostile bytes found in `text` (empty when it is clean). Output that gqx styles itself (colours) is
 * checked with those codes of its own removed first.
 */
export function rawHostile(text: string): string[] {
	// eslint-disable-next-line no-control-regex
	const ours = text.replaceAll(/\u001B\[[\d;]*m/g, '');
	return forbidden.filter(([, pattern]) => pattern.test(ours)).map(([name]) => name);
}
