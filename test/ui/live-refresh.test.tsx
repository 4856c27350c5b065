// Refreshes of a live view against the emulator, on a clock the test moves: the day's aggregates every period (short
// here) and `r` ask up to now, and same-named queues keep their division through them (issue #29, items 1-2).
import {cleanup, render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {App} from '../../source/ui/app.js';
import {emulator, fileSecrets, testNow} from '../helpers.js';
import {until} from '../wait.js';
import {makeClient, saveProfile, tableShown} from './app-on-profile.js';
import {keys, press, type Rendered, ready, settled, waitFor, waitForText} from './ink.js';

let emu: Emulator;
let clock = testNow;
const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;

beforeAll(async () => {
	// The demo org's queues with the second Support (division EMEA); both clocks are the test's.
	emu = await emulator({queues: 31, seed: 3, now: () => clock, recordRequests: true});
});
afterAll(async () => emu.stop());
afterEach(() => {
	cleanup();
	clock = testNow;
});

function start(totalsRefreshMs?: number): Rendered {
	const {dir, store} = saveProfile(emu, {from: today, to: today});
	return render(
		<App
			start={{kind: 'profile', name: 'acme'}}
			secrets={fileSecrets(store)}
			cwd={dir}
			env={{NO_COLOR: '1'}}
			now={() => DateTime.fromMillis(clock)}
			makeClient={makeClient}
			liveTotalsRefreshMs={totalsRefreshMs}
		/>,
	);
}

/** The ends of the aggregate queries asked so far (UTC ISO). */
function aggregateEnds(): string[] {
	return emu.requests
		.filter(request => request.path.endsWith('/analytics/conversations/aggregates/query'))
		.map(request => String((JSON.parse(request.body) as {interval: string}).interval.split('/')[1]));
}

const twentyPast = '2026-03-20T15:20:00.000Z';

describe('refreshes of a live view', () => {
	it('the minute refresh asks up to now and keeps `Support · Home` and `Support · EMEA` apart', async () => {
		const app = start(150);
		await waitForText(app, tableShown);
		await ready(app, tableShown);
		// The queues of division EMEA, kept as the filter.
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, ...'emea');
		await waitFor(app, frame => frame.includes('Support · EMEA') && !frame.includes('Support · Home'), 'EMEA');
		await press(app, keys.enter);
		clock = testNow + 20 * 60_000;
		// Two refreshes up to 15:20: the second starts only once the first is on screen.
		await until(
			() => aggregateEnds().filter(end => end === twentyPast).length,
			count => count >= 2,
			'two refreshes of the day up to 15:20',
		);
		await settled();
		const after = app.lastFrame() ?? '';
		expect(after).toContain('Support · EMEA');
		expect(after).toContain('servations (FR)');
		expect(after).not.toMatch(/ Support\s{2,}/);
		// Drilled into, the breadcrumb still says which Support.
		await press(app, keys.down);
		await waitForText(app, '› Support · EMEA');
		await press(app, keys.enter);
		const media = await waitForText(app, /^\s+Media\s/m);
		expect(media.split('\n')[0]).toMatch(/› Support · EMEA$/);
		expect(aggregateEnds().filter(end => end > twentyPast)).toEqual([]);
	});

	it('`r` asks the day up to now, not up to when the view was opened', async () => {
		const app = start();
		await ready(app, tableShown);
		const before = aggregateEnds().length;
		clock = testNow + 20 * 60_000;
		await press(app, 'r');
		await until(
			() => aggregateEnds().slice(before),
			ends => ends.includes(twentyPast),
			'a query up to 15:20 after r',
		);
		await waitForText(app, /Total\s+[!~]?[\d,]+/);
		expect(app.lastFrame()).toContain('Support · Home');
	});
});
