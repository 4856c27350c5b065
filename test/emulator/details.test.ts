// The emulator's conversation details: records that add up to the aggregates (queue, agent, wrap-up code), pages that
// repeat rows, the query's limits and errors, jobs (states, cursor, availability cut-off, cancel) and lookups by id.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runAggregateQuery, validateAggregateQuery} from '../../source/emulator/aggregates.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, loginTo, testNow} from '../helpers.js';

type Metric = {name: string; value: number; emitDate: string};
type Segment = {segmentType: string; segmentStart: string; segmentEnd?: string; queueId?: string; wrapUpCode?: string};
type Participant = {
	purpose: string;
	userId?: string;
	sessions: Array<{mediaType: string; metrics: Metric[]; segments: Segment[]}>;
};
type Record_ = {
	conversationId: string;
	conversationStart: string;
	conversationEnd?: string;
	participants: Participant[];
};
type Answer = {
	status: number;
	body: {
		conversations?: Record_[];
		totalHits?: number;
		message?: string;
		jobId?: string;
		state?: string;
		cursor?: string;
		dataAvailabilityDate?: string;
	};
};

let emu: Emulator;
let token: string;
const availableMs = Date.parse('2026-03-10T12:00:00Z');
beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 3, detailsJobDelayMs: 300, detailsAvailabilityMs: availableMs});
	token = await loginTo(emu, demoClient.id, demoClient.secret);
});
afterAll(async () => emu.stop());

async function call(method: string, path: string, body?: unknown, bearer = token, on = emu): Promise<Answer> {
	const response = await fetch(`${on.url}${path}`, {
		method,
		headers: {authorization: `Bearer ${bearer}`, 'content-type': 'application/json'},
		...(body === undefined ? {} : {body: JSON.stringify(body)}),
	});
	const text = await response.text();
	return {status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {}};
}

const queryPath = '/api/v2/analytics/conversations/details/query';
const jobsPath = '/api/v2/analytics/conversations/details/jobs';

/** Every page of a details query until one comes without conversations. */
async function allPages(body: Record<string, unknown>, pageSize = 100) {
	const rows: Record_[] = [];
	const totals = new Set<number>();
	for (let pageNumber = 1; ; pageNumber++) {
		const {status, body: answer} = await call('POST', queryPath, {...body, paging: {pageSize, pageNumber}});
		expect(status, answer.message).toBe(200);
		totals.add(answer.totalHits ?? -1);
		if (!answer.conversations) break;
		expect(answer.conversations.length).toBeLessThanOrEqual(pageSize);
		rows.push(...answer.conversations);
	}
	const unique = new Map(rows.map(row => [row.conversationId, row]));
	return {rows, unique, totalHits: [...totals][0]!, totals};
}

const queueFilter = (queueId: string, mediaType: string, more: Array<[string, string]> = []) => ({
	type: 'and',
	predicates: [
		{dimension: 'queueId', value: queueId},
		{dimension: 'mediaType', value: mediaType},
		...more.map(([dimension, value]) => ({dimension, value})),
	],
});

const acdOf = (row: Record_) => row.participants.find(participant => participant.purpose === 'acd')!;
const metricsOf = (row: Record_) =>
	row.participants.flatMap(participant => participant.sessions.flatMap(session => session.metrics));
const entryOf = (row: Record_) => Date.parse(acdOf(row).sessions[0]!.segments[0]!.segmentStart);

/** Counts and sums of the details records that entered the queue in [start, end). */
function detailsTotals(
	rows: Iterable<Record_>,
	start: string,
	end: string,
	/** Only the metrics of these participants (an agent's own, say); all by default. */
	whose: (participant: Participant) => boolean = () => true,
) {
	const totals: Record<string, {count: number; sum: number}> = {};
	for (const row of rows) {
		const entry = entryOf(row);
		if (entry < Date.parse(start) || entry >= Date.parse(end)) continue;
		const seen = new Set<string>();
		const metrics = row.participants
			.filter(whose)
			.flatMap(participant => participant.sessions.flatMap(session => session.metrics));
		for (const metric of metrics) {
			// tTalk and tHeld come once per segment; the rest once per conversation.
			const entryTotals = (totals[metric.name] ??= {count: 0, sum: 0});
			entryTotals.sum += metric.value;
			if (!seen.has(metric.name) || metric.name === 'tTalk' || metric.name === 'tHeld') entryTotals.count++;
			seen.add(metric.name);
		}
	}
	return totals;
}

/** The metrics whose counts must be equal in details and aggregates. */
const countedMetrics = [
	'nOffered',
	'tAnswered',
	'tAbandon',
	'tFlowOut',
	'tShortAbandon',
	'nOverSla',
	'nTransferred',
	'tHandle',
];

/** The aggregates of one queue x media over [start, end), by group. */
function aggregates(queueId: string, mediaType: string, start: string, end: string, groupBy: string[] = []) {
	const query = validateAggregateQuery({
		interval: `${start}/${end}`,
		groupBy,
		filter: {
			type: 'and',
			predicates: [
				{dimension: 'queueId', value: queueId},
				{dimension: 'mediaType', value: mediaType},
			],
		},
		metrics: [...countedMetrics, 'tAcw', 'tHeldComplete', 'tNotResponding'],
	});
	if ('status' in query) throw new Error(query.message);
	return runAggregateQuery(emu.org, emu.model, query).map(result => ({
		group: result.group ?? {},
		stats: Object.fromEntries(result.data.flatMap(data => data.metrics).map(metric => [metric.metric, metric.stats])),
	}));
}

/** A busy voice queue and a chat one, so the intervals have traffic. */
function busiest(media: string) {
	const queue = [...emu.org.queues]
		.filter(entry => entry.media.some(profile => profile.media === media))
		.sort(
			(a, b) =>
				b.media.find(profile => profile.media === media)!.dailyOffered -
				a.media.find(profile => profile.media === media)!.dailyOffered,
		)[0]!;
	return queue;
}

describe('details records add up to the aggregates', () => {
	const cases = [
		['voice', '2026-03-10T14:00:00.000Z', '2026-03-10T14:30:00.000Z'],
		['voice', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z'],
		['chat', '2026-03-09T16:00:00.000Z', '2026-03-09T16:30:00.000Z'],
		['chat', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
	] as const;
	it.each(cases)('%s %s/%s: offered, answered, abandoned, flow-outs, SLA, transfers', async (media, start, end) => {
		const queue = busiest(media);
		const {unique} = await allPages({interval: `${start}/${end}`, segmentFilters: [queueFilter(queue.id, media)]});
		const details = detailsTotals(unique.values(), start, end);
		const [plain] = aggregates(queue.id, media, start, end);
		expect(plain).toBeDefined();
		const stats = plain!.stats;
		expect(details['nOffered']!.count).toBeGreaterThan(5);
		for (const metric of countedMetrics)
			expect(details[metric]?.count ?? 0, metric).toBe(stats[metric]?.['count'] ?? 0);
		for (const metric of ['tAnswered', 'tHandle', 'tAbandon', 'tAcw', 'tHeldComplete'])
			expect(details[metric]?.sum ?? 0, metric).toBe(stats[metric]?.['sum'] ?? 0);
	});

	it('for an agent and for a wrap-up code, as the aggregates grouped by them', async () => {
		const queue = busiest('voice');
		const [start, end] = ['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z'];
		for (const dimension of ['userId', 'wrapUpCode']) {
			const groups = aggregates(queue.id, 'voice', start, end, [dimension]).filter(entry => entry.group[dimension]);
			const top = groups.sort(
				(a, b) => (b.stats['tAnswered']?.['count'] ?? 0) - (a.stats['tAnswered']?.['count'] ?? 0),
			)[0]!;
			const value = top.group[dimension]!;
			const {unique} = await allPages({
				interval: `${start}/${end}`,
				segmentFilters: [queueFilter(queue.id, 'voice', [[dimension, value]])],
			});
			// An agent's own metrics: the same conversation can have alerted another agent first (tNotResponding).
			const details = detailsTotals(unique.values(), start, end, participant =>
				dimension === 'userId' ? participant.userId === value : true,
			);
			expect(details['tAnswered']?.count, dimension).toBe(top.stats['tAnswered']?.['count']);
			expect(details['tHandle']?.count, dimension).toBe(top.stats['tHandle']?.['count']);
			expect(details['tAnswered']!.count).toBeGreaterThan(3);
		}
	});

	it("counts the queue's unanswered alerts (tNotResponding) as its aggregates without an agent", async () => {
		const queue = busiest('voice');
		const [start, end] = ['2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z'];
		const {unique} = await allPages({interval: `${start}/${end}`, segmentFilters: [queueFilter(queue.id, 'voice')]});
		const details = detailsTotals(unique.values(), start, end);
		const queueGroup = aggregates(queue.id, 'voice', start, end, ['wrapUpCode']).find(
			entry => !entry.group['wrapUpCode'],
		)!;
		expect(details['tNotResponding']!.count).toBeGreaterThan(3);
		expect(details['tNotResponding']!.count).toBe(queueGroup.stats['tNotResponding']!['count']);
		expect(details['tNotResponding']!.sum).toBe(queueGroup.stats['tNotResponding']!['sum']);
		// The agent who did not respond is another member of the queue, on the same conversation as the one who answered.
		const row = [...unique.values()].find(entry => metricsOf(entry).some(metric => metric.name === 'tNotResponding'))!;
		const agents = row.participants.filter(participant => participant.purpose === 'agent');
		expect(agents).toHaveLength(2);
		expect(agents[0]!.userId).not.toBe(agents[1]!.userId);
	});
});

describe('the synchronous query', () => {
	const day = '2026-03-10T00:00:00.000Z/2026-03-11T00:00:00.000Z';

	it('repeats rows across pages now and then, never drops one: de-duplicated, they are totalHits', async () => {
		const queue = busiest('voice');
		const {rows, unique, totalHits, totals} = await allPages(
			{interval: day, segmentFilters: [queueFilter(queue.id, 'voice')]},
			25,
		);
		expect(totals.size).toBe(1);
		expect(rows.length).toBeGreaterThan(unique.size);
		expect(unique.size).toBe(totalHits);
		// In order of start, the repeated row being the one just before.
		const starts = rows.map(row => Date.parse(row.conversationStart));
		for (let index = 1; index < starts.length; index++)
			expect(starts[index]).toBeGreaterThanOrEqual(starts[index - 1]!);
	});

	it('drops no row while the clock moves between pages (new conversations come at the end)', async () => {
		let clock = Date.parse('2026-03-20T12:00:00Z');
		const moving = await emulator({queues: 40, seed: 3, now: () => clock});
		try {
			const bearer = await loginTo(moving, demoClient.id, demoClient.secret);
			const queue = busiest('voice');
			const body = {
				interval: '2026-03-20T00:00:00Z/2026-03-21T00:00:00Z',
				segmentFilters: [queueFilter(queue.id, 'voice')],
			};
			const page = async (pageNumber: number) =>
				(await call('POST', queryPath, {...body, paging: {pageSize: 20, pageNumber}}, bearer, moving)).body;
			const first = await page(1);
			const before = first.totalHits!;
			const seen = new Set(first.conversations!.map(row => row.conversationId));
			for (let pageNumber = 1; ; pageNumber++) {
				const rows = (await page(pageNumber)).conversations ?? [];
				if (rows.length === 0) break;
				for (const row of rows) seen.add(row.conversationId);
				clock += 60_000;
			}
			expect(seen.size).toBeGreaterThan(before);
			// Everything of the first answer's time is there: count it on a fixed clock at that instant.
			const fixed = await emulator({queues: 40, seed: 3, now: () => Date.parse('2026-03-20T12:00:00Z')});
			try {
				const fixedBearer = await loginTo(fixed, demoClient.id, demoClient.secret);
				for (let pageNumber = 1; ; pageNumber++) {
					const rows =
						(await call('POST', queryPath, {...body, paging: {pageSize: 100, pageNumber}}, fixedBearer, fixed)).body
							.conversations ?? [];
					if (rows.length === 0) break;
					for (const row of rows) expect(seen.has(row.conversationId)).toBe(true);
				}
			} finally {
				await fixed.stop();
			}
		} finally {
			await moving.stop();
		}
	});

	it('selects by start day, filters by outcome metrics and orders descending', async () => {
		const queue = busiest('voice');
		const half = {interval: '2026-03-10T12:00:00.000Z/2026-03-10T13:00:00.000Z'};
		const abandoned = {type: 'and', predicates: [{type: 'metric', metric: 'tAbandon', operator: 'exists'}]};
		const {unique} = await allPages({
			...half,
			order: 'desc',
			segmentFilters: [queueFilter(queue.id, 'voice')],
			conversationFilters: [abandoned],
		});
		const rows = [...unique.values()];
		expect(rows.length).toBeGreaterThan(5);
		// The whole day the interval touches, not only its hour.
		expect(rows.some(row => row.conversationStart < '2026-03-10T06:00')).toBe(true);
		for (const row of rows) expect(metricsOf(row).some(metric => metric.name === 'tAbandon')).toBe(true);
		expect(rows[0]!.conversationStart > rows.at(-1)!.conversationStart).toBe(true);
	});

	it('answers several queues at once (an or of queueId predicates)', async () => {
		const [a, b] = [emu.org.queues[3]!, emu.org.queues[7]!];
		const {unique} = await allPages({
			interval: day,
			segmentFilters: [{type: 'or', predicates: [a, b].map(queue => ({dimension: 'queueId', value: queue.id}))}],
		});
		const queues = new Set([...unique.values()].map(row => acdOf(row).sessions[0]!.segments[0]!.queueId));
		expect(queues).toEqual(new Set([a.id, b.id]));
	});

	it('refuses long intervals, big pages, unknown fields and names, and deep paging, saying why', async () => {
		const ask = async (body: Record<string, unknown>) => {
			const answer = await call('POST', queryPath, body);
			expect(answer.status).toBe(400);
			return answer.body.message ?? '';
		};
		const filter = [queueFilter(emu.org.queues[0]!.id, 'voice')];
		expect(await ask({interval: '2026-03-01T00:00:00Z/2026-03-08T00:00:01Z'})).toContain('7 days');
		expect(await ask({interval: '2026-02-01T00:00:00Z/2026-03-05T00:00:00Z', segmentFilters: filter})).toContain(
			'31 days',
		);
		expect(
			(await call('POST', queryPath, {interval: '2026-02-20T00:00:00Z/2026-03-20T00:00:00Z', segmentFilters: filter}))
				.status,
		).toBe(200);
		expect(await ask({interval: day, paging: {pageSize: 101, pageNumber: 1}})).toContain('100');
		expect(await ask({interval: day, groupBy: ['queueId']})).toContain('groupBy');
		expect(await ask({interval: 'yesterday'})).toContain('interval');
		expect(
			await ask({interval: day, segmentFilters: [{type: 'and', predicates: [{dimension: 'queueName', value: 'x'}]}]}),
		).toContain('queueName');
		expect(
			await ask({
				interval: day,
				segmentFilters: [{type: 'and', predicates: [{dimension: 'queueId', operator: 'like', value: 'x'}]}],
			}),
		).toContain('like');
		expect(
			await ask({
				interval: day,
				conversationFilters: [{type: 'and', predicates: [{type: 'metric', metric: 'tWaitTime', operator: 'exists'}]}],
			}),
		).toContain('tWaitTime');
		const deep = await ask({interval: day, paging: {pageSize: 100, pageNumber: 101}});
		expect(deep).toContain('10000');
		expect(deep).toContain('split the interval');
	});

	it('keeps a conversation still going at the clock open: no end, nothing emitted after now', async () => {
		const now = '2026-03-20T15:00:00.000Z';
		expect(Date.parse(now)).toBe(testNow);
		const {unique} = await allPages({
			interval: '2026-03-20T00:00:00.000Z/2026-03-20T15:00:00.000Z',
			segmentFilters: [{type: 'or', predicates: [{dimension: 'mediaType', value: 'email'}]}],
			conversationFilters: [{type: 'and', predicates: [{dimension: 'conversationEnd', operator: 'notExists'}]}],
		});
		const open = [...unique.values()];
		expect(open.length).toBeGreaterThan(0);
		for (const row of open) {
			expect(row.conversationEnd).toBeUndefined();
			for (const metric of metricsOf(row)) expect(metric.emitDate <= now).toBe(true);
		}
		// Ended ones end by the clock.
		const ended = await call('POST', queryPath, {
			interval: '2026-03-20T00:00:00.000Z/2026-03-20T15:00:00.000Z',
			conversationFilters: [{type: 'and', predicates: [{dimension: 'conversationEnd', operator: 'exists'}]}],
			paging: {pageSize: 100, pageNumber: 1},
		});
		for (const row of ended.body.conversations ?? []) expect(row.conversationEnd! <= now).toBe(true);
		expect(ended.body.conversations?.length).toBe(100);
	});
});

describe('conversations by id and permissions', () => {
	it('gives the same record as the query, one or several at once; 404 for an unknown id', async () => {
		const page = await call('POST', queryPath, {
			interval: '2026-03-10T00:00:00Z/2026-03-11T00:00:00Z',
			paging: {pageSize: 3, pageNumber: 2},
		});
		const [first, second] = page.body.conversations!;
		const one = await call('GET', `/api/v2/analytics/conversations/${first!.conversationId}/details`);
		expect(one.status).toBe(200);
		expect(one.body).toEqual(first);
		const many = await call(
			'GET',
			`/api/v2/analytics/conversations/details?id=${first!.conversationId},${second!.conversationId}`,
		);
		expect(many.body.conversations).toEqual([first, second]);
		const unknown = await call('GET', '/api/v2/analytics/conversations/0b7c41de-5a9e-4c1b-9d3e-2f6a8b1c0d4e/details');
		expect(unknown.status).toBe(404);
		expect(unknown.body.message).toContain('0b7c41de');
	});

	it('needs analytics:conversationDetail:view (or the agent one, except for availability)', async () => {
		emu.addClient({id: 'aggregates-only', secret: 's1', permissions: ['analytics:conversationAggregate:view']});
		emu.addClient({id: 'agent-details', secret: 's2', permissions: ['analytics:agentConversationDetail:view']});
		const bare = await loginTo(emu, 'aggregates-only', 's1');
		const agent = await loginTo(emu, 'agent-details', 's2');
		const body = {interval: '2026-03-10T00:00:00Z/2026-03-11T00:00:00Z'};
		const refused = await call('POST', queryPath, body, bare);
		expect(refused.status).toBe(403);
		expect(refused.body.message).toContain('analytics:conversationDetail:view');
		expect((await call('POST', jobsPath, body, bare)).status).toBe(403);
		expect((await call('POST', queryPath, body, agent)).status).toBe(200);
		expect((await call('GET', `${jobsPath}/availability`, undefined, agent)).status).toBe(403);
		expect((await call('GET', `${jobsPath}/availability`)).status).toBe(200);
	});

	it('is rate limited and takes faults like every route', async () => {
		emu.inject({kind: 'status', status: 503, path: queryPath});
		const body = {interval: '2026-03-10T00:00:00Z/2026-03-11T00:00:00Z'};
		expect((await call('POST', queryPath, body)).status).toBe(503);
		expect((await call('POST', queryPath, body)).status).toBe(200);
		const limited = await emulator({queues: 5, rateLimitPerMinute: 2});
		try {
			const bearer = await loginTo(limited, demoClient.id, demoClient.secret);
			const statuses = [];
			for (let index = 0; index < 3; index++)
				statuses.push((await call('POST', queryPath, body, bearer, limited)).status);
			expect(statuses).toEqual([200, 200, 429]);
		} finally {
			await limited.stop();
		}
	});
});

describe('details jobs', () => {
	const day = '2026-03-09T00:00:00.000Z/2026-03-10T00:00:00.000Z';

	async function submit(body: Record<string, unknown>, on = emu): Promise<string> {
		const answer = await call(
			'POST',
			jobsPath,
			body,
			on === emu ? token : await loginTo(on, demoClient.id, demoClient.secret),
			on,
		);
		expect(answer.status, answer.body.message).toBe(202);
		return answer.body.jobId!;
	}

	/** Polls the job's state (every 20 ms, for 10 s at most) until FULFILLED; the states seen, in order. */
	async function fulfilled(jobId: string): Promise<string[]> {
		const states: string[] = [];
		let last = '';
		for (const deadline = Date.now() + 10_000; last !== 'FULFILLED' && Date.now() < deadline;) {
			last = (await call('GET', `${jobsPath}/${jobId}`)).body.state!;
			if (states.at(-1) !== last) states.push(last);
			if (last !== 'FULFILLED') await new Promise(resolve => setTimeout(resolve, 20));
		}
		expect(last).toBe('FULFILLED');
		return states;
	}

	async function results(jobId: string, pageSize: number) {
		const rows: Record_[] = [];
		let cursor: string | undefined;
		let pages = 0;
		const availability = new Set<string>();
		do {
			const answer = await call(
				'GET',
				`${jobsPath}/${jobId}/results?pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			expect(answer.status, answer.body.message).toBe(200);
			expect(answer.body.conversations!.length).toBeLessThanOrEqual(pageSize);
			rows.push(...answer.body.conversations!);
			cursor = answer.body.cursor;
			availability.add(answer.body.dataAvailabilityDate!);
			pages++;
		} while (cursor && pages < 1000);
		return {rows, pages, availability};
	}

	it('goes from QUEUED or PENDING to FULFILLED, then gives every conversation once, by cursor', async () => {
		const queue = busiest('chat');
		const jobId = await submit({interval: day, segmentFilters: [queueFilter(queue.id, 'chat')]});
		const first = (await call('GET', `${jobsPath}/${jobId}`)).body;
		expect(['QUEUED', 'PENDING']).toContain(first.state);
		const states = await fulfilled(jobId);
		expect(states.at(-1)).toBe('FULFILLED');
		const {rows, pages} = await results(jobId, 50);
		expect(pages).toBeGreaterThan(1);
		// A cursor asked again (a retry) gives the same page as the first time.
		const path = `${jobsPath}/${jobId}/results?pageSize=50`;
		const cursor = encodeURIComponent((await call('GET', path)).body.cursor!);
		const second = (await call('GET', `${path}&cursor=${cursor}`)).body.conversations!;
		await call(
			'GET',
			`${path}&cursor=${encodeURIComponent((await call('GET', `${path}&cursor=${cursor}`)).body.cursor!)}`,
		);
		expect((await call('GET', `${path}&cursor=${cursor}`)).body.conversations).toEqual(second);
		expect(second.map(row => row.conversationId)).toEqual(rows.slice(50, 100).map(row => row.conversationId));
		const ids = rows.map(row => row.conversationId);
		expect(new Set(ids).size).toBe(ids.length);
		// Every conversation that started in the interval, and those from before still going at its start.
		const {unique} = await allPages({interval: day, segmentFilters: [queueFilter(queue.id, 'chat')]});
		const started = [...unique.keys()];
		expect(started.every(id => ids.includes(id))).toBe(true);
		for (const row of rows.filter(row => !unique.has(row.conversationId))) {
			expect(row.conversationStart < '2026-03-09T00:00').toBe(true);
			expect(!row.conversationEnd || row.conversationEnd > '2026-03-09T00:00').toBe(true);
		}
	});

	it('stops at the limit asked for', async () => {
		const jobId = await submit({interval: day, limit: 30, order: 'desc'});
		await fulfilled(jobId);
		const {rows, pages} = await results(jobId, 20);
		expect(rows).toHaveLength(30);
		expect(pages).toBe(2);
		expect(rows[0]!.conversationStart > rows.at(-1)!.conversationStart).toBe(true);
	});

	it('answers results before FULFILLED with 400, a cancelled job is CANCELLED, unknown ids 404', async () => {
		const slow = await emulator({queues: 5, detailsJobDelayMs: 60_000});
		try {
			const bearer = await loginTo(slow, demoClient.id, demoClient.secret);
			const created = await call('POST', jobsPath, {interval: day}, bearer, slow);
			const jobId = created.body.jobId!;
			const early = await call('GET', `${jobsPath}/${jobId}/results`, undefined, bearer, slow);
			expect(early.status).toBe(400);
			expect(early.body.message).toContain('FULFILLED');
			expect((await call('DELETE', `${jobsPath}/${jobId}`, undefined, bearer, slow)).status).toBe(204);
			expect((await call('GET', `${jobsPath}/${jobId}`, undefined, bearer, slow)).body.state).toBe('CANCELLED');
			expect((await call('GET', `${jobsPath}/${jobId}/results`, undefined, bearer, slow)).status).toBe(400);
			expect((await call('GET', `${jobsPath}/no-such-job`, undefined, bearer, slow)).status).toBe(404);
			expect((await call('POST', jobsPath, {interval: day, paging: {pageSize: 5}}, bearer, slow)).status).toBe(400);
		} finally {
			await slow.stop();
		}
	});

	it('leaves out, without a word, what started after the availability date', async () => {
		const availability = await call('GET', `${jobsPath}/availability`);
		expect(availability.body.dataAvailabilityDate).toBe(new Date(availableMs).toISOString());
		const queue = busiest('voice');
		const interval = '2026-03-10T06:00:00.000Z/2026-03-10T18:00:00.000Z';
		const jobId = await submit({interval, segmentFilters: [queueFilter(queue.id, 'voice')]});
		await fulfilled(jobId);
		const {rows, availability: said} = await results(jobId, 1000);
		expect([...said]).toEqual([new Date(availableMs).toISOString()]);
		expect(rows.length).toBeGreaterThan(10);
		expect(rows.every(row => Date.parse(row.conversationStart) < availableMs)).toBe(true);
		// Up to the cut-off, all of them.
		const {unique} = await allPages({interval, segmentFilters: [queueFilter(queue.id, 'voice')]});
		const before = [...unique.values()].filter(
			row => row.conversationStart >= '2026-03-10T06:00' && Date.parse(row.conversationStart) < availableMs,
		);
		const ids = new Set(rows.map(row => row.conversationId));
		expect(before.every(row => ids.has(row.conversationId))).toBe(true);
		expect([...unique.values()].some(row => Date.parse(row.conversationStart) >= availableMs)).toBe(true);
	});
});
