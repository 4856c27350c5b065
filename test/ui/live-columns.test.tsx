// Live columns in the column picker through the whole app against the emulator (fixed clock, a range with today):
// shown, hidden and moved like the others, remembered for the profile, reset; absent for a range without today.
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {GenesysClient} from '../../source/genesys/client.js';
import type {Thresholds} from '../../source/metrics/thresholds.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {App, type ClientFactory} from '../../source/ui/app.js';
import {emulator, fileSecrets, testNow} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {keys, press, type Rendered, ready, waitFor, waitForText} from './ink.js';

let emu: Emulator;
let rendered: Rendered | undefined;
const now = () => DateTime.fromMillis(testNow);
const today = DateTime.fromMillis(testNow, {zone: 'UTC'}).toISODate()!;
const makeClient: ClientFactory = (credentials, onRetry) =>
	new GenesysClient({...credentials, onRetry, backoffBaseMs: 10, backoffMaxMs: 50});

beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 21});
});
afterAll(async () => emu.stop());
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

/** The table's header line as text. */
function headerLine(frame: string): string {
	return frame.split('\n').find(each => /^\s+Queue\s/.test(each)) ?? '';
}

function profileIn(dir: string, from: string, thresholds?: Thresholds): void {
	new ProfileStore({cwd: dir}).save({
		name: 'acme',
		region: emu.url,
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		timeZone: 'UTC',
		dateChoice: {from, to: today},
		...(thresholds ? {thresholds} : {}),
	});
}

function start(dir: string): Rendered {
	rendered = render(
		<App
			start={{kind: 'profile', name: 'acme'}}
			secrets={fileSecrets(new ProfileStore({cwd: dir}))}
			cwd={dir}
			env={{NO_COLOR: '1'}}
			now={now}
			makeClient={makeClient}
		/>,
	);
	return rendered;
}

/** The first live update is in: the status bar says when. */
const liveTable = /live, updated \d+ s ago/;

describe('live columns in the column picker', () => {
	it('hides and moves live columns, remembers them for the profile, and reset brings them back', async () => {
		const dir = scratchDir();
		profileIn(dir, today);
		let app = start(dir);
		const first = await waitForText(app, liveTable);
		await ready(app, liveTable);
		expect(headerLine(first)).toMatch(/^\s+Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail\s+Offered▼/);

		// v: the live columns first, ticked and marked live.
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		expect(picker).toContain('(22 of 23 shown');
		expect(picker).toMatch(/› \[x\]\s+1\. Waiting now \(Waiting\) · live/);
		expect(picker).toMatch(/\[x\]\s+5\. Agents available \(Avail\) · live/);
		expect(picker).toMatch(/\[x\]\s+6\. Offered\s+│/);

		// Hide Waiting; move Longest wait (now second) right past On queue, Avail and Offered.
		await press(app, ' ');
		await waitForText(app, /› \[x\]\s+1\. Interacting now/);
		// Hidden, it goes among the hidden ones (below, past the window's end).
		expect(app.lastFrame()).toContain('(21 of 23 shown');
		await press(app, 'j');
		await waitForText(app, /› \[x\]\s+2\. Longest wait now/);
		await press(app, ']', ']', ']');
		await waitForText(app, /› \[x\]\s+5\. Longest wait now/);
		await press(app, keys.enter);
		const chosen = await waitFor(
			app,
			frame => /^\s+Queue\s+Interact\s+On queue\s+Avail\s+Offered▼\s+Longest\s/.test(headerLine(frame)),
			'the chosen live columns',
		);
		expect(headerLine(chosen)).not.toContain('Waiting');

		// The next start opens the same way.
		app.unmount();
		app = start(dir);
		const again = await waitForText(app, liveTable);
		expect(headerLine(again)).toMatch(/^\s+Queue\s+Interact\s+On queue\s+Avail\s+Offered▼\s+Longest\s/);
		expect(new ProfileStore({cwd: dir}).get('acme')?.views?.['queues']?.hiddenLive).toEqual(['waiting']);
		await ready(app, liveTable);

		// v then r: the live columns lead again, Waiting included.
		await press(app, 'v');
		await waitForText(app, 'Columns of the queue level');
		await press(app, 'r');
		await waitForText(app, /› \[x\]\s+1\. Waiting now/);
		await press(app, keys.escape);
		await waitFor(
			app,
			frame => /^\s+Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail\s+Offered▼/.test(headerLine(frame)),
			'the default live columns',
		);
	});

	it('offers no live column for a range without today', async () => {
		const dir = scratchDir();
		const yesterday = DateTime.fromMillis(testNow, {zone: 'UTC'}).minus({days: 2}).toISODate()!;
		new ProfileStore({cwd: dir}).save({
			name: 'acme',
			region: emu.url,
			clientId: demoClient.id,
			clientSecret: demoClient.secret,
			timeZone: 'UTC',
			dateChoice: {from: yesterday, to: yesterday},
			views: {queues: {columns: ['offered', 'waiting', 'answered']}},
		});
		const app = start(dir);
		const table = await waitForText(app, /Total\s+[\d,]+/);
		await ready(app, /Total\s+[\d,]+/);
		expect(headerLine(table)).toMatch(/^\s+Queue\s+Offered▼\s+Answered\s*$/);
		await press(app, 'v');
		const picker = await waitForText(app, 'Columns of the queue level');
		expect(picker).toContain('(2 of');
		expect(picker).not.toMatch(/live|Waiting/);
	});
});
