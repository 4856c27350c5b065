// The conversations level through the whole app against the emulator: x from a queue row, the first page on screen
// while the rest is listed, `e` writes the export's records with addresses masked, and a client without the details
// permission gets a notice naming it.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {conversationFields} from '../../source/metrics/conversations.js';
import {emulator} from '../helpers.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	// Each answer takes a while, so the listing of a busy queue's day is seen while it runs.
	emu = await emulator({queues: 8, seed: 21, latencyMs: 60});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

function offeredOfSelected(frame: string): number {
	const line = frame.split('\n').find(each => each.startsWith('›')) ?? '';
	return Number(
		line
			.slice(2)
			.split(/\s{2,}/)[1]!
			.replaceAll(',', ''),
	);
}

describe('conversations in the app', () => {
	it('x lists the queue row conversations, showing the first pages while the rest come; e writes masked records', async () => {
		const {app, dir, table} = await appOnProfile(emu, {from: '2026-03-10', to: '2026-03-10'});
		const offered = offeredOfSelected(table);
		expect(offered).toBeGreaterThan(300);
		await press(app, 'x');
		const done = await waitForText(
			app,
			new RegExp(`${offered.toLocaleString('en-US')} conversations \\(o: by outcome\\)`),
			30_000,
		);
		// Rows were on screen before the listing ended: a frame with rows while it still said it was listing.
		expect(app.frames.some(frame => frame.includes('listing…') && /› \w{3} 10 \d\d:\d\d:\d\d/.test(frame))).toBe(true);
		expect(done).not.toContain('listing…');
		expect(done).toContain('Entered queue');

		await press(app, 'e');
		await waitForText(app, 'CSV');
		await press(app, keys.enter);
		await waitForText(app, /Suggested name/);
		await press(app, keys.enter);
		const written = await waitForText(app, /Wrote [\d,]+ rows to /);
		const file = /Wrote [\d,]+ rows to (\S+)/.exec(written)![1]!;
		const rows = parse(fs.readFileSync(path.resolve(dir, file), 'utf8'), {columns: true}) as Array<
			Record<string, string>
		>;
		expect(Object.keys(rows[0]!)).toEqual([...conversationFields]);
		expect(rows).toHaveLength(offered);
		const voice = rows.filter(row => row['mediaType'] === 'voice');
		expect(voice.length).toBeGreaterThan(0);
		// Masked (and, as a cell starting with +, kept from running as a formula).
		for (const row of voice) expect(row['ani']).toMatch(/^'?\+\d{2}•••••\d{4}$/);

		// Enter opens the selected conversation's timeline; e writes its steps.
		await press(app, keys.enter);
		await waitForText(app, /waiting in queue/);
		await press(app, 'e');
		await waitForText(app, 'CSV');
		await press(app, keys.enter);
		await waitForText(app, /Suggested name/);
		await press(app, keys.enter);
		const stepsWritten = await waitForText(app, /Wrote \d+ rows to \S+timeline/);
		const stepsFile = /Wrote \d+ rows to (\S+)/.exec(stepsWritten)![1]!;
		const steps = parse(fs.readFileSync(path.resolve(dir, stepsFile), 'utf8'), {columns: true}) as Array<
			Record<string, string>
		>;
		expect(Object.keys(steps[0]!)).toEqual([
			'conversationId',
			'start',
			'who',
			'what',
			'durationMs',
			'queueName',
			'wrapUpName',
			'disconnect',
		]);
		expect(steps.map(step => step['what'])).toContain('waiting in queue');
		expect(new Set(steps.map(step => step['conversationId'])).size).toBe(1);
	});

	it('leaves the comparison (c) to the table levels: a list of conversations has no other period', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-10', to: '2026-03-10'});
		await press(app, 'c');
		await waitForText(app, / vs /);
		await press(app, 'x');
		const list = await waitForText(app, /[\d,]+ conversations \(o: by outcome\)(?![^\n]*listing)/, 30_000);
		expect(list).not.toContain(' vs ');
		expect(list).not.toContain('Δ');
		// Back on the queues, the comparison is still on.
		await press(app, keys.escape);
		await waitForText(app, / vs /);
	});

	it('a client without analytics:conversationDetail:view is told which permission is missing', async () => {
		const limited = await emulator({
			queues: 8,
			seed: 21,
			clients: [{...demoClient, permissions: demoClient.permissions.filter(name => !name.includes('Detail'))}],
		});
		try {
			const {app} = await appOnProfile(limited, {from: '2026-03-10', to: '2026-03-10'});
			await press(app, 'x');
			const frame = await waitForText(app, 'analytics:conversationDetail:view');
			expect(frame).not.toMatch(/\n\s+at /);
			// Esc goes back to the table.
			await press(app, keys.escape);
			await waitForText(app, /Total\s+[!~]?[\d,]+/);
		} finally {
			await limited.stop();
		}
	});
});
