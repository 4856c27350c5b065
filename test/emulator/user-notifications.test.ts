// The emulator's user topics (reference part 3 §B.7) over real HTTP and WebSocket: `v2.users.{id}.activity` and the
// combined `v2.users.{id}?presence&routingStatus`, subscribed like queue topics, with events that agree with what the
// routing activity query answers at the same moment.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {WebSocket} from 'ws';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, loginTo, testNow} from '../helpers.js';
import {until} from '../wait.js';

type Message = {topicName: string; eventBody: Record<string, unknown>};
type Entity = {
	userId: string;
	routingStatus: string;
	routingStatusDate: string;
	systemPresence: string;
	presenceDate: string;
};

let clock = testNow;
let emu: Emulator;
let token: string;

beforeAll(async () => {
	emu = await emulator({queues: 20, now: () => clock, notifications: {heartbeatMs: 60_000, checkMs: 20}});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

async function call(method: string, path: string, body?: unknown): Promise<Response> {
	return fetch(`${emu.url}${path}`, {
		method,
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		...(body === undefined ? {} : {body: JSON.stringify(body)}),
	});
}

/** The routing activity query's members of the first queue, now, by user. */
async function members(): Promise<Map<string, Entity>> {
	const response = await call('POST', '/api/v2/analytics/routing/activity/query', {
		metrics: [{metric: 'oUserRoutingStatuses', details: true}],
		groupBy: ['queueId'],
		filter: {type: 'or', predicates: [{dimension: 'queueId', value: emu.org.queues[0]!.id}]},
	});
	const {results} = (await response.json()) as {results: Array<{entities?: Entity[]}>};
	return new Map((results[0]?.entities ?? []).map(entity => [entity.userId, entity]));
}

async function subscribe(topics: string[]) {
	const channel = (await (await call('POST', '/api/v2/notifications/channels')).json()) as {
		id: string;
		connectUri: string;
	};
	const answer = await call(
		'POST',
		`/api/v2/notifications/channels/${channel.id}/subscriptions?ignoreErrors=true`,
		topics.map(id => ({id})),
	);
	const {entities} = (await answer.json()) as {entities: Array<{id: string; state: string}>};
	const socket = new WebSocket(channel.connectUri);
	const messages: Message[] = [];
	socket.on('message', data => messages.push(JSON.parse(String(data)) as Message));
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	return {entities, socket, messages};
}

describe('user topics', () => {
	it('rejects an unknown user and accepts both topic forms of a known one', async () => {
		const [first] = await members();
		const userId = first![0];
		const {entities, socket} = await subscribe([
			`v2.users.${userId}.activity`,
			`v2.users.${userId}?presence&routingStatus`,
			'v2.users.no-such-user.activity',
		]);
		socket.close();
		expect(entities.filter(topic => topic.state === 'Permitted').map(topic => topic.id)).toEqual([
			`v2.users.${userId}.activity`,
			`v2.users.${userId}?presence&routingStatus`,
		]);
		expect(entities.find(topic => topic.state === 'Rejected')?.id).toBe('v2.users.no-such-user.activity');
	});

	it('tells a change of state as the routing activity query answers it at the same moment', async () => {
		const before = await members();
		const ids = [...before.keys()];
		const {socket, messages} = await subscribe([
			...ids.map(id => `v2.users.${id}.activity`),
			...ids.map(id => `v2.users.${id}?presence&routingStatus`),
		]);
		// Minutes pass on the clock until some agent's routing status changes.
		let after = before;
		for (let step = 0; step < 30; step++) {
			clock += 60_000;
			after = await members();
			if ([...after].some(([id, entity]) => before.get(id)?.routingStatus !== entity.routingStatus)) break;
		}
		const changed = [...after.values()].filter(
			entity => before.get(entity.userId)?.routingStatus !== entity.routingStatus,
		);
		expect(changed.length).toBeGreaterThan(0);
		const agent = changed[0]!;
		const eventOn = async (topic: string): Promise<Message> =>
			(await until(() => messages.find(message => message.topicName === topic), Boolean, `an event on ${topic}`))!;
		const activity = await eventOn(`v2.users.${agent.userId}.activity`);
		expect(activity.eventBody).toMatchObject({
			id: agent.userId,
			routingStatus: {status: agent.routingStatus, startTime: agent.routingStatusDate},
			presence: {presenceDefinition: {systemPresence: agent.systemPresence}, modifiedDate: agent.presenceDate},
		});
		expect(activity.eventBody['activeQueueIds']).toContain(emu.org.queues[0]!.id);
		const routing = await eventOn(`v2.users.${agent.userId}.routingStatus`);
		expect(routing.eventBody).toEqual({
			id: agent.userId,
			routingStatus: {status: agent.routingStatus, startTime: agent.routingStatusDate},
		});
		// Nothing for agents whose state did not change.
		const unchanged = ids.filter(
			id =>
				before.get(id)?.routingStatus === after.get(id)?.routingStatus &&
				before.get(id)?.presenceDate === after.get(id)?.presenceDate &&
				before.get(id)?.routingStatusDate === after.get(id)?.routingStatusDate,
		);
		expect(messages.filter(message => unchanged.some(id => message.topicName.startsWith(`v2.users.${id}.`)))).toEqual(
			[],
		);
		socket.close();
	});
});
