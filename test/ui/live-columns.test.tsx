// Live columns in the column picker through the whole app against the emulator (fixed clock, a range with today):
// shown, hidden and moved like the others, remembered for the profile, reset; absent for a range without today.
// And the profile's thresholds marking Abandon % and Longest wait (NO_COLOR: `!`).
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {type Profile, ProfileStore} from '../../source/profiles/store.js';
import {emulator, testNow} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {renderApp} from './app-on-profile.js';
import {keys, press, type Rendered, ready, waitFor, waitForText} from './ink.js';

let emu: Emulator;
let rendered: Rendered | undefined;
const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;

beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 21});
});
afterAll(async () => emu.stop());
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

/** The table's header line as text. */
function headerLine(frame: string): string {
	return frame.split('\n').find(each => /^\s+Queue\s/.test(each)) ?? '';
}

/** Profile `acme` on today's range in `dir`, with what the test adds (thresholds, views, another range). */
function profileIn(dir: string, extra: Partial<Profile> = {}): void {
	new ProfileStore({cwd: dir}).save({
		name: 'acme',
		region: emu.url,
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		timeZone: 'UTC',
		dateChoice: {from: today, to: today},
		...extra,
	});
}

/** Only the columns the threshold marks are about, so they fit whatever the names' width. */
const markViews: Profile['views'] = {
	queues: {
		columns: ['longestWaitingMs', 'abandonRate', 'offered'],
		hiddenLive: ['waiting', 'interacting', 'onQueueAgents', 'availableAgents'],
	},
};

/** Per queue row on screen: its Longest and Aband % cells as shown (header `Queue Longest Aband % Offered`). */
function markedCells(frame: string): Array<{longest: string; abandon: string}> {
	const lines = frame.split('\n');
	const header = lines.findIndex(line => /^\s+Queue\s+Longest\s+Aband %\s+Offered/.test(line));
	expect(header).toBeGreaterThanOrEqual(0);
	return lines
		.slice(header + 1)
		.filter(line => /^[› ] /.test(line) && !/^\s+Total\s/.test(line))
		.map(line => {
			const [longest = '', abandon = ''] = line.trimEnd().split(/\s+/).slice(-3);
			return {longest, abandon};
		});
}

function start(dir: string): Rendered {
	rendered = renderApp(dir, {start: {kind: 'profile', name: 'acme'}});
	return rendered;
}

/** The first live update is in: the status bar says when. */
const liveTable = /live \(push\), updated \d+ s ago/;

describe('live columns in the column picker', () => {
	it('hides and moves live columns, remembers them for the profile, and reset brings them back', async () => {
		const dir = scratchDir();
		profileIn(dir);
		let app = start(dir);
		const first = await waitForText(app, liveTable);
		await ready(app, liveTable);
		expect(headerLine(first)).toMatch(/^\s+Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail\s+Offered▼/);

		// v: the live columns first, ticked and marked live.
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		expect(picker).toContain('(22 of 27 shown');
		expect(picker).toMatch(/› \[x\]\s+1\. Waiting now \(Waiting\) · live/);
		expect(picker).toMatch(/\[x\]\s+5\. Agents available \(Avail\) · live/);
		expect(picker).toMatch(/\[x\]\s+6\. Offered\s+│/);

		// Hide Waiting; move Longest wait (now second) right past On queue, Avail and Offered.
		await press(app, ' ');
		await waitForText(app, /› \[x\]\s+1\. Interacting now/);
		// Hidden, it goes among the hidden ones (below, past the window's end).
		expect(app.lastFrame()).toContain('(21 of 27 shown');
		await press(app, 'j');
		await waitForText(app, /› \[x\]\s+2\. Longest wait now/);
		await press(app, ']', ']', ']');
		await waitForText(app, /› \[x\]\s+5\. Longest wait now/);
		await press(app, keys.enter);
		const chosen = await waitFor(
			app,
			frame => /^\s+Queue\s+Interact\s+On queue\s+Avail\s+Offered▼\s+Longest\s/.test(headerLine(frame)),
			'the chosen live columns',
		);
		expect(headerLine(chosen)).not.toContain('Waiting');

		// The next start opens the same way.
		app.unmount();
		app = start(dir);
		const again = await waitForText(app, liveTable);
		expect(headerLine(again)).toMatch(/^\s+Queue\s+Interact\s+On queue\s+Avail\s+Offered▼\s+Longest\s/);
		expect(new ProfileStore({cwd: dir}).get('acme')?.views?.['queues']?.hiddenLive).toEqual(['waiting']);
		await ready(app, liveTable);

		// v then r: the live columns lead again, Waiting included.
		await press(app, 'v');
		await waitForText(app, 'Columns of the queue level');
		await press(app, 'r');
		await waitForText(app, /› \[x\]\s+1\. Waiting now/);
		await press(app, keys.escape);
		await waitFor(
			app,
			frame => /^\s+Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail\s+Offered▼/.test(headerLine(frame)),
			'the default live columns',
		);
	});

	it('offers no live column for a range without today', async () => {
		const dir = scratchDir();
		const yesterday = DateTime.fromMillis(testNow, {zone: 'UTC'}).minus({days: 2}).toISODate()!;
		profileIn(dir, {
			dateChoice: {from: yesterday, to: yesterday},
			views: {queues: {columns: ['offered', 'waiting', 'answered']}},
		});
		const app = start(dir);
		const table = await waitForText(app, /Total\s+[!~]?[\d,]+/);
		await ready(app, /Total\s+[!~]?[\d,]+/);
		expect(headerLine(table)).toMatch(/^\s+Queue\s+Offered▼\s+Answered\s*$/);
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		expect(picker).toContain('(2 of');
		expect(picker).not.toMatch(/live|Waiting/);
	});
});

describe("the profile's thresholds in the explorer", () => {
	it("marks Abandon % over the profile's maxAbandon and Longest wait over its maxWaitSeconds, and not without them", async () => {
		const dir = scratchDir();
		profileIn(dir, {thresholds: {maxAbandon: 0.05, maxWaitSeconds: 1}, views: markViews});
		const app = start(dir);
		// Live values in (some longest wait shown), the table drawn.
		const frame = await waitFor(
			app,
			frame => liveTable.test(frame) && /Total\s+\S*\d:\d\d/.test(frame),
			'a longest wait on the totals row',
		);
		const rows = markedCells(frame);
		expect(rows.length).toBeGreaterThan(2);
		const percent = (cell: string) => Number(cell.replace(/[!~%]/g, ''));
		// Abandon %: marked exactly where it is over 5%, and some are, some are not.
		for (const {abandon} of rows) expect(abandon.startsWith('!'), abandon).toBe(percent(abandon) > 5);
		expect(rows.some(row => row.abandon.startsWith('!'))).toBe(true);
		expect(rows.some(row => !row.abandon.startsWith('!'))).toBe(true);
		// Longest wait over one second: marked (0:01 may be just under or over it, so from 0:02); no wait, no mark.
		const seconds = (cell: string) =>
			cell
				.replace('!', '')
				.split(':')
				.reduce((total, part) => total * 60 + Number(part), 0);
		for (const {longest} of rows)
			if (longest !== '-' && seconds(longest) >= 2) expect(longest.startsWith('!'), longest).toBe(true);
		expect(rows.some(row => row.longest !== '-')).toBe(true);
		app.unmount();

		// The same queues and columns without thresholds in the profile: no abandon mark, and waits shown unmarked (the
		// longest waiters here are emails, whose service-level time is a day): the marks above were the profile's.
		const plain = scratchDir();
		profileIn(plain, {thresholds: {}, views: markViews});
		const again = start(plain);
		const unmarked = markedCells(
			await waitFor(
				again,
				frame => liveTable.test(frame) && /Total\s+\S*\d:\d\d/.test(frame),
				'a longest wait on the totals row',
			),
		);
		expect(unmarked.map(row => row.abandon).filter(cell => cell.startsWith('!'))).toEqual([]);
		expect(unmarked.some(row => row.longest !== '-' && !row.longest.startsWith('!'))).toBe(true);
	});
});
