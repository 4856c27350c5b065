// The comparison (`c`) in a real terminal (tmux) at 80x24 under NO_COLOR: every level, no line wider than the
// terminal, a change beside each value that fits, arrows, and both ranges named.
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer} from './tmux.js';

/** ESC, which starts every colour sequence. */
const escape = String.fromCharCode(27);

afterEach(killTerms);
afterAll(() => stopServer());

describe('comparison in a real terminal', () => {
	it('fits 80x24 on every level with NO_COLOR: values with their changes, arrows, both ranges', async () => {
		const dir = scratchDir();
		const term = startTerm(`${gqx} --demo`, {
			width: 80,
			height: 24,
			cwd: dir,
			env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1'},
		});
		await term.waitFor('Dates · days in');
		// Last week: a range without today, so no live columns take the width the changes need.
		await pickPreset(term, 'Last week');
		await term.waitFor(/Total\s.*\d/);
		term.keys('c');
		const screens = [await term.waitFor(/Offered▼\s+Δ[\s\S]*Total\s.*\s[+-]?[\d.]+%/)];
		term.keys('Enter');
		screens.push(await term.waitFor(/Media\s+Offered▼\s+Δ[\s\S]*Total\s.*\s[+-]?[\d.]+%/));
		term.keys('Enter');
		screens.push(await term.waitFor(/Interval▲\s+Offered\s+Δ[\s\S]*Total\s.*\s[+-]?[\d.]+%/));
		for (const screen of screens) {
			const lines = screen.split('\n');
			for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
			// The status bar names this range and the one it is compared with: in one month (23–29 Nov 2026), across two
			// (30 Nov – 6 Dec 2026) or across a new year (29 Dec 2025 – 4 Jan 2026), as the day the test runs has it.
			const range = String.raw`\d{1,2}(?:–\d{1,2}| \w{3}(?: \d{4})? – \d{1,2})? \w{3} \d{4}`;
			expect(lines[1]).toMatch(new RegExp(`^${range} vs ${range}`));
			expect(screen).toMatch(/[+-][\d.]+pp[▲▼]/);
		}
		// Under NO_COLOR no colour reaches the terminal (inverse marks the selection); the arrows carry better and worse.
		expect(term.styledScreen()).not.toMatch(new RegExp(`${escape}\\[(\\d+;)*3[1-7](;\\d+)*m`));
		// A week earlier (for 7 days the same dates), then 52 weeks earlier, then off again: the plain table.
		// Keys go one read at a time (keys arriving together are one input string to Ink).
		// The week earlier draws the same table: its notice says the key was read before the next one goes.
		term.keys('c');
		await term.waitFor(/comparing\s+with\s+the\s+same\s+days\s+a\s+week\s+earlier/);
		term.keys('c');
		// 52 weeks earlier: the status bar's second range is a year before the first.
		const years = (screen: string) =>
			[...(screen.split('\n')[1] ?? '').matchAll(/\b(20\d\d)\b/g)].map(match => Number(match[1]));
		const yearEarlier = await term.waitUntil(
			screen => years(screen)[1] === years(screen)[0]! - 1,
			'the range 52 weeks earlier',
		);
		expect(years(yearEarlier)[1]).toBe(years(yearEarlier)[0]! - 1);
		// Off again: the notice says the key was read (while the year-earlier data still loads, the table already lacks
		// its changes, so the table alone cannot tell; a q sent with the c in one read would be dropped).
		term.keys('c');
		await term.waitFor(/comparison off[\s\S]*Interval▲\s+Offered\s+Abandoned/);
		term.keys('q');
		await term.waitFor('EXIT:0');
	});

	it('colours a change for the better green and for the worse red where colour is on', async () => {
		const dir = scratchDir();
		const term = startTerm(`${gqx} --demo`, {
			width: 100,
			height: 30,
			cwd: dir,
			env: {GQX_CONFIG_DIR: path.join(dir, 'config'), TERM: 'xterm-256color'},
		});
		await term.waitFor('Dates · days in');
		await pickPreset(term, 'Last week');
		await term.waitFor(/Total\s.*\d/);
		term.keys('c');
		await term.waitFor(/Offered▼\s+Δ[\s\S]*Total\s.*\s[+-]?[\d.]+%/);
		const styled = term.styledScreen();
		// Green (32) before a ▲, red (31) before a ▼.
		expect(styled).toMatch(new RegExp(`${escape}\\[32m[^${escape}]*▲`));
		expect(styled).toMatch(new RegExp(`${escape}\\[31m[^${escape}]*▼`));
		term.keys('q');
		await term.waitFor('EXIT:0');
	});
});
