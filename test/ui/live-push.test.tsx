// Live columns by push through the whole app against the emulator's notifications service (real HTTP and WebSocket,
// the emulator's clock moved by the test): values on screen follow the clock with no observations query after the
// fill, a dropped socket ends with the table reconciled, socket_closing leaves no gap, a refused upgrade falls back to
// polling and says so, and `--live poll` never opens a socket.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runObservationQuery} from '../../source/emulator/observations.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import type {LiveMode} from '../../source/levels/live.js';
import {emulator, testNow} from '../helpers.js';
import {until as waitUntil} from '../wait.js';
import {renderApp, saveProfile} from './app-on-profile.js';
import {waitFor, waitForText} from './ink.js';

let emu: Emulator;
let clock = testNow;

beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 21, now: () => clock, notifications: {checkMs: 20}});
});
afterAll(async () => emu.stop());
afterEach(() => {
	cleanup();
	emu.notifications.refuseUpgrades(false);
	clock = testNow;
});

/** Each queue's waiting now, by name, as the emulator's own model has it at the clock (summed over its media). */
function waitingAt(): Map<string, number> {
	const {results} = runObservationQuery(
		emu.org,
		emu.model,
		{queueIds: emu.org.queues.map(queue => queue.id), mediaTypes: undefined, metrics: ['oWaiting'], details: []},
		clock,
		0,
	);
	const byName = new Map(emu.org.queues.map(queue => [queue.name, 0]));
	for (const result of results) {
		const name = emu.org.byId.get(result.group.queueId)!.name;
		for (const item of result.data) byName.set(name, byName.get(name)! + (item.stats.count ?? 0));
	}
	return byName;
}

/** Each queue row's Waiting cell (the first column: `Queue  Waiting  Interact ...`), by name; `!`/`~` marks dropped. */
function shownWaiting(frame: string): Map<string, number> {
	const rows = new Map<string, number>();
	for (const line of frame.split('\n')) {
		const match = /^[› ] (\S.*?)\s{2,}[!~]?(\d+)\s/.exec(line);
		if (match && match[1] !== 'Total') rows.set(match[1]!, Number(match[2]));
	}
	return rows;
}

const sameAs = (expected: Map<string, number>) => (frame: string) => {
	const shown = shownWaiting(frame);
	return shown.size === expected.size && [...expected].every(([name, waiting]) => shown.get(name) === waiting);
};

/** Moves the clock to `hours` after the test clock: a time no earlier answer was computed at. */
function moveClock(hours: number): Map<string, number> {
	clock = testNow + hours * 3_600_000;
	return waitingAt();
}

function openToday(liveMode?: LiveMode, columns = 160) {
	const {dir} = saveProfile(emu, {from: '2026-03-20', to: '2026-03-20'});
	return renderApp(dir, {
		start: {kind: 'profile', name: 'acme'},
		env: {NO_COLOR: '1', COLUMNS: String(columns)},
		props: {now: () => DateTime.fromMillis(clock), liveRefreshMs: 200, ...(liveMode ? {liveMode} : {})},
	});
}

describe('live columns by push', () => {
	it('follows the emulator by events: values change on screen, no observations query after the fill', async () => {
		const app = openToday();
		await waitForText(app, /live \(push\), updated \d+ s ago/);
		const asked = {observations: emu.counts.observations, channels: emu.counts.notifications};
		for (const hours of [1, 1.5, 2]) {
			const expected = moveClock(hours);
			expect(sameAs(expected)(app.lastFrame() ?? ''), `a change to see at +${hours} h`).toBe(false);
			await waitFor(app, sameAs(expected), `the waiting counts at +${hours} h`);
		}
		// The period after the fill cost no observations query and no channel request: the changes came by push.
		expect(emu.counts.observations).toBe(asked.observations);
		expect(emu.counts.notifications).toBe(asked.channels);
		expect(app.lastFrame()).toMatch(/live \(push\), updated \d+ s ago/);
	});

	it('reconnects after dropped sockets and shows what changed during the gap', async () => {
		const app = openToday();
		await waitForText(app, /live \(push\), updated \d+ s ago/);
		const connections = emu.notifications.connections;
		const observations = emu.counts.observations;
		// The reconnect waits at the handshake until the change is in place, and no event will bring the change: Genesys
		// keeps no events for a socket that is down, so the channels' topics are subscribed again (over HTTP, as a client
		// may), which takes their values as they are now. Only the query after the gap can show it.
		const release = emu.notifications.holdUpgrades();
		emu.notifications.dropSockets();
		await until(() => emu.notifications.channelsOf(demoClient.id).every(channel => !channel.connected));
		const expected = moveClock(3);
		await subscribeAgain();
		const events = emu.notifications.sent.events;
		release();
		expect(sameAs(expected)(app.lastFrame() ?? ''), 'a change to see').toBe(false);
		await waitFor(app, sameAs(expected), 'the table reconciled after the reconnect');
		expect(emu.notifications.connections).toBeGreaterThan(connections);
		expect(emu.notifications.sent.events, 'no event brought the change').toBe(events);
		expect(emu.counts.observations).toBeGreaterThan(observations);
		expect(app.lastFrame()).toMatch(/live \(push\)/);
	});

	it('takes a new socket on socket_closing, with no gap and no query', async () => {
		const app = openToday();
		await waitForText(app, /live \(push\), updated \d+ s ago/);
		const connections = emu.notifications.connections;
		const observations = emu.counts.observations;
		emu.notifications.sendSocketClosing();
		await until(() => emu.notifications.connections > connections);
		const expected = moveClock(4);
		expect(sameAs(expected)(app.lastFrame() ?? ''), 'a change to see').toBe(false);
		await waitFor(app, sameAs(expected), 'events on the new socket');
		expect(emu.counts.observations).toBe(observations);
	});

	it('l while push starts ends the start: no fill query, no socket left open', async () => {
		const accepted = emu.notifications.connections;
		const release = emu.notifications.holdUpgrades();
		let observations: number | undefined;
		try {
			const app = openToday();
			await until(() => emu.notifications.heldUpgrades > 0);
			observations = emu.counts.observations;
			app.stdin.write('l');
			await waitForText(app, 'live paused (l resumes)');
			// The handshake under way is given up, not left to finish.
			await until(() => emu.notifications.heldUpgrades === 0);
		} finally {
			release();
		}
		expect(emu.notifications.connections).toBe(accepted);
		expect(emu.notifications.channelsOf(demoClient.id).every(channel => !channel.connected)).toBe(true);
		expect(emu.counts.observations).toBe(observations);
	});

	it('polls when the WebSocket upgrade is refused, and says why', async () => {
		emu.notifications.refuseUpgrades(true);
		const app = openToday();
		await waitForText(app, /live \(polling: WebSocket refused \(HTTP 403\)\), updated \d+ s ago/);
		// The values come by the observations query, every refresh.
		const observations = emu.counts.observations;
		await until(() => emu.counts.observations > observations + 1);
	});

	it('polls when a channel request fails, and says why in few words: the row count stays on an 80-column line', async () => {
		emu.inject({kind: 'status', status: 503, path: '/api/v2/notifications/channels', times: 5});
		const app = openToday(undefined, 80);
		const frame = await waitForText(app, /live \(polling: HTTP 503\), (updated \d+ s ago|first update…)/);
		expect(frame).toMatch(/│ {2}\d+ rows?\b/);
	});

	it('--live poll never opens a socket or a channel', async () => {
		const connections = emu.notifications.connections;
		const channels = emu.counts.notifications;
		const app = openToday('poll');
		await waitForText(app, /live \(polling: --live poll\), updated \d+ s ago/);
		const observations = emu.counts.observations;
		await until(() => emu.counts.observations > observations + 1);
		expect(emu.notifications.connections).toBe(connections);
		expect(emu.counts.notifications).toBe(channels);
	});
});

/** Every channel of the demo client has its topics subscribed anew (DELETE, then PUT the same list), over HTTP. */
async function subscribeAgain(): Promise<void> {
	const login = await fetch(`${emu.url}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${demoClient.id}:${demoClient.secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	const {access_token: token} = (await login.json()) as {access_token: string};
	for (const channel of emu.notifications.channelsOf(demoClient.id)) {
		const url = `${emu.url}/api/v2/notifications/channels/${channel.id}/subscriptions`;
		const headers = {authorization: `Bearer ${token}`, 'content-type': 'application/json'};
		expect((await fetch(url, {method: 'DELETE', headers})).status).toBe(200);
		const body = JSON.stringify(channel.topics.map(id => ({id})));
		expect((await fetch(url, {method: 'PUT', headers, body})).status).toBe(200);
	}
}

/** Waits until the emulator has seen what `done` looks for. */
async function until(done: () => boolean): Promise<void> {
	await waitUntil(done, Boolean, 'the emulator to see it');
}
