// The export dialog's file name (`e`): the suggestion is shown in the empty field, typing replaces it, Enter on
// the untouched field takes it, and Backspace there leaves it whole; under NO_COLOR it says it is a suggestion.
import fs from 'node:fs';
import path from 'node:path';
import {callbackFields} from '../../source/metrics/catalog.js';
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {formatDuration} from '../../source/metrics/format.js';
import {emulator, testNow} from '../helpers.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, type Rendered, ready, waitForText} from './ink.js';

let emu: Emulator;
const suggested = 'gqx-queues-2026-03-02_2026-03-08';

beforeAll(async () => {
	emu = await emulator({queues: 5, seed: 8});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** `e`, then the format (Enter: CSV; down and Enter: JSON): the file name field, as the user sees it. */
async function openNameField(app: Rendered, format: 'csv' | 'json' = 'csv'): Promise<string> {
	await press(app, 'e');
	await waitForText(app, 'Export this view');
	if (format === 'json') await press(app, keys.down);
	await press(app, keys.enter);
	return waitForText(app, `File: ${suggested}.${format}`);
}

describe('the export dialog’s file name', () => {
	it('writes the file under exactly the name typed, not the suggestion with it', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-02', to: '2026-03-08'});
		const field = await openNameField(app);
		// Without colour the suggestion is not dimmed: the dialog says in words what it is.
		expect(field).toContain('Suggested name: Enter takes it, typing replaces it.');
		await press(app, 'q', '3', '.csv');
		const typed = await waitForText(app, 'File: q3.csv');
		expect(typed).not.toContain(suggested);
		expect(typed).not.toContain('Suggested name');
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to .*q3\.csv/);
		expect(fs.readdirSync(dir).filter(name => name.endsWith('.csv'))).toEqual(['q3.csv']);
		expect(fs.readFileSync(path.join(dir, 'q3.csv'), 'utf8')).toMatch(/^queueId,queueName,/);
	});

	it('takes the suggested name on Enter in the untouched field, for JSON too', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-02', to: '2026-03-08'});
		await openNameField(app, 'json');
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to /);
		const written = fs.readdirSync(dir).filter(name => name.startsWith('gqx-'));
		expect(written).toEqual([`${suggested}.json`]);
		expect(Array.isArray(JSON.parse(fs.readFileSync(path.join(dir, written[0]!), 'utf8')))).toBe(true);
	});

	it('keeps the suggestion whole when Backspace is pressed in the untouched field', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-02', to: '2026-03-08'});
		await openNameField(app);
		await press(app, keys.backspace, keys.backspace, keys.backspace);
		const after = await waitForText(app, `File: ${suggested}.csv`);
		expect(after).toContain('Suggested name');
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to /);
		expect(fs.readdirSync(dir).filter(name => name.startsWith('gqx-'))).toEqual([`${suggested}.csv`]);
	});
});

describe('the export dialog on a live view', () => {
	it('writes each row’s live values after the level’s fields (the callbacks after them), as the table shows them', async () => {
		const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;
		const {app, dir} = await appOnProfile(emu, {from: today, to: today});
		await waitForText(app, /live \(push\), updated \d+ s ago/);
		// Paused, so no refresh changes the numbers between the screen read here and the file.
		await press(app, 'l');
		const table = await waitForText(app, 'live paused (l resumes)');
		const lines = table.split('\n');
		const header = lines.find(line => /^\s+Queue\s/.test(line))!;
		expect(header).toMatch(/Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail/);
		const first = lines[lines.indexOf(header) + 1]!;
		const cell = (title: string) =>
			first
				.slice(0, header.indexOf(title) + title.length)
				.trim()
				.split(/\s+/)
				.at(-1)!
				// The mark of a value out of bounds (NO_COLOR) is the screen's, not the number's.
				.replace(/^[!~]/, '');
		await press(app, 'e');
		await ready(app, 'Export this view');
		await press(app, keys.down, keys.enter);
		await waitForText(app, 'File: ');
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to /);
		const [file] = fs.readdirSync(dir).filter(name => name.startsWith('gqx-') && name.endsWith('.json'));
		const records = JSON.parse(fs.readFileSync(path.join(dir, file!), 'utf8')) as Array<Record<string, unknown>>;
		expect(Object.keys(records[0]!).slice(-12)).toEqual([
			'divisionId',
			'divisionName',
			'waiting',
			'interacting',
			'longestWaitingMs',
			'onQueueAgents',
			'availableAgents',
			'observedAt',
			// Added later than the live values: after them.
			...callbackFields,
		]);
		// The first row on screen: the same numbers in the file.
		const record = records[0]!;
		expect(first).toContain(String(record['queueName']).slice(0, 10));
		expect(String(record['waiting'])).toBe(cell('Waiting'));
		expect(String(record['interacting'])).toBe(cell('Interact'));
		expect(String(record['onQueueAgents'])).toBe(cell('On queue'));
		expect(String(record['availableAgents'])).toBe(cell('Avail'));
		const longest = record['longestWaitingMs'] as number | null;
		expect(cell('Longest').replace('!', '')).toBe(longest === null ? '-' : formatDuration(longest));
	});
});

describe('the export dialog never loses a file (issue #29, items 8 and 10)', () => {
	/** The suggestion the field shows. */
	const suggestionIn = (frame: string) => /File: (\S+)/.exec(frame)?.[1] ?? '';

	it('suggests the whole drill, so voice and the next media type differ, and asks before replacing a file', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-02', to: '2026-03-08'});
		await press(app, keys.enter);
		await waitForText(app, /^\s+Media\s/m);
		await press(app, keys.enter);
		await waitForText(app, /Interval\s/);
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		const first = suggestionIn(await waitForText(app, /File: gqx-intervals-/));
		expect(first).toMatch(/^gqx-intervals-\S+-[a-z]+-P1D-2026-03-02_2026-03-08\.csv$/);
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to /);
		const written = fs.readFileSync(path.join(dir, first), 'utf8');

		// The next media type of the same queue: another name.
		await press(app, keys.escape);
		await waitForText(app, /^\s+Media\s/m);
		await press(app, keys.down, keys.enter);
		await waitForText(app, /Interval\s/);
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		const second = suggestionIn(await waitForText(app, /File: gqx-intervals-/));
		expect(second).not.toBe(first);

		// The first name typed again: asked, not replaced; a second Enter replaces it.
		await press(app, ...first);
		await press(app, keys.enter);
		await waitForText(app, `${first} exists. Enter again replaces it`);
		expect(fs.readFileSync(path.join(dir, first), 'utf8')).toBe(written);
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows to /);
		expect(fs.readFileSync(path.join(dir, first), 'utf8')).not.toBe(written);
	});

	it('says in words what is wrong with a name, and fits the extension to the format', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-02', to: '2026-03-08'});
		await openNameField(app);
		await press(app, ...'no/such/folder/x.csv', keys.enter);
		const missing = await waitForText(app, 'its folder does not exist');
		expect(missing).not.toContain('.tmp');
		expect(missing).not.toContain('ENOENT');
		// A file where a folder should be: said in words, nothing written, no crash.
		fs.writeFileSync(path.join(dir, 'plain'), 'x');
		await press(app, ...Array.from({length: 20}, () => keys.backspace), ...'plain/x.csv', keys.enter);
		await waitForText(app, 'part of its path is a file, not a folder');

		await press(app, ...Array.from({length: 20}, () => keys.backspace), ...'q3.json', keys.enter);
		await waitForText(app, 'q3.json ends in .json, but this is a CSV export: name it q3.csv');
		expect(fs.existsSync(path.join(dir, 'q3.json'))).toBe(false);

		await press(app, ...Array.from({length: 7}, () => keys.backspace), ...'q3', keys.enter);
		await waitForText(app, /Wrote \d+ rows to .*q3\.csv/);
		expect(fs.readFileSync(path.join(dir, 'q3.csv'), 'utf8')).toMatch(/^queueId,queueName,/);
	});
});
