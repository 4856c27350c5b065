// The emulator's agent status query and the client that reads it: request validation, the top 50, filters by user
// and by session, each agent's conversation now as the agent states have it (media, after-call work since when), and
// 50 user ids a query from the client with every agent's sessions merged; 403 without the permission, said once.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {agentStatesOf, currentMembers} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {fetchSessionsNow} from '../../source/genesys/activity.js';
import {clientFor, credentialsEnv, emulator, loginTo, testNow} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let token: string;
const path = '/api/v2/analytics/agents/status/query';

type Entity = {
	userId: string;
	routingStatus: string;
	sessions: Array<{mediaType: string; segmentType: string; segmentStart: string; routedQueueId?: string}>;
};

async function post(body: unknown, bearer = token): Promise<Response> {
	return fetch(`${emu.url}${path}`, {
		method: 'POST',
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}

async function entities(body: unknown): Promise<Entity[]> {
	const response = await post(body);
	expect(response.status).toBe(200);
	return ((await response.json()) as {entities: Entity[]}).entities;
}

beforeAll(async () => {
	emu = await emulator({queues: 300, seed: 3});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

const active = () => peopleOf(emu.org).users.filter(user => user.state === 'active');
const stateOf = (index: number) => agentStatesOf(emu.org, emu.model).at(index, testNow);

describe('POST /api/v2/analytics/agents/status/query', () => {
	it('refuses what the reference does not allow, with 400 and a reason', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{userFilter: {type: 'or', predicates: [{dimension: 'mediaType', value: 'voice'}]}}, /dimension/],
			[{sessionFilter: {type: 'or', predicates: [{dimension: 'userId', value: 'x'}]}}, /dimension/],
			[{userFilter: {type: 'xor', predicates: []}}, /userFilter\.type/],
			[{userFilter: {type: 'or', predicates: [{dimension: 'userId'}]}}, /value/],
			[{userOrderBy: 'queueId'}, /userOrderBy/],
		];
		for (const [body, reason] of cases) {
			const response = await post(body);
			expect(response.status).toBe(400);
			expect(((await response.json()) as {message: string}).message).toMatch(reason);
		}
	});

	it('answers the top 50 agents, each conversation now as the agent states have it', async () => {
		const all = await entities({});
		expect(all).toHaveLength(50);
		const users = active();
		expect(users.length).toBeGreaterThan(50);
		const byId = new Map(users.map(user => [user.id, user.index]));
		for (const entity of all) {
			const state = stateOf(byId.get(entity.userId)!);
			expect(entity.routingStatus).toBe(state.routing);
			expect(entity.sessions.map(session => session.mediaType)).toEqual(state.session ? [state.session.media] : []);
		}
	});

	it('lists the longest in after-call work first, with a session filter and segmentStart order', async () => {
		const wrapping = await entities({
			sessionFilter: {type: 'and', predicates: [{dimension: 'segmentType', value: 'wrapup'}]},
			userOrderBy: 'segmentStart',
			userOrder: 'asc',
		});
		const expected = active().filter(user => stateOf(user.index).session?.segmentType === 'wrapup');
		expect(expected.length).toBeGreaterThan(0);
		expect(wrapping).toHaveLength(Math.min(50, expected.length));
		const starts = wrapping.map(entity => Date.parse(entity.sessions[0]!.segmentStart));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		for (const entity of wrapping) {
			expect(entity.routingStatus).toBe('INTERACTING');
			expect(entity.sessions.every(session => session.segmentType === 'wrapup')).toBe(true);
			expect(Date.parse(entity.sessions[0]!.segmentStart)).toBeLessThanOrEqual(testNow);
		}
	});

	it('is read by the client 50 user ids a query, every agent’s sessions kept', async () => {
		const busy = active().filter(user => stateOf(user.index).session);
		expect(busy.length).toBeGreaterThan(50);
		const before = emu.counts.agentStatus;
		const sessions = await fetchSessionsNow(
			clientFor(emu),
			busy.map(user => user.id),
		);
		expect(emu.counts.agentStatus - before).toBe(Math.ceil(busy.length / 50));
		expect(sessions.requests).toBe(Math.ceil(busy.length / 50));
		expect(sessions.byUser.size).toBe(busy.length);
		for (const user of busy) {
			const session = stateOf(user.index).session!;
			expect(sessions.byUser.get(user.id)).toEqual([
				{
					mediaType: session.media,
					segmentType: session.segmentType,
					segmentSince: session.segmentStartMs,
					queueId: session.direct ? null : expect.any(String),
				},
			]);
		}
	});

	it('is refused without analytics:agentState:view; the client says so once and does not ask again', async () => {
		const bare = await emulator({
			queues: 5,
			recordRequests: true,
			clients: [{id: 'bare', secret: 'bare-secret', permissions: ['analytics:queueObservation:view']}],
		});
		try {
			const client = clientFor(bare, {clientId: 'bare', clientSecret: 'bare-secret'});
			const ids = peopleOf(bare.org).users.map(user => user.id);
			const first = await fetchSessionsNow(client, ids);
			expect(first.unavailable).toBe('needs analytics:agentState:view');
			expect(first.byUser.size).toBe(0);
			const again = await fetchSessionsNow(client, ids);
			expect(again).toMatchObject({unavailable: 'needs analytics:agentState:view', requests: 0});
			expect(bare.requests.filter(request => request.path.startsWith(path))).toHaveLength(1);
		} finally {
			await bare.stop();
		}
	});

	it('leaves media out on a failure or for entities without a user id, saying so, and asks again next time', async () => {
		const bare = await emulator({queues: 5, recordRequests: true});
		try {
			const client = clientFor(bare, {backoffBaseMs: 1, backoffMaxMs: 2});
			const ids = peopleOf(bare.org).users.map(user => user.id);
			bare.inject({kind: 'status', status: 400, path, times: 1, body: JSON.stringify({message: 'no such thing'})});
			const failed = await fetchSessionsNow(client, ids.slice(0, 10));
			expect(failed).toMatchObject({unavailable: 'the agent status query failed'});
			expect(failed.byUser.size).toBe(0);
			// Not final: the next refresh asks again, and gets them.
			const again = await fetchSessionsNow(client, ids.slice(0, 10));
			expect(again.unavailable).toBeUndefined();
			expect(bare.requests.filter(request => request.path === path)).toHaveLength(2);
			// Entities without a user id (no permission for the names of their division): said, not taken for none.
			bare.inject({
				kind: 'transform',
				path,
				transform: body => ({
					entities: (body as {entities: Array<Record<string, unknown>>}).entities.map(
						({userId: _userId, ...rest}) => rest,
					),
				}),
			});
			const unnamed = await fetchSessionsNow(client, ids.slice(0, 10));
			// As many as it answered for before (the deleted users of the ten it never answers for).
			expect(again.byUser.size).toBeGreaterThan(0);
			expect(unnamed.unavailable).toBe(`the agent status query named no agent for ${again.byUser.size} of them`);
			expect(unnamed.byUser.size).toBe(0);
		} finally {
			await bare.stop();
		}
	});

	it('finds an agent who went off queue in the middle of after-call work, for the board and gqx check', async () => {
		const board = await emulator({queues: 8, recordRequests: true});
		try {
			const users = peopleOf(board.org).users;
			const states = agentStatesOf(board.org, board.model);
			const offQueue = (index: number) =>
				states.at(index, testNow).routing === 'OFF_QUEUE' && states.at(index, testNow).presence !== 'OFFLINE';
			const queue = board.org.queues.find(each => currentMembers(board.org, each).some(offQueue))!;
			expect(queue).toBeDefined();
			const away = currentMembers(board.org, queue).find(offQueue)!;
			expect(away).toBeDefined();
			// The server lists them among the off-queue agents in wrap-up (the emulator's own agents never are).
			const since = new Date(testNow - 12 * 60_000).toISOString();
			board.inject({
				kind: 'transform',
				path,
				times: 50,
				transform: body => ({
					entities: [
						...(body as {entities: unknown[]}).entities,
						{
							userId: users[away]!.id,
							routingStatus: 'OFF_QUEUE',
							sessions: [{mediaType: 'voice', segmentType: 'wrapup', segmentStart: since, routedQueueId: queue.id}],
						},
					],
				}),
			});
			const {fetchBoard} = await import('../../source/reports/people.js');
			const found = await fetchBoard(clientFor(board), {queueIds: [queue.id]});
			expect(found.sessions.byUser.get(users[away]!.id)?.[0]).toMatchObject({segmentType: 'wrapup'});
			const asked = board.requests.filter(request => request.path === path).map(request => JSON.parse(request.body));
			expect(asked).toContainEqual({
				userFilter: {
					type: 'and',
					predicates: [
						{dimension: 'routingStatus', value: 'OFF_QUEUE'},
						{dimension: 'queueId', value: queue.id},
					],
				},
				sessionFilter: {type: 'and', predicates: [{dimension: 'segmentType', value: 'wrapup'}]},
				userOrderBy: 'segmentStart',
				userOrder: 'asc',
			});
			// The check names them: 12 minutes of after-call work, over 10.
			const result = await runCommand(
				['check', '--max-acw', '600', '--queue', queue.name, '--format', 'json', '--no-proxy'],
				{env: credentialsEnv(board.url)},
			);
			expect(result.code).toBe(1);
			expect(JSON.parse(result.stdout)).toContainEqual(
				expect.objectContaining({userId: users[away]!.id, check: 'max-acw', queueId: queue.id}),
			);
		} finally {
			await board.stop();
		}
	});
});
