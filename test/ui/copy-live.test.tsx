// y and Y on a range with today: the OSC 52 payload has the live columns the table shows (Waiting, Interacting,
// Longest wait, On queue, Available) in their places, with the values on screen for each row.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {emulator, testNow} from '../helpers.js';
import {renderApp, saveProfile} from './app-on-profile.js';
import {press, type Rendered, ready, waitFor} from './ink.js';

let emu: Emulator;
const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;
// Few enough columns to all fit the 100-column test terminal: every copied column can be checked on screen.
const columns = ['waiting', 'interacting', 'longestWaitingMs', 'onQueueAgents', 'availableAgents', 'offered', 'asaMs'];
const headerPattern = /^\s+Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail\s+Offered▼\s+ASA\s*$/;

beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 21});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** The text of the last OSC 52 sequence written to the terminal, decoded. */
function copied(app: Rendered): string {
	const written = app.frames.filter(frame => frame.startsWith('\u001B]52;c;')).at(-1);
	expect(written, 'an OSC 52 sequence').toBeDefined();
	return Buffer.from(written!.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
}

/** The queue rows on screen, between the header and the totals: each one's last seven cells (the numbers), as shown. */
function screenRows(frame: string): string[][] {
	const lines = frame.split('\n');
	const header = lines.findIndex(line => headerPattern.test(line));
	expect(header).toBeGreaterThanOrEqual(0);
	return lines
		.slice(header + 1)
		.filter(line => /^[› ] \S/.test(line))
		.filter(line => !/^\s+Total\s/.test(line))
		.map(line => line.trimEnd().split(/\s+/).slice(-columns.length));
}

/** Which queue row on screen is selected (marked ›), counted from the first below the header. */
function selectedRow(frame: string): number {
	const lines = frame.split('\n');
	return lines.findIndex(line => line.startsWith('›')) - lines.findIndex(line => headerPattern.test(line)) - 1;
}

/** A cell as the TSV writes it: no value empty, counts without separators, durations h:mm:ss, marks off. */
function asTsv(cell: string): string {
	const bare = cell.replace(/^[!~]/, '').replace(/\*$/, '');
	if (bare === '-') return '';
	const short = /^(\d+):(\d\d)$/.exec(bare);
	if (short) return `0:${short[1]!.padStart(2, '0')}:${short[2]}`;
	return bare.replaceAll(',', '');
}

describe('y and Y with live columns', () => {
	it('copy the live columns the table shows, in its order, with its values', async () => {
		const {dir} = saveProfile(emu, {from: today, to: today});
		const store = new ProfileStore({cwd: dir});
		store.save({...store.get('acme')!, views: {queues: {columns}}});
		const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store});
		// Live values in: the status bar says when, and some longest wait is on the totals row.
		const frame = await waitFor(
			app,
			frame => /live \(push\), updated \d+ s ago/.test(frame) && /Total(\s+\S+){2}\s+\d+:\d\d/.test(frame),
			'the live columns filled',
		);
		await ready(app, /live \(push\), updated/);
		const header = frame.split('\n').find(line => /^\s+Queue\s/.test(line)) ?? '';
		expect(header).toMatch(headerPattern);
		const shown = screenRows(frame);
		expect(shown.length).toBeGreaterThan(2);
		// Some rows have someone waiting: the live cells checked are not all empty.
		expect(shown.some(cells => cells[2] !== '-')).toBe(true);

		await press(app, 'Y');
		// The longest waits age with the clock: the values to compare are those of the frame drawn with the copy.
		const atCopy = screenRows(
			await waitFor(app, frame => frame.includes(`Copied ${shown.length} rows`), 'the copy notice'),
		);
		const lines = copied(app).trimEnd().split('\n');
		expect(lines[0]!.split('\t')).toEqual([
			'Queue',
			'Waiting',
			'Interact',
			'Longest',
			'On queue',
			'Avail',
			'Offered',
			'ASA',
		]);
		expect(lines.slice(1).map(line => line.split('\t').slice(1))).toEqual(atCopy.map(cells => cells.map(asTsv)));

		// y: the selected row alone, a row with someone waiting longest.
		const waiting = shown.findIndex(cells => cells[2] !== '-');
		for (let step = 0; step < waiting; step++) await press(app, 'j');
		await waitFor(app, frame => selectedRow(frame) === waiting, 'the selection on that row');
		await press(app, 'y');
		const rowAtCopy = screenRows(await waitFor(app, frame => frame.includes('Copied 1 row'), 'the copy notice'))[
			waiting
		]!;
		const one = copied(app).trimEnd().split('\n');
		expect(one).toHaveLength(2);
		expect(one[1]!.split('\t').slice(1)).toEqual(rowAtCopy.map(asTsv));
		expect(one[1]!.split('\t')[3]).toMatch(/^\d+:\d\d:\d\d$/);
	});
});
