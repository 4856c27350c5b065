// The flows level in a real terminal (tmux) at 80x24 and 160x48: f from the queues, nothing cut off or wider than
// the terminal, the columns that matter kept on the narrow one and every column on the wide one, Enter to a flow's
// outcomes and f back to the queues.
import path from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

const headerOf = (screen: string, name: string) =>
	screen.split('\n').find(line => new RegExp(`^\\s+${name}\\b`).test(line)) ?? '';

const flowsHeader = /^\s+Flow\s+(In flow\s+)?Entered▼/m;

it.each([
	[80, 24, 'Yesterday', ['Entered▼', 'Ended in', 'To queue', 'Contain %']],
	[
		160,
		48,
		'Yesterday',
		['Entered▼', 'Ended in', 'To queue', 'Elsewhere', 'Contain %', 'Avg flow', 'Succeeded', 'Failed'],
	],
	// A range with today adds In flow now, first.
	[80, 24, 'Today', ['In flow', 'Entered▼', 'Ended in', 'To queue', 'Contain %']],
	[
		160,
		48,
		'Today',
		['In flow', 'Entered▼', 'Ended in', 'To queue', 'Elsewhere', 'Contain %', 'Avg flow', 'Succeeded', 'Failed'],
	],
])(
	'shows the flows at %ix%i for %s with their columns, opens outcomes, and goes back with f',
	async (width, height, preset, columns) => {
		const dir = scratchDir();
		const term = startTerm(`${gqx} --demo`, {
			width,
			height,
			cwd: dir,
			env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1'},
		});
		await term.waitFor('Dates · days in');
		await pickPreset(term, preset);
		await term.waitFor(/Total\s.*\d/);
		term.keys('f');
		const flows = await term.waitUntil(
			screen => flowsHeader.test(screen) && /Total\s+[\d,]+/.test(screen),
			'the flows with their totals row',
		);
		for (const line of flows.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
		const header = headerOf(flows, 'Flow');
		for (const column of columns) expect(header).toContain(column);
		if (preset === 'Yesterday') expect(header).not.toContain('In flow');
		expect(flows).toContain('Main Line IVR');
		expect(flows).toMatch(/\d+\.\d%/);
		// The footer offers f (and, where it has room, u).
		expect(flows).toMatch(/f flows/);
		if (width >= 160) expect(flows).toMatch(/u to queues/);
		term.keys('Enter');
		const outcomes = await term.waitUntil(
			screen => /^\s+Outcome\s+Started▼/m.test(screen),
			'the outcomes of the largest flow',
		);
		for (const line of outcomes.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
		expect(headerOf(outcomes, 'Outcome')).toContain('Success %');
		term.keys('Escape');
		await term.waitUntil(screen => flowsHeader.test(screen), 'the flows again');
		term.keys('f');
		await term.waitUntil(screen => /^\s+Queue\s/m.test(screen), 'the queues again');
		term.keys('q');
		await term.waitFor('EXIT:0');
	},
);
