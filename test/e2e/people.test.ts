// People now in a real terminal (tmux), under NO_COLOR, at 80x24 and 160x48, against an emulator of the test's own on
// the real clock (its business day set to late morning, so agents are at work whatever the hour the test runs): the
// board's summary, header and rows fit the width, In status ticks, marks need no colour, and N and Esc go there and
// back.
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type Emulator, startEmulator} from '../../source/emulator/server.js';
import {businessOffsetFor, credentialsEnv} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer, type Term} from './tmux.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await startEmulator({
		queues: 30,
		seed: 4,
		rateLimitPerMinute: 0,
		businessOffsetMinutes: businessOffsetFor(11 * 60),
	});
});
afterAll(async () => {
	stopServer();
	await emu.stop();
});
afterEach(() => killTerms());

async function openToday(width: number, height: number): Promise<Term> {
	const dir = scratchDir();
	const term = startTerm(`${gqx} --refresh 5`, {
		width,
		height,
		cwd: dir,
		env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1', ...credentialsEnv(emu.url)},
	});
	await term.waitFor('Dates · days in');
	await pickPreset(term, 'Today');
	await term.waitFor(/Total\s+[!~]?[\d,]+/, 20_000);
	return term;
}

const time = /\s(\d+:\d\d(?::\d\d)?)\s/;

describe('people now in a real terminal', () => {
	for (const [width, height] of [
		[80, 24],
		[160, 48],
	] as const) {
		it(`shows the board whole at ${width}x${height}, ticking, and N and Esc go there and back`, async () => {
			const term = await openToday(width, height);
			term.keys('n');
			const board = await term.waitFor(/On queue \d+/);
			const lines = board.split('\n');
			// Nothing wider than the terminal; the header and the summary are there in words.
			expect(lines.every(line => line.length <= width)).toBe(true);
			expect(board).toMatch(/Agent\s+Routing▲\s+Presence\s+In status/);
			expect(board).toMatch(/Off queue \d+/);
			expect(board).toMatch(/Offline \d+/);
			expect(board).toContain('agents: logged in (o)');
			const rows = lines.filter(line => /^[› ] \S/.test(line) && time.test(line) && !/\bagents?\s/.test(line));
			expect(rows.length).toBeGreaterThan(0);
			// A not-responding agent is marked with `!`, readable without colour.
			for (const row of rows) if (row.includes('Not responding')) expect(row).toContain('!Not responding');
			if (width === 160) expect(board).toMatch(/Media now\s+Ans today\s+AHT today/);
			// In status counts on between refreshes.
			const first = time.exec(rows[0]!)![1]!;
			await term.waitUntil(screen => {
				const top = screen.split('\n').find(line => line.startsWith('› '));
				return top !== undefined && time.exec(top)?.[1] !== first;
			}, 'In status to tick');
			// Esc back to the queues; N opens every queue's board from there, with the queues of each agent.
			term.keys('Escape');
			await term.waitFor(/Queue\s+/);
			term.keys('N');
			const everyone = await term.waitFor('people now (all queues)');
			await term.waitFor(/On queue \d+/);
			expect(everyone.split('\n').every(line => line.length <= width)).toBe(true);
			if (width === 160) expect(await term.waitFor(/In status\s+Media now\s+Queues/)).toBeTruthy();
		});
	}
});
