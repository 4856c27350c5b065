// Queue names and server messages written by an attacker, through the whole app against the emulator: the table,
// the breadcrumb, the heat map's title, the error panel, the status notice and `Y`'s copy show them, and no escape
// sequence, C1 control or bidi control of theirs reaches the terminal.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {currentMembers, presenceDefinitions} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {agentStatusFields} from '../../source/metrics/people.js';
import {formulaNames, hostile, hostileNames, rawHostile} from '../hostile.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, type Rendered, waitFor, waitForText} from './ink.js';

let emu: Emulator;
const names = [...hostileNames, ...formulaNames];

beforeAll(async () => {
	emu = await emulator({queues: names.length, seed: 30});
	emu.org.queues.forEach((queue, index) => (queue.name = names[index]!));
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** Every frame the app drew, but the OSC 52 sequences of its own copies (checked by what they carry). */
function drawn(app: Rendered): string {
	return app.frames.filter(frame => !frame.startsWith('\u001B]52;c;')).join('\n');
}

function copied(app: Rendered): string {
	const written = app.frames.filter(frame => frame.startsWith('\u001B]52;c;')).at(-1);
	expect(written, 'an OSC 52 sequence').toBeDefined();
	return Buffer.from(written!.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
}

/** `e`, Enter on the suggested CSV name, Enter: the records of the file it wrote (the only CSV in `dir`). */
async function exportView(app: Rendered, dir: string): Promise<Array<Record<string, string>>> {
	await press(app, 'e');
	await waitForText(app, 'Export this view');
	await press(app, keys.enter);
	await waitForText(app, /File: \S+\.csv/);
	await press(app, keys.enter);
	await waitForText(app, /Wrote \d+ rows to /);
	const file = fs.readdirSync(dir).find(name => name.endsWith('.csv'))!;
	return parse(fs.readFileSync(path.join(dir, file), 'utf8'), {columns: true}) as Array<Record<string, string>>;
}

describe('hostile names and messages in the app', () => {
	it('are shown cleaned in the table, breadcrumb, heat map, copy, error panel and notice', async () => {
		const {app, dir, table} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		// The table shows the escapes as caret notation.
		expect(table).toContain('^[]52;c;');

		// The breadcrumb of each drilled queue, short names too.
		const crumbs = new Set<string>();
		for (let row = 0; row < names.length; row++) {
			await press(app, keys.enter);
			const drilled = await waitFor(
				app,
				frame => /\n\s+Media\s/.test(frame) && (frame.split('\n')[0] ?? '').split(' › ').length === 3,
				'the breadcrumb with the queue',
			);
			crumbs.add(drilled.split('\n')[0]!.split(' › ')[2]!);
			await press(app, keys.escape);
			await waitForText(app, /\n\s+Queue\s/);
			await press(app, 'j');
		}
		expect([...crumbs].sort()).toEqual([...hostile.map(each => each.shown), ...formulaNames].sort());

		// The heat map's title names the queue.
		await press(app, '/', 'Paste', keys.enter);
		await waitForText(app, '1/10 rows');
		await press(app, 'g');
		await waitForText(app, '› Paste');
		await press(app, 'h');
		const heat = await waitForText(app, / · UTC\n/);
		expect(heat.split('\n').find(line => line.endsWith(' · UTC'))).toContain(' · Paste^[[201~; rm -rf ~ · ');
		await press(app, keys.escape);
		await waitForText(app, /\n\s+Queue\s/);
		await press(app, '/', keys.escape);
		await waitForText(app, `${names.length} rows`);

		// Y copies every row: the names carry no control character but the TSV's own tabs and newlines.
		await press(app, 'Y');
		await waitForText(app, 'Copied');
		const tsv = copied(app);
		expect(tsv).toContain('^[]52;c;');
		expect(rawHostile(tsv.replaceAll(/[\t\n]/g, ''))).toEqual([]);
		// Names a spreadsheet would run start with an apostrophe; the numbers stay numbers.
		const labels = tsv
			.trimEnd()
			.split('\n')
			.slice(1, -1)
			.map(line => line.split('\t')[0]!);
		for (const name of formulaNames) expect(labels).toContain(`'${name}`);
		expect(labels.filter(label => /^[=+\-@]/.test(label))).toEqual([]);

		// e writes the view as CSV with the same rule.
		const exported = await exportView(app, dir);
		const exportedNames = exported.map(record => record['queueName']);
		for (const name of formulaNames) expect(exportedNames).toContain(`'${name}`);
		expect(exported.every(record => /^\d+$/.test(record['offered']!))).toBe(true);

		// A server's message in the error panel: its escapes shown, its newline cannot start a line of its own.
		emu.inject({
			kind: 'status',
			status: 400,
			path: '/api/v2/analytics',
			times: 5,
			body: JSON.stringify({message: 'bad \u001B[2J\u009B31m query\ngqx: all queues are fine\u202E', status: 400}),
		});
		await press(app, 'r');
		const error = await waitForText(app, ' ERROR ');
		expect(error).toContain('bad ^[[2J');
		expect(error).not.toMatch(/^\W*gqx: all queues are fine/m);
		emu.clearFaults();

		expect(rawHostile(drawn(app))).toEqual([]);
	});

	it('agent and presence names on people now, its export file and gqx export --level agent-status', async () => {
		// Every agent named by the hostile set (a number keeps them apart), and the org's own presence label too.
		const users = peopleOf(emu.org).users;
		const original = users.map(user => user.name);
		const coffee = presenceDefinitions.find(definition => definition.languageLabels['en_US'] === 'Coffee break')!;
		const label = coffee.languageLabels['en_US']!;
		users.forEach((user, index) => (user.name = `${names[index % names.length]!} ${index}`));
		coffee.languageLabels['en_US'] = `=Coffee\u001B[2J break`;
		try {
			const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
			await press(app, 'N');
			await waitForText(app, /On queue [\d,]+/);
			await press(app, 'o');
			const board = await waitForText(app, /rows\s+│\s+agents: all/);
			expect(board).toContain('^[]52;c;');
			expect(board).toMatch(/Two\^Jlines\^Mback \d+/);
			// e writes the board as CSV: names a spreadsheet would run start with an apostrophe.
			const rows = await exportView(app, dir);
			// The agent-status record (its queues comma-separated on every queue's board), times ISO 8601.
			expect(Object.keys(rows[0]!)).toEqual([...agentStatusFields]);
			expect(rows.every(row => /^2026-03-20T\d\d:\d\d:\d\d\.\d{3}Z$/.test(row['observedAt']!))).toBe(true);
			expect(rows.some(row => row['userName']!.startsWith(`'=HYPERLINK`))).toBe(true);
			expect(rows.filter(row => /^[=+\-@]/.test(row['userName']!))).toEqual([]);
			expect(rawHostile(drawn(app))).toEqual([]);

			// The export for scripts: CSV neutralised, the table cleaned, the label included.
			const env = credentialsEnv(emu.url);
			const csv = await runCommand(['export', '--level', 'agent-status', '--format', 'csv'], {env});
			expect(csv.code).toBe(0);
			const records = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
			const members = emu.org.queues.reduce((sum, queue) => sum + currentMembers(emu.org, queue).length, 0);
			expect(records).toHaveLength(members);
			expect(records.filter(record => /^[=+\-@]/.test(record['userName']! + record['presenceLabel']!))).toEqual([]);
			const table = await runCommand(['export', '--level', 'agent-status', '--format', 'table'], {env});
			expect(table.code).toBe(0);
			expect(table.stdout).toContain('^[]52;c;');
			expect(rawHostile(table.stdout + table.stderr)).toEqual([]);
		} finally {
			users.forEach((user, index) => (user.name = original[index]!));
			coffee.languageLabels['en_US'] = label;
		}
	});
});
