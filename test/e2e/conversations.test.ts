// The conversations behind a number, in a real terminal (tmux) at 80x24 under NO_COLOR and at 160x48 in colour:
// queue -> media -> interval -> its conversations -> one conversation's timeline and back; the count held against the
// interval's Offered; `o` by outcome; `x` from a queue row for the whole range.
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer, type Term} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

/** gqx --demo in UTC on Tuesday 2026-03-03, on its queue table. */
async function openDay(width: number, height: number, noColor: string): Promise<Term> {
	const dir = scratchDir();
	const term = startTerm(`${gqx} --demo`, {
		width,
		height,
		cwd: dir,
		env: {GQX_CONFIG_DIR: path.join(dir, 'config'), TZ: 'UTC', NO_COLOR: noColor},
	});
	await term.waitFor('Dates · days in UTC');
	await pickPreset(term, 'Custom range');
	await term.waitFor('From (YYYY-MM-DD):');
	term.type('2026-03-03');
	term.keys('Enter');
	await term.waitFor('To, included (YYYY-MM-DD):');
	term.type('2026-03-03');
	term.keys('Enter');
	await term.waitFor(/Total\s+[!~]?[\d,]+/);
	return term;
}

function fits(screen: string, width: number): void {
	for (const line of screen.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(width);
}

/** The number in the selected row's first metric column (Offered): `› label   1,234 ...`. */
function selectedOffered(screen: string, label: RegExp): number {
	const line = screen.split('\n').find(each => each.startsWith('›') && label.test(each));
	expect(line, screen).toBeDefined();
	return Number(/› .*?\s{2,}([\d,]+)\s/.exec(line!)![1]!.replaceAll(',', ''));
}

describe('conversations in a real terminal', () => {
	for (const [width, height, noColor] of [
		[80, 24, '1'],
		[160, 48, ''],
	] as const) {
		it(`at ${width}x${height}: an interval's conversations, held against its Offered, a timeline and back`, async () => {
			const term = await openDay(width, height, noColor);
			term.keys('Enter');
			await term.waitFor(/Media▲?\s+Offered/);
			term.keys('Enter');
			const intervals = await term.waitFor(/Interval▲/);
			// The busiest interval: sort by Offered (s cycles to it), descending.
			expect(intervals).toContain('Interval');
			term.keys('s');
			await term.waitFor(/sorted by Offered/);
			const sorted = term.screen();
			const offered = selectedOffered(sorted, /\d\d:\d\d/);
			expect(offered).toBeGreaterThan(0);
			term.keys('Enter');
			// Listed whole and drawn down to its last line (the averages).
			const list = await term.waitUntil(
				screen =>
					/[\d,]+ conversations? \(o: by outcome\)/.test(screen) &&
					!screen.includes('listing…') &&
					/\n {2}Average\s/.test(screen),
				'the conversations listed',
				30_000,
			);
			fits(list, width);
			expect(list).toContain('Entered queue');
			expect(list).toMatch(/› \w{3} 03 \d\d:\d\d:\d\d/);
			// As many as the interval offered (the emulator attributes as gqx does), so no difference to explain.
			const count = Number(/([\d,]+) conversations? \(o/.exec(list)![1]!.replaceAll(',', ''));
			expect(count).toBe(offered);
			expect(list).not.toContain('a conversation counts where it entered the queue');
			const firstRow = list.split('\n').find(line => line.startsWith('› '))!;

			term.keys('Enter');
			const timeline = await term.waitFor(/waiting in queue/);
			fits(timeline, width);
			expect(timeline).toMatch(/Customer\s+connected/);
			expect(timeline).toMatch(/\d+ steps/);
			expect(timeline).toMatch(/conversation [\da-f-]{36}/);
			term.keys('y');
			await term.waitFor(/Copied the conversation id: [\da-f-]{36}/);
			term.keys('Escape');
			const back = await term.waitUntil(
				screen => screen.includes('Entered queue') && !screen.includes('waiting in queue'),
				'the list again',
			);
			// The place is kept: the same row is selected.
			expect(back.split('\n').find(line => line.startsWith('› '))).toBe(firstRow);

			term.keys('o');
			const abandoned = await term.waitFor('outcome: abandoned');
			fits(abandoned, width);
			const outcomes = abandoned
				.split('\n')
				.filter(line => /^[› ] \w{3} 03 /.test(line))
				.map(line => (/abandoned|short abandon|answered|flow-out/.exec(line) ?? [''])[0]);
			for (const outcome of outcomes) expect(['abandoned', 'short abandon']).toContain(outcome);
			term.keys('q');
			await term.waitFor('EXIT:0');
		});
	}

	it('x on a queue row lists its conversations for the whole range', async () => {
		const term = await openDay(100, 30, '1');
		const table = term.screen();
		const offered = selectedOffered(table, /\S/);
		term.keys('x');
		const list = await term.waitUntil(
			screen => /[\d,]+ conversations? \(o/.test(screen) && !screen.includes('listing…'),
			'the conversations listed',
			60_000,
		);
		const count = Number(/([\d,]+) conversations? \(o/.exec(list)![1]!.replaceAll(',', ''));
		expect(count).toBe(offered);
		expect(list).toContain('› conversations');
	});
});
