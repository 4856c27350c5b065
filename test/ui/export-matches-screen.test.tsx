// What `e`, `y` and `Y` write carries what the screen shows, as `gqx export` writes the same view (issue #29, items
// 6, 7 and 9): the comparison's `<field>Prev` and `comparedInterval` and the TSV's changes while `c` is on, the
// interval every record covers, a live view's `observedAt`, the heat map's division.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {comparedFields} from '../../source/metrics/compared.js';
import {credentialsEnv, emulator, testNow} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {appOnProfile, exportJson} from './app-on-profile.js';
import {press, type Rendered, waitForText} from './ink.js';

let emu: Emulator;
const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;

beforeAll(async () => {
	// The second Support queue (division EMEA) is among these.
	emu = await emulator({queues: 31, seed: 3});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

type Json = Array<Record<string, unknown>>;

/** `gqx export` of the same view, as JSON. */
async function exported(args: string[]): Promise<Json> {
	const result = await runCommand(['export', '--tz', 'UTC', '--format', 'json', ...args], {
		env: credentialsEnv(emu.url),
	});
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as Json;
}

const byQueue = (records: Json) => new Map(records.map(record => [String(record['queueId']), record]));

/** The text of the last OSC 52 sequence written to the terminal, decoded. */
function copied(app: Rendered): string {
	const written = app.frames.filter(frame => frame.startsWith('\u001B]52;c;')).at(-1);
	expect(written, 'an OSC 52 sequence').toBeDefined();
	return Buffer.from(written!.slice('\u001B]52;c;'.length, -1), 'base64').toString('utf8');
}

describe('exports and copies that match the screen', () => {
	it('with `c` on, `e` writes what `gqx export --compare previous` writes, field by field', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 'c');
		await waitForText(app, /Offered▼\s+Δ/);
		const file = await exportJson(app, dir);
		const command = await exported([
			'--level',
			'queues',
			'--from',
			'2026-03-09',
			'--to',
			'2026-03-15',
			'--compare',
			'previous',
		]);
		expect(Object.keys(file[0]!)).toEqual([...comparedFields]);
		expect(file).toHaveLength(command.length);
		const expected = byQueue(command);
		for (const record of file)
			expect(record, String(record['queueName'])).toEqual(expected.get(String(record['queueId'])));

		// Y: every number column followed by its change, as on screen.
		await press(app, 'Y');
		await waitForText(app, /Copied [\d,]+ rows/);
		const [header = ''] = copied(app).split('\n');
		expect(header.split('\t').slice(0, 4)).toEqual(['Queue', 'Offered', 'Δ Offered', 'Answered']);
	});

	it('a live view’s file says the day it covers and when each live value was observed', async () => {
		const {app, dir} = await appOnProfile(emu, {from: today, to: today});
		await waitForText(app, /live \(push\), updated \d+ s ago/);
		const file = await exportJson(app, dir);
		const day = '2026-03-20T00:00:00.000Z/2026-03-20T15:00:00.000Z';
		for (const record of file) {
			expect(record['interval']).toBe(day);
			expect(Object.keys(record)).toContain('observedAt');
		}
		expect(file.some(record => typeof record['observedAt'] === 'string')).toBe(true);
	});

	it('the agents of a queue carry the range’s interval, as `gqx export --level agents` writes it', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 'a');
		await waitForText(app, /Agent\s/);
		const file = await exportJson(app, dir);
		expect(file.length).toBeGreaterThan(0);
		for (const record of file) expect(record['interval']).toBe('2026-03-09T00:00:00.000Z/2026-03-16T00:00:00.000Z');
	});

	it('`gqx export --level hours` and the heat map’s export name the queue’s division', async () => {
		const command = await exported(['--from', '2026-03-09', '--to', '2026-03-15', '--level', 'hours']);
		const support = emu.org.queues.find(queue => queue.divisionName === 'EMEA' && queue.name === 'Support')!;
		const records = command.filter(record => record['queueId'] === support.id);
		expect(records.length).toBeGreaterThan(0);
		for (const record of records)
			expect([record['divisionId'], record['divisionName']]).toEqual([support.divisionId, 'EMEA']);

		// The heat map of the first queue on screen.
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 'h');
		await waitForText(app, /Mon\s/);
		const file = await exportJson(app, dir);
		const queue = emu.org.queues.find(each => each.id === file[0]!['queueId'])!;
		expect(file.length).toBeGreaterThan(0);
		for (const record of file)
			expect([record['divisionId'], record['divisionName']]).toEqual([queue.divisionId, queue.divisionName]);
	});
});
