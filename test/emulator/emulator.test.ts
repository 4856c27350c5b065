// The emulator over real HTTP: login, validation, identities, buckets, paging, errors, limits.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {queueMetricNames} from '../../source/genesys/analytics.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator} from '../helpers.js';

let emu: Emulator;
let token: string;

async function login(id = demoClient.id, secret = demoClient.secret): Promise<Response> {
	return fetch(`${emu.url}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
}

async function query(body: unknown, bearer = token): Promise<Response> {
	return fetch(`${emu.url}/api/v2/analytics/conversations/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}

type Result = {
	group?: Record<string, string>;
	data: Array<{interval: string; metrics: Array<{metric: string; stats: Record<string, number>}>}>;
};

async function results(body: unknown): Promise<Result[]> {
	const response = await query(body);
	expect(response.status).toBe(200);
	const json = (await response.json()) as {results?: Result[]};
	return json.results ?? [];
}

function stat(metrics: Result['data'][number]['metrics'], name: string, field = 'count'): number {
	return metrics.find(metric => metric.metric === name)?.stats[field] ?? 0;
}

beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 7});
	const response = await login();
	token = ((await response.json()) as {access_token: string}).access_token;
});
afterAll(async () => emu.stop());

describe('login', () => {
	it('issues a bearer token for client credentials with Basic auth', async () => {
		const response = await login();
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			token_type: 'bearer',
			expires_in: 86_399,
			access_token: expect.any(String),
		});
	});

	it('answers like Genesys for an unknown client (400) and a wrong secret (401)', async () => {
		const unknown = await login('nobody', 'x');
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toEqual({
			error: 'invalid_client',
			description: 'client not found',
			error_description: 'client not found',
		});
		const wrong = await login(demoClient.id, 'wrong');
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toMatchObject({error: 'invalid_client', description: 'authentication failed'});
	});

	it('rejects API calls without or with a bad token, with the platform error body and a correlation id', async () => {
		const response = await query(
			{interval: '2026-03-01T00:00:00Z/2026-03-02T00:00:00Z', metrics: ['nOffered']},
			'not-a-token',
		);
		expect(response.status).toBe(401);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({code: 'bad.credentials', status: 401, message: 'Invalid login credentials.'});
		expect(body['contextId']).toBe(response.headers.get('inin-correlation-id'));
	});

	it('answers 403 missing.any.permissions naming the permission', async () => {
		emu.addClient({id: 'no-analytics', secret: 's', permissions: ['routing:queue:view']});
		const limited = ((await (await login('no-analytics', 's')).json()) as {access_token: string}).access_token;
		const response = await query(
			{interval: '2026-03-01T00:00:00Z/2026-03-02T00:00:00Z', metrics: ['nOffered']},
			limited,
		);
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({
			code: 'missing.any.permissions',
			message: expect.stringContaining('analytics:conversationAggregate:view'),
		});
	});
});

describe('aggregates query', () => {
	const week = '2026-03-02T00:00:00.000Z/2026-03-09T00:00:00.000Z';

	it('rejects invented metrics, dimensions, intervals and filters with 400 and a reason', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{interval: week, metrics: ['nAnswered']}, /nAnswered/],
			[{interval: week, metrics: ['conversationCount']}, /conversationCount/],
			[{interval: week, metrics: []}, /metrics/],
			[{interval: week, metrics: ['nOffered'], groupBy: ['queue']}, /queue/],
			[{interval: '2026-03-02/yesterday', metrics: ['nOffered']}, /interval/i],
			[{interval: '2026-03-09T00:00:00Z/2026-03-02T00:00:00Z', metrics: ['nOffered']}, /after the start/],
			[{interval: week, metrics: ['nOffered'], granularity: 'daily'}, /granularity/],
			[{interval: week, metrics: ['nOffered'], timeZone: 'Mars/Base'}, /timeZone/],
			[{interval: week, metrics: ['nOffered'], filter: {type: 'xor', predicates: []}}, /filter.type/],
			[
				{
					interval: week,
					metrics: ['nOffered'],
					filter: {type: 'and', clauses: [{type: 'or', predicates: [{dimension: 'queue', value: 'x'}]}]},
				},
				/dimension/,
			],
			[
				{
					interval: week,
					metrics: ['nOffered'],
					filter: {type: 'or', predicates: [{dimension: 'mediaType', value: 'fax'}]},
				},
				/\[fax\].*Allowable values are: callback, chat/,
			],
		];
		for (const [body, reason] of cases) {
			const response = await query(body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			const error = (await response.json()) as {message: string; code: string};
			expect(error.message).toMatch(reason);
			expect(['bad.request', 'invalid.value', 'invalid.date']).toContain(error.code);
		}
	});

	it('keeps offered = answered + abandoned + flow-outs and the service level identities in every bucket', async () => {
		const found = await results({
			interval: week,
			granularity: 'PT1H',
			groupBy: ['queueId', 'mediaType'],
			metrics: [...queueMetricNames],
		});
		let buckets = 0;
		for (const result of found) {
			for (const data of result.data) {
				const m = data.metrics;
				const offered = stat(m, 'nOffered');
				expect(offered).toBe(stat(m, 'tAnswered') + stat(m, 'tAbandon') + stat(m, 'tFlowOut'));
				expect(stat(m, 'tWait')).toBe(offered);
				if (offered - stat(m, 'tFlowOut') > 0) {
					expect(stat(m, 'oServiceLevel', 'numerator')).toBe(stat(m, 'tAnswered') - stat(m, 'nOverSla'));
					expect(stat(m, 'oServiceLevel', 'denominator')).toBe(offered - stat(m, 'tFlowOut'));
				}
				expect(stat(m, 'tShortAbandon')).toBeLessThanOrEqual(stat(m, 'tAbandon'));
				expect(stat(m, 'tTalkComplete', 'sum')).toBeLessThanOrEqual(stat(m, 'tHandle', 'sum'));
				for (const metric of m) {
					if (metric.metric.startsWith('t')) {
						expect(metric.stats['min']).toBeLessThanOrEqual(metric.stats['max'] ?? 0);
						expect(metric.stats['count']).toBeGreaterThan(0);
					}
				}
				buckets++;
			}
		}
		expect(buckets).toBeGreaterThan(1000);
	});

	it('answers a range with exactly the sum of its buckets, whatever the granularity', async () => {
		const whole = await results({interval: week, groupBy: ['queueId', 'mediaType'], metrics: ['nOffered', 'tHandle']});
		const hourly = await results({
			interval: week,
			granularity: 'PT1H',
			groupBy: ['queueId', 'mediaType'],
			metrics: ['nOffered', 'tHandle'],
		});
		const total = (found: Result[], metric: string, field: string) =>
			found.reduce(
				(sum, result) => sum + result.data.reduce((inner, data) => inner + stat(data.metrics, metric, field), 0),
				0,
			);
		expect(total(hourly, 'nOffered', 'count')).toBe(total(whole, 'nOffered', 'count'));
		expect(total(hourly, 'tHandle', 'sum')).toBe(total(whole, 'tHandle', 'sum'));
		expect(total(whole, 'nOffered', 'count')).toBeGreaterThan(1000);
	});

	it('buckets days by the time zone across a DST change, with UTC interval strings', async () => {
		// New York moved to summer time on Sunday 2026-03-08: that local day lasts 23 hours.
		const found = await results({
			interval: '2026-03-07T05:00:00.000Z/2026-03-10T04:00:00.000Z',
			granularity: 'P1D',
			timeZone: 'America/New_York',
			groupBy: ['mediaType'],
			metrics: ['nOffered'],
		});
		const intervals = [...new Set(found.flatMap(result => result.data.map(data => data.interval)))].sort();
		expect(intervals).toEqual([
			'2026-03-07T05:00:00.000Z/2026-03-08T05:00:00.000Z',
			'2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z',
			'2026-03-09T04:00:00.000Z/2026-03-10T04:00:00.000Z',
		]);
	});

	it('has no data after its clock, and answers {} when nothing matches', async () => {
		const response = await query({
			interval: '2026-04-01T00:00:00Z/2026-04-02T00:00:00Z',
			metrics: ['nOffered'],
			groupBy: ['queueId'],
		});
		expect(await response.json()).toEqual({});
	});

	it('gives groups only the dimensions they have: non-queue traffic has a mediaType but no queueId', async () => {
		const found = await results({interval: week, groupBy: ['queueId', 'mediaType'], metrics: ['nOffered', 'tHandle']});
		const withoutQueue = found.filter(result => !result.group?.['queueId']);
		expect(withoutQueue).toHaveLength(1);
		expect(withoutQueue[0]?.group).toEqual({mediaType: 'voice'});
		expect(stat(withoutQueue[0]!.data[0]!.metrics, 'nOffered')).toBe(0);
		expect(stat(withoutQueue[0]!.data[0]!.metrics, 'tHandle')).toBeGreaterThan(0);
	});

	it('filters by an AND of OR clauses of queue ids and media types', async () => {
		const [a, b] = emu.org.queues;
		const found = await results({
			interval: week,
			groupBy: ['queueId', 'mediaType'],
			metrics: ['nOffered'],
			filter: {
				type: 'and',
				clauses: [
					{
						type: 'or',
						predicates: [
							{dimension: 'queueId', value: a!.id},
							{dimension: 'queueId', value: b!.id},
						],
					},
					{type: 'or', predicates: [{dimension: 'mediaType', value: 'voice'}]},
				],
			},
		});
		expect(
			found.every(
				result => [a!.id, b!.id].includes(result.group?.['queueId'] ?? '') && result.group?.['mediaType'] === 'voice',
			),
		).toBe(true);
		expect(found.length).toBeGreaterThan(0);
	});

	it('is deterministic for a seed', async () => {
		const body = {
			interval: week,
			groupBy: ['queueId', 'mediaType'],
			metrics: ['nOffered', 'tAnswered', 'oServiceLevel'],
		};
		expect(await results(body)).toEqual(await results(body));
	});
});

describe('queues', () => {
	async function page(search: string): Promise<{
		entities: Array<{id: string; name: string}>;
		pageSize: number;
		pageCount: number;
		total: number;
		nextUri?: string;
	}> {
		const response = await fetch(`${emu.url}/api/v2/routing/queues?${search}`, {
			headers: {authorization: `Bearer ${token}`},
		});
		expect(response.status).toBe(200);
		return (await response.json()) as never;
	}

	it('caps the page size silently and pages with pageCount and nextUri', async () => {
		const first = await page('pageSize=500');
		expect(first.pageSize).toBe(100);
		expect(first.total).toBe(40);
		const small = await page('pageSize=15&pageNumber=2');
		expect(small.pageCount).toBe(3);
		expect(small.nextUri).toBe('/api/v2/routing/queues?pageSize=15&pageNumber=3');
		expect((await page('pageSize=15&pageNumber=3')).nextUri).toBeUndefined();
	});

	it('filters ids given repeated or comma-separated, and names with * wildcards', async () => {
		const [a, b, c] = emu.org.queues;
		expect((await page(`id=${a!.id}&id=${b!.id}`)).total).toBe(2);
		expect((await page(`id=${a!.id},${b!.id},${c!.id}`)).total).toBe(3);
		const prefix = a!.name.slice(0, 3);
		const wild = await page(`name=${encodeURIComponent(`${prefix}*`)}`);
		expect(wild.entities.every(queue => queue.name.startsWith(prefix))).toBe(true);
		expect(wild.total).toBeGreaterThan(0);
	});

	it('answers 404 not.found for an unknown queue id', async () => {
		const response = await fetch(`${emu.url}/api/v2/routing/queues/00000000-0000-4000-8000-000000000000`, {
			headers: {authorization: `Bearer ${token}`},
		});
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({code: 'not.found'});
	});
});

describe('rate limit', () => {
	it('answers the normalized 429 body with Retry-After once a token spends its minute', async () => {
		const limited = await emulator({rateLimitPerMinute: 3});
		try {
			const auth = await fetch(`${limited.url}/oauth/token`, {
				method: 'POST',
				headers: {authorization: `Basic ${Buffer.from(`${demoClient.id}:${demoClient.secret}`).toString('base64')}`},
				body: 'grant_type=client_credentials',
			});
			const bearer = ((await auth.json()) as {access_token: string}).access_token;
			const statuses = [];
			let last: Response | undefined;
			for (let index = 0; index < 4; index++) {
				last = await fetch(`${limited.url}/api/v2/routing/queues`, {headers: {authorization: `Bearer ${bearer}`}});
				statuses.push(last.status);
			}
			expect(statuses).toEqual([200, 200, 200, 429]);
			expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(await last?.json()).toMatchObject({
				code: 'too.many.requests.retry.after',
				status: 429,
				message: expect.stringMatching(/^Rate limit exceeded the maximum. Retry the request in \[\d+\] seconds$/),
			});
		} finally {
			await limited.stop();
		}
	});
});
