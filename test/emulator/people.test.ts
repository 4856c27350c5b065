// The emulator's agents and wrap-up codes: GET /api/v2/users and /api/v2/routing/wrapupcodes (paged, by
// id, state, permission), and aggregates by userId and wrapUpCode that follow the reference's rules.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runAggregateQuery, validateAggregateQuery} from '../../source/emulator/aggregates.js';
import {peopleOf} from '../../source/emulator/people.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, loginTo} from '../helpers.js';

let emu: Emulator;
let token: string;
beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 3, maxPageSize: 10});
	token = await login(demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

function login(id: string, secret: string): Promise<string> {
	return loginTo(emu, id, secret);
}

type Listing = {entities: Array<{id: string; name: string; state?: string}>; pageCount: number; total: number};

async function get(path: string, bearer = token): Promise<{status: number; body: Listing & {message?: string}}> {
	const response = await fetch(`${emu.url}${path}`, {headers: {authorization: `Bearer ${bearer}`}});
	return {status: response.status, body: (await response.json()) as Listing & {message?: string}};
}

describe('GET /api/v2/users', () => {
	it('finds users by id, page by page; deleted ones only with state=deleted or any', async () => {
		const people = peopleOf(emu.org);
		const deleted = people.users.filter(user => user.state === 'deleted');
		expect(deleted.length).toBeGreaterThan(0);
		const ids = people.users.slice(0, 15).map(user => user.id);
		if (!ids.includes(deleted[0]!.id)) ids.push(deleted[0]!.id);
		const pages = async (state?: string) => {
			const found: string[] = [];
			for (let page = 1; ; page++) {
				const {status, body} = await get(
					`/api/v2/users?id=${ids.join(',')}&pageSize=10&pageNumber=${page}${state ? `&state=${state}` : ''}`,
				);
				expect(status).toBe(200);
				expect(body.entities.length).toBeLessThanOrEqual(10);
				found.push(...body.entities.map(user => user.id));
				if (page >= body.pageCount) return found;
			}
		};
		const any = await pages('any');
		expect(any.sort()).toEqual([...ids].sort());
		const active = await pages();
		expect(active).not.toContain(deleted[0]!.id);
		expect(active.length).toBe(ids.filter(id => people.userById.get(id)!.state === 'active').length);
		expect(await pages('deleted')).toContain(deleted[0]!.id);
	});
});

describe('GET /api/v2/routing/wrapupcodes', () => {
	it('lists the named codes page by page, without system codes or deleted ones', async () => {
		const names: string[] = [];
		for (let page = 1; ; page++) {
			const {body} = await get(`/api/v2/routing/wrapupcodes?pageSize=5&pageNumber=${page}`);
			names.push(...body.entities.map(code => code.name));
			if (page >= body.pageCount) break;
		}
		const people = peopleOf(emu.org);
		expect(names.sort()).toEqual(
			people.codes
				.filter(code => !code.system && !code.deleted)
				.map(code => code.name)
				.sort(),
		);
		expect(people.codes.some(code => code.system && !/^[0-9a-f-]{36}$/.test(code.id))).toBe(true);
	});

	it('needs routing:wrapupCode:view', async () => {
		emu.addClient({id: 'bare', secret: 'bare-secret', permissions: ['analytics:conversationAggregate:view']});
		const {status, body} = await get('/api/v2/routing/wrapupcodes', await login('bare', 'bare-secret'));
		expect(status).toBe(403);
		expect(body.message).toContain('routing:wrapupCode:view');
	});
});

describe('aggregates by userId and wrapUpCode', () => {
	const queue = () => emu.org.queues[5]!;
	const run = (groupBy: string[], metrics: string[]) => {
		const query = validateAggregateQuery({
			interval: '2026-03-02T00:00:00Z/2026-03-09T00:00:00Z',
			granularity: 'P1D',
			groupBy,
			filter: {type: 'and', clauses: [{type: 'or', predicates: [{dimension: 'queueId', value: queue().id}]}]},
			metrics,
		});
		if ('status' in query) throw new Error(query.message);
		return runAggregateQuery(emu.org, emu.model, query);
	};
	const total = (results: ReturnType<typeof run>, metric: string, where: (group: Record<string, string>) => boolean) =>
		results
			.filter(result => where(result.group ?? {}))
			.flatMap(result => result.data)
			.flatMap(data => data.metrics)
			.filter(item => item.metric === metric)
			.reduce((sum, item) => sum + (item.stats['count'] ?? 0), 0);
	const metrics = ['nOffered', 'tWait', 'tAbandon', 'tAnswered', 'tHandle', 'tAcw', 'tNotResponding'];

	it('puts queue-only metrics in groups without userId and every answered conversation with an agent', () => {
		const plain = run(['queueId', 'mediaType'], metrics);
		const byUser = run(['queueId', 'mediaType', 'userId'], metrics);
		const all = () => true;
		for (const metric of ['nOffered', 'tWait', 'tAbandon']) {
			expect(total(byUser, metric, group => 'userId' in group)).toBe(0);
			expect(total(byUser, metric, group => !('userId' in group))).toBe(total(plain, metric, all));
		}
		for (const metric of ['tAnswered', 'tHandle']) {
			expect(total(byUser, metric, group => !('userId' in group))).toBe(0);
			expect(total(byUser, metric, group => 'userId' in group)).toBe(total(plain, metric, all));
		}
		expect(total(byUser, 'tNotResponding', group => 'userId' in group)).toBeGreaterThan(0);
		// Agents are members of the queue.
		const people = peopleOf(emu.org);
		const members = new Set(people.membersOf(queue()).map(index => people.users[index]!.id));
		for (const result of byUser) if (result.group?.['userId']) expect(members.has(result.group['userId'])).toBe(true);
	});

	it('gives most handled work a wrap-up code; the codes and the rest add up to handled', () => {
		const plain = run(['queueId'], ['tHandle']);
		const byCode = run(['queueId', 'wrapUpCode'], ['tHandle', 'nOffered']);
		const handled = total(plain, 'tHandle', () => true);
		const coded = total(byCode, 'tHandle', group => 'wrapUpCode' in group);
		expect(coded + total(byCode, 'tHandle', group => !('wrapUpCode' in group))).toBe(handled);
		expect(coded / handled).toBeGreaterThan(0.8);
		expect(total(byCode, 'nOffered', group => 'wrapUpCode' in group)).toBe(0);
	});

	it('filters by agent: one agent’s buckets equal that agent’s group', () => {
		const byUser = run(['queueId', 'userId'], ['tHandle']);
		const agent = byUser.find(result => result.group?.['userId'])!.group!['userId']!;
		const query = validateAggregateQuery({
			interval: '2026-03-02T00:00:00Z/2026-03-09T00:00:00Z',
			granularity: 'P1D',
			groupBy: ['queueId'],
			filter: {
				type: 'and',
				clauses: [
					{type: 'or', predicates: [{dimension: 'queueId', value: queue().id}]},
					{type: 'or', predicates: [{dimension: 'userId', value: agent}]},
				],
			},
			metrics: ['tHandle'],
		});
		if ('status' in query) throw new Error(query.message);
		const filtered = runAggregateQuery(emu.org, emu.model, query);
		expect(total(filtered, 'tHandle', () => true)).toBe(total(byUser, 'tHandle', group => group['userId'] === agent));
	});
});
