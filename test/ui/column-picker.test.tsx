// The column picker through the whole app against the emulator: hide and move columns, reverse the sort, find the
// same table on the next start of the profile, and reset to the defaults.
import fs from 'node:fs';
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {defaultColumns, queueMetricFields} from '../../source/metrics/catalog.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {resolveRange} from '../../source/range/range.js';
import {emulator, testNow} from '../helpers.js';
import {until} from '../wait.js';
import {appOnProfile, renderApp, renderExplorer, tableShown} from './app-on-profile.js';
import {keys, press, ready, waitFor, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** The table's header line as text. */
function headerLine(frame: string): string {
	return frame.split('\n').find(each => /^\s+Queue\s/.test(each)) ?? '';
}

function viewsInFile(file: string): unknown {
	return (JSON.parse(fs.readFileSync(file, 'utf8')) as {profiles: Record<string, {views?: unknown}>}).profiles['acme']
		?.views;
}

/** Waits until the profiles file holds `views` for the profile (it is written just after the frame is drawn). */
async function savedViews(file: string, views: unknown): Promise<void> {
	await until(
		() => JSON.stringify(viewsInFile(file)),
		saved => saved === JSON.stringify(views),
		`the views ${JSON.stringify(views)} in ${file}`,
		{timeoutMs: 5000},
	);
}

describe('column picker', () => {
	it('hides and moves columns, remembers them and the sort for the profile, and resets to the defaults', async () => {
		// A remembered date choice: straight to the table.
		const {app, dir, store, table} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-10'});
		expect(headerLine(table)).toMatch(/Queue\s+Offered▼\s+Answered\s+Abandoned\s/);

		// v: every metric of the catalog, the shown ones ticked, with the picker's keys in the footer.
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		expect(picker).toContain(`(${defaultColumns.length} of ${queueMetricFields.length} shown`);
		expect(picker).toMatch(/› \[x\]\s+1\. Offered/);
		// All are offered; those without room at this width say so.
		expect(picker).toMatch(/\[x\]\s+11\. Flow-outs · no room at this width/);
		for (const hint of ['Space show/hide', '[ move up', '] down', 'r reset', 'Enter/Esc done'])
			expect(picker.replaceAll(/\s+/g, ' ')).toContain(hint);

		// Hide Answered, then move Abandoned (now under the cursor) to the left of Offered.
		await press(app, 'j');
		await waitForText(app, /› \[x\]\s+2\. Answered/);
		await press(app, ' ');
		await waitForText(app, /› \[x\]\s+2\. Abandoned/);
		expect(app.lastFrame()).toContain(`(${defaultColumns.length - 1} of ${queueMetricFields.length} shown`);
		expect(app.lastFrame()).toMatch(/\[ \]\s+Answered/);
		await press(app, '[');
		await waitForText(app, /› \[x\]\s+1\. Abandoned/);
		expect(app.lastFrame()).toMatch(/\[x\]\s+2\. Offered/);

		// Closed: the table shows the new order, Answered gone.
		await press(app, keys.enter);
		const reordered = await waitFor(app, frame => /Queue\s+Abandoned\s+Offered▼/.test(headerLine(frame)), 'new order');
		expect(headerLine(reordered)).not.toContain('Answered');

		// S reverses the sort: remembered too.
		await press(app, 'S');
		await waitFor(app, frame => headerLine(frame).includes('Offered▲'), 'ascending sort');

		// The profiles file now holds the profile's views.
		const expectedColumns = [
			'abandoned',
			'offered',
			...defaultColumns.filter(field => !['answered', 'abandoned', 'offered'].includes(field)),
		];
		const saved = {queues: {columns: expectedColumns, sort: {column: 'offered', descending: false}}};
		await savedViews(store.path, saved);
		expect(viewsInFile(store.path)).toEqual(saved);

		// The next start opens the same way.
		app.unmount();
		const again = renderApp(dir, {start: {kind: 'profile', name: 'acme'}});
		const reopened = await waitForText(again, /Total\s+[!~]?[\d,]+/);
		expect(headerLine(reopened)).toMatch(/Queue\s+Abandoned\s+Offered▲\s/);
		expect(headerLine(reopened)).not.toContain('Answered');
		await ready(again, /Total\s+[!~]?[\d,]+/);

		// v then r: back to the default columns and sort.
		await press(again, 'v');
		await waitForText(again, 'Columns of the queue level');
		await press(again, 'r');
		await waitForText(again, `(${defaultColumns.length} of ${queueMetricFields.length} shown`);
		expect(again.lastFrame()).toMatch(/› \[x\]\s+1\. Offered/);
		await press(again, keys.escape);
		const reset = await waitFor(
			again,
			frame => /Queue\s+Offered▼\s+Answered\s+Abandoned\s/.test(headerLine(frame)),
			'defaults',
		);
		expect(reset).toContain('sorted by Offered');
		// Nothing chosen is left for the level in the profiles file.
		await savedViews(store.path, {});
		expect(new ProfileStore({cwd: dir}).get('acme')?.views).toEqual({});
	});
});

/** The picker's shown columns in its order: their number, title and whether they have room at this width. */
function shownColumns(frame: string): {at: number; title: string; room: boolean}[] {
	return [...frame.matchAll(/\[x\]\s+(\d+)\. ([^·│\n]+?)\s*(· no room at this width)?\s*│/g)].map(match => ({
		at: Number(match[1]),
		title: match[2]!,
		room: match[3] === undefined,
	}));
}

describe('column picker at 80 columns', () => {
	it('keeps columns in the order chosen (dropped from the end), jumps to the ends, names its keys up and down', async () => {
		const range = resolveRange({from: '2026-03-02', to: '2026-03-04'}, 'UTC', DateTime.fromMillis(testNow));
		const app = renderExplorer(emu, range, {width: 80, height: 24});
		await ready(app, tableShown);
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		// The hint line: one line of the terminal, the move keys named for a list that runs down.
		const hints = picker.trimEnd().split('\n').at(-1)!;
		expect(hints.length).toBeLessThanOrEqual(80);
		for (const hint of ['[ move up', '] down', 'Space show/hide']) expect(hints).toContain(hint);
		expect(hints).not.toMatch(/left|right/);

		// AHT (7th) moved up to 3rd.
		await press(app, 'j', 'j', 'j', 'j', 'j', 'j');
		await waitForText(app, /› \[x\]\s+7\. Average handle time/);
		await press(app, '[', '[', '[', '[');
		const moved = await waitForText(app, /› \[x\]\s+3\. Average handle time/);
		// What has room is a head of the order: no column has room after one that has none.
		const shown = shownColumns(moved);
		expect(shown.map(column => column.at)).toEqual(shown.map((_, index) => index + 1));
		const firstWithout = shown.findIndex(column => !column.room);
		expect(firstWithout).toBeGreaterThan(2);
		expect(shown.slice(firstWithout).every(column => !column.room)).toBe(true);

		// End/G to the last column, Home/g to the first.
		await press(app, 'G');
		await waitForText(app, /› \[ \]/);
		await press(app, 'g');
		await waitForText(app, /› \[x\]\s+1\. Offered/);
		await press(app, keys.end);
		await waitForText(app, /› \[ \]/);
		await press(app, keys.home);
		await waitForText(app, /› \[x\]\s+1\. Offered/);

		// The table shows the columns with room, in that order: AHT third.
		await press(app, keys.enter);
		const table = await waitFor(app, frame => !frame.includes('Columns of') && tableShown.test(frame), 'the table');
		const headers = shown
			.filter(column => column.room)
			.map(column => /\(([^)]+)\)$/.exec(column.title)?.[1] ?? column.title);
		expect(headers.slice(0, 3)).toEqual(['Offered', 'Answered', 'AHT']);
		const escaped = headers.map(header => header.replaceAll(/[.%]/g, mark => `\\${mark}`));
		expect(headerLine(table).replace('▼', '')).toMatch(new RegExp(`^\\s*Queue\\s+${escaped.join('\\s+')}\\s*$`));
	});
});
