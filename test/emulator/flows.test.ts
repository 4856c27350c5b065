// The emulator's flows over real HTTP (reference §D): the flow aggregates against its own queue traffic, the
// identity of the flow metrics, validation, the flows and outcomes listings, observations and permissions.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {flowCatalogOf} from '../../source/emulator/flows.js';
import {emulator, loginTo} from '../helpers.js';
import {demoClient} from '../../source/emulator/server.js';

let emu: Emulator;
let token: string;

type Stats = {count?: number; sum?: number; min?: number; max?: number};
type Result = {
	group?: Record<string, string>;
	data: Array<{interval: string; metrics: Array<{metric: string; stats: Stats}>}>;
};

const interval = '2026-03-16T00:00:00Z/2026-03-20T00:00:00Z';

async function post(path: string, body: unknown, bearer = token): Promise<Response> {
	return fetch(`${emu.url}${path}`, {
		method: 'POST',
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}

async function flows(body: unknown): Promise<Result[]> {
	const response = await post('/api/v2/analytics/flows/aggregates/query', body);
	expect(response.status).toBe(200);
	return ((await response.json()) as {results?: Result[]}).results ?? [];
}

async function get(path: string, bearer = token): Promise<Response> {
	return fetch(`${emu.url}${path}`, {headers: {authorization: `Bearer ${bearer}`}});
}

/** Each group's statistics of every bucket added up, by metric. */
function totals(result: Result): Record<string, {count: number; sum: number}> {
	const out: Record<string, {count: number; sum: number}> = {};
	for (const data of result.data)
		for (const {metric, stats} of data.metrics) {
			const into = (out[metric] ??= {count: 0, sum: 0});
			into.count += stats.count ?? 0;
			into.sum += stats.sum ?? 0;
		}
	return out;
}

beforeAll(async () => {
	emu = await emulator({queues: 40});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

describe('POST /api/v2/analytics/flows/aggregates/query', () => {
	it('ends every session it starts exactly once: tFlow = tFlowExit + tFlowDisconnect, counts and sums', async () => {
		const results = await flows({
			interval,
			granularity: 'PT1H',
			groupBy: ['flowId'],
			metrics: ['nFlow', 'tFlow', 'tFlowExit', 'tFlowDisconnect'],
		});
		expect(results.length).toBe(flowCatalogOf(emu.org).flows.length);
		for (const result of results)
			for (const data of result.data) {
				const of = (metric: string) => data.metrics.find(each => each.metric === metric)?.stats ?? {};
				expect(of('tFlow').count ?? 0).toBe((of('tFlowExit').count ?? 0) + (of('tFlowDisconnect').count ?? 0));
				expect(of('tFlow').sum ?? 0).toBe((of('tFlowExit').sum ?? 0) + (of('tFlowDisconnect').sum ?? 0));
				// The emulator ends a session in the bucket it starts in.
				expect(of('nFlow').count ?? 0).toBe(of('tFlow').count ?? 0);
			}
	});

	it('sends to each queue exactly the voice, chat and message conversations the queue was offered', async () => {
		const exits = await flows({
			interval,
			groupBy: ['transferTargetAddress'],
			filter: {type: 'and', predicates: [{dimension: 'transferType', value: 'ACD'}]},
			metrics: ['tFlowExit'],
		});
		const response = await post('/api/v2/analytics/conversations/aggregates/query', {
			interval,
			groupBy: ['queueId'],
			filter: {
				type: 'or',
				predicates: ['voice', 'chat', 'message'].map(value => ({dimension: 'mediaType', value})),
			},
			metrics: ['nOffered'],
		});
		const offered = new Map(
			((await response.json()) as {results: Result[]}).results
				.filter(result => result.group?.['queueId'])
				.map(result => [result.group!['queueId']!, totals(result)['nOffered']?.count ?? 0]),
		);
		const sent = new Map(
			exits.map(result => [result.group!['transferTargetAddress']!, totals(result)['tFlowExit']!.count]),
		);
		expect(sent.size).toBeGreaterThan(20);
		expect(sent).toEqual(offered);
	});

	it('counts outcomes per outcome: started = failed + succeeded (tFlowOutcome)', async () => {
		const results = await flows({
			interval,
			groupBy: ['flowId', 'flowOutcomeId'],
			filter: {type: 'and', predicates: [{dimension: 'flowOutcomeId', operator: 'exists'}]},
			metrics: ['nFlowOutcome', 'nFlowOutcomeFailed', 'tFlowOutcome'],
		});
		expect(results.length).toBeGreaterThan(5);
		for (const result of results) {
			const sums = totals(result);
			expect(sums['nFlowOutcome']!.count).toBe(
				(sums['nFlowOutcomeFailed']?.count ?? 0) + (sums['tFlowOutcome']?.count ?? 0),
			);
		}
		// In-queue flows have no outcomes.
		const inQueue = flowCatalogOf(emu.org).flows.filter(flow => flow.type === 'INQUEUECALL');
		expect(results.filter(result => inQueue.some(flow => flow.id === result.group?.['flowId']))).toEqual([]);
	});

	it('refuses oFlow, conversation metrics, unknown dimensions and a missing interval with 400', async () => {
		for (const body of [
			{interval, metrics: ['oFlow']},
			{interval, metrics: ['nOffered']},
			{interval, metrics: ['nFlow'], groupBy: ['noSuchDimension']},
			{interval, metrics: ['nFlow'], filter: {type: 'and', predicates: [{dimension: 'flowNope', value: 'x'}]}},
			{metrics: ['nFlow']},
			{interval, metrics: []},
		]) {
			const response = await post('/api/v2/analytics/flows/aggregates/query', body);
			expect(response.status, JSON.stringify(body)).toBe(400);
		}
	});

	it('needs analytics:flowAggregate:view, and the listing architect:flow:view (403 naming them)', async () => {
		emu.addClient({id: 'no-flows', secret: 's', permissions: ['analytics:conversationAggregate:view']});
		const bearer = await loginTo(emu, 'no-flows', 's');
		const aggregates = await post('/api/v2/analytics/flows/aggregates/query', {interval, metrics: ['nFlow']}, bearer);
		expect(aggregates.status).toBe(403);
		expect(await aggregates.text()).toContain('analytics:flowAggregate:view');
		const listing = await get('/api/v2/flows', bearer);
		expect(listing.status).toBe(403);
		expect(await listing.text()).toContain('architect:flow:view');
		const outcomes = await get('/api/v2/flows/outcomes', bearer);
		expect(await outcomes.text()).toContain('architect:flowOutcome:view');
	});
});

describe('GET /api/v2/flows and /api/v2/flows/outcomes', () => {
	it('pages the flows, filters by lower-case type, and lists a deleted flow only with deleted=true', async () => {
		const catalog = flowCatalogOf(emu.org);
		const first = (await (await get('/api/v2/flows?pageSize=5&pageNumber=1')).json()) as {
			entities: Array<{id: string; type: string}>;
			pageCount: number;
			total: number;
		};
		expect(first.entities).toHaveLength(5);
		expect(first.total).toBe(catalog.flows.filter(flow => !flow.deleted).length);
		const bots = (await (await get('/api/v2/flows?type=bot&type=digitalbot')).json()) as {
			entities: Array<{type: string}>;
		};
		expect(bots.entities.map(flow => flow.type).sort()).toEqual(['BOT', 'BOT', 'DIGITALBOT']);
		expect((await get('/api/v2/flows?type=BOT')).status).toBe(400);
		const deleted = catalog.flows.find(flow => flow.deleted)!;
		const hidden = (await (await get(`/api/v2/flows?id=${deleted.id}`)).json()) as {entities: unknown[]};
		expect(hidden.entities).toEqual([]);
		const shown = (await (await get(`/api/v2/flows?id=${deleted.id}&deleted=true`)).json()) as {
			entities: Array<{name: string; deleted: boolean}>;
		};
		expect(shown.entities).toEqual([expect.objectContaining({name: deleted.name, deleted: true})]);
		const outcomes = (await (await get('/api/v2/flows/outcomes?pageSize=4')).json()) as {
			entities: Array<{id: string; name: string}>;
			pageCount: number;
		};
		expect(outcomes.entities).toHaveLength(4);
		expect(outcomes.pageCount).toBe(Math.ceil(catalog.outcomes.length / 4));
	});
});

describe('POST /api/v2/analytics/flows/observations/query', () => {
	it('answers oFlow per flow and refuses other metrics', async () => {
		const flow = flowCatalogOf(emu.org).flows[0]!;
		const response = await post('/api/v2/analytics/flows/observations/query', {
			filter: {type: 'or', predicates: [{dimension: 'flowId', value: flow.id}]},
			metrics: ['oFlow'],
		});
		const body = (await response.json()) as {results: Array<{group: {flowId: string}; data: Array<{stats: Stats}>}>};
		expect(body.results).toHaveLength(1);
		expect(body.results[0]!.group.flowId).toBe(flow.id);
		expect(body.results[0]!.data[0]!.stats.count).toBeGreaterThan(0);
		const refused = await post('/api/v2/analytics/flows/observations/query', {
			filter: {type: 'or', predicates: [{dimension: 'flowId', value: flow.id}]},
			metrics: ['nFlow'],
		});
		expect(refused.status).toBe(400);
	});
});
