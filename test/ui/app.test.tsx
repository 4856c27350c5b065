// The whole interactive flow against the emulator: wizard (wrong secret fixed in place) -> saved
// profile -> dates -> queues -> media -> intervals -> back -> filter -> sort -> export.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {GenesysClient} from '../../source/genesys/client.js';
import {rollUp} from '../../source/metrics/rows.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, groundTruth, namesOf} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {until} from '../wait.js';
import {renderApp, saveProfile} from './app-on-profile.js';
import {keys, press, ready, settled, waitFor, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 21});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** The frame as one line of text, without box borders, so wrapped messages can be matched. */
function flat(frame: string): string {
	return frame.replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');
}

function selectedLine(frame: string): string {
	return frame.split('\n').find(line => line.startsWith('›')) ?? '';
}

describe('gqx interactive', () => {
	it('sets up a profile, fixes a wrong secret in place, then drills, filters, sorts and exports', async () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: path.join(dir, 'config')});
		const app = renderApp(dir, {store});

		await ready(app, 'New profile · step 1 of 4');
		await press(app, 'custom');
		await waitForText(app, '› Custom base URL…');
		await press(app, keys.enter);
		await waitForText(app, 'Base URL:');
		await press(app, emu.url, keys.enter);
		await waitForText(app, 'Client id:');
		await press(app, demoClient.id, keys.enter);
		await waitForText(app, 'Client secret:');
		await press(app, 'wrong-secret', keys.enter);
		const failed = await waitForText(app, '✗ Login failed');
		expect(failed).toContain('authentication failed');
		// Back on the secret field, masked, with the client id kept.
		expect(failed).toContain('Client secret: ************');
		expect(failed).toContain(`Client id: ${demoClient.id}`);
		expect(failed).not.toContain('wrong-secret');
		await press(app, ...Array.from({length: 12}, () => keys.backspace), demoClient.secret, keys.enter);
		await waitForText(app, '✓ Logged in.');
		await press(app, ...Array.from({length: 30}, () => keys.backspace), 'lab', keys.enter);
		await waitForText(app, 'Dates · days in');
		expect(store.get('lab')).toMatchObject({region: emu.url, clientId: demoClient.id, clientSecret: demoClient.secret});

		// Custom range in New York time.
		// The menu starts on "Last 7 days"; the time zone is the last entry. One key at a time:
		// ink-select-input applies keys handled before a re-render to a stale index.
		const menu = ['Last 30 days', 'This week', 'Last week', 'This month', 'Last month', 'Custom range', 'Time zone'];
		for (const label of menu) {
			await press(app, keys.down);
			await waitForText(app, `❯ ${label}`);
		}
		await press(app, keys.enter);
		await press(app, 'new york');
		await waitForText(app, '› America/New_York');
		await press(app, keys.enter);
		await waitForText(app, 'Dates · days in America/New_York');
		for (const label of menu.slice(0, 6)) {
			await press(app, keys.down);
			await waitForText(app, `❯ ${label}`);
		}
		await press(app, keys.enter);
		await waitForText(app, 'From (YYYY-MM-DD):');
		await press(app, '2026-02-30');
		await waitForText(app, 'not a real calendar date');
		await press(app, ...Array.from({length: 5}, () => keys.backspace), '03-02', keys.enter);
		await waitForText(app, 'To, included (YYYY-MM-DD):');
		await press(app, '2026-03-08', keys.enter);

		// Level 1: all queues, the largest first, with the emulator's own numbers.
		const level1 = await waitForText(app, /Total\s+[!~]?[\d,]+/);
		const start = DateTime.fromISO('2026-03-02', {zone: 'America/New_York'});
		const truth = rollUp(
			groundTruth(emu, start, start.plus({days: 7}), 'America/New_York'),
			'queues',
			namesOf(emu),
			null,
		).sort((a, b) => b.offered - a.offered);
		const top = truth[0]!;
		expect(selectedLine(level1)).toContain(top.queueName.slice(0, 20));
		expect(selectedLine(level1)).toContain(top.offered.toLocaleString('en-US'));
		expect(level1).toContain(`lab (${emu.url}) › 2026-03-02 → 2026-03-08 (America/New_York)`);
		expect(store.get('lab')?.dateChoice).toEqual({from: '2026-03-02', to: '2026-03-08'});

		// Drill to the second queue's media, then to its busiest media by day.
		await press(app, keys.down);
		const second = truth[1]!;
		await waitForText(app, new RegExp(`› ${second.queueName.slice(0, 15).replaceAll(/[()]/g, '.')}`));
		await press(app, keys.enter);
		const level2 = await waitForText(app, /\n\s+Media\s+Offered/);
		expect(level2).toContain(`(America/New_York) › ${second.queueName}`);
		await press(app, keys.enter);
		const level3 = await waitForText(app, 'Offered   ');
		expect(level3).toMatch(/by day \(i to change\)/);
		expect(level3).toContain('Mon 02 Mar 2026');
		expect(level3).toContain('Sun 08 Mar 2026');
		expect(level3).toMatch(/SL %\s+[▁▂▃▄▅▆▇█ ]+/);

		// Back twice: the same queue is still selected.
		await press(app, keys.escape);
		await waitForText(app, /\n\s+Media/);
		await press(app, keys.backspace);
		const back = await waitForText(app, /\s+Queue\s+Offered▼/);
		expect(selectedLine(back)).toContain(second.queueName.slice(0, 20));

		// Filter by name, then sort by the next column.
		const needle = second.queueName.split(' ')[0]!.toLowerCase();
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, needle, keys.enter);
		const filtered = await waitForText(app, 'Total (filtered)');
		const expectedNames = truth.filter(row => row.queueName.toLowerCase().includes(needle));
		expect(filtered).toContain(`${expectedNames.length}/${truth.length} rows`);
		// The next column on screen: the name column is as wide as the longest of all 40 names (the columns stay put
		// while filtering), so at 100 columns Abandoned follows Offered.
		await press(app, 's');
		await waitForText(app, 'sorted by Abandoned');

		// Export what is on screen.
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		await waitForText(app, 'File: gqx-queues-2026-03-02_2026-03-08.csv');
		await press(app, keys.enter);
		await waitForText(app, `Wrote ${expectedNames.length} rows`);
		const exported = parse(fs.readFileSync(path.join(dir, 'gqx-queues-2026-03-02_2026-03-08.csv'), 'utf8'), {
			columns: true,
		}) as Array<Record<string, string>>;
		const byAbandoned = [...expectedNames].sort(
			(a, b) => b.abandoned - a.abandoned || a.queueName.localeCompare(b.queueName),
		);
		expect(exported.map(row => row['queueName'])).toEqual(byAbandoned.map(row => row.queueName));
		expect(exported.map(row => Number(row['offered']))).toEqual(byAbandoned.map(row => row.offered));
	});

	it('starts a saved profile with remembered dates in one keypress', async () => {
		const {dir, store} = saveProfile(emu, {from: '2026-03-09', to: '2026-03-10'});
		store.save({name: 'other', region: 'eu-west-1', clientId: 'x', clientSecret: 'y'});
		store.touch('acme');
		const rendered = renderApp(dir, {store});
		await ready(rendered, 'Profiles');
		const picker = rendered.lastFrame() ?? '';
		expect(picker.indexOf('acme')).toBeLessThan(picker.indexOf('other'));
		await press(rendered, keys.enter);
		await waitForText(rendered, 'acme (http://127.0.0.1');
		await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
	});

	it('takes every key of a run that arrives in one read (a fast typist over SSH)', async () => {
		const {dir, store} = saveProfile(emu, {from: '2026-03-09', to: '2026-03-10'});
		const rendered = renderApp(dir, {store});
		await ready(rendered, 'Profiles');
		await press(rendered, keys.enter);
		const table = await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
		const rows = table.split('\n').filter(line => /^[› ] \S.*\d$/.test(line) && !line.includes('Total'));
		expect(selectedLine(table)).toBe(rows[0]);
		// Input handlers follow the frame by an effect, as at the first screen.
		await press(rendered);
		// Three downs and one up in one write: the third row is selected.
		rendered.stdin.write('jjjk');
		const third = rows[2]!.slice(2, 20);
		await waitFor(rendered, frame => selectedLine(frame).includes(third), `row 3 (${third}) selected`);
		// Enter in the same read opens the third row's media. (What the keys after it do on the new level is type-ahead:
		// the explorer's and the terminal tests' (test/ui/type-ahead, test/e2e/type-ahead) to say.)
		rendered.stdin.write('\rjjjj');
		await waitForText(rendered, /Media\s+Offered/);
	});

	it('deletes a profile only after confirmation', async () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		store.save({name: 'old', region: 'eu-west-1', clientId: 'x', clientSecret: 'y'});
		const rendered = renderApp(dir, {store});
		await ready(rendered, 'old  ·  eu-west-1');
		await press(rendered, 'x');
		await waitForText(rendered, 'Delete profile old?');
		await press(rendered, 'n');
		await waitForText(rendered, 'Enter use · n new');
		expect(store.get('old')).toBeDefined();
		// x and y one right after the other, before the question is drawn (a fast typist): still a confirmed delete.
		rendered.stdin.write('x');
		rendered.stdin.write('y');
		await waitForText(rendered, /Profiles[\s\S]*\+ New profile/);
		expect(store.get('old')).toBeUndefined();
	});

	it('shows a failure in an error panel with the next step, and recovers with r', async () => {
		const dir = scratchDir();
		const start = {
			kind: 'demo' as const,
			credentials: {
				region: (await import('../../source/genesys/regions.js')).resolveRegion(emu.url),
				regionInput: emu.url,
				clientId: demoClient.id,
				clientSecret: demoClient.secret,
				source: 'demo',
				warnings: [],
			},
		};
		const rendered = renderApp(dir, {
			start,
			store: null,
			makeClient: (credentials, onRetry) =>
				new GenesysClient({...credentials, onRetry, backoffBaseMs: 5, backoffMaxMs: 10, maxRetries: 1}),
		});
		await ready(rendered, 'Dates · days in');
		emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 50});
		await press(rendered, keys.enter);
		const failed = flat(await waitForText(rendered, ' ERROR '));
		expect(failed).toMatch(/HTTP 503 \(correlation id [\da-f-]{36}\)/);
		expect(failed).toContain('Press r to retry.');
		emu.clearFaults();
		await press(rendered, 'r');
		await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
	});

	it('cancels a slow request with Esc without leaving the app', async () => {
		const slow = await emulator({queues: 5, latencyMs: 5000});
		try {
			const {resolveRegion} = await import('../../source/genesys/regions.js');
			const credentials = {
				region: resolveRegion(slow.url),
				regionInput: slow.url,
				clientId: demoClient.id,
				clientSecret: demoClient.secret,
				source: 'demo',
				warnings: [],
			};
			const rendered = renderApp(scratchDir(), {start: {kind: 'demo', credentials}, store: null});
			await ready(rendered, 'Dates · days in');
			await press(rendered, keys.enter);
			await waitForText(rendered, 'loading queues');
			expect(rendered.lastFrame()).toContain('Esc cancel');
			await press(rendered, keys.escape);
			await waitForText(rendered, 'Dates · days in');
		} finally {
			await slow.stop();
		}
	});

	it('edits a profile in the wizard, keeping what is not changed', async () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		store.save({name: 'acme', region: emu.url, clientId: demoClient.id, clientSecret: 'old-secret'});
		const rendered = renderApp(dir, {store});
		await ready(rendered, 'acme  ·');
		await press(rendered, 'e');
		// The profile's custom base URL is selected: Enter keeps it.
		const region = await waitForText(rendered, 'Edit profile acme · step 1 of 4');
		expect(region).toContain(`› ${emu.url}`);
		await press(rendered, keys.enter);
		await waitForText(rendered, `Client id: ${demoClient.id}`);
		await press(rendered, keys.enter);
		await waitForText(rendered, 'Client secret: **********');
		await press(rendered, ...Array.from({length: 10}, () => keys.backspace), demoClient.secret, keys.enter);
		await waitForText(rendered, 'Profile name: acme');
		await press(rendered, keys.enter);
		await waitForText(rendered, 'Dates · days in');
		expect(store.list()).toHaveLength(1);
		expect(store.get('acme')?.clientSecret).toBe(demoClient.secret);
	});

	it('quits on Ctrl+C that arrives in the same read as typed text', async () => {
		const rendered = renderApp(scratchDir());
		await ready(rendered, 'New profile');
		const frames = rendered.frames.length;
		rendered.stdin.write('eu\u0003');
		// Ink clears the last frame on exit: the app stops drawing and no text was typed. Quitting shows as Ink no
		// longer reading keys, and then nothing is left to draw.
		await until(
			() => rendered.stdin.listenerCount('readable'),
			count => count === 0,
			'Ink to stop reading keys',
		);
		await settled();
		expect(rendered.frames.slice(frames).some(frame => frame.includes('> eu'))).toBe(false);
	});
});
