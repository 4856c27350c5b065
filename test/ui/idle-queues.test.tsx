// Queues without traffic in the range (issue #29, item 14): hidden from the queue level, but said so in the status
// line, and shown by `z`, the filter then finding them; `z` again hides them.
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {compareLevelRows} from '../../source/levels/compare.js';
import {queuesLevel} from '../../source/levels/queues.js';
import type {StatsBag} from '../../source/genesys/stats.js';
import type {DisplayRow} from '../../source/levels/types.js';
import {toRow} from '../../source/metrics/rows.js';
import {idleText} from '../../source/ui/explorer/model.js';
import {emulator} from '../helpers.js';
import {appOnProfile} from './app-on-profile.js';
import {keys, press, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 6, idleQueues: 3, seed: 5});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

function statusLine(frame: string): string {
	return frame.split('\n')[1] ?? '';
}

describe('queues without traffic', () => {
	it('are counted in the status line, shown and hidden by z, and found by the filter once shown', async () => {
		const idleName = emu.org.queues.at(-1)!.name;
		const {app, table} = await appOnProfile(emu, {from: '2026-03-15', to: '2026-03-15'});
		expect(statusLine(table)).toContain('6 rows  │  3 queues without traffic hidden (z shows them)');
		expect(table).not.toContain(idleName);

		// Hidden: the filter does not find it, and the empty table says why.
		await press(app, '/', ...idleName, keys.enter);
		const none = await waitForText(app, /Nothing matches/);
		expect(none).toContain(
			`Nothing matches “${idleName}” among the 6 rows; 3 queues without traffic hidden (z shows them).`,
		);

		// z: the idle queues are rows (counts 0, rates empty), the filter finds the one typed.
		await press(app, 'z');
		const found = await waitForText(app, /3 queues without traffic shown \(z hides them\)/);
		const row = found.split('\n').find(line => line.includes(idleName)) ?? '';
		expect(row).toMatch(new RegExp(`${idleName.replace(/[()]/g, '\\$&')}\\s+0\\s+0\\s+0\\s+-`));
		expect(statusLine(found)).toMatch(/\b1\/9 rows\b/);

		// Esc clears the filter: all nine; z hides the three again.
		await press(app, keys.escape);
		await waitForText(app, /\b9 rows\b/);
		await press(app, 'z');
		const hidden = await waitForText(app, /3 queues without traffic hidden/);
		expect(statusLine(hidden)).toMatch(/\b6 rows\b/);
	});

	it('says how many, with thousands separators and one queue as one', () => {
		const queues = {id: 'queues' as const, context: {}};
		expect(idleText(1, queuesLevel, queues, false)).toBe('1 queue without traffic hidden (z shows it)');
		expect(idleText(1_234, queuesLevel, queues, true)).toBe('1,234 queues without traffic shown (z hides them)');
		expect(idleText(0, queuesLevel, queues, false)).toBe('');
		const skills = {id: 'queues' as const, context: {rowsBy: 'skill' as const}};
		expect(idleText(1, queuesLevel, skills, false)).toBe('1 skill without traffic hidden (z shows it)');
	});

	it('while comparing, hides a queue only when it had no traffic in either period', () => {
		const row = (key: string, offered: number, idle: boolean): DisplayRow => {
			const stats: StatsBag = offered ? {nOffered: {count: offered}} : {};
			const made = toRow({queueId: key, queueName: key, mediaType: null, interval: null}, stats);
			return {key, label: key, search: key, row: made, stats, ...(idle ? {idle} : {})};
		};
		const now = {rows: [row('busy', 5, false), row('quiet-now', 0, true), row('quiet-always', 0, true)]};
		const before = {rows: [row('busy', 4, false), row('quiet-now', 7, false), row('quiet-always', 0, true)]};
		const joined = compareLevelRows(queuesLevel, now, before, {days: 7, timeZone: 'UTC', granularity: 'P1D'});
		expect(joined.rows.filter(each => each.idle).map(each => each.key)).toEqual(['quiet-always']);
		expect(joined.rows.find(each => each.key === 'quiet-now')?.previous?.row.offered).toBe(7);
	});
});
