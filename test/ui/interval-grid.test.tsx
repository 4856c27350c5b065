// The interval levels show every interval of the range (issue #29, item 11): the empty ones with counts 0, so a day
// at 30 minutes is 48 rows whatever the traffic, and the sparklines above run over all of them. So do an agent's and
// a wrap-up code's intervals.
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {appOnProfile, renderApp, saveProfile, tableShown} from './app-on-profile.js';
import {keys, press, ready, waitForText} from './ink.js';

let emu: Emulator;
const day = '2026-03-15';

beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 5});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

/** The queue and media type with the fewest half hours of traffic on the day (from `gqx export --sparse`). */
async function quietestPair(): Promise<{queueName: string; mediaType: string; count: number}> {
	const result = await runCommand(
		['export', '--level', 'intervals', '--sparse', '--format', 'json', '--tz', 'UTC', '--from', day, '--to', day],
		{env: credentialsEnv(emu.url)},
	);
	const counts = new Map<string, {queueName: string; mediaType: string; count: number}>();
	for (const record of JSON.parse(result.stdout) as Array<{queueName: string; mediaType: string}>) {
		const key = `${record.queueName}/${record.mediaType}`;
		const pair = counts.get(key) ?? {queueName: record.queueName, mediaType: record.mediaType, count: 0};
		pair.count++;
		counts.set(key, pair);
	}
	return [...counts.values()].sort((a, b) => a.count - b.count)[0]!;
}

describe('the interval level', () => {
	it('has all 48 half hours of a day for the quietest media type, those without traffic too', async () => {
		const quiet = await quietestPair();
		expect(quiet.count).toBeLessThan(48);
		const {app} = await appOnProfile(emu, {from: day, to: day});
		await press(app, '/', ...quiet.queueName, keys.enter);
		await press(app, keys.enter);
		await waitForText(app, /^\s+Media\s/m);
		await press(app, '/', ...quiet.mediaType, keys.enter);
		await press(app, keys.enter);
		const table = await waitForText(app, /Interval▲/);
		expect(table.split('\n')[0]).toContain(`› ${quiet.mediaType}`);
		expect(table).toMatch(/\b48 rows\b/);
	});
});

function selectedName(frame: string): string {
	const line = frame.split('\n').find(each => each.startsWith('›')) ?? '';
	return line
		.slice(2)
		.split(/\s{2,}/)[0]!
		.trim();
}

/** How many half hours of the day the member (an agent's or a code's name) of the queue had work in. */
async function halfHoursWithWork(level: string, queueName: string, nameField: string, name: string): Promise<number> {
	const result = await runCommand(
		[
			...['export', '--level', level, '--granularity', 'PT30M', '--sparse', '--format', 'json'],
			...['--tz', 'UTC', '--from', day, '--to', day, '--queue', queueName],
		],
		{env: credentialsEnv(emu.url)},
	);
	expect(result.code).toBe(0);
	const records = JSON.parse(result.stdout) as Array<Record<string, string>>;
	return records.filter(record => record[nameField] === name).length;
}

describe('the intervals of an agent and of a wrap-up code', () => {
	it.each([
		['a', 'agents', 'userName', /\n\s+Agent\s+Answered▼/],
		['w', 'wrapups', 'wrapUpCodeName', /\n\s+Wrap-up\s+Count▼/],
	] as const)('%s, Enter: all 48 half hours of the day, those without work too', async (key, level, field, listed) => {
		const {app, table} = await appOnProfile(emu, {from: day, to: day});
		const queueName = selectedName(table);
		await press(app, key);
		const members = await waitForText(app, listed);
		const member = selectedName(members);
		const withWork = await halfHoursWithWork(level, queueName, field, member);
		expect(withWork).toBeGreaterThan(0);
		expect(withWork).toBeLessThan(48);
		await press(app, keys.enter);
		const intervals = await waitForText(app, /Interval▲/);
		expect(intervals.split('\n')[0]).toContain(`› ${member}`);
		expect(intervals).toMatch(/\b48 rows\b/);
		expect(intervals).toContain('Sun 15 Mar 00:00');
	});
});

describe('weeks in the interval level', () => {
	// Wednesday 4 to Tuesday 17 March 2026: both ends cut a week.
	const weeks = {from: '2026-03-04', to: '2026-03-17'};

	/** The first queue's first media type by week, on the app started on a profile whose weeks start on `weekStart`. */
	async function byWeek(weekStart?: 'sunday'): Promise<string> {
		const {dir, store} = saveProfile(emu, weeks);
		if (weekStart) store.update('acme', profile => ({...profile, weekStart}));
		const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store});
		await ready(app, tableShown);
		await press(app, keys.enter);
		await waitForText(app, /^\s+Media\s/m);
		await press(app, keys.enter);
		await waitForText(app, /by day \(i to change\)/);
		await press(app, 'i');
		return waitForText(app, /by week \(i to change\)[\s\S]*Total/);
	}

	it('start on Monday; the partial first and last weeks are marked *, and the status line says what * means', async () => {
		const table = await byWeek();
		const labels = table
			.split('\n')
			.map(line => /^[›\s]\s(\S.*?\S)\s{2,}\d/.exec(line)?.[1])
			.filter(label => label !== undefined && label !== 'Total');
		expect(labels).toEqual(['04–08 Mar 2026 *', 'week of 09 Mar 2026', '16–17 Mar 2026 *']);
		expect(table.split('\n')[1]).toContain('* partial interval (the range cuts it)');
	});

	it("start on Sunday when the profile's weeks do", async () => {
		const table = await byWeek('sunday');
		expect(table).toContain('04–07 Mar 2026 *');
		expect(table).toContain('week of 08 Mar 2026');
		expect(table).toContain('15–17 Mar 2026 *');
	});
});
