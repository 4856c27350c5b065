// The emulator's routing activity query and presence definitions: request validation, members with their states
// and since when, the same agent in every queue, counts equal to the observations' at the same clock, truncation.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {currentMembers} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {type Emulator} from '../../source/emulator/server.js';
import {emulator, loginTo, testNow} from '../helpers.js';
import {demoClient} from '../../source/emulator/server.js';

let emu: Emulator;
let token: string;
let clock = testNow;

type Entity = {
	userId: string;
	queueId: string;
	routingStatus: string;
	routingStatusDate: string;
	systemPresence: string;
	organizationPresenceId: string;
	presenceDate: string;
	activityDate: string;
};
type Group = {
	group: {queueId: string};
	data: Array<{metric: string; qualifier?: string; count: number; entityIds?: string[]}>;
	entities?: Entity[];
	truncated?: boolean;
};

async function post(path: string, body: unknown, target = emu, bearer = token): Promise<Response> {
	return fetch(`${target.url}${path}`, {
		method: 'POST',
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}
const activityPath = '/api/v2/analytics/routing/activity/query';
const byQueues = (ids: string[]) => ({type: 'or', predicates: ids.map(value => ({dimension: 'queueId', value}))});
const members = (queueIds: string[], extra: Record<string, unknown> = {}) => ({
	metrics: [
		{metric: 'oUserRoutingStatuses', details: true},
		{metric: 'oUserPresences', details: true},
	],
	groupBy: ['queueId'],
	filter: byQueues(queueIds),
	...extra,
});

async function activity(body: unknown, query = '?pageSize=100', target = emu): Promise<Group[]> {
	const response = await post(`${activityPath}${query}`, body, target);
	expect(response.status).toBe(200);
	return ((await response.json()) as {results: Group[]}).results;
}

beforeAll(async () => {
	emu = await emulator({queues: 120, now: () => clock});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

describe('POST /api/v2/analytics/routing/activity/query', () => {
	it('refuses what the reference does not allow, with 400 and a reason', async () => {
		const queue = emu.org.queues[0]!.id;
		const cases: Array<[unknown, RegExp]> = [
			[{...members([queue]), groupBy: undefined}, /groupBy/],
			[{...members([queue]), groupBy: ['userId']}, /groupBy/],
			[{...members([queue]), metrics: [{metric: 'oWaiting'}]}, /metrics\[0\]\.metric/],
			[{...members([queue]), metrics: []}, /metrics/],
			[
				{...members([queue]), filter: {type: 'or', predicates: [{dimension: 'mediaType', value: 'voice'}]}},
				/dimension/,
			],
			[{...members([queue]), filter: undefined}, /queueId/],
			[members(emu.org.queues.slice(0, 101).map(each => each.id)), /at most 100/],
		];
		for (const [body, reason] of cases) {
			const response = await post(activityPath, body);
			expect(response.status).toBe(400);
			expect(((await response.json()) as {message: string}).message).toMatch(reason);
		}
	});

	it('lists every member of a queue with routing status, presence and since when, counts matching', async () => {
		const queue = emu.org.queues[5]!;
		const [group] = await activity(members([queue.id]));
		const people = peopleOf(emu.org);
		// Members who have left the org are in the queue's history, not its members now.
		expect(people.membersOf(queue).length).toBeGreaterThanOrEqual(currentMembers(emu.org, queue).length);
		const expected = currentMembers(emu.org, queue).map(index => people.users[index]!.id);
		expect(group!.entities!.map(entity => entity.userId).sort()).toEqual([...expected].sort());
		for (const entity of group!.entities!) {
			expect(entity.queueId).toBe(queue.id);
			expect(['IDLE', 'INTERACTING', 'COMMUNICATING', 'NOT_RESPONDING', 'OFF_QUEUE']).toContain(entity.routingStatus);
			expect(Date.parse(entity.routingStatusDate)).toBeLessThanOrEqual(clock);
			expect(Date.parse(entity.presenceDate)).toBeLessThanOrEqual(clock);
			// On queue is a presence; off queue is any other.
			expect(entity.systemPresence === 'ON_QUEUE').toBe(entity.routingStatus !== 'OFF_QUEUE');
		}
		const routing = group!.data.filter(item => item.metric === 'oUserRoutingStatuses');
		for (const item of routing)
			expect(item.count).toBe(group!.entities!.filter(entity => entity.routingStatus === item.qualifier).length);
		expect(routing.reduce((sum, item) => sum + item.count, 0)).toBe(expected.length);
	});

	it('gives an agent the same state in every queue they belong to', async () => {
		const ids = emu.org.queues.slice(0, 60).map(queue => queue.id);
		const groups = await activity(members(ids));
		expect(groups).toHaveLength(60);
		const seen = new Map<string, string>();
		let repeated = 0;
		for (const entity of groups.flatMap(group => group.entities ?? [])) {
			const state = `${entity.routingStatus} ${entity.routingStatusDate} ${entity.organizationPresenceId} ${entity.presenceDate}`;
			if (seen.has(entity.userId)) {
				repeated++;
				expect(seen.get(entity.userId)).toBe(state);
			} else seen.set(entity.userId, state);
		}
		expect(repeated).toBeGreaterThan(0);
	});

	it('has the counts of the observations query at the same clock (On queue and Available)', async () => {
		const ids = emu.org.queues.slice(0, 40).map(queue => queue.id);
		const groups = await activity(members(ids));
		const response = await post('/api/v2/analytics/queues/observations/query', {
			filter: byQueues(ids),
			metrics: ['oOnQueueUsers'],
		});
		type Observed = {
			group: {queueId: string; mediaType?: string};
			data: Array<{metric: string; qualifier?: string; stats: {count: number}}>;
		};
		const observed = ((await response.json()) as {results: Observed[]}).results;
		let compared = 0;
		for (const group of groups) {
			const counts = observed.find(each => each.group.queueId === group.group.queueId && !each.group.mediaType)!;
			const onQueue = counts.data.reduce((sum, item) => sum + item.stats.count, 0);
			const idle = counts.data.find(item => item.qualifier === 'IDLE')?.stats.count ?? 0;
			const entities = group.entities!;
			expect(entities.filter(entity => entity.routingStatus !== 'OFF_QUEUE').length).toBe(onQueue);
			expect(entities.filter(entity => entity.routingStatus === 'IDLE').length).toBe(idle);
			compared += onQueue;
		}
		expect(compared).toBeGreaterThan(0);
	});

	it('moves with the clock: statuses change, and one that did not keeps its date', async () => {
		const ids = emu.org.queues.slice(0, 30).map(queue => queue.id);
		const before = (await activity(members(ids))).flatMap(group => group.entities!);
		clock = testNow + 7 * 60_000;
		try {
			const after = new Map(
				(await activity(members(ids))).flatMap(group => group.entities!).map(e => [`${e.queueId} ${e.userId}`, e]),
			);
			let changed = 0;
			let kept = 0;
			for (const entity of before) {
				const later = after.get(`${entity.queueId} ${entity.userId}`)!;
				if (later.routingStatus !== entity.routingStatus) {
					changed++;
					expect(Date.parse(later.routingStatusDate)).toBeGreaterThan(testNow - 1);
				} else if (later.routingStatusDate === entity.routingStatusDate) kept++;
			}
			expect(changed).toBeGreaterThan(0);
			expect(kept).toBeGreaterThan(0);
		} finally {
			clock = testNow;
		}
	});

	it('narrows members by a routing status predicate and pages the queues', async () => {
		const ids = emu.org.queues.slice(0, 30).map(queue => queue.id);
		const filter = {
			type: 'and',
			clauses: [byQueues(ids), {type: 'or', predicates: [{dimension: 'routingStatus', value: 'OFF_QUEUE'}]}],
		};
		const groups = await activity({...members(ids), filter});
		const entities = groups.flatMap(group => group.entities!);
		expect(entities.length).toBeGreaterThan(0);
		expect(entities.every(entity => entity.routingStatus === 'OFF_QUEUE')).toBe(true);
		const first = await activity(members(ids), '?pageSize=20&pageNumber=1');
		const second = await activity(members(ids), '?pageSize=20&pageNumber=2');
		expect(first.map(group => group.group.queueId)).toEqual(ids.slice(0, 20));
		expect(second.map(group => group.group.queueId)).toEqual(ids.slice(20));
	});

	it('truncates a long member list to the oldest and newest halves, and says so', async () => {
		const small = await emulator({queues: 120, activityDetailCap: 4});
		try {
			const smallToken = await loginTo(small, demoClient.id, demoClient.secret);
			const queue = small.org.queues.find(each => currentMembers(small.org, each).length > 6)!;
			const response = await post(`${activityPath}?pageSize=100`, members([queue.id]), small, smallToken);
			const [group] = ((await response.json()) as {results: Group[]}).results;
			expect(group!.truncated).toBe(true);
			expect(group!.entities).toHaveLength(4);
			// The counts still count everyone.
			const counted = group!.data
				.filter(item => item.metric === 'oUserRoutingStatuses')
				.reduce((sum, item) => sum + item.count, 0);
			expect(counted).toBe(currentMembers(small.org, queue).length);
		} finally {
			await small.stop();
		}
	});

	it('needs analytics:queueObservation:view', async () => {
		const bare = await emulator({clients: [{id: 'bare', secret: 'bare-secret', permissions: ['routing:queue:view']}]});
		try {
			const bareToken = await loginTo(bare, 'bare', 'bare-secret');
			const response = await post(activityPath, members([bare.org.queues[0]!.id]), bare, bareToken);
			expect(response.status).toBe(403);
			expect(await response.text()).toContain('analytics:queueObservation:view');
		} finally {
			await bare.stop();
		}
	});
});

describe('GET /api/v2/presence/definitions', () => {
	it('lists the system presences and the org own, whose ids are the qualifiers of oUserPresences', async () => {
		const response = await fetch(`${emu.url}/api/v2/presence/definitions?deactivated=false`, {
			headers: {authorization: `Bearer ${token}`},
		});
		const body = (await response.json()) as {
			entities: Array<{id: string; type: string; systemPresence: string; languageLabels: Record<string, string>}>;
		};
		const labels = body.entities.map(entity => entity.languageLabels['en_US']);
		expect(labels).toEqual(expect.arrayContaining(['Available', 'On Queue', 'Break', 'Meal', 'Offline', 'Coaching']));
		expect(body.entities.find(entity => entity.languageLabels['en_US'] === 'On Queue')!.systemPresence).toBe('OnQueue');
		expect(body.entities.filter(entity => entity.type === 'User').length).toBeGreaterThan(0);
		const ids = new Set(body.entities.map(entity => entity.id));
		const groups = await activity(members(emu.org.queues.slice(0, 50).map(queue => queue.id)));
		const qualifiers = groups.flatMap(group =>
			group.data.filter(item => item.metric === 'oUserPresences').map(item => item.qualifier!),
		);
		expect(qualifiers.length).toBeGreaterThan(0);
		for (const qualifier of qualifiers) expect(ids.has(qualifier)).toBe(true);
	});
});
