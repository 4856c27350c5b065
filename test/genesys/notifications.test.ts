// The live columns' push feed against the emulator's notifications service over real HTTP and WebSocket: the fill,
// events that follow the emulator's clock, reconnects with a reconcile, socket_closing, token renewal, a refused
// upgrade, an authenticating proxy, and the REST requests push costs.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runObservationQuery} from '../../source/emulator/observations.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {type LiveQueue, readObservations} from '../../source/genesys/observations.js';
import {PushChannels, type PushOptions, PushUnavailable, QueuePush} from '../../source/genesys/notifications.js';
import {startForwardProxy} from '../net/forward-proxy.js';
import {clientFor, emulator, testNow} from '../helpers.js';
import {until} from '../wait.js';

// The emulator beats every 250 ms; the feed calls a socket dead after two of its periods of 1 s (a loaded machine
// may hold a beat back, never for 2 s).
const heartbeatMs = 1000;
let clock = testNow;
let emu: Emulator;
const feeds: QueuePush[] = [];

beforeAll(async () => {
	emu = await emulator({queues: 1200, now: () => clock, notifications: {heartbeatMs: 250, checkMs: 20}});
});
afterEach(() => {
	for (const feed of feeds.splice(0)) feed.stop();
	emu.notifications.refuseUpgrades(false);
	clock = testNow;
});
afterAll(async () => emu.stop());

/** The emulator's observations query answer for a queue at the clock. */
function observed(queueId: string) {
	return runObservationQuery(
		emu.org,
		emu.model,
		{
			queueIds: [queueId],
			mediaTypes: undefined,
			metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers'],
			details: [],
		},
		clock,
		0,
	);
}

/** What the emulator's own model says a queue has at the clock: waiting over its media, agents available. */
function truth(queueId: string): {waiting: number; available: number} {
	const {results} = runObservationQuery(
		emu.org,
		emu.model,
		{queueIds: [queueId], mediaTypes: undefined, metrics: ['oWaiting', 'oOnQueueUsers'], details: []},
		clock,
		0,
	);
	let waiting = 0;
	let available = 0;
	for (const result of results)
		for (const item of result.data) {
			if (item.metric === 'oWaiting') waiting += item.stats.count ?? 0;
			if (item.metric === 'oOnQueueUsers' && item.qualifier === 'IDLE') available += item.stats.count ?? 0;
		}
	return {waiting, available};
}

/** A feed whose values and state a test can look at. */
/** Until the emulator has answered this many pings in all. */
const pingsAnswered = (on: Emulator, count: number, what: string) =>
	until(
		() => on.notifications.received.pings,
		seen => seen >= count,
		what,
	);

/** Until the feed has opened a second socket. */
const secondSocket = (push: QueuePush, what: string) =>
	until(
		() => push.counts.sockets,
		count => count > 1,
		what,
	);

function feed(options: PushOptions = {}, client = clientFor(emu)) {
	const seen = {queues: new Map<string, LiveQueue>(), down: undefined as string | undefined, updates: 0};
	const push = new QueuePush(
		client,
		{
			onQueues: queues => {
				for (const [id, queue] of queues) seen.queues.set(id, queue);
				seen.updates++;
			},
			onDown: reason => (seen.down = reason),
		},
		{heartbeatMs, backoffBaseMs: 20, ...options},
	);
	feeds.push(push);
	return {push, seen};
}

/** A queue whose waiting count differs two hours after the test clock (so a change is visible). */
function movingQueue(from = 0): {id: string; later: number} {
	const later = testNow + 2 * 3_600_000;
	for (const queue of emu.org.queues.slice(from)) {
		const before = truth(queue.id);
		clock = later;
		const after = truth(queue.id);
		clock = testNow;
		if (before.waiting !== after.waiting) return {id: queue.id, later};
	}
	throw new Error('no queue changes in two hours');
}

const values = (queue: LiveQueue | undefined) => ({waiting: queue?.waiting, available: queue?.availableAgents});

describe('QueuePush', () => {
	it('fills with one query per 100 queues, then follows the clock by events alone', async () => {
		const {id, later} = movingQueue();
		const queueIds = emu.org.queues.slice(0, 300).map(queue => queue.id);
		if (!queueIds.includes(id)) queueIds.push(id);
		const observationsBefore = emu.counts.observations;
		const {push, seen} = feed();
		await push.start(queueIds);
		expect(emu.counts.observations - observationsBefore).toBe(Math.ceil(queueIds.length / 100));
		expect(values(seen.queues.get(id))).toEqual(truth(id));
		const requests = {observations: emu.counts.observations, channels: emu.counts.notifications};
		clock = later;
		await until(
			() => seen.queues.get(id)?.waiting,
			waiting => waiting === truth(id).waiting,
			'the new waiting',
		);
		expect(values(seen.queues.get(id))).toEqual(truth(id));
		// After the fill: no observations query, no channel request; the change came by push.
		expect(emu.counts.observations).toBe(requests.observations);
		expect(emu.counts.notifications).toBe(requests.channels);
		expect(push.counts.events).toBeGreaterThan(0);
	});

	it('shards topics over channels of at most 1,000', async () => {
		const before = emu.notifications.channelsOf(demoClient.id).length;
		const {push} = feed();
		await push.start(emu.org.queues.map(queue => queue.id));
		const channels = emu.notifications.channelsOf(demoClient.id).slice(before);
		expect(channels.map(channel => channel.topics.length).sort((a, b) => a - b)).toEqual([200, 1000]);
		expect(channels.every(channel => channel.connected)).toBe(true);
	});

	it('reconnects after dropped sockets and reconciles what changed in the gap', async () => {
		const {id, later} = movingQueue(10);
		const {push, seen} = feed();
		await push.start([id]);
		// The change happens while no socket is up: only the reconcile (or a later event) can bring it.
		clock = later;
		emu.notifications.dropSockets();
		await until(
			() => push.counts.reconciles,
			count => count >= 2,
			'a reconcile after the drop',
		);
		await until(
			() => seen.queues.get(id)?.waiting,
			waiting => waiting === truth(id).waiting,
			'the gap reconciled',
		);
		expect(seen.down).toBeUndefined();
		expect(push.counts.reconnects).toBe(1);
	});

	it('takes a new socket on socket_closing without a gap (no reconnect, no reconcile)', async () => {
		const {id, later} = movingQueue(20);
		const {push, seen} = feed();
		await push.start([id]);
		const sockets = emu.notifications.connections;
		emu.notifications.sendSocketClosing();
		await until(
			() => emu.notifications.connections,
			count => count > sockets,
			'a second socket',
		);
		clock = later;
		await until(
			() => seen.queues.get(id)?.waiting,
			waiting => waiting === truth(id).waiting,
			'an event on it',
		);
		expect(push.counts).toMatchObject({reconnects: 0, reconciles: 1, sockets: 2});
	});

	it('re-creates the channel and subscribes again when the token is renewed', async () => {
		const {id, later} = movingQueue(30);
		const {push, seen} = feed();
		await push.start([id]);
		const [first] = emu.notifications.channelsOf(demoClient.id).filter(each => each.topics.includes(topic(id)));
		emu.revokeTokens();
		clock = later;
		await until(
			() => seen.queues.get(id)?.waiting,
			waiting => waiting === truth(id).waiting,
			'values after renewal',
		);
		const now = emu.notifications.channelsOf(demoClient.id).filter(each => each.topics.includes(topic(id)));
		expect(now.map(each => each.id)).not.toContain(first!.id);
		expect(now.some(each => each.connected)).toBe(true);
		expect(seen.down).toBeUndefined();
	});

	it('takes a new token and channel before the token the channel was made with ends, without a gap', async () => {
		// Tokens of 2 s: the channel ends with its token, so a new one is made a quarter of that before, with a new token.
		const shortLived = await emulator({queues: 3, now: () => testNow, tokenLifetimeSeconds: 2});
		try {
			const {push, seen} = feed({}, clientFor(shortLived));
			const id = shortLived.org.queues[0]!.id;
			await push.start([id]);
			const [first] = shortLived.notifications.channelsOf(demoClient.id);
			const tokens = shortLived.issuedTokens.length;
			await until(
				() => shortLived.notifications.channelsOf(demoClient.id),
				channels => channels.some(each => each.connected && each.id !== first!.id),
				'a new channel, connected',
			);
			expect(shortLived.issuedTokens.length).toBeGreaterThan(tokens);
			// Replaced, not dropped: the old channel's socket closed by the feed, and no reconnect.
			await until(
				() => shortLived.notifications.channelsOf(demoClient.id).find(each => each.id === first!.id)?.connected,
				connected => connected !== true,
				'the old channel left',
			);
			expect(push.counts.reconnects).toBe(0);
			expect(seen.down).toBeUndefined();
		} finally {
			await shortLived.stop();
		}
	});

	it('re-creates the channel when its 24 hours on the clock are over', async () => {
		const {id} = movingQueue(50);
		const {push, seen} = feed();
		await push.start([id]);
		const [first] = emu.notifications.channelsOf(demoClient.id).filter(each => each.topics.includes(topic(id)));
		clock = testNow + 24 * 3_600_000 + 60_000;
		await until(
			() => emu.notifications.channelsOf(demoClient.id).filter(each => each.topics.includes(topic(id))),
			channels => channels.some(each => each.connected && each.id !== first!.id),
			'a new channel, connected',
		);
		await until(
			() => seen.queues.get(id)?.waiting,
			waiting => waiting === truth(id).waiting,
			'values a day on',
		);
		expect(seen.down).toBeUndefined();
	});

	it('pings a quiet socket and keeps it while pongs answer, though heartbeats come late', async () => {
		// The emulator beats every 250 ms; a feed told the period is 50 ms would call the socket dead after 100 ms of
		// silence, but it pings after 25 ms and each pong is heard.
		const {push, seen} = feed({heartbeatMs: 50, pongWaitMs: 1000});
		await push.start([emu.org.queues[0]!.id]);
		const pings = emu.notifications.received.pings;
		await pingsAnswered(emu, pings + 5, 'five pings answered');
		expect(push.counts.reconnects).toBe(0);
		expect(push.counts.sockets).toBe(1);
		expect(seen.down).toBeUndefined();
	});

	it('calls a half-open socket dead when its ping goes unanswered, and reconnects it', async () => {
		const id = emu.org.queues[2]!.id;
		const {push, seen} = feed({pingAfterMs: 50, pongWaitMs: 100});
		await push.start([id]);
		const pings = emu.notifications.received.pings;
		// Nothing more comes on the socket and no close: only the unanswered ping tells (a heartbeat period is 1 s).
		emu.notifications.silenceSockets();
		await secondSocket(push, 'a new socket after the unanswered ping');
		expect(emu.notifications.received.pings).toBeGreaterThan(pings);
		expect(push.counts.reconnects).toBe(1);
		await until(() => push.healthy, Boolean, 'push healthy again');
		expect(seen.down).toBeUndefined();
	});

	it('does not hold the ping of a dead socket against the socket that replaces it', async () => {
		// Heartbeats every minute, as rare as Genesys's 30 s are to a watch of half a second: a new socket is heard from
		// only by the pongs of its own pings.
		const quiet = await emulator({queues: 2, notifications: {heartbeatMs: 60_000, checkMs: 20}});
		try {
			const {push, seen} = feed(
				{heartbeatMs: 2000, pingAfterMs: 50, pongWaitMs: 100, backoffBaseMs: 10},
				clientFor(quiet),
			);
			await push.start([quiet.org.queues[0]!.id]);
			quiet.notifications.silenceSockets();
			await secondSocket(push, 'a new socket after the unanswered ping');
			const pings = quiet.notifications.received.pings;
			await pingsAnswered(quiet, pings + 3, 'the new socket pinged and answered three times');
			expect(push.counts.reconnects).toBe(1);
			expect(seen.down).toBeUndefined();
		} finally {
			await quiet.stop();
		}
	});

	it('calls a socket silent for two heartbeat periods dead, pings unanswered or not', async () => {
		const {push, seen} = feed({pingAfterMs: 60_000});
		await push.start([emu.org.queues[3]!.id]);
		emu.notifications.silenceSockets();
		await secondSocket(push, 'a new socket after the silence');
		expect(push.counts.reconnects).toBe(1);
		expect(seen.down).toBeUndefined();
	});

	it('dials no channel address but a WebSocket over TLS, or a plain one on this machine', async () => {
		for (const [connectUri, reason] of [
			['ws+unix:///var/run/docker.sock:/containers/json', 'channel address not a WebSocket'],
			['ws://streaming.example.com/channels/x', 'channel address not TLS'],
		] as const) {
			emu.inject({
				kind: 'transform',
				path: '/api/v2/notifications/channels',
				transform: body => ({...(body as object), connectUri}),
			});
			const {push} = feed();
			const failure = await push.start([emu.org.queues[4]!.id]).catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(PushUnavailable);
			expect((failure as Error).message).toBe(reason);
		}
	});

	it('leaves no socket open when stopped while a reconnect waits on its handshake (l pauses then)', async () => {
		const id = emu.org.queues[60]!.id;
		const {push} = feed();
		await push.start([id]);
		const accepted = emu.notifications.connections;
		const release = emu.notifications.holdUpgrades();
		try {
			emu.notifications.dropSockets();
			await until(
				() => emu.notifications.heldUpgrades,
				count => count > 0,
				'a reconnect waiting on its handshake',
			);
			push.stop();
			// The handshake under way is given up, not left to finish.
			await until(
				() => emu.notifications.heldUpgrades,
				count => count === 0,
				'the handshake given up',
			);
		} finally {
			release();
		}
		expect(emu.notifications.connections).toBe(accepted);
		expect(
			emu.notifications.channelsOf(demoClient.id).filter(each => each.topics.includes(topic(id)) && each.connected),
		).toEqual([]);
	});

	it('keeps the metrics an event leaves out (an event may carry only what changed)', async () => {
		// A queue with someone talking on some media, and agents on queue: what a partial event must not wipe.
		const queue = emu.org.queues.find(each => {
			const filled = readObservations(observed(each.id), [each.id], clock).get(each.id)!;
			return filled.availableAgents > 0 && filled.media.some(media => media.interacting > 0);
		})!;
		const {push, seen} = feed();
		await push.start([queue.id]);
		const filled = seen.queues.get(queue.id)!;
		const media = filled.media.find(each => each.interacting > 0)!;
		const instant = new Date(clock).toISOString();
		const event = (group: Record<string, string>, metrics: unknown[]) =>
			JSON.stringify({
				topicName: topic(queue.id),
				version: '2',
				eventBody: {group: {queueId: queue.id, ...group}, data: [{interval: `${instant}/${instant}`, metrics}]},
			});
		// The captured shape (§B.4): oAlerting and oWaiting alone; then the same without a media type.
		emu.notifications.sendRaw(
			event({mediaType: media.mediaType}, [
				{metric: 'oAlerting', stats: {count: 0}},
				{metric: 'oWaiting', stats: {count: media.waiting + 3}},
			]),
		);
		emu.notifications.sendRaw(event({}, [{metric: 'oWaiting', stats: {count: 1}}]));
		const updated = await until(
			() => seen.queues.get(queue.id)!,
			now => now.waiting === filled.waiting + 3,
			now => `three more waiting; last seen ${JSON.stringify(now)}`,
		);
		expect(updated.interacting).toBe(filled.interacting);
		expect(updated.media.find(each => each.mediaType === media.mediaType)?.interacting).toBe(media.interacting);
		expect(updated.availableAgents).toBe(filled.availableAgents);
		expect(updated.onQueueAgents).toBe(filled.onQueueAgents);
	});

	it('does not believe an event whose counts cannot be counts (negative, fractions, past 2^53)', async () => {
		const queue = emu.org.queues.find(each => {
			const filled = readObservations(observed(each.id), [each.id], clock).get(each.id)!;
			return filled.media.some(media => media.interacting > 0);
		})!;
		const {push, seen} = feed();
		await push.start([queue.id]);
		const filled = seen.queues.get(queue.id)!;
		const {mediaType, interacting} = filled.media.find(each => each.interacting > 0)!;
		const instant = new Date(clock).toISOString();
		const event = (metrics: unknown[]) =>
			JSON.stringify({
				topicName: topic(queue.id),
				version: '2',
				eventBody: {group: {queueId: queue.id, mediaType}, data: [{interval: `${instant}/${instant}`, metrics}]},
			});
		for (const count of [-4, 2.5, 1e300]) emu.notifications.sendRaw(event([{metric: 'oWaiting', stats: {count}}]));
		emu.notifications.sendRaw(event([{metric: 'oInteracting', stats: {count: interacting + 2}}]));
		const updated = await until(
			() => seen.queues.get(queue.id)!,
			now => now.interacting === filled.interacting + 2,
			now => `two more interacting; last seen ${JSON.stringify(now)}`,
		);
		expect(updated.waiting).toBe(filled.waiting);
	});

	it('reads a burst of thousands of events whole and in order, the last one winning', async () => {
		// Read in slices with the terminal's input let in between (PushChannels#receive): none lost, none reordered.
		const queue = emu.org.queues[90]!;
		const {push, seen} = feed();
		await push.start([queue.id]);
		const before = push.counts.events;
		const instant = new Date(clock).toISOString();
		for (let waiting = 1; waiting <= 3000; waiting++)
			emu.notifications.sendRaw(
				JSON.stringify({
					topicName: topic(queue.id),
					version: '2',
					eventBody: {
						group: {queueId: queue.id, mediaType: 'voice'},
						data: [{interval: `${instant}/${instant}`, metrics: [{metric: 'oWaiting', stats: {count: waiting}}]}],
					},
				}),
			);
		await until(
			() => push.counts.events - before,
			read => read === 3000,
			read => `3,000 events read; ${read} so far`,
		);
		await until(
			() => seen.queues.get(queue.id)?.media.find(media => media.mediaType === 'voice')?.waiting,
			waiting => waiting === 3000,
			waiting => `the last event's 3,000 waiting on screen; ${waiting} seen`,
		);
	});

	it('takes events only for the queues it subscribed', async () => {
		const [asked, other] = [emu.org.queues[70]!.id, emu.org.queues[71]!.id];
		const {push, seen} = feed();
		await push.start([asked]);
		const instant = new Date(clock).toISOString();
		const event = (queueId: string, count: number) =>
			JSON.stringify({
				topicName: topic(queueId),
				version: '2',
				eventBody: {
					group: {queueId, mediaType: 'voice'},
					data: [{interval: `${instant}/${instant}`, metrics: [{metric: 'oWaiting', stats: {count}}]}],
				},
			});
		emu.notifications.sendRaw(event(other, 7));
		emu.notifications.sendRaw(event(asked, 40));
		await until(
			() => seen.queues.get(asked)?.waiting,
			waiting => waiting === 40,
			'the asked queue updated',
		);
		expect(seen.queues.has(other)).toBe(false);
		expect(push.agedNow().has(other)).toBe(false);
	});

	it('drops a socket that sends a message far larger than any event, rather than reading it', async () => {
		const {push, seen} = feed();
		await push.start([emu.org.queues[80]!.id]);
		const sockets = push.counts.sockets;
		emu.notifications.sendRaw(JSON.stringify({topicName: 'channel.metadata', eventBody: {message: 'x'.repeat(4e6)}}));
		await until(
			() => push.counts.sockets,
			count => count > sockets,
			'a new socket after the oversized message',
		);
		expect(seen.down).toBeUndefined();
	});

	it('says push is unavailable when the upgrade is refused', async () => {
		emu.notifications.refuseUpgrades(true);
		const {push} = feed();
		const failure = await push.start([emu.org.queues[0]!.id]).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(PushUnavailable);
		expect((failure as Error).message).toBe('WebSocket refused (HTTP 403)');
	});

	it('gives up (onDown) when a socket stays down, so the caller can poll', async () => {
		const {push, seen} = feed({reconnectAttempts: 2});
		await push.start([emu.org.queues[0]!.id]);
		emu.notifications.refuseUpgrades(true);
		emu.notifications.dropSockets();
		await until(() => seen.down, Boolean, 'push given up');
		expect(seen.down).toBe('WebSocket refused (HTTP 403)');
	});

	it('goes through an authenticating proxy, as the HTTPS requests do', async () => {
		const user = 'proxy-user';
		const password = 'proxy-pass';
		const proxy = await startForwardProxy({credentials: {user, password}});
		try {
			const proxied = new URL(proxy.url);
			proxied.username = user;
			proxied.password = password;
			const client = clientFor(emu, {network: {env: {HTTP_PROXY: proxied.href, NO_PROXY: ''}}});
			const {id, later} = movingQueue(40);
			const {push, seen} = feed({}, client);
			await push.start([id]);
			const wsHost = new URL(channelUri(id)!).host;
			expect(proxy.connects.map(each => each.target)).toContain(wsHost);
			expect(proxy.connects.every(each => each.authorization?.startsWith('Basic '))).toBe(true);
			clock = later;
			await until(
				() => seen.queues.get(id)?.waiting,
				waiting => waiting === truth(id).waiting,
				'an event by proxy',
			);
		} finally {
			await proxy.stop();
		}
	});
});

const topic = (queueId: string) => `v2.analytics.queues.${queueId}.observations`;

/** The connectUri of the channel carrying a queue's topic, read from the emulator's channel listing. */
function channelUri(queueId: string): string | undefined {
	const channel = emu.notifications.channelsOf(demoClient.id).find(each => each.topics.includes(topic(queueId)));
	return channel ? emu.notifications.connectUri(channel.id) : undefined;
}

describe('PushChannels.add', () => {
	const stops: Array<() => void> = [];
	afterEach(() => {
		for (const stop of stops.splice(0)) stop();
	});
	/** Channels for queue topics whose events (the queue ids) and fallback a test can look at. */
	function channels(options: PushOptions = {}) {
		const seen = {events: new Set<string>(), down: undefined as string | undefined};
		const push = new PushChannels(
			clientFor(emu),
			{
				topicOf: topic,
				keyOf: name => /^v2\.analytics\.queues\.([^.]+)\.observations$/.exec(name)?.[1],
				onEvent: key => seen.events.add(key),
				reconcile: async () => undefined,
				onDown: reason => (seen.down = reason),
			},
			{heartbeatMs, backoffBaseMs: 20, ...options},
		);
		stops.push(() => push.stop());
		return {push, seen};
	}

	it('tops up the channel with room, opens one more past it, and hears the keys added', async () => {
		const ids = emu.org.queues.map(queue => queue.id);
		const first = movingQueue(990);
		const second = movingQueue(ids.indexOf(first.id) + 1);
		const rest = ids.slice(990).filter(id => id !== first.id && id !== second.id);
		const {push, seen} = channels();
		await push.start(ids.slice(0, 990));
		expect(push.channels).toBe(1);
		// Ten fill the first channel (the first of them one that changes), 21 go to a new one; those there are skipped.
		await push.add([...ids.slice(0, 5), first.id, ...rest.slice(0, 9), second.id, ...rest.slice(9, 29)]);
		expect(seen.down).toBeUndefined();
		expect(push.channels).toBe(2);
		const held = emu.notifications.channelsOf(demoClient.id).filter(channel => channel.connected);
		expect(held.find(channel => channel.topics.includes(topic(first.id)))?.topics.length).toBe(1000);
		expect(held.find(channel => channel.topics.includes(topic(second.id)))?.topics.length).toBe(21);
		clock = first.later;
		await until(
			() => seen.events,
			events => events.has(first.id) && events.has(second.id),
			'events of both queues added',
		);
		// Adding what is there asks nothing.
		const requests = push.counts.channelRequests;
		await push.add([first.id, second.id, ids[0]!]);
		expect(push.counts.channelRequests).toBe(requests);
	});

	it('opens no channel while the one with room reconnects, and adds to it once it is back', async () => {
		const [first, added] = [emu.org.queues[90]!.id, emu.org.queues[91]!.id];
		// Attempts enough that the reconnect outlasts the test's refused upgrades on a loaded machine.
		const {push, seen} = channels({reconnectAttempts: 10});
		await push.start([first]);
		emu.notifications.refuseUpgrades(true);
		emu.notifications.dropSockets();
		await until(
			() => push.healthy,
			healthy => !healthy,
			'the channel reconnecting',
		);
		const requests = push.counts.channelRequests;
		await push.add([added]);
		expect(push.channels).toBe(1);
		expect(push.counts.channelRequests).toBe(requests);
		emu.notifications.refuseUpgrades(false);
		await until(() => push.healthy, Boolean, 'the channel back');
		await push.add([added]);
		expect(push.channels).toBe(1);
		const held = emu.notifications.channelsOf(demoClient.id).filter(channel => channel.topics.includes(topic(first)));
		expect(held.some(channel => channel.connected && channel.topics.includes(topic(added)))).toBe(true);
		expect(seen.down).toBeUndefined();
	});

	it('gives push up when a topic added is rejected, as at the start', async () => {
		const {push, seen} = channels();
		await push.start([emu.org.queues[0]!.id]);
		await push.add(['no-such-queue']);
		expect(seen.down).toBe('topic rejected');
		expect(push.stopped).toBe(true);
	});
});
