// The agent and wrap-up code levels through the whole app against the emulator: `a` and `w` from a queue
// row and a media row, Enter to an agent's intervals, filter, sort, the column picker and export on them.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {fileNamePart} from '../../source/levels/queue-labels.js';
import {agentFields} from '../../source/metrics/drill-rows.js';
import {emulator} from '../helpers.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, waitFor, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

function selectedLine(frame: string): string {
	return frame.split('\n').find(line => line.startsWith('›')) ?? '';
}

/** The number in column `index` (0 = first number) of the totals row. */
function totalOf(frame: string, index: number): number {
	const line = frame.split('\n').find(each => /^\s+Total\s/.test(each)) ?? '';
	return Number(line.trim().split(/\s+/)[index + 1]?.replaceAll(',', ''));
}

describe('agent and wrap-up code levels in the app', () => {
	it('open with a and w from queue and media rows, drill to intervals, and filter, sort, pick columns and export', async () => {
		const {app, dir, table: queues} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		const queueName = selectedLine(queues)
			.slice(2)
			.split(/\s{2,}/)[0]!
			.trim();
		// Offered, then Answered: the queue's answered is its second number.
		const queueAnswered = Number(
			selectedLine(queues)
				.slice(2)
				.split(/\s{2,}/)[2]!
				.replaceAll(',', ''),
		);

		// a on a queue row: its agents, with the keys in the footer.
		await press(app, 'a');
		const agents = await waitForText(app, /\n\s+Agent\s+Answered▼\s+Handled/);
		expect(agents).toContain(`› ${queueName} › agents`);
		expect(agents).toContain('agents: 100.0% of handled');
		expect(totalOf(agents, 0)).toBe(queueAnswered);
		expect(agents).toMatch(/Total\s+[\d,]+\s+[\d,]+.*100\.0%/);
		// The help lists both keys.
		await press(app, '?');
		const help = await waitForText(app, 'agents of the queue or media row');
		expect(help).toContain('wrap-up codes of the queue or media row');
		await press(app, keys.escape);
		await waitForText(app, /\n\s+Agent\s+Answered▼\s+Handled/);

		// Enter on the first agent: its intervals by day with sparklines.
		const agentName = selectedLine(agents)
			.slice(2)
			.split(/\s{2,}/)[0]!
			.trim();
		await press(app, keys.enter);
		const intervals = await waitForText(app, /\n\s+Interval▲\s+Answered/);
		expect(intervals).toContain(`agents › ${agentName}`);
		expect(intervals).toMatch(/by day \(i to change\)/);
		expect(intervals).toMatch(/Answered\s+[▁▂▃▄▅▆▇█ ]+/);
		expect(intervals).toContain('Mon 09 Mar 2026');
		await press(app, keys.escape);
		await waitForText(app, /\n\s+Agent\s+Answered▼/);

		// Filter, sort, column picker and export on the agents.
		const first = agentName.split(' ')[0]!.toLowerCase();
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, first, keys.enter);
		await waitForText(app, 'Total (filtered)');
		await press(app, 's');
		await waitForText(app, 'sorted by Handled');
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the agent level');
		expect(picker).toContain('(9 of 9 shown');
		expect(picker).not.toContain('Offered');
		await press(app, keys.enter);
		await waitFor(app, frame => !frame.includes('Columns of the agent level'), 'picker closed');
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		// The file name names the queue drilled into.
		const fileName = `gqx-agents-${fileNamePart(queueName)}-2026-03-09_2026-03-15.csv`;
		const file = await waitForText(app, `File: ${fileName}`);
		expect(file).toBeTruthy();
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows/);
		const exported = parse(fs.readFileSync(path.join(dir, fileName), 'utf8'), {
			columns: true,
		}) as Array<Record<string, string>>;
		expect(Object.keys(exported[0]!)).toEqual([...agentFields]);
		for (const row of exported) {
			expect(row['userName']!.toLowerCase()).toContain(first);
			expect(row['queueName']).toBe(queueName);
		}

		// Back to the queues; w: the wrap-up codes, whose counts add up to the queue's handled.
		await press(app, keys.escape);
		await waitForText(app, /\s+Queue\s+Offered▼/);
		await press(app, 'w');
		const codes = await waitForText(app, /\n\s+Wrap-up\s+Count▼\s+Share/);
		expect(codes).toContain('(no wrap-up)');
		expect(totalOf(codes, 0)).toBe(queueAnswered);

		// From a media row: a shows that media's agents.
		await press(app, keys.escape);
		await waitForText(app, /\s+Queue\s+Offered▼/);
		await press(app, keys.enter);
		const media = await waitForText(app, /\n\s+Media\s+Offered/);
		const mediaType = selectedLine(media).slice(2).split(/\s+/)[0]!;
		const mediaAnswered = Number(selectedLine(media).slice(2).split(/\s+/)[2]!.replaceAll(',', ''));
		await press(app, 'a');
		// The sort chosen above (Handled) is remembered for the level.
		const mediaAgents = await waitForText(app, /\n\s+Agent\s+Answered\s+Handled▼/);
		expect(mediaAgents).toContain(`› ${mediaType} agents`);
		expect(totalOf(mediaAgents, 0)).toBe(mediaAnswered);
	});
});
