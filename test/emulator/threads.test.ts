// The emulator with compute threads (as `gqx emulator` runs it): the same answers as computing in the
// server's own thread, other requests answered while a long query computes, faults still apply.
// Workers run JavaScript, so this uses the built emulator (npm test builds first).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {queueMetricNames} from '../../source/genesys/analytics.js';
import type {Emulator as EmulatorType} from '../../source/emulator/server.js';
import {testNow} from '../helpers.js';
import {until} from '../wait.js';

const built = (await import(
	new URL('../../dist/emulator/server.js', import.meta.url).href
)) as typeof import('../../source/emulator/server.js');

let threaded: EmulatorType;
let plain: EmulatorType;

async function tokenFor(emu: EmulatorType): Promise<string> {
	const response = await fetch(`${emu.url}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${built.demoClient.id}:${built.demoClient.secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	return ((await response.json()) as {access_token: string}).access_token;
}

async function ask(emu: EmulatorType, body: unknown): Promise<{status: number; text: string}> {
	const response = await fetch(`${emu.url}/api/v2/analytics/conversations/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${await tokenFor(emu)}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
	return {status: response.status, text: await response.text()};
}

beforeAll(async () => {
	const options = {queues: 300, seed: 11, now: () => testNow, rateLimitPerMinute: 0};
	threaded = await built.startEmulator({...options, computeThreads: 2});
	plain = await built.startEmulator(options);
});
afterAll(async () => {
	await threaded.stop();
	await plain.stop();
});

describe('compute threads', () => {
	it('answer every query exactly as the server thread does', async () => {
		expect(threaded.computeThreads).toBe(2);
		const metrics = [...queueMetricNames];
		const queries = [
			{interval: '2026-02-01T00:00:00.000Z/2026-03-01T00:00:00.000Z', groupBy: ['queueId', 'mediaType'], metrics},
			{
				interval: '2026-03-08T00:00:00.000Z/2026-03-10T00:00:00.000Z',
				granularity: 'PT30M',
				timeZone: 'America/New_York',
				groupBy: ['queueId', 'mediaType'],
				metrics,
			},
			{
				interval: '2026-03-01T00:00:00.000Z/2026-03-08T00:00:00.000Z',
				groupBy: ['mediaType'],
				filter: {
					type: 'and',
					clauses: [
						{type: 'or', predicates: [{type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'chat'}]},
					],
				},
				metrics: ['nOffered', 'tHandle'],
			},
			// No traffic at all, and a query the emulator refuses.
			{interval: '2030-01-01T00:00:00.000Z/2030-01-02T00:00:00.000Z', groupBy: ['queueId'], metrics: ['nOffered']},
			{interval: 'yesterday', groupBy: ['queueId'], metrics: ['nOffered']},
		];
		for (const body of queries) {
			const [a, b] = await Promise.all([ask(threaded, body), ask(plain, body)]);
			expect(a.status, body.interval).toBe(b.status);
			// Error bodies carry a correlation id of their own.
			const same = (text: string) => text.replace(/"contextId":"[^"]+"/, '');
			expect(same(a.text), body.interval).toBe(same(b.text));
		}
		expect((await ask(threaded, queries[0])).text.length).toBeGreaterThan(10_000);
	});

	it('answer a queue page while a long query computes', async () => {
		const token = await tokenFor(threaded);
		const order: string[] = [];
		// Seconds of work for the server (more under a loaded CI, so not more than a week); a page is milliseconds.
		const asked = threaded.counts.aggregates;
		const long = ask(threaded, {
			interval: '2026-02-24T00:00:00.000Z/2026-03-03T00:00:00.000Z',
			granularity: 'PT30M',
			groupBy: ['queueId', 'mediaType'],
			metrics: [...queueMetricNames],
		}).then(answer => {
			expect(answer.status, answer.text.slice(0, 200)).toBe(200);
			order.push('aggregates');
		});
		// The long query is at the server (counted, and so handed to a compute thread) before the page is asked for.
		await until(
			() => threaded.counts.aggregates,
			count => count > asked,
			'the long query at the emulator',
		);
		const page = fetch(`${threaded.url}/api/v2/routing/queues?pageSize=100&pageNumber=1`, {
			headers: {authorization: `Bearer ${token}`},
		}).then(async response => {
			expect(response.status).toBe(200);
			await response.text();
			order.push('page');
		});
		await Promise.all([long, page]);
		expect(order).toEqual(['page', 'aggregates']);
	});

	it('still apply faults to computed answers', async () => {
		threaded.inject({
			path: '/api/v2/analytics/conversations/aggregates/query',
			kind: 'transform',
			transform: body => ({...(body as object), extra: 1}),
		});
		const answer = await ask(threaded, {
			interval: '2026-03-01T00:00:00.000Z/2026-03-02T00:00:00.000Z',
			groupBy: ['queueId'],
			metrics: ['nOffered'],
		});
		expect(answer.status).toBe(200);
		const parsed = JSON.parse(answer.text) as {extra?: number; results?: unknown[]};
		expect(parsed.extra).toBe(1);
		expect(parsed.results?.length).toBeGreaterThan(0);
	});
});
