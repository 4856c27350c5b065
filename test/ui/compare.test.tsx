// The comparison (`c`) through the whole app against the emulator: the totals' changes equal those of separate
// queries of both ranges, the status bar names both, arrows say better or worse under NO_COLOR, and the choice
// is there again on the profile's next start.
import fs from 'node:fs';
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {metricFor} from '../../source/metrics/catalog.js';
import {deltaText, metricDelta} from '../../source/metrics/delta.js';
import {totalRow} from '../../source/metrics/rows.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {emulator, groundTruth} from '../helpers.js';
import {until} from '../wait.js';
import {appOnProfile, renderApp} from './app-on-profile.js';
import {keys, press, waitFor, waitForText} from './ink.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 34});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const zone = 'UTC';
const day = (iso: string) => DateTime.fromISO(iso, {zone});

describe('comparison in the app', () => {
	it('shows each metric with its change, names both ranges, and is remembered for the profile', async () => {
		const {app, dir} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
		let rendered = app;
		await press(rendered, 'c');
		const frame = await waitForText(rendered, /Offered▼\s+Δ/);
		// Both ranges: this week, and the previous period (the week before).
		expect(frame).toContain('9–15 Mar 2026 vs 2–8 Mar 2026');
		const current = totalRow(groundTruth(emu, day('2026-03-09'), day('2026-03-16'), zone));
		const before = totalRow(groundTruth(emu, day('2026-03-02'), day('2026-03-09'), zone));
		const totals = frame.split('\n').find(line => line.trimStart().startsWith('Total'))!;
		const header = frame.split('\n').find(line => /^\s+Queue\s/.test(line))!;
		// Each change in the totals row is the change between the two ranges queried on their own. Cells are
		// right-aligned under their headers: a change's cell ends where its Δ does.
		const cellEndingAt = (line: string, end: number) => line.slice(0, end).split(' ').at(-1)!;
		let checked = 0;
		for (const field of ['offered', 'abandonRate', 'serviceLevel', 'asaMs', 'ahtMs'] as const) {
			const metric = metricFor(field);
			const at = header.search(new RegExp(` ${metric.header.replace(/[%]/g, '\\$&')}[▲▼]? `));
			// A change is right after its value, or was dropped for width.
			if (at === -1 || !header.slice(at + 1 + metric.header.length).match(/^[▲▼]? +Δ/)) continue;
			const deltaEnd = header.indexOf('Δ', at) + 1 + (/[▲▼]/.test(header[header.indexOf('Δ', at) + 1] ?? '') ? 1 : 0);
			expect(cellEndingAt(totals, deltaEnd), field).toBe(deltaText(metricDelta(metric, current, before)));
			checked++;
		}
		expect(checked).toBe(4);
		// The arrows say better or worse (colour, where it is on, is checked in a real terminal: test/e2e).
		expect(frame).toMatch(/[▲▼]/);
		// s goes through the changes too.
		await press(rendered, 's');
		await waitForText(rendered, 'sorted by Δ Offered');

		// The next start of the profile compares again, with no key pressed.
		const file = new ProfileStore({cwd: dir}).path;
		await until(
			() => fs.readFileSync(file, 'utf8'),
			text => text.includes('"compare"'),
			`"compare" in ${file}`,
			{
				timeoutMs: 5000,
			},
		);
		const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as {
			profiles: Record<string, {views?: Record<string, unknown>}>;
		};
		expect(saved.profiles['acme']?.views?.['*']).toEqual({compare: 'previous'});
		rendered.unmount();
		rendered = renderApp(dir, {start: {kind: 'profile', name: 'acme'}});
		await waitForText(rendered, /9–15 Mar 2026 vs 2–8 Mar 2026[\s\S]*Δ▼/);
	});
});

it('leaves its notice on the level it was said on', async () => {
	const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
	// previous, week, year, then off.
	await press(app, 'c', 'c', 'c', 'c');
	await waitForText(app, 'comparison off');
	await press(app, keys.enter);
	const media = await waitFor(app, frame => /\n\s+Media\s/.test(frame) && /Total\s+[\d,]+/.test(frame), 'media');
	expect(media).not.toContain('comparison off');
	await press(app, 'c');
	await waitForText(app, 'comparing with the previous period');
	await press(app, keys.escape);
	const queues = await waitFor(app, frame => /\n\s+Queue\s/.test(frame), 'back on the queues');
	expect(queues).not.toContain('comparing with the previous period');
});
