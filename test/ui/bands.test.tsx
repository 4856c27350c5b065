// The wait bands through the whole app against the emulator: `b` on a queue row, the what-if under the table, and
// `c` comparing the bands: counts in %, shares in points, the totals' change that of the queue's answered.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {metricFor} from '../../source/metrics/catalog.js';
import {metricDelta} from '../../source/metrics/delta.js';
import {rollUp} from '../../source/metrics/rows.js';
import {emulator, groundTruth, namesOf} from '../helpers.js';
import {appOnProfile} from './app-on-profile.js';
import {press, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const day = (iso: string) => DateTime.fromISO(iso, {zone: 'UTC'});

describe('wait bands in the app', () => {
	it('open with b on a queue row, show the what-if, and compare band by band with c', async () => {
		const {app, table} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		const queueName = table
			.split('\n')
			.find(line => line.startsWith('›'))!
			.slice(2)
			.split(/\s{2,}/)[0]!;
		await press(app, 'b');
		const bands = await waitForText(app, /SL what-if[\s\S]*\(SL %/);
		expect(bands).toContain(`› ${queueName} › wait bands`);
		expect(bands).toMatch(/^\s+Wait▲\s+Ans\s+Ans %/m);
		await press(app, 'c');
		const compared = await waitForText(app, /Ans\s+Δ\s+Ans %\s+Δ/);
		expect(compared).toMatch(/[+-]\d+\.\dpp/);
		// The totals' change of Ans is the change of the queue's Answered between the two weeks.
		const answeredOf = (from: string, to: string) =>
			rollUp(groundTruth(emu, day(from), day(to), 'UTC'), 'queues', namesOf(emu), null).find(
				row => row.queueName === queueName,
			)!;
		const now = answeredOf('2026-03-09', '2026-03-16');
		const before = answeredOf('2026-03-02', '2026-03-09');
		const delta = metricDelta(
			metricFor('bandAnswered'),
			{...now, bandAnswered: now.answered},
			{...before, bandAnswered: before.answered},
		);
		const total = compared.split('\n').find(line => /^\s+Total\s/.test(line))!;
		expect(total).toContain(` ${delta.text} `);
		expect(total).toContain(now.answered.toLocaleString('en-US'));
	});
});
