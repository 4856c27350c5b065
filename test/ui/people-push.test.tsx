// People now by push through the whole app against the emulator's notifications service (real HTTP and WebSocket,
// the emulator's clock moved by the test): agents' statuses change on screen with no board query in between, the
// summary counts the rows, a dropped socket ends with the board reconciled, a refused upgrade falls back to polling
// and says so, `--live poll` opens no socket for the board, and events for others or with hostile text do no harm.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {agentStatesOf} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import type {LiveMode} from '../../source/levels/live.js';
import {emulator, testNow} from '../helpers.js';
import {until} from '../wait.js';
import {renderApp, saveProfile, tableShown} from './app-on-profile.js';
import {press, ready, waitFor, waitForText} from './ink.js';
import {membersAt} from './members-now.js';

let emu: Emulator;
let clock = testNow;

beforeAll(async () => {
	// More agents than the first queue has members: one of the others joins it.
	emu = await emulator({queues: 6, seed: 5, agents: 40, now: () => clock, notifications: {checkMs: 20}});
});
afterAll(async () => emu.stop());
afterEach(() => {
	cleanup();
	emu.notifications.refuseUpgrades(false);
	clock = testNow;
});

const routingWords: Record<string, string> = {
	IDLE: 'Idle',
	INTERACTING: 'Interacting',
	COMMUNICATING: 'Communicating',
	NOT_RESPONDING: 'Not responding',
	OFF_QUEUE: 'Off queue',
};

/** The emulator's members of the first queue with their states at the clock: what the board should show. */
const membersNow = () => membersAt(emu, emu.org.queues[0]!, clock);

const rowsOf = (frame: string) =>
	frame.split('\n').filter(line => /^[› ] \S/.test(line) && !/^\s+Agent\s/.test(line) && !/\d+ agents?\s/.test(line));

/** Each logged-in member's row shows their routing status as the emulator has it now (and nobody else is listed). */
const showsNow = (frame: string) => {
	const rows = rowsOf(frame);
	const loggedIn = membersNow().filter(member => member.state.presence !== 'OFFLINE');
	return (
		rows.length === loggedIn.length &&
		loggedIn.every(member => {
			const row = rows.find(line => line.slice(2).startsWith(`${member.name}  `));
			return (
				row
					?.slice(2)
					.split(/\s{2,}/)[1]
					?.replace(/^!/, '') === routingWords[member.state.routing]
			);
		})
	);
};

/** The first later clock (minutes on) at which some member's routing status differs from now. */
function nextChange(): number {
	const before = new Map(membersNow().map(member => [member.id, member.state.routing]));
	const start = clock;
	for (let minutes = 1; minutes < 120; minutes++) {
		clock = start + minutes * 60_000;
		if (membersNow().some(member => before.get(member.id) !== member.state.routing)) return clock;
	}
	throw new Error('no change in two hours');
}

/** An activity event of a routing status since a moment, as the service sends it. */
const userEvent = (id: string, status: string, atMs: number) =>
	JSON.stringify({
		topicName: `v2.users.${id}.activity`,
		eventBody: {id, routingStatus: {status, startTime: new Date(atMs).toISOString()}},
	});

/** The first queue's board (it is the table's first row, sorted by Offered: found by name). */
async function openBoard(liveMode?: LiveMode, beforeBoard?: (app: ReturnType<typeof renderApp>) => Promise<void>) {
	const {dir} = saveProfile(emu, {from: '2026-03-20', to: '2026-03-20'});
	const app = renderApp(dir, {
		start: {kind: 'profile', name: 'acme'},
		env: {NO_COLOR: '1', COLUMNS: '160'},
		props: {now: () => DateTime.fromMillis(clock), liveRefreshMs: 200, ...(liveMode ? {liveMode} : {})},
	});
	await ready(app, tableShown);
	const name = emu.org.queues[0]!.name;
	// The first queue's row selected: `/` filters the table to it.
	await press(app, '/');
	await press(app, name);
	await press(app, '\r');
	await waitFor(app, frame => /^› /m.test(frame) && frame.includes(`› ${name}`), 'the queue selected');
	await beforeBoard?.(app);
	await press(app, 'n');
	await waitForText(app, /On queue \d+/);
	return app;
}

/** The board on push: its agents' channel connected, and the reconcile after it done. */
async function onPush(app: ReturnType<typeof renderApp>, activityBefore: number) {
	await until(
		() =>
			emu.notifications
				.channelsOf(demoClient.id)
				.some(channel => channel.connected && channel.topics.some(topic => topic.startsWith('v2.users.'))),
		Boolean,
		'a connected channel of user topics',
	);
	// The first load, then the reconcile after the subscriptions.
	await until(
		() => emu.counts.activity,
		count => count >= activityBefore + 2,
		'the reconcile',
	);
	await waitForText(app, 'live (push)');
}

/** The board on push, two logged-in agents of it (one to change, one whose event marks the ones before as read). */
async function twoAgentsOnPush() {
	const activity = emu.counts.activity;
	const app = await openBoard();
	await onPush(app, activity);
	const [target, marker] = membersNow().filter(member => member.state.presence !== 'OFFLINE');
	const row = (frame: string, name: string) => rowsOf(frame).find(line => line.slice(2).startsWith(`${name}  `)) ?? '';
	return {app, target: target!, marker: marker!, row};
}

describe('people now by push', () => {
	it('shows changes as the emulator makes them, with no board query in between', async () => {
		const activity = emu.counts.activity;
		const app = await openBoard();
		await onPush(app, activity);
		await waitFor(app, showsNow, 'the board as the emulator has it');
		const asked = emu.counts.activity;
		for (let step = 0; step < 3; step++) {
			nextChange();
			expect(showsNow(app.lastFrame() ?? ''), 'a change to see').toBe(false);
			await waitFor(app, showsNow, `the board after change ${step + 1}`);
		}
		expect(emu.counts.activity).toBe(asked);
		// The summary counts the rows after the events.
		const frame = app.lastFrame() ?? '';
		const rows = rowsOf(frame);
		const summary = frame.split('\n').find(line => line.startsWith('On queue'))!;
		const onQueue = Number(/^On queue (\d+)/.exec(summary)![1]);
		expect(onQueue).toBe(rows.filter(line => !line.includes('Off queue')).length);
		for (const [, status, count] of summary.split(' · ')[0]!.matchAll(/([a-z ]+) (\d+)(?:,|$)/g))
			expect(rows.filter(line => line.toLowerCase().includes(` ${status!.trim()} `)).length, status).toBe(
				Number(count),
			);
	});

	it('reconnects after dropped sockets and shows what changed during the gap', async () => {
		const activity = emu.counts.activity;
		const app = await openBoard();
		await onPush(app, activity);
		const connections = emu.notifications.connections;
		emu.notifications.dropSockets();
		nextChange();
		await waitFor(app, showsNow, 'the board reconciled after the reconnect');
		expect(emu.notifications.connections).toBeGreaterThan(connections);
	});

	it('ignores an event for an agent not on the board, and shows hostile text cleaned', async () => {
		const activity = emu.counts.activity;
		const app = await openBoard();
		await onPush(app, activity);
		const onBoard = membersNow().filter(member => member.state.presence !== 'OFFLINE');
		const members = new Set(membersNow().map(member => member.id));
		const stranger = peopleOf(emu.org).users.find(user => !members.has(user.id))!;
		const at = new Date(clock).toISOString();
		const event = (id: string, status: string) =>
			JSON.stringify({
				topicName: `v2.users.${id}.activity`,
				eventBody: {id, routingStatus: {status, startTime: at}},
			});
		const before = app.lastFrame() ?? '';
		emu.notifications.sendRaw(event(stranger.id, 'IDLE'));
		const target = onBoard[0]!;
		emu.notifications.sendRaw(event(target.id, 'EVIL\u001b[2J\u0007'));
		const row = (frame: string) => rowsOf(frame).find(line => line.slice(2).startsWith(`${target.name}  `)) ?? '';
		const after = await waitFor(app, frame => /evil/i.test(row(frame)), 'the pushed status on the row');
		expect(after).not.toContain('\u001b[2J');
		expect(after).not.toContain('\u0007');
		expect(rowsOf(after).length).toBe(rowsOf(before).length);
		expect(after).not.toContain(stranger.name);
	});

	it('keeps the newer state when an older event comes after it', async () => {
		const {app, target, marker, row} = await twoAgentsOnPush();
		const event = userEvent;
		emu.notifications.sendRaw(event(target.id, 'NEWER', clock + 1000));
		await waitFor(app, frame => /Newer/.test(row(frame, target.name)), 'the newer status');
		// Out of order: an event of an hour before (and one of the board loaded before it) arrives late.
		emu.notifications.sendRaw(event(target.id, 'OLDER', clock - 3_600_000));
		emu.notifications.sendRaw(event(marker.id, 'MARKER', clock + 1000));
		const after = await waitFor(app, frame => /Marker/.test(row(frame, marker.name)), 'the marker event');
		expect(row(after, target.name)).toMatch(/Newer/);
		// An event older than the state the board loaded does not take it back either.
		emu.notifications.sendRaw(event(marker.id, 'ANCIENT', Date.parse('2001-01-01T00:00:00Z')));
		emu.notifications.sendRaw(event(target.id, 'NEWEST', clock + 2000));
		const last = await waitFor(app, frame => /Newest/.test(row(frame, target.name)), 'the newest status');
		expect(row(last, marker.name)).toMatch(/Marker/);
	});

	it('applies events to the board r loaded, not to the one before it', async () => {
		const {app, target, marker, row} = await twoAgentsOnPush();
		// A state the emulator does not have: only the board before `r` shows it.
		emu.notifications.sendRaw(userEvent(target.id, 'PHANTOM', clock + 1000));
		await waitFor(app, frame => /Phantom/.test(row(frame, target.name)), 'the pushed status');
		const asked = emu.counts.activity;
		await press(app, 'r');
		await until(
			() => emu.counts.activity,
			count => count > asked,
			'the board asked again',
		);
		await waitFor(app, frame => !/Phantom/.test(row(frame, target.name)), 'the board as r loaded it');
		emu.notifications.sendRaw(userEvent(marker.id, 'MARKER', clock + 1000));
		const after = await waitFor(app, frame => /Marker/.test(row(frame, marker.name)), 'the marker event');
		expect(row(after, target.name)).not.toMatch(/Phantom/);
	});

	/**
	 * A change pushed while the board is asked anew (`ask`: a reconcile, `r`), slow to answer so the change is newer
	 * than its answer: kept on the board after the answer lands (a marker event after it shows all is read).
	 */
	async function pushedWhileAsked(
		ask: (app: ReturnType<typeof renderApp>) => Promise<void>,
		what: string,
		shownMeanwhile: boolean,
	) {
		const {app, target, marker, row} = await twoAgentsOnPush();
		emu.options.latencyMs = 500;
		emu.options.recordRequests = true;
		const requests = emu.requests.length;
		const asked = emu.counts.activity;
		try {
			await ask(app);
			await until(
				() => emu.requests.slice(requests).some(request => request.path.endsWith('/routing/activity/query')),
				Boolean,
				`${what} asked`,
			);
			emu.notifications.sendRaw(userEvent(target.id, 'LATER', clock + 1000));
			// A reconcile runs behind the board; `r` shows that it loads.
			if (shownMeanwhile)
				await waitFor(app, frame => /Later/.test(row(frame, target.name)), 'the change pushed meanwhile');
			await until(
				() => emu.counts.activity,
				count => count > asked,
				`${what} answered`,
			);
		} finally {
			emu.options.latencyMs = 0;
			emu.options.recordRequests = false;
		}
		if (!shownMeanwhile) {
			// The board `r` loaded shows the change once it is on screen, with no later event to bring it back.
			await waitFor(app, frame => /Later/.test(row(frame, target.name)), 'the change on the board r loaded');
			return;
		}
		emu.notifications.sendRaw(userEvent(marker.id, 'MARKER', clock + 1000));
		const after = await waitFor(app, frame => /Marker/.test(row(frame, marker.name)), 'the marker event');
		expect(row(after, target.name)).toMatch(/Later/);
	}

	it('keeps a change pushed while a reconcile query was under way', async () => {
		// The reconcile after a reconnect.
		await pushedWhileAsked(async () => emu.notifications.dropSockets(), 'the reconcile', true);
	});

	it('keeps a change pushed while r asked the board anew', async () => {
		await pushedWhileAsked(async app => press(app, 'r'), 'r', false);
	});

	it('counts a change dated ahead of the board from zero, never below', async () => {
		const {app, target, row} = await twoAgentsOnPush();
		// Believed (less than a day ahead: a clock may be off), but no time in status is negative.
		emu.notifications.sendRaw(userEvent(target.id, 'AHEAD', clock + 30 * 60_000));
		const after = await waitFor(app, frame => /Ahead/.test(row(frame, target.name)), 'the pushed status');
		expect(row(after, target.name)).not.toMatch(/-\d/);
	});

	it('says the board is stale while its socket reconnects, and live once it is back', async () => {
		const {app} = await twoAgentsOnPush();
		emu.notifications.refuseUpgrades(true);
		emu.notifications.dropSockets();
		await waitForText(app, /live STALE \(reconnecting\), as of/);
		emu.notifications.refuseUpgrades(false);
		await waitFor(app, frame => frame.includes('live (push)') && !frame.includes('STALE'), 'live again');
	});

	it('shows no media for an agent who turned idle before their media came', async () => {
		const {app, marker, row} = await twoAgentsOnPush();
		const target = membersNow().find(member => member.state.routing === 'INTERACTING' && member.id !== marker.id)!;
		// The Media column follows In status (right-aligned, one space between).
		const media = (frame: string) => /\d:\d\d (\S.*?)(?:\s{2,}|$)/.exec(row(frame, target.name))?.[1];
		const before = await waitFor(app, frame => /Interacting/.test(row(frame, target.name)), 'the agent at work');
		expect(media(before)).toMatch(/[a-z]/);
		// Interacting, then idle a moment later: the media asked for the first change come after the second.
		const asked = emu.counts.agentStatus;
		emu.notifications.sendRaw(userEvent(target.id, 'INTERACTING', clock + 1000));
		emu.notifications.sendRaw(userEvent(target.id, 'IDLE', clock + 2000));
		const idle = await waitFor(app, frame => /Idle/.test(row(frame, target.name)), 'the agent idle');
		await until(
			() => emu.counts.agentStatus,
			count => count > asked,
			'the media asked',
		);
		emu.notifications.sendRaw(userEvent(marker.id, 'MARKER', clock + 1000));
		const after = await waitFor(app, frame => /Marker/.test(row(frame, marker.name)), 'the marker event');
		expect(media(after)).toBe(media(idle));
	});

	it('after l resumes it, says live only once the board is current again', async () => {
		const {app} = await twoAgentsOnPush();
		await waitFor(app, showsNow, 'the board as the emulator has it');
		await press(app, 'l');
		await waitForText(app, 'paused: l resumes');
		// Changes while paused: no feed hears them, the board on screen is old.
		nextChange();
		const resumedAt = app.frames.length;
		await press(app, 'l');
		await waitFor(app, frame => frame.includes('live (push)') && showsNow(frame), 'live and current again');
		const claimedLive = app.frames.slice(resumedAt).filter(frame => frame.includes('live (push)'));
		expect(claimedLive.filter(frame => !showsNow(frame))).toEqual([]);
	});

	it("says live only once the board's own socket is open, not while the live columns' is", async () => {
		let release: (() => void) | undefined;
		const app = await openBoard(undefined, async table => {
			// The live columns on push first; then sockets wait unanswered, the board's too.
			await waitForText(table, 'live (push)');
			release = emu.notifications.holdUpgrades();
		});
		try {
			await until(
				() => emu.notifications.heldUpgrades,
				held => held > 0,
				"the board's socket waiting",
			);
			expect(app.lastFrame()).toMatch(/On queue \d+/);
			expect(app.lastFrame()).not.toContain('live (push)');
		} finally {
			release?.();
		}
		await waitForText(app, 'live (push)');
	});

	it('polls when the WebSocket upgrade is refused, and says why', async () => {
		emu.notifications.refuseUpgrades(true);
		const app = await openBoard();
		await waitForText(app, /live \(polling: WebSocket refused \(HTTP 403\)\), as of/);
		const activity = emu.counts.activity;
		await until(
			() => emu.counts.activity,
			count => count > activity + 1,
			'the board asked again',
		);
	});

	it('--live poll opens no socket for the board', async () => {
		const connections = emu.notifications.connections;
		const app = await openBoard('poll');
		await waitForText(app, /live \(polling: --live poll\), as of/);
		const activity = emu.counts.activity;
		await until(
			() => emu.counts.activity,
			count => count > activity + 1,
			'the board asked again',
		);
		expect(emu.notifications.connections).toBe(connections);
	});

	for (const [how, ask] of [
		['r', async (app: ReturnType<typeof renderApp>) => press(app, 'r')],
		['a reconcile', async () => emu.notifications.dropSockets()],
	] as const)
		it(`follows an agent who joined the queue once the board has them (${how}), by push`, async () => {
			const {app} = await twoAgentsOnPush();
			const states = agentStatesOf(emu.org, emu.model);
			const members = new Set(membersNow().map(member => member.id));
			// A user of other queues, logged in now, whose routing status changes within two hours.
			const changeOf = (index: number) => {
				const now = states.at(index, clock);
				if (now.presence === 'OFFLINE') return undefined;
				for (let minutes = 1; minutes < 120; minutes++) {
					const later = states.at(index, clock + minutes * 60_000);
					if (later.presence !== 'OFFLINE' && later.routing !== now.routing)
						return {atMs: clock + minutes * 60_000, routing: later.routing};
				}
				return undefined;
			};
			const newcomer = peopleOf(emu.org)
				.users.filter(user => user.state === 'active' && !members.has(user.id))
				.map(user => ({user, change: changeOf(user.index)}))
				.find(each => each.change && routingWords[each.change.routing])!;
			const row = (frame: string) =>
				rowsOf(frame).find(line => line.slice(2).startsWith(`${newcomer.user.name}  `)) ?? '';
			emu.joinQueue(emu.org.queues[0]!.id, newcomer.user.id);
			await ask(app);
			await waitFor(app, frame => row(frame) !== '', 'the newcomer on the board');
			await until(
				() => emu.notifications.channelsOf(demoClient.id),
				channels =>
					channels.some(
						channel => channel.connected && channel.topics.includes(`v2.users.${newcomer.user.id}.activity`),
					),
				"the newcomer's topic subscribed",
			);
			const asked = emu.counts.activity;
			clock = newcomer.change!.atMs;
			const word = routingWords[newcomer.change!.routing]!;
			await waitFor(app, frame => row(frame).includes(` ${word} `), `the newcomer ${word}`);
			expect(emu.counts.activity).toBe(asked);
		});
});
