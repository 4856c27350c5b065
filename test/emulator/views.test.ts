// The aggregates query's derived views (rangeBound) over real HTTP: validation like the real API, and counts that are
// the emulator's own conversations' waits (each conversation made one by one, as the details query lists them).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {conversationAt, seriesConversations, seriesOf} from '../../source/emulator/conversations.js';
import {emulator, loginTo} from '../helpers.js';

let emu: Emulator;
let token: string;

const interval = '2026-03-16T00:00:00Z/2026-03-19T00:00:00Z';
const bands = [0, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000];

type Data = {
	interval: string;
	metrics: Array<{metric: string; stats: Record<string, number>}>;
	views?: Array<{name: string; stats: Record<string, number>}>;
};
type Result = {group?: Record<string, string>; data: Data[]};

async function query(body: unknown): Promise<Response> {
	return fetch(`${emu.url}/api/v2/analytics/conversations/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		body: JSON.stringify(body),
	});
}

function bandViews(target: string, prefix: string) {
	return bands.map((from, index) => ({
		name: `${prefix}${index}`,
		target,
		function: 'rangeBound',
		range: {gte: from, ...(bands[index + 1] === undefined ? {} : {lt: bands[index + 1]})},
	}));
}

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 3});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

describe('aggregate views (rangeBound)', () => {
	it('answers each view in every bucket, and the bands add up to Answered and Abandoned', async () => {
		for (const [target, prefix] of [
			['tAnswered', 'ans'],
			['tAbandon', 'ab'],
		] as const) {
			const response = await query({
				interval,
				granularity: 'P1D',
				groupBy: ['queueId', 'mediaType'],
				metrics: [target],
				views: bandViews(target, prefix),
			});
			expect(response.status).toBe(200);
			const {results} = (await response.json()) as {results: Result[]};
			let buckets = 0;
			for (const result of results) {
				for (const data of result.data) {
					const total = data.metrics.find(metric => metric.metric === target)?.stats['count'] ?? 0;
					const sum = (data.views ?? []).reduce((all, view) => all + (view.stats['count'] ?? 0), 0);
					expect(sum, `${result.group?.['queueId']} ${data.interval}`).toBe(total);
					if (total > 0) buckets++;
				}
			}
			expect(buckets).toBeGreaterThan(20);
		}
	});

	it('counts the waits of the conversations themselves (answered and abandoned, per band)', async () => {
		const voice = seriesOf(emu.org).list.filter(item => item.mediaType === 'voice');
		const series = voice.reduce((a, b) => (b.key.profile.dailyOffered > a.key.profile.dailyOffered ? b : a));
		const [from, to] = interval.split('/').map(text => Date.parse(text)) as [number, number];
		const expected = {answered: bands.map(() => 0), abandoned: bands.map(() => 0)};
		for (const slot of seriesConversations(emu.org, emu.model, series, {fromMs: from, toMs: to}, {descending: false})) {
			const conversation = conversationAt(emu.org, emu.model, series, slot.n, slot.startMs);
			if (conversation.outcome === 'flowOut') continue;
			const band = bands.findLastIndex(bound => conversation.queueMs >= bound);
			expected[conversation.outcome][band]!++;
		}
		const response = await query({
			interval,
			filter: {
				type: 'and',
				predicates: [
					{dimension: 'queueId', value: series.queueId},
					{dimension: 'mediaType', value: 'voice'},
				],
			},
			metrics: ['tAnswered'],
			views: [...bandViews('tAnswered', 'ans').slice(0, 5), ...bandViews('tAbandon', 'ab').slice(0, 5)],
		});
		const {results} = (await response.json()) as {results: Result[]};
		const views = new Map(results[0]?.data[0]?.views?.map(view => [view.name, view.stats['count']]));
		for (let band = 0; band < 5; band++) {
			expect(views.get(`ans${band}`) ?? 0, `answered band ${band}`).toBe(expected.answered[band]);
			expect(views.get(`ab${band}`) ?? 0, `abandoned band ${band}`).toBe(expected.abandoned[band]);
		}
		expect(expected.answered.reduce((a, b) => a + b)).toBeGreaterThan(50);
	});

	it('counts as over SLA exactly the answered that waited the service-level time or longer', async () => {
		const response = await query({
			interval,
			groupBy: ['queueId', 'mediaType'],
			metrics: ['tAnswered', 'nOverSla', 'oServiceLevel'],
			filter: {type: 'and', predicates: [{dimension: 'mediaType', value: 'voice'}]},
			views: [{name: 'within', target: 'tAnswered', function: 'rangeBound', range: {lt: 20_000}}],
		});
		const {results} = (await response.json()) as {results: Result[]};
		expect(results.length).toBeGreaterThan(5);
		for (const result of results) {
			const [data] = result.data;
			const stat = (name: string) => data?.metrics.find(metric => metric.metric === name)?.stats;
			const within = data?.views?.find(view => view.name === 'within')?.stats['count'] ?? 0;
			expect(within).toBe((stat('tAnswered')?.['count'] ?? 0) - (stat('nOverSla')?.['count'] ?? 0));
			expect(within).toBe(stat('oServiceLevel')?.['numerator']);
		}
	});

	it('refuses views as the real API documents (400 with the reason)', async () => {
		const base = {interval, metrics: ['tAnswered']};
		const view = {name: 'w', target: 'tAnswered', function: 'rangeBound', range: {lt: 10_000}};
		const cases: Array<[unknown, RegExp]> = [
			[Array.from({length: 11}, (_, index) => ({...view, name: `w${index}`})), /at most 10 views/],
			[[{...view, target: 'nOffered'}], /limited to timer metric/],
			[[{...view, target: 'oServiceLevel'}], /limited to timer metric/],
			[[{...view, target: 'w'}], /views\[0\]\.target/],
			[[{...view, function: 'sum'}], /Allowable values are: rangeBound/],
			[[{...view, range: {}}], /at least one bound/],
			[[{...view, range: {gt: 4}}], /at least one bound/],
			[[{...view, name: 'tAnswered'}], /distinct from the built-in metric names/],
			[[view, view], /distinct from the other views/],
			[[{...view, range: {lt: 'ten'}}], /range\.lt must be a number/],
			['views', /views must be an array/],
		];
		for (const [views, message] of cases) {
			const response = await query({...base, views});
			expect(response.status, JSON.stringify(views)).toBe(400);
			const body = (await response.json()) as {message: string; status: number};
			expect(body.message).toMatch(message);
		}
		const ten = await query({...base, views: Array.from({length: 10}, (_, index) => ({...view, name: `w${index}`}))});
		expect(ten.status).toBe(200);
	});
});
