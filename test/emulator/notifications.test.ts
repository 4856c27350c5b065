// The emulator's notifications service over real HTTP and WebSocket (reference §B): channels, subscriptions, limits,
// heartbeats, ping, one socket per channel, queue observation events that agree with the observations query.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {WebSocket} from 'ws';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, loginTo, testNow} from '../helpers.js';
import {until} from '../wait.js';

type Channel = {id: string; connectUri: string; expires: string};
type Topic = {id: string; state: string; rejectionReason?: string; missingPermissions?: string[]};
type Message = {topicName: string; eventBody: Record<string, unknown>};
type Metric = {metric: string; qualifier?: string; stats: Record<string, number>};
type Event = {group: {queueId: string; mediaType?: string}; data: Array<{interval: string; metrics: Metric[]}>};

let clock = testNow;
let emu: Emulator;
let token: string;

beforeAll(async () => {
	emu = await emulator({
		queues: 40,
		now: () => clock,
		// Tokens outlive a channel here, so that a channel's own 24 hours are what ends it.
		tokenLifetimeSeconds: 3 * 86_400,
		notifications: {heartbeatMs: 100, checkMs: 20},
		clients: [
			demoClient,
			{id: 'no-observations', secret: 's', permissions: ['routing:queue:view']},
			{id: 'crowded', secret: 's', permissions: demoClient.permissions},
		],
	});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

async function api(method: string, path: string, body?: unknown, bearer = token): Promise<Response> {
	return fetch(`${emu.url}/api/v2/notifications/channels${path}`, {
		method,
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		...(body === undefined ? {} : {body: JSON.stringify(body)}),
	});
}

async function createChannel(bearer = token): Promise<Channel> {
	const response = await api('POST', '', undefined, bearer);
	expect(response.status).toBe(200);
	return (await response.json()) as Channel;
}

const topicOf = (queueId: string) => `v2.analytics.queues.${queueId}.observations`;

/** A socket on the channel that keeps every message it gets, open once `opened` resolves. */
function listen(channel: Channel) {
	const socket = new WebSocket(channel.connectUri);
	const messages: Message[] = [];
	const state = {closed: false};
	socket.on('message', data => messages.push(JSON.parse(String(data)) as Message));
	socket.on('close', () => (state.closed = true));
	const opened = new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return {socket, messages, state, opened};
}

/** The observations query's answer for one queue, now, as `metric/qualifier -> value` per group. */
async function queried(queueId: string): Promise<Map<string, Record<string, number>>> {
	const response = await fetch(`${emu.url}/api/v2/analytics/queues/observations/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		body: JSON.stringify({
			filter: {type: 'or', predicates: [{dimension: 'queueId', value: queueId}]},
			metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers', 'oMemberUsers'],
		}),
	});
	const {results} = (await response.json()) as {results: Array<{group: Event['group']; data: Metric[]}>};
	return new Map(results.map(result => [JSON.stringify(result.group), flatten(result.data)]));
}

function flatten(metrics: Metric[]): Record<string, number> {
	return Object.fromEntries(
		metrics.map(item => [
			`${item.metric}${item.qualifier ? `/${item.qualifier}` : ''}`,
			item.stats['count'] ?? item.stats['calculatedMetricValue']!,
		]),
	);
}

describe('notification channels', () => {
	it('creates a channel with a connectUri on a loopback port of its own and a 24 h expiry on the clock', async () => {
		const channel = await createChannel();
		const uri = new URL(channel.connectUri);
		expect(uri.protocol).toBe('ws:');
		expect(uri.hostname).toBe('127.0.0.1');
		expect(uri.port).not.toBe(new URL(emu.url).port);
		expect(uri.pathname).toBe(`/channels/${channel.id}`);
		expect(Date.parse(channel.expires)).toBe(clock + 24 * 3_600_000);
		expect((await api('HEAD', `/${channel.id}`)).status).toBe(200);
		expect((await api('HEAD', '/streaming-0-nothing')).status).toBe(404);
		const listed = (await (await api('GET', '')).json()) as {entities: Channel[]};
		expect(listed.entities.map(each => each.id)).toContain(channel.id);
	});

	it('keeps 20 channels a client: the 21st evicts the oldest unconnected one, not a connected one', async () => {
		const crowded = await loginTo(emu, 'crowded', 's');
		const channels: Channel[] = [];
		for (let index = 0; index < 20; index++) channels.push(await createChannel(crowded));
		const first = listen(channels[0]!);
		await first.opened;
		await createChannel(crowded);
		expect((await api('HEAD', `/${channels[0]!.id}`, undefined, crowded)).status).toBe(200);
		expect((await api('HEAD', `/${channels[1]!.id}`, undefined, crowded)).status).toBe(404);
		expect(emu.notifications.channelsOf('crowded')).toHaveLength(20);
		first.socket.close();
	});
});

describe('subscriptions', () => {
	it('replaces (PUT), adds (POST), lists (GET) and removes (DELETE) topics', async () => {
		const channel = await createChannel();
		const [a, b] = emu.org.queues;
		const put = await api('PUT', `/${channel.id}/subscriptions`, [{id: topicOf(a!.id)}]);
		expect(put.status).toBe(200);
		expect(((await put.json()) as {entities: Topic[]}).entities).toMatchObject([
			{id: topicOf(a!.id), state: 'Permitted'},
		]);
		await api('POST', `/${channel.id}/subscriptions`, [{id: topicOf(b!.id)}]);
		const listed = (await (await api('GET', `/${channel.id}/subscriptions`)).json()) as {entities: Topic[]};
		expect(listed.entities.map(topic => topic.id).sort()).toEqual([topicOf(a!.id), topicOf(b!.id)].sort());
		expect((await api('DELETE', `/${channel.id}/subscriptions`)).status).toBe(200);
		const after = (await (await api('GET', `/${channel.id}/subscriptions`)).json()) as {entities: Topic[]};
		expect(after.entities).toEqual([]);
	});

	it('rejects an unknown queue per topic with ignoreErrors=true, and the whole request without', async () => {
		const channel = await createChannel();
		const known = topicOf(emu.org.queues[0]!.id);
		const unknown = topicOf('00000000-0000-4000-8000-000000000000');
		const lenient = await api('PUT', `/${channel.id}/subscriptions?ignoreErrors=true`, [{id: known}, {id: unknown}]);
		expect(lenient.status).toBe(200);
		const {entities} = (await lenient.json()) as {entities: Topic[]};
		expect(entities.find(topic => topic.id === known)?.state).toBe('Permitted');
		expect(entities.find(topic => topic.id === unknown)?.state).toBe('Rejected');
		const strict = await api('PUT', `/${channel.id}/subscriptions?ignoreErrors=false`, [{id: unknown}]);
		expect(strict.status).toBe(400);
		// The failed request changed nothing.
		expect(emu.notifications.channelsOf(demoClient.id).find(each => each.id === channel.id)?.topics).toEqual([known]);
	});

	it('rejects queue topics for a client without analytics:queueObservation:view', async () => {
		const bearer = await loginTo(emu, 'no-observations', 's');
		const channel = await createChannel(bearer);
		const topic = topicOf(emu.org.queues[0]!.id);
		const lenient = await api('PUT', `/${channel.id}/subscriptions?ignoreErrors=true`, [{id: topic}], bearer);
		expect(((await lenient.json()) as {entities: Topic[]}).entities).toEqual([
			expect.objectContaining({id: topic, state: 'Rejected', missingPermissions: ['analytics:queueObservation:view']}),
		]);
		expect((await api('PUT', `/${channel.id}/subscriptions`, [{id: topic}], bearer)).status).toBe(403);
	});

	it('answers 400 past 1,000 topics on a channel', async () => {
		const big = await emulator({queues: 1001, notifications: {checkMs: 60_000}});
		const bearer = await loginTo(big, demoClient.id, demoClient.secret);
		const post = (path: string, body?: unknown) =>
			fetch(`${big.url}/api/v2/notifications/channels${path}`, {
				method: path ? 'PUT' : 'POST',
				headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
				...(body ? {body: JSON.stringify(body)} : {}),
			});
		const channel = (await (await post('')).json()) as Channel;
		const topics = big.org.queues.map(queue => ({id: topicOf(queue.id)}));
		expect((await post(`/${channel.id}/subscriptions`, topics)).status).toBe(400);
		expect((await post(`/${channel.id}/subscriptions`, topics.slice(0, 1000))).status).toBe(200);
		await big.stop();
	});
});

describe('the WebSocket', () => {
	it('sends heartbeats and answers a ping with a pong', async () => {
		const listener = listen(await createChannel());
		await listener.opened;
		await until(
			() => listener.messages,
			messages => messages.some(message => message.eventBody['message'] === 'WebSocket Heartbeat'),
			'a heartbeat',
		);
		listener.socket.send(JSON.stringify({message: 'ping'}));
		const pong = await until(
			() => listener.messages.find(message => message.eventBody['message'] === 'pong'),
			Boolean,
			'a pong',
		);
		expect(pong?.topicName).toBe('channel.metadata');
		listener.socket.close();
	});

	it('disconnects the first socket of a channel when a second one connects', async () => {
		const channel = await createChannel();
		const first = listen(channel);
		await first.opened;
		const second = listen(channel);
		await second.opened;
		await until(() => first.state.closed, Boolean, 'the first socket closed');
		expect(second.state.closed).toBe(false);
		second.socket.close();
	});

	it("sends a queue's observations when they change on the clock, equal to what the query answers then", async () => {
		const queue = emu.org.queues.find(each => each.media.length > 1)!;
		const channel = await createChannel();
		await api('PUT', `/${channel.id}/subscriptions`, [{id: topicOf(queue.id)}]);
		const listener = listen(channel);
		await listener.opened;
		const events = () =>
			listener.messages.filter(message => message.topicName === topicOf(queue.id)).map(m => m.eventBody as Event);
		// The values have not changed since the subscription (a fixed clock): nothing is sent.
		await until(
			() => emu.notifications.sent.heartbeats,
			count => count > 2,
			'a few heartbeats',
		);
		expect(events()).toEqual([]);
		// Two hours on, the queue has other numbers.
		clock = testNow + 2 * 3_600_000;
		await until(events, list => list.length > 0, 'an observations event');
		const truth = await queried(queue.id);
		for (const event of events()) {
			expect(event.data[0]!.interval).toBe(`${new Date(clock).toISOString()}/${new Date(clock).toISOString()}`);
			const values = flatten(event.data[0]!.metrics);
			for (const [key, value] of Object.entries(truth.get(JSON.stringify(event.group)) ?? {}))
				expect(values[key], `${key} of ${JSON.stringify(event.group)}`).toBe(value);
		}
		// Every group of the queue changed (the media groups and the agents' group), each in the nested shape.
		expect(new Set(events().map(event => event.group.mediaType ?? 'agents'))).toEqual(
			new Set([...queue.media.map(profile => profile.media), 'agents']),
		);
		listener.socket.close();
		clock = testNow;
	});

	it('test hooks: socket_closing on demand, dropped sockets, refused upgrades', async () => {
		const channel = await createChannel();
		const listener = listen(channel);
		await listener.opened;
		emu.notifications.sendSocketClosing();
		await until(
			() => listener.messages.some(message => message.topicName === 'v2.system.socket_closing'),
			Boolean,
			'socket_closing',
		);
		emu.notifications.dropSockets();
		await until(() => listener.state.closed, Boolean, 'the socket dropped');
		emu.notifications.refuseUpgrades(true);
		const refused = new WebSocket(channel.connectUri);
		const status = await new Promise<number>(resolve =>
			refused.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
		);
		expect(status).toBe(403);
		emu.notifications.refuseUpgrades(false);
		const again = listen(channel);
		await again.opened;
		again.socket.close();
	});

	it('stops a channel 24 hours on the clock, or when its token is revoked', async () => {
		const channel = await createChannel();
		const listener = listen(channel);
		await listener.opened;
		clock = testNow + 24 * 3_600_000;
		await until(() => listener.state.closed, Boolean, 'the expired channel closed');
		expect((await api('HEAD', `/${channel.id}`)).status).toBe(404);
		clock = testNow;
		const revoked = await createChannel();
		const second = listen(revoked);
		await second.opened;
		emu.revokeTokens();
		await until(() => second.state.closed, Boolean, 'the channel of a revoked token closed');
		token = await loginTo(emu, demoClient.id, demoClient.secret);
	});
});
