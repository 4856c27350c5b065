// The interval levels show every interval of the range (issue #29, item 11): the empty ones with counts 0, so a day
// at 30 minutes is 48 rows whatever the traffic, and the sparklines above run over all of them. So do an agent's and
// a wrap-up code's intervals.
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, waitForText} from './ink.js';

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
