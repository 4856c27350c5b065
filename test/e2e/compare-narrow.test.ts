// The comparison on narrow terminals (tmux): a range with live columns compared at 100x30 and 80x24 shows at least
// three metrics with their changes (the live columns give way), and the sort column is never dropped.
import path from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

/** The table's header line: the one with the name column's header. */
const headerOf = (screen: string, name: string) =>
	screen.split('\n').find(line => new RegExp(`^\\s+${name}\\b`).test(line)) ?? '';

it.each([
	[100, 30],
	[80, 24],
])(
	'shows three changes at %ix%i on Last 7 days, and keeps the sort column on the agents level',
	async (width, height) => {
		const dir = scratchDir();
		const term = startTerm(`${gqx} --demo`, {
			width,
			height,
			cwd: dir,
			env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1'},
		});
		await term.waitFor('Dates · days in');
		// Last 7 days includes today: live columns lead the table.
		await pickPreset(term, 'Last 7 days');
		await term.waitFor(/Total\s.*\d/);
		term.keys('c');
		const queues = await term.waitUntil(
			screen => (headerOf(screen, 'Queue').match(/Δ/g) ?? []).length >= 3,
			'three Δ columns on the queue level',
		);
		for (const line of queues.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
		term.keys('a');
		const agents = await term.waitUntil(screen => /Δ/.test(headerOf(screen, 'Agent')), 'the agents, compared');
		expect(headerOf(agents, 'Agent')).toMatch(/Answered▼/);
		term.keys('q');
		await term.waitFor('EXIT:0');
	},
);
