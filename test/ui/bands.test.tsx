// The wait bands through the whole app against the emulator: `b` on a queue row, the what-if under the table, and
// `c` comparing the bands: counts in %, shares in points, the totals' change that of the queue's answered.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {metricFor} from '../../source/metrics/catalog.js';
import {metricDelta} from '../../source/metrics/delta.js';
import {type QueueRow, rollUp} from '../../source/metrics/rows.js';
import {emulator, groundTruth, namesOf} from '../helpers.js';
import {appOnProfile, renderApp, saveProfile} from './app-on-profile.js';
import {keys, press, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const day = (iso: string) => DateTime.fromISO(iso, {zone: 'UTC'});

/** The change of Ans on the totals row: the change of the rows' Answered, as the table writes it. */
function answeredChange(now: QueueRow, before: QueueRow): string {
	return metricDelta(
		metricFor('bandAnswered'),
		{...now, bandAnswered: now.answered},
		{...before, bandAnswered: before.answered},
	).text;
}

const totalLine = (screen: string) => screen.split('\n').find(line => /^\s+Total\s/.test(line))!;

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
		const total = totalLine(compared);
		expect(total).toContain(` ${answeredChange(now, before)} `);
		expect(total).toContain(now.answered.toLocaleString('en-US'));
	});

	it('compare an interval row’s bands with the same interval of the other period', async () => {
		const {app, table} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		const selected = (screen: string) =>
			screen
				.split('\n')
				.find(line => line.startsWith('›'))!
				.slice(2)
				.split(/\s{2,}/)[0]!;
		const queueName = selected(table);
		await press(app, keys.enter);
		const media = selected(await waitForText(app, new RegExp(`› ${queueName}\\s`)));
		await press(app, keys.enter);
		await waitForText(app, /09 Mar/);
		await press(app, 'b');
		await waitForText(app, /SL what-if[\s\S]*\(SL %/);
		await press(app, 'c');
		const compared = await waitForText(app, /Ans\s+Δ\s+Ans %\s+Δ/);
		// Monday 9 March against Monday 2 March (the previous 7 days' first day), from the emulator's own conversations.
		const answeredOn = (from: string) =>
			rollUp(groundTruth(emu, day(from), day(from).plus({days: 1}), 'UTC'), 'media', namesOf(emu), null).find(
				row => row.queueName === queueName && row.mediaType === media,
			)!;
		const now = answeredOn('2026-03-09');
		const before = answeredOn('2026-03-02');
		expect(now.answered).not.toBe(before.answered);
		const total = totalLine(compared);
		expect(total).toContain(` ${answeredChange(now, before)} `);
	});

	it('compare today’s day row with the same hours of yesterday, not with the whole of yesterday', async () => {
		// Today at the emulator's 15:00: the day row runs to now, and so does its twin in the previous period.
		const {app, table} = await appOnProfile(emu, {from: '2026-03-20', to: '2026-03-20'});
		const selected = (screen: string) =>
			screen
				.split('\n')
				.find(line => line.startsWith('›'))!
				.slice(2)
				.split(/\s{2,}/)[0]!;
		const queueName = selected(table);
		await press(app, keys.enter);
		const media = selected(await waitForText(app, new RegExp(`› ${queueName}\\s`)));
		await press(app, keys.enter);
		await waitForText(app, /by 30 minutes/);
		await press(app, 'i', 'i');
		await waitForText(app, /by day \(i to change\)[\s\S]*Fri 20 Mar 2026 \*/);
		await press(app, 'b');
		await waitForText(app, /SL what-if[\s\S]*\(SL %/);
		await press(app, 'c');
		const compared = await waitForText(app, /Ans\s+Δ\s+Ans %\s+Δ/);
		const answeredIn = (from: string, to: string) =>
			rollUp(groundTruth(emu, day(from), day(to), 'UTC'), 'media', namesOf(emu), null).find(
				row => row.queueName === queueName && row.mediaType === media,
			)!;
		const now = answeredIn('2026-03-20T00:00:00', '2026-03-20T15:00:00');
		const sameHours = answeredIn('2026-03-19T00:00:00', '2026-03-19T15:00:00');
		const wholeDay = answeredIn('2026-03-19T00:00:00', '2026-03-20T00:00:00');
		expect(answeredChange(now, sameHours)).not.toBe(answeredChange(now, wholeDay));
		expect(totalLine(compared)).toContain(` ${answeredChange(now, sameHours)} `);
	});

	it('say on the picker what is wrong with a profile’s hand-edited bands, rather than use them', async () => {
		const {dir, store} = saveProfile(emu, {preset: 'last-7-days'});
		store.update('acme', profile => ({...profile, bands: [30, 10]}));
		const app = renderApp(dir, {start: {kind: 'profile', name: 'acme'}, store});
		const picker = await waitForText(app, /The wait bands of profile acme must be in ascending order/);
		expect(picker).toContain('gqx profiles bands acme');
		expect(picker).not.toMatch(/Offered/);
	});

	it('save an edited profile whose hand-edited bands are no bands, and say so on the picker', async () => {
		const {dir, store} = saveProfile(emu, {preset: 'last-7-days'});
		store.update('acme', profile => ({...profile, bands: 'soon'}));
		const app = renderApp(dir, {store});
		await waitForText(app, 'acme  ·');
		await press(app, 'e');
		await waitForText(app, 'Edit profile acme · step 1 of 4');
		await press(app, keys.enter);
		await waitForText(app, `Client id: ${demoClient.id}`);
		await press(app, keys.enter);
		await waitForText(app, 'Client secret: **********');
		await press(app, keys.enter);
		await waitForText(app, 'Profile name: acme');
		await press(app, keys.backspace, keys.backspace, keys.backspace, keys.backspace, 'north', keys.enter);
		// Saved (renamed, the bands as they were), then the picker says what is wrong with them.
		const picker = await waitForText(app, /The wait bands of profile north are not a list of seconds/);
		expect(picker).toMatch(/gqx[\s│]+profiles bands north/);
		expect(picker).toContain('❯ north  ·');
		expect(store.list().map(profile => profile.name)).toEqual(['north']);
		expect(store.get('north')).toMatchObject({clientId: demoClient.id, clientSecret: demoClient.secret, bands: 'soon'});
	});
});
