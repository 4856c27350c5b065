// The people board's push feed against the emulator's notifications service (real HTTP and WebSocket): events of
// the combined topics' shapes are read, an impossible date or an event about someone else is not believed, an unknown
// status is kept as given, and changes come in batches.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {AgentPush, type AgentChange} from '../../source/genesys/agent-push.js';
import {peopleOf} from '../../source/emulator/people.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator, testNow} from '../helpers.js';
import {until} from '../wait.js';

let emu: Emulator;
let feed: AgentPush | undefined;

beforeAll(async () => {
	emu = await emulator({queues: 4, now: () => testNow, notifications: {checkMs: 20}});
});
afterAll(async () => emu.stop());
afterEach(() => feed?.stop());

describe('agent push', () => {
	it('reads presence and routing status events, and leaves out what cannot be believed', async () => {
		const [first, second] = peopleOf(emu.org).users;
		const seen = new Map<string, AgentChange>();
		let reconciles = 0;
		feed = new AgentPush(
			clientFor(emu),
			{
				onChanges: changes => {
					for (const [id, change] of changes) seen.set(id, {...seen.get(id), ...change});
				},
				onSessions: () => undefined,
				reconcile: async () => {
					reconciles++;
				},
				onDown: () => undefined,
			},
			{batchMs: 20},
		);
		await feed.start([first!.id, second!.id]);
		expect(reconciles).toBe(1);
		const at = new Date(testNow - 60_000).toISOString();
		const send = (topic: string, body: unknown) =>
			emu.notifications.sendRaw(JSON.stringify({topicName: topic, version: '2', eventBody: body}));
		send(`v2.users.${first!.id}.presence`, {
			source: 'PURECLOUD',
			presenceDefinition: {id: 'p-1', systemPresence: 'On Queue'},
			modifiedDate: at,
		});
		send(`v2.users.${first!.id}.routingStatus`, {id: first!.id, routingStatus: {status: 'NEW_STATUS', startTime: at}});
		// A date in the year 9999, an event naming another user, a body of the wrong shape: none believed.
		send(`v2.users.${second!.id}.routingStatus`, {
			id: second!.id,
			routingStatus: {status: 'IDLE', startTime: '9999-01-01T00:00:00Z'},
		});
		send(`v2.users.${second!.id}.activity`, {id: first!.id, routingStatus: {status: 'IDLE', startTime: at}});
		send(`v2.users.${second!.id}.activity`, {routingStatus: 'IDLE'});
		// A status of half a megabyte (no status is more than a few words): the screen would freeze measuring it.
		send(`v2.users.${second!.id}.activity`, {
			id: second!.id,
			routingStatus: {status: 'X'.repeat(500_000), startTime: at},
		});
		// A user not subscribed.
		send('v2.users.someone-else.activity', {routingStatus: {status: 'IDLE', startTime: at}});
		// Last, one to believe: everything before it on the socket has been read once it is seen.
		send(`v2.users.${second!.id}.presence`, {presenceDefinition: {systemPresence: 'BREAK'}, modifiedDate: at});
		await until(() => seen.get(second!.id), Boolean, 'the last event');
		expect(seen.get(first!.id)).toEqual({
			presence: {presence: 'ON_QUEUE', presenceId: 'p-1', since: Date.parse(at)},
			routing: {status: 'NEW_STATUS', since: Date.parse(at)},
		});
		expect(seen.get(second!.id)).toEqual({presence: {presence: 'BREAK', presenceId: null, since: Date.parse(at)}});
		expect(seen.has('someone-else')).toBe(false);
		expect(feed.channels).toBe(1);
	});
});
