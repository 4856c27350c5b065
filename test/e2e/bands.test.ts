// The wait bands in a real terminal (tmux) at 80x24 under NO_COLOR: every column of both outcomes fits, bars are block
// characters, the bands add up to the totals, and the what-if at the target equals the queue table's SL %.
import path from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

/** The cell of `line` in the right-aligned column whose header ends where `header` ends in the header line. */
function cellUnder(headerLine: string, header: RegExp, line: string): string {
	const match = header.exec(headerLine)!;
	return /\S+$/.exec(line.slice(0, match.index + match[0].length))?.[0] ?? '';
}

function numberUnder(headerLine: string, header: RegExp, line: string): number {
	return Number(cellUnder(headerLine, header, line).replaceAll(',', ''));
}

it('shows the bands of a queue row at 80x24 with NO_COLOR: they add up, and at the target the what-if is its SL %', async () => {
	const dir = scratchDir();
	const term = startTerm(`${gqx} --demo`, {
		width: 80,
		height: 24,
		cwd: dir,
		env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1'},
	});
	await term.waitFor('Dates · days in');
	await pickPreset(term, 'Last week');
	const queues = await term.waitFor(/Total\s.*\d/);
	// The selected queue's SL % as the queue table shows it (after its threshold mark, if any).
	const lines = queues.split('\n');
	const selected = lines.find(line => line.startsWith('›'))!;
	const queueSl = cellUnder(
		lines.find(line => /^\s+Queue/.test(line))!,
		/SL %/,
		selected,
	).replace(/^[!~]/, '');
	expect(queueSl).toMatch(/^[\d.]+%$/);

	term.keys('b');
	const bands = await term.waitFor(/SL what-if[\s\S]*\(SL % [\d.]+%\)/);
	const bandLines = bands.split('\n');
	for (const line of bandLines) expect([...line].length).toBeLessThanOrEqual(80);
	const bandHeader = bandLines.find(line => /^\s+Wait/.test(line))!;
	expect(bandHeader).toMatch(/Ans\s+Ans %\s+Ans ▇\s+Ans cum\s+Ab\s+Ab %\s+Ab ▇\s+Ab cum$/);
	const rows = bandLines.filter(line => /^[› ] \d+(-\d+|\+) s\s/.test(line));
	expect(rows.map(line => /\d+(-\d+|\+) s/.exec(line)?.[0])).toEqual([
		'0-10 s',
		'10-20 s',
		'20-30 s',
		'30-60 s',
		'60-120 s',
		'120-300 s',
		'300+ s',
	]);
	// Bars are block characters (no colour needed), and the largest band's is full.
	expect(bands).toMatch(/██████/);
	const total = bandLines.find(line => /^\s+Total\s/.test(line))!;
	const sum = (column: RegExp) => rows.reduce((all, line) => all + numberUnder(bandHeader, column, line), 0);
	expect(sum(/Ans(?= )/)).toBe(numberUnder(bandHeader, /Ans(?= )/, total));
	expect(sum(/Ab(?= )/)).toBe(numberUnder(bandHeader, /Ab(?= )/, total));
	expect(numberUnder(bandHeader, /Ans(?= )/, total)).toBeGreaterThan(0);
	// The what-if at the queue's own SL time is the SL % it shows beside it.
	const footline = bands.slice(bands.indexOf('SL what-if')).replace(/\s+/g, ' ');
	const [, atTarget, slPercent] = /target[^◆]*? ([\d.]+%) \(SL % ([\d.]+%)\)/.exec(footline)!;
	expect(atTarget).toBe(slPercent);
	expect(slPercent).toBe(queueSl);
	term.keys('q');
	await term.waitFor('EXIT:0');
});
