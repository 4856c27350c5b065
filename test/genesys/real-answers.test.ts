// Answers shaped like those of real organizations, odd cases included, served over HTTP by the emulator:
// one impossible statistic is left out (and said once, naming where), the rest of the answer is kept.
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {fetchReport} from '../../source/reports/report.js';
import {describeDropped, type DroppedStatistic} from '../../source/genesys/dropped-statistics.js';
import {rollUp, type QueueRow} from '../../source/metrics/rows.js';
import type {Emulator} from '../../source/emulator/server.js';
import type {RetryNotice} from '../../source/errors.js';
import {clientFor, credentialsEnv, emulator} from '../helpers.js';
import {runCli} from '../run-cli.js';

let emu: Emulator;
let queueA: {id: string; name: string};
let queueB: {id: string; name: string};
beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 21});
	queueA = emu.org.queues[0]!;
	queueB = emu.org.queues[1]!;
});
afterAll(async () => emu.stop());
afterEach(() => emu.clearFaults());

const start = DateTime.fromISO('2026-05-01', {zone: 'UTC'});
const end = start.plus({days: 1});
const day = '2026-05-01T00:00:00.000Z/2026-05-02T00:00:00.000Z';

/** A day of one queue's voice traffic as a real answer has it (reference 3.6): mediaType before queueId. */
function voiceDay(queueId: string, changes: Record<string, unknown> = {}) {
	const metrics: Record<string, unknown> = {
		nOffered: {count: 120},
		tAnswered: {max: 95_000, min: 2100, count: 104, sum: 2_496_000},
		tAbandon: {max: 60_000, min: 900, count: 12, sum: 288_000},
		tFlowOut: {max: 215_000, min: 214_000, count: 4, sum: 858_000},
		nOverSla: {count: 20},
		tHandle: {max: 900_000, min: 30_000, count: 104, sum: 27_040_000},
		tTalkComplete: {max: 800_000, min: 20_000, count: 104, sum: 20_800_000},
		tHeldComplete: {max: 120_000, min: 5000, count: 30, sum: 1_350_000},
		tAcw: {max: 90_000, min: 1000, count: 100, sum: 3_000_000},
		oServiceLevel: {ratio: 0.7241379310344828, numerator: 84, denominator: 116, target: 0.8},
		...changes,
	};
	return {
		group: {mediaType: 'voice', queueId},
		data: [
			{
				interval: day,
				metrics: Object.entries(metrics)
					.filter(([, stats]) => stats !== 'absent')
					.map(([metric, stats]) => (stats === 'no stats' ? {metric} : {metric, stats})),
			},
		],
	};
}

/** The next aggregates answer is `results`. */
function serve(...results: unknown[]): void {
	emu.inject({kind: 'transform', path: '/api/v2/analytics', transform: () => ({results})});
}

async function load(): Promise<{
	rows: Map<string, QueueRow>;
	dropped: DroppedStatistic[];
	nameOf: (id: string) => string;
}> {
	const dropped: DroppedStatistic[] = [];
	const report = await fetchReport(
		clientFor(emu),
		{start, end, timeZone: 'UTC', mediaTypes: ['voice']},
		{onDrop: entry => dropped.push(entry)},
	);
	const rows = rollUp(report.cells, 'media', report.nameOf, day);
	return {rows: new Map(rows.map(row => [row.queueId!, row])), dropped, nameOf: report.nameOf};
}

describe('real-shaped answers', () => {
	it('reads a clean day as Genesys shows it', async () => {
		serve(voiceDay(queueA.id));
		const {rows, dropped} = await load();
		expect(dropped).toEqual([]);
		expect(rows.get(queueA.id)).toMatchObject({
			queueName: queueA.name,
			offered: 120,
			answered: 104,
			abandoned: 12,
			serviceLevel: 84 / 116,
			asaMs: 24_000,
			ahtMs: 260_000,
			avgTalkMs: 200_000,
			avgHoldMs: 45_000,
		});
	});

	it.each([
		['a negative timer', {tHandle: {max: 900_000, min: -30_000, count: 104, sum: 27_040_000}}, 'tHandle', 'ahtMs'],
		[
			'a service level numerator above its denominator',
			{oServiceLevel: {ratio: 1.2, numerator: 140, denominator: 116, target: 0.8}},
			'oServiceLevel',
			'serviceLevel',
		],
		['a metric without stats', {tAcw: 'no stats'}, 'tAcw', 'avgAcwMs'],
	] as const)(
		'keeps the answer but %s: that cell is empty, the rest is whole',
		async (_what, change, metric, field) => {
			serve(voiceDay(queueA.id, change), voiceDay(queueB.id));
			const {rows, dropped, nameOf} = await load();
			const row = rows.get(queueA.id)!;
			expect(row[field]).toBeNull();
			expect(row).toMatchObject({offered: 120, answered: 104, asaMs: 24_000});
			expect(rows.get(queueB.id)![field]).not.toBeNull();
			expect(dropped).toHaveLength(1);
			expect(dropped[0]).toMatchObject({queueId: queueA.id, mediaType: 'voice', interval: day, metric});
			// Said once, naming queue, media, interval and metric.
			expect(describeDropped(dropped[0]!, nameOf)).toMatch(
				new RegExp(`^${queueA.name}, voice, ${day.replaceAll('.', '\\.')}, ${metric}: .+`),
			);
		},
	);

	it('leaves out a bucket without an interval, keeping the other buckets', async () => {
		const odd = voiceDay(queueA.id);
		const second = {...odd.data[0]!, interval: undefined};
		serve({...odd, data: [odd.data[0], second]});
		const {rows, dropped} = await load();
		expect(rows.get(queueA.id)!.offered).toBe(120);
		expect(dropped).toEqual([
			{queueId: queueA.id, mediaType: 'voice', interval: null, metric: null, problem: 'the bucket has no interval'},
		]);
	});

	it('gives an empty average for a timer with a count but no sum', async () => {
		serve(voiceDay(queueA.id, {tTalkComplete: {count: 104}}));
		const {rows, dropped} = await load();
		expect(rows.get(queueA.id)!.avgTalkMs).toBeNull();
		expect(dropped).toEqual([]);
	});

	it('still fails the request for strings where numbers belong', async () => {
		serve(voiceDay(queueA.id, {nOffered: {count: '120'}}));
		await expect(load()).rejects.toThrow(/does not have the shape the API promises/);
	});

	it('names a queue the listing gives without a name by its id, and keeps the page', async () => {
		serve(voiceDay(queueA.id));
		emu.inject({
			kind: 'transform',
			path: '/api/v2/routing/queues',
			times: 10,
			transform: body => {
				const page = body as {entities?: Array<{id: string; name?: string}>};
				for (const entity of page.entities ?? []) if (entity.id === queueA.id) delete entity.name;
				return page;
			},
		});
		const {rows} = await load();
		expect(rows.get(queueA.id)!.queueName).toBe(`(queue ${queueA.id.slice(0, 8)})`);
	});

	it('waits what a 429 body says when it has no Retry-After header', async () => {
		emu.inject({
			kind: 'status',
			status: 429,
			path: '/api/v2/analytics',
			body: JSON.stringify({
				message: 'Rate limit exceeded the maximum. Retry the request in [2] seconds',
				code: 'too.many.requests.retry.after',
				status: 429,
			}),
		});
		const notices: RetryNotice[] = [];
		const client = clientFor(emu, {onRetry: notice => notices.push(notice)});
		await fetchReport(client, {start, end, timeZone: 'UTC', mediaTypes: ['voice']});
		expect(notices).toMatchObject([{reason: 'rate-limit', delayMs: 2000}]);
	});
});

describe('gqx export with an impossible statistic', () => {
	it('writes every row, the empty cell included, and says on stderr once what it left out', async () => {
		const env = credentialsEnv(emu.url);
		serve(voiceDay(queueA.id, {tHandle: {max: 900_000, min: 30_000, count: 104, sum: -5}}), voiceDay(queueB.id));
		const args = ['export', '--from', '2026-05-01', '--to', '2026-05-01', '--tz', 'UTC', '--media', 'voice'];
		const result = await runCli([...args, '--level', 'media', '--format', 'json'], {env});
		expect(result.code).toBe(0);
		const rows = JSON.parse(result.stdout) as QueueRow[];
		expect(rows.find(row => row.queueId === queueA.id)).toMatchObject({offered: 120, ahtMs: null});
		expect(rows.find(row => row.queueId === queueB.id)).toMatchObject({offered: 120, ahtMs: 260_000});
		const warnings = result.stderr.split('\n').filter(line => line.includes('impossible'));
		expect(warnings).toEqual([
			`gqx: warning: left out an impossible statistic: ${queueA.name}, voice, ${day}, tHandle: a timer is negative`,
		]);
	});
});

describe('the emulator', () => {
	it('gives group keys in the order real answers have them: mediaType before queueId', async () => {
		const client = clientFor(emu);
		const seen: string[][] = [];
		await client.post(
			'/api/v2/analytics/conversations/aggregates/query',
			{
				interval: '2026-03-02T00:00:00.000Z/2026-03-03T00:00:00.000Z',
				groupBy: ['queueId', 'mediaType'],
				metrics: ['nOffered'],
			},
			{
				readBody: body => {
					const answer = JSON.parse(body.toString('utf8')) as {results: Array<{group: Record<string, string>}>};
					for (const result of answer.results) seen.push(Object.keys(result.group));
					return {success: true, data: undefined};
				},
			},
		);
		expect(seen.length).toBeGreaterThan(3);
		for (const keys of seen) expect(keys).toEqual(['mediaType', 'queueId']);
	});
});
