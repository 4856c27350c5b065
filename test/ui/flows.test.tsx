// The flows levels through the whole app against the emulator: f switches the queues to flows and back, the totals
// row adds up, Enter opens a flow's outcomes and an outcome's intervals, u the queues a flow sent callers to, and a
// client without the flow aggregates permission is told which one it needs.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {demoClient} from '../../source/emulator/server.js';
import {flowCatalogOf, flowCounts, flowSeriesOf, sessionsUpTo} from '../../source/emulator/flows.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {flowFields} from '../../source/metrics/flows.js';
import {flowHourFields} from '../../source/levels/flows.js';
import {emulator} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {appOnProfile, renderApp} from './app-on-profile.js';
import {keys, press, ready, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const flowsShown = /\n\s+Flow\s+Entered▼/;

/** A line's numbers, in order. */
function numbersOf(line: string): number[] {
	return [...line.matchAll(/(?<=\s)[\d,]+(?=\s|$)/g)].map(match => Number(match[0].replaceAll(',', '')));
}

function lineOf(frame: string, start: RegExp): string {
	return frame.split('\n').find(line => start.test(line)) ?? '';
}

/** A flow's sessions that ended in it, and all of its sessions, in [from, to), counted from the emulator's model. */
function sessionsOf(flowId: string, fromMs: number, toMs: number): {entered: number; contained: number} {
	let entered = 0;
	let contained = 0;
	for (const series of flowSeriesOf(emu.org)) {
		if (series.flow.id !== flowId) continue;
		const before = flowCounts(emu.model, series, sessionsUpTo(emu.model, series, fromMs));
		const after = flowCounts(emu.model, series, sessionsUpTo(emu.model, series, toMs));
		entered += after.sessions - before.sessions;
		contained += after.hungUp + after.flowDisconnected - before.hungUp - before.flowDisconnected;
	}
	return {entered, contained};
}

describe('the flows level in the app', () => {
	it('f switches to flows with the emulator’s numbers and a totals row, Enter opens outcomes, u queues, f goes back', async () => {
		const {app, dir, table} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 'f');
		const flows = await waitForText(app, flowsShown);
		expect(flows).toContain('› flows');
		// A range without today has no In flow now.
		expect(flows).not.toContain('In flow');
		const main = flowCatalogOf(emu.org).flows[0]!;
		const own = sessionsOf(main.id, Date.parse('2026-03-09T00:00:00Z'), Date.parse('2026-03-16T00:00:00Z'));
		// Entered, Ended in, To queue, then Containment %.
		const row = lineOf(flows, new RegExp(`^[› ] ${main.name}\\s`));
		const [entered, endedIn, toQueue] = numbersOf(row);
		expect(entered).toBe(own.entered);
		expect(endedIn).toBe(own.contained);
		expect(row).toContain(`${((100 * own.contained) / own.entered).toFixed(1)}%`);
		expect(toQueue).toBeGreaterThan(0);
		// The totals row adds the flows up.
		const rows = flows.split('\n').filter(line => /^[› ] \S/.test(line) && !/^\s+(Flow|Total)\s/.test(line));
		const total = numbersOf(lineOf(flows, /^\s+Total\s/));
		expect(total[0]).toBe(rows.reduce((sum, line) => sum + (numbersOf(line)[0] ?? 0), 0));

		// Enter on the first flow (the largest): its outcomes, then an outcome's intervals.
		const first = rows[0]!
			.slice(2)
			.split(/\s{2,}/)[0]!
			.trim();
		await press(app, keys.enter);
		const outcomes = await waitForText(app, /\n\s+Outcome\s+Started▼\s+Succeeded\s+Failed\s+Success %/);
		expect(outcomes).toContain(`${first} › outcomes`);
		const outcome = lineOf(outcomes, /^› /);
		const [started, succeeded, failed] = numbersOf(outcome);
		expect(started).toBe((succeeded ?? 0) + (failed ?? 0));
		await press(app, keys.enter);
		const intervals = await waitForText(app, /\n\s+Interval▲\s+Started/);
		expect(intervals).toContain('Mon 09 Mar 2026');
		await press(app, keys.escape);
		await waitForText(app, /\n\s+Outcome\s+Started▼/);
		await press(app, keys.escape);
		await waitForText(app, flowsShown);

		// u: the queues the flow sent callers to, adding up to its To queue.
		await press(app, 'u');
		const queues = await waitForText(app, /\n\s+Queue\s+To queue▼/);
		expect(queues).toContain(`${first} › to queues`);
		expect(numbersOf(lineOf(queues, /^\s+Total\s/))[0]).toBe(numbersOf(rows[0]!)[2]);
		await press(app, keys.escape);
		await waitForText(app, flowsShown);

		// e writes the flows as gqx export --level flows writes them.
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		const fileName = 'gqx-flows-2026-03-09_2026-03-15.csv';
		await waitForText(app, `File: ${fileName}`);
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows/);
		const exported = parse(fs.readFileSync(path.join(dir, fileName), 'utf8'), {columns: true}) as Array<
			Record<string, string>
		>;
		expect(Object.keys(exported[0]!)).toEqual([...flowFields]);
		expect(exported).toHaveLength(rows.length);
		const mainRecord = exported.find(record => record['flowId'] === main.id)!;
		expect(Number(mainRecord['entered'])).toBe(own.entered);
		expect(Number(mainRecord['disconnected'])).toBe(own.contained);
		expect(mainRecord['interval']).toBe('2026-03-09T00:00:00.000Z/2026-03-16T00:00:00.000Z');

		// f again: back to the queues as they were.
		await press(app, 'f');
		const back = await waitForText(app, /\n\s+Queue\s/);
		expect(back.split('\n').slice(2)).toEqual(table.split('\n').slice(2));
	});

	it('h on a flow draws its week by hour, → its other numbers, and e writes its hours adding up to its Entered', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, 'f');
		const flows = await waitForText(app, flowsShown);
		const name = /^› (.+?)\s{2,}/m.exec(flows)![1]!;
		const flow = flowCatalogOf(emu.org).flows.find(each => each.name === name)!;
		const own = sessionsOf(flow.id, Date.parse('2026-03-09T00:00:00Z'), Date.parse('2026-03-16T00:00:00Z'));
		await press(app, 'h');
		const map = await waitForText(app, `Entered a day · ${name} · UTC`);
		expect(map).toContain('[Entered]  To queue   Contain %   Avg flow');
		expect(map).toMatch(/Peak \w{3} \d\d:00, [\d,.]+ entered a day/);
		// One week: each weekday's whole-day figure is that day's sessions; the seven add up to the flow's Entered.
		const days = map.split('\n').filter(line => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /.test(line));
		expect(days).toHaveLength(7);
		expect(days.reduce((sum, line) => sum + Number(line.trim().split(/\s+/).at(-1)!.replaceAll(',', '')), 0)).toBe(
			own.entered,
		);
		await press(app, keys.right);
		await waitForText(app, `Exited to queue a day · ${name}`);
		await press(app, keys.right);
		const contained = await waitForText(app, `Containment % · ${name}`);
		expect(contained).toContain('under 10 entered');

		// e writes the weekday-hours of the flow, its numbers as the flows level's.
		await press(app, 'e');
		await waitForText(app, 'Export this view');
		await press(app, keys.enter);
		const file = await waitForText(app, /File: (gqx-flow-hours-\S+\.csv)/);
		const fileName = /File: (gqx-flow-hours-\S+\.csv)/.exec(file)![1]!;
		await press(app, keys.enter);
		await waitForText(app, /Wrote \d+ rows/);
		const records = parse(fs.readFileSync(path.join(dir, fileName), 'utf8'), {columns: true}) as Array<
			Record<string, string>
		>;
		expect(Object.keys(records[0]!)).toEqual([...flowHourFields]);
		expect(records).toHaveLength(168);
		expect(new Set(records.map(record => record['flowId']))).toEqual(new Set([flow.id]));
		expect(records.reduce((sum, record) => sum + Number(record['entered']), 0)).toBe(own.entered);
		expect(records.reduce((sum, record) => sum + Number(record['disconnected']), 0)).toBe(own.contained);
	});

	it('f opens the flows when a filter keeps no queue, and f goes back to the filtered queues', async () => {
		const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, ...'zzzz', keys.enter);
		await waitForText(app, 'Nothing matches “zzzz”');
		await press(app, 'f');
		const flows = await waitForText(app, flowsShown);
		expect(flows).toContain('› flows');
		await press(app, 'f');
		await waitForText(app, 'Nothing matches “zzzz”');
	});

	it('names the permission a client without the flow aggregates lacks', async () => {
		emu.addClient({
			id: 'no-flows',
			secret: 'secret',
			permissions: demoClient.permissions.filter(permission => permission !== 'analytics:flowAggregate:view'),
		});
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		store.save({
			name: 'acme',
			region: emu.url,
			clientId: 'no-flows',
			clientSecret: 'secret',
			timeZone: 'UTC',
			dateChoice: {from: '2026-03-09', to: '2026-03-15'},
		});
		const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store});
		await waitForText(app, /Total\s+[\d,]+/);
		await ready(app, /Total\s+[\d,]+/);
		await press(app, 'f');
		const refused = await waitForText(app, 'analytics:flowAggregate:view');
		expect(refused).not.toMatch(/\n\s+at /);
	});
});
