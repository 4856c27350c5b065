// The emulator's queue observations over real HTTP (reference §A), and the client that reads them.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {currentMembers} from '../../source/emulator/agent-states.js';
import {fetchObservations} from '../../source/genesys/observations.js';
import {clientFor, emulator, testNow} from '../helpers.js';

let emu: Emulator;
let token: string;

async function login(target: Emulator): Promise<string> {
	const response = await fetch(`${target.url}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${demoClient.id}:${demoClient.secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	return ((await response.json()) as {access_token: string}).access_token;
}

async function observe(body: unknown, target = emu, bearer = token): Promise<Response> {
	return fetch(`${target.url}/api/v2/analytics/queues/observations/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}

type Item = {
	metric: string;
	qualifier?: string;
	stats: {count?: number; calculatedMetricValue?: number};
	truncated?: boolean;
	observations?: Array<{observationDate: string}>;
};
type Result = {group: {queueId: string; mediaType?: string}; data: Item[]};

const byQueues = (ids: string[]) => ({type: 'or', predicates: ids.map(value => ({dimension: 'queueId', value}))});
const allMetrics = ['oWaiting', 'oInteracting', 'oLongestWaiting', 'oOnQueueUsers', 'oMemberUsers', 'oOffQueueUsers'];

beforeAll(async () => {
	emu = await emulator({queues: 300});
	token = await login(emu);
});
afterAll(async () => emu.stop());

describe('POST /api/v2/analytics/queues/observations/query', () => {
	it('answers a {queueId} group of agent counts and a {queueId, mediaType} group per media type', async () => {
		const queue = emu.org.queues[3]!;
		const response = await observe({filter: byQueues([queue.id]), metrics: allMetrics});
		expect(response.status).toBe(200);
		const {results, systemToOrganizationMappings} = (await response.json()) as {
			results: Result[];
			systemToOrganizationMappings: Record<string, string[]>;
		};
		expect(systemToOrganizationMappings['OFFLINE']).toEqual(['ccf3c10a-aa2c-4845-8e8d-f59fa48c58e5']);
		const users = results.filter(result => result.group.mediaType === undefined);
		expect(users).toHaveLength(1);
		const members = users[0]!.data.find(item => item.metric === 'oMemberUsers')!.stats.count!;
		expect(members).toBe(currentMembers(emu.org, queue).length);
		const onQueue = users[0]!.data.filter(item => item.metric === 'oOnQueueUsers');
		for (const item of onQueue)
			expect(['IDLE', 'INTERACTING', 'COMMUNICATING', 'NOT_RESPONDING']).toContain(item.qualifier);
		const offQueue = users[0]!.data.filter(item => item.metric === 'oOffQueueUsers');
		const sum = (items: Item[]) => items.reduce((total, item) => total + (item.stats.count ?? 0), 0);
		expect(sum(onQueue) + sum(offQueue)).toBe(members);
		const media = results.filter(result => result.group.mediaType !== undefined).map(result => result.group.mediaType);
		expect(media.sort()).toEqual(queue.media.map(profile => profile.media).sort());
		for (const result of results.filter(each => each.group.mediaType)) {
			const waiting = result.data.find(item => item.metric === 'oWaiting')!.stats.count!;
			const longest = result.data.find(item => item.metric === 'oLongestWaiting');
			// An epoch-ms timestamp of the oldest waiter, there only when someone waits.
			if (waiting > 0) expect(longest!.stats.calculatedMetricValue).toBeLessThanOrEqual(testNow);
			else expect(longest).toBeUndefined();
		}
	});

	it('lists waiting conversations oldest first, cut to the oldest and newest halves past 100', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 100);
		const {results} = (await (
			await observe({filter: byQueues(ids), metrics: ['oWaiting', 'oLongestWaiting'], detailMetrics: ['oWaiting']})
		).json()) as {results: Result[]};
		let seen = 0;
		for (const result of results) {
			const waiting = result.data.find(item => item.metric === 'oWaiting')!;
			const dates = (waiting.observations ?? []).map(each => Date.parse(each.observationDate));
			expect(dates).toEqual([...dates].sort((a, b) => a - b));
			expect(dates.length).toBe(Math.min(100, waiting.stats.count!));
			expect(waiting.truncated ?? false).toBe(waiting.stats.count! > 100);
			const longest = result.data.find(item => item.metric === 'oLongestWaiting');
			if (dates.length > 0) expect(longest!.stats.calculatedMetricValue).toBe(dates[0]);
			seen += dates.length;
		}
		expect(seen).toBeGreaterThan(0);
	});

	it('refuses more than 100 queues, an empty filter, unknown metrics and dimensions', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 101);
		const tooMany = await observe({filter: byQueues(ids), metrics: ['oWaiting']});
		expect(tooMany.status).toBe(400);
		expect(((await tooMany.json()) as {message: string}).message).toMatch(/at most 100/);
		expect((await observe({filter: {type: 'or', predicates: []}, metrics: ['oWaiting']})).status).toBe(400);
		expect((await observe({metrics: ['oWaiting']})).status).toBe(400);
		expect((await observe({filter: byQueues([ids[0]!]), metrics: ['nOffered']})).status).toBe(400);
		expect(
			(await observe({filter: byQueues([ids[0]!]), metrics: ['oWaiting'], detailMetrics: ['oLongestWaiting']})).status,
		).toBe(400);
		const badDimension = await observe({
			filter: {type: 'or', predicates: [{dimension: 'userId', value: 'x'}]},
			metrics: ['oWaiting'],
		});
		expect(badDimension.status).toBe(400);
	});

	it('moves between two requests', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 50);
		const read = async () =>
			JSON.stringify(
				((await (await observe({filter: byQueues(ids), metrics: allMetrics})).json()) as {results: Result[]}).results,
			);
		expect(await read()).not.toBe(await read());
	});

	it('ages the longest wait with the clock: 10 s later it is 10 s older, or a newer waiter is the oldest', async () => {
		let clock = DateTime.fromISO('2026-03-18T16:00:00Z').toMillis();
		const target = await emulator({queues: 300, now: () => clock});
		try {
			const client = clientFor(target);
			const ids = target.org.queues.map(queue => queue.id);
			const waits = async () => {
				const waits = new Map<string, number>();
				for (const queue of (await fetchObservations(client, ids)).values())
					for (const media of queue.media)
						if (media.longestWaitingMs !== null)
							waits.set(`${queue.queueId} ${media.mediaType}`, media.longestWaitingMs);
				return waits;
			};
			const before = await waits();
			clock += 10_000;
			const after = await waits();
			let aged = 0;
			let both = 0;
			for (const [key, wait] of before) {
				const later = after.get(key);
				if (later === undefined) continue;
				both++;
				// The Date header the ages are read against has whole seconds.
				if (Math.abs(later - wait - 10_000) <= 1000) aged++;
				else expect(later, key).toBeLessThan(wait);
			}
			expect(both).toBeGreaterThan(20);
			expect(aged).toBeGreaterThan(both / 2);
		} finally {
			await target.stop();
		}
	});

	it('is quiet at night and busy at the peak of the day', async () => {
		// Business hours are US Eastern (UTC-5): 03:00 and 11:00 local.
		const at = async (iso: string) => {
			const target = await emulator({queues: 300, now: () => DateTime.fromISO(iso).toMillis()});
			try {
				const client = clientFor(target);
				const live = await fetchObservations(
					client,
					target.org.queues.map(queue => queue.id),
				);
				let waiting = 0;
				let interacting = 0;
				for (const queue of live.values()) {
					waiting += queue.waiting;
					interacting += queue.interacting;
				}
				return {waiting, interacting};
			} finally {
				await target.stop();
			}
		};
		const night = await at('2026-03-18T08:00:00Z');
		const peak = await at('2026-03-18T16:00:00Z');
		expect(peak.interacting).toBeGreaterThan(night.interacting * 3);
		expect(peak.waiting).toBeGreaterThan(night.waiting);
	});
});

describe('fetchObservations', () => {
	it('asks 100 queues a query and reads what the emulator served', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 250);
		const before = emu.counts.observations;
		const live = await fetchObservations(clientFor(emu), ids);
		expect(emu.counts.observations - before).toBe(3);
		expect(live.size).toBe(250);
		const served = emu.observationsServed.slice(-3).flat();
		for (const result of served) {
			const queue = live.get(result.group.queueId)!;
			if (result.group.mediaType === undefined) {
				const counts = result.data.filter(item => item.metric === 'oOnQueueUsers');
				expect(queue.onQueueAgents).toBe(counts.reduce((sum, item) => sum + (item.stats.count ?? 0), 0));
				expect(queue.availableAgents).toBe(counts.find(item => item.qualifier === 'IDLE')?.stats.count ?? 0);
			} else {
				const media = queue.media.find(each => each.mediaType === result.group.mediaType)!;
				expect(media.waiting).toBe(result.data.find(item => item.metric === 'oWaiting')!.stats.count);
				const stamp = result.data.find(item => item.metric === 'oLongestWaiting')?.stats.calculatedMetricValue;
				// A timestamp read as an age on the server's clock (its Date header), not this machine's: the test
				// clock is months in the past. The header has whole seconds.
				if (stamp) expect(Math.abs(media.longestWaitingMs! - (testNow - stamp))).toBeLessThan(3000);
				else expect(media.longestWaitingMs).toBeNull();
			}
		}
	});
});

describe('reading observations', () => {
	it('turns an answer of the wrong shape into a ResponseError that says where', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 3);
		emu.inject({
			kind: 'transform',
			path: '/api/v2/analytics/queues/observations',
			transform: () => ({results: [{group: {queueId: ids[0]}, data: [{metric: 'oWaiting', stats: {count: 'two'}}]}]}),
		});
		await expect(fetchObservations(clientFor(emu), ids)).rejects.toThrow(/results\.0\.data\.0\.stats\.count/);
	});

	it('refuses counts and timestamps that cannot be (negative, fractions, past 2^53), as the push path does', async () => {
		const ids = emu.org.queues.map(queue => queue.id).slice(0, 3);
		// The emulator's own answer, with one number in it replaced: a media group's count or its oldest waiter's stamp.
		const served = (metric: string, key: 'count' | 'calculatedMetricValue', value: number) =>
			emu.inject({
				kind: 'transform',
				path: '/api/v2/analytics/queues/observations',
				transform: body => {
					const answer = body as {
						results: Array<{group: {mediaType?: string}; data: Array<{metric: string; stats?: object}>}>;
					};
					const group = answer.results.find(result => result.group.mediaType !== undefined)!;
					group.data = [...group.data.filter(item => item.metric !== metric), {metric, stats: {[key]: value}}];
					return answer;
				},
			});
		for (const [metric, key] of [
			['oWaiting', 'count'],
			['oLongestWaiting', 'calculatedMetricValue'],
		] as const) {
			for (const value of [-1, 2.5, 2 ** 53, 1e300]) {
				served(metric, key, value);
				await expect(fetchObservations(clientFor(emu), ids), `${metric} ${value}`).rejects.toThrow(
					/does not have the shape.*stats\.(count|calculatedMetricValue): expected a whole number from 0 to 2\^53/,
				);
			}
			// The same answer with a number that can be one is read.
			served(metric, key, key === 'count' ? 7 : testNow - 60_000);
			const live = await fetchObservations(clientFor(emu), ids);
			const values = [...live.values()].flatMap(queue => queue.media);
			if (key === 'count') expect(values.some(media => media.waiting === 7)).toBe(true);
			else expect(values.some(media => media.longestWaitingMs !== null)).toBe(true);
		}
	});
});
