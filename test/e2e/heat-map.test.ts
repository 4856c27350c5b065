// The heat map in a real terminal (tmux) at 80x24: a New York week over the spring-forward Sunday, from the
// totals row, with colour and under NO_COLOR, then back and quit with a restored terminal.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {hourFields} from '../../source/metrics/hour-grid.js';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer, type Term} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

/** gqx --demo in New York time on the week of 2026-03-02, on its queue table. */
async function openWeek(noColor: string, dir = scratchDir()): Promise<Term> {
	const term = startTerm(`${gqx} --demo`, {
		width: 80,
		height: 24,
		cwd: dir,
		env: {GQX_CONFIG_DIR: path.join(dir, 'config'), TZ: 'America/New_York', NO_COLOR: noColor},
	});
	await term.waitFor('Dates · days in America/New_York');
	await pickPreset(term, 'Custom range');
	await term.waitFor('From (YYYY-MM-DD):');
	term.type('2026-03-02');
	term.keys('Enter');
	await term.waitFor('To, included (YYYY-MM-DD):');
	term.type('2026-03-08');
	term.keys('Enter');
	await term.waitFor(/Total\s+[!~]?[\d,]+/);
	return term;
}

function gridRows(screen: string): string[] {
	return screen.split('\n').filter(line => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) {2}/.test(line));
}

describe('the heat map at 80x24', () => {
	for (const [name, noColor] of [
		['with colour', ''],
		['under NO_COLOR', '1'],
	] as const) {
		it(`${name}: all queues from the totals row, the skipped hour empty, ←/→, Esc back`, async () => {
			const dir = scratchDir();
			const term = await openWeek(noColor, dir);
			term.keys('End');
			const table = await term.waitFor(/› Total/);
			const totalOffered = Number(/› Total\s+([\d,]+)/.exec(table)![1]!.replaceAll(',', ''));
			term.keys('h');
			const screen = await term.waitFor(/Peak \w{3} \d\d:00, [\d,.]+ offered a day/);
			const lines = screen.split('\n');
			for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
			expect(screen).toContain('Offered a day · All queues · America/New_York');
			expect(screen).toContain('[Offered]');
			expect(screen).toMatch(/ {5}00 {2}02 {2}04 .* 22/);
			const rows = gridRows(screen);
			expect(rows.map(row => row.slice(0, 3))).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
			// Two characters an hour after "Mon  ": Sunday 8 March 02:00 did not happen, so it is blank.
			const sunday = rows[6]!;
			expect(sunday.slice(5 + 2 * 2, 5 + 3 * 2)).toBe('  ');
			for (const row of rows) expect(row.slice(5, 5 + 48)).toMatch(/^[ ·░▒▓█]{48}$/);
			expect(rows[0]!.slice(5, 53)).toMatch(/[░▒▓█]/);
			expect(screen).toMatch(/· 0 {2}░░ ≤[\d,.]+ {2}▒▒ ≤[\d,.]+ {2}▓▓ ≤[\d,.]+ {2}██ ≤[\d,.]+ a day/);
			expect(screen).toContain('Clock changes: Sun 8 Mar 02:00 skipped (empty)');
			expect(screen).toContain('←/→ metric');
			const styled = term.styledScreen();
			// Background colours only when colour is on; the blocks are there either way.
			const backgrounds = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*48;`);
			if (noColor) expect(styled).not.toMatch(backgrounds);
			else expect(styled).toMatch(backgrounds);

			term.keys('Right');
			await term.waitFor('[Answered]');
			term.keys('Right');
			const rates = await term.waitFor('[Aband %]');
			expect(rates).toMatch(/Highest \w{3} \d\d:00, [\d.]+% \([\d,]+ offered\) · lowest/);
			expect(rates).toMatch(/from [\d.]+%: ░░ ≤/);
			term.keys('Left', 'Left');
			await term.waitFor('[Offered]');

			// e writes the grid as `export --level hours` would: one record a weekday-hour of the week.
			term.keys('e');
			await term.waitFor('Export this view');
			term.keys('Enter');
			await term.waitFor('File: gqx-hours-2026-03-02_2026-03-08');
			term.keys('Enter');
			await term.waitFor('Wrote 167 rows');
			const records = parse(fs.readFileSync(path.join(dir, 'gqx-hours-2026-03-02_2026-03-08.csv'), 'utf8'), {
				columns: true,
			}) as Array<Record<string, string>>;
			expect(Object.keys(records[0]!)).toEqual([...hourFields]);
			expect(records.reduce((sum, record) => sum + Number(record['offered']), 0)).toBe(totalOffered);
			expect(records[0]).toMatchObject({queueName: 'All queues', weekday: '1', hour: '0', days: '1'});
			term.keys('Escape');
			await term.waitFor(/Queue\s+Offered▼/);
			term.keys('q');
			const end = await term.waitFor(/EXIT:\d+/);
			expect(end).toContain('EXIT:0');
		}, 60_000);
	}

	it('h on a queue row opens that queue’s grid, named in its title', async () => {
		const term = await openWeek('1');
		const table = term.screen();
		const selected = table.split('\n').find(line => line.startsWith('› '))!;
		const name = selected.slice(2).split(/ {2,}/)[0]!.trim();
		term.keys('h');
		const screen = await term.waitFor('Offered a day · ');
		expect(screen).toContain(`Offered a day · ${name.replace('…', '')}`.slice(0, 30));
		expect(gridRows(screen)).toHaveLength(7);
		term.keys('q');
		await term.waitFor(/EXIT:0/);
	}, 60_000);
});
