// Aggregates through the client: chunking, batching, merging, names, and the odd answers of the API.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {fetchQueueNames, listAllQueues, listQueuesInParallel} from '../../source/genesys/queues.js';
import {fetchReport} from '../../source/reports/report.js';
import {rollUp, rollUpWithStats, toRow} from '../../source/metrics/rows.js';
import {type AggregateCell} from '../../source/genesys/analytics.js';
import type {MetricStats, StatsBag} from '../../source/genesys/stats.js';
import {levels} from '../../source/levels/registry.js';
import type {Totals} from '../../source/levels/totals.js';
import {levelView} from '../../source/ui/explorer/view.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator, groundTruth as truthOf} from '../helpers.js';

const groundTruth = (start: DateTime, end: DateTime, timeZone: string, granularity?: 'P1D') =>
	truthOf(emu, start, end, timeZone, granularity);

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 250, seed: 3, maxPageSize: 100});
});
afterAll(async () => emu.stop());

const names = (id: string) => id;

describe('fetchQueueAggregates', () => {
	it('splits 90 days into 31-day chunks and merges them to exactly the unchunked answer', async () => {
		const client = clientFor(emu);
		const start = DateTime.fromISO('2025-12-01', {zone: 'Europe/Berlin'});
		const end = start.plus({days: 90});
		const progress: number[] = [];
		const before = emu.counts.aggregates;
		const cells = await fetchQueueAggregates(
			client,
			{start, end, timeZone: 'Europe/Berlin'},
			{onProgress: p => progress.push(p.done)},
		);
		// 3 chunks, each asked as 6 media partitions in parallel.
		expect(emu.counts.aggregates - before).toBe(18);
		expect(progress).toEqual(Array.from({length: 19}, (_, index) => index));
		const unsplit = await fetchQueueAggregates(client, {start, end, timeZone: 'Europe/Berlin'}, {splitByMedia: false});
		expect(rollUp(unsplit, 'media', names, null)).toEqual(rollUp(cells, 'media', names, null));
		const truth = groundTruth(start, end, 'Europe/Berlin');
		expect(rollUp(cells, 'media', names, null)).toEqual(rollUp(truth, 'media', names, null));
		// Exact for raw statistics too: min, max and sums.
		const byKey = (list: AggregateCell[]) =>
			new Map(list.map(cell => [`${cell.queueId}/${cell.mediaType}`, cell.stats]));
		const got = byKey(cells);
		for (const [key, stats] of byKey(truth)) expect(got.get(key), key).toEqual(stats);
	});

	it('merges daily buckets across chunks without splitting a bucket', async () => {
		const client = clientFor(emu);
		const start = DateTime.fromISO('2025-10-15', {zone: 'America/Chicago'});
		const end = start.plus({days: 45});
		const cells = await fetchQueueAggregates(client, {start, end, timeZone: 'America/Chicago', granularity: 'P1D'});
		expect(rollUp(cells, 'intervals', names, null)).toEqual(
			rollUp(groundTruth(start, end, 'America/Chicago', 'P1D'), 'intervals', names, null),
		);
		expect(new Set(cells.map(cell => cell.interval)).size).toBe(45);
	});

	it('asks for named queues in batches of at most 100 ids and media types in one clause', async () => {
		emu.options.recordRequests = true;
		emu.requests.length = 0;
		try {
			const client = clientFor(emu);
			const ids = emu.org.queues.slice(0, 230).map(queue => queue.id);
			const start = DateTime.fromISO('2026-03-01', {zone: 'UTC'});
			const cells = await fetchQueueAggregates(client, {
				start,
				end: start.plus({days: 7}),
				timeZone: 'UTC',
				queueIds: ids,
				mediaTypes: ['voice', 'chat'],
			});
			const bodies = emu.requests
				.filter(request => request.path.endsWith('/aggregates/query'))
				.map(request => JSON.parse(request.body) as {filter: {clauses: Array<{predicates: unknown[]}>}});
			expect(bodies.map(body => body.filter.clauses[0]?.predicates.length).sort()).toEqual([100, 100, 30]);
			expect(bodies.every(body => body.filter.clauses[1]?.predicates.length === 2)).toBe(true);
			expect(cells.every(cell => ids.includes(cell.queueId) && ['voice', 'chat'].includes(cell.mediaType ?? ''))).toBe(
				true,
			);
		} finally {
			emu.options.recordRequests = false;
		}
	});

	it('accepts both {} and {"results": []} as no data', async () => {
		const start = DateTime.fromISO('2026-06-01', {zone: 'UTC'});
		for (const emptyResults of ['empty-object', 'empty-array'] as const) {
			const empty = await emulator({emptyResults});
			try {
				const cells = await fetchQueueAggregates(clientFor(empty), {
					start,
					end: start.plus({days: 1}),
					timeZone: 'UTC',
				});
				expect(cells).toEqual([]);
			} finally {
				await empty.stop();
			}
		}
	});

	it('leaves groups without a queueId out of queue rows', async () => {
		const start = DateTime.fromISO('2026-03-02', {zone: 'UTC'});
		const cells = await fetchQueueAggregates(clientFor(emu), {start, end: start.plus({days: 1}), timeZone: 'UTC'});
		expect(cells.every(cell => emu.org.byId.has(cell.queueId))).toBe(true);
	});

	it('names which part failed when one chunk fails for good', async () => {
		const client = clientFor(emu, {maxRetries: 1});
		await client.verify();
		const start = DateTime.fromISO('2025-11-01', {zone: 'UTC'});
		emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 50});
		try {
			await fetchQueueAggregates(client, {start, end: start.plus({days: 62}), timeZone: 'UTC'}, {concurrency: 1});
			expect.unreachable();
		} catch (error) {
			expect((error as {part?: string}).part).toMatch(/^2025-11-01 to 2025-12-01$/);
		} finally {
			emu.clearFaults();
		}
	});
});

describe('queue level added up as answers arrive', () => {
	it('equals the roll-up of the merged cells, over two chunks and six media partitions', async () => {
		const client = clientFor(emu);
		// 40 days: two chunks, each in six media partitions, so each queue is added up from many answers.
		const start = DateTime.fromISO('2026-02-01', {zone: 'America/Chicago'});
		const report = await fetchReport(client, {start, end: start.plus({days: 40}), timeZone: 'America/Chicago'});
		const fromCells = rollUp(report.cells, 'queues', report.nameOf, null, report.divisionOf);
		expect(fromCells.length).toBeGreaterThan(200);
		expect(report.totals.byQueue.size).toBe(fromCells.length);
		for (const row of fromCells) {
			const stats = report.totals.byQueue.get(row.queueId!);
			expect(stats, row.queueName).toBeDefined();
			expect(
				toRow(
					{
						queueId: row.queueId,
						queueName: row.queueName,
						mediaType: null,
						interval: null,
						division: report.divisionOf(row.queueId!),
					},
					stats!,
				),
			).toEqual(row);
		}
		// The TUI's queue level from the running sums is the same as from the cells.
		const level = levels.queues;
		const view = (totals: Totals) =>
			levelView(level.rows(totals, {id: 'queues', context: {}}, {timeZone: 'UTC', granularity: 'P1D'}), level, '', {
				column: 'offered',
				descending: true,
			});
		const fast = view({...report, running: report.totals});
		const slow = view({cells: report.cells, nameOf: report.nameOf, divisionOf: report.divisionOf});
		expect(fast.rows.map(row => row.row)).toEqual(slow.rows.map(row => row.row));
		expect(fast.total).toEqual(slow.total);
	});
});

describe('media level added up as answers arrive', () => {
	it('gives the rows, totals and raw statistics of the merged cells, keeping no cells', async () => {
		const client = clientFor(emu);
		// Two chunks of six media partitions, as above.
		const start = DateTime.fromISO('2026-02-01', {zone: 'America/Chicago'});
		const query = {start, end: start.plus({days: 40}), timeZone: 'America/Chicago'};
		const sums = await fetchReport(client, query, {sumsOnly: true});
		const full = await fetchReport(client, query);
		expect(sums.cells).toEqual([]);
		// Every queue and media type, exact to the raw statistics (min and max too; the answers' `ratio`,
		// which a merge drops, aside).
		const withoutRatio = (stats: StatsBag) =>
			Object.fromEntries(
				Object.entries(stats as Record<string, MetricStats & {ratio?: number}>).map(
					([metric, {ratio: _ratio, ...rest}]) => [metric, rest],
				),
			);
		const pairs = rollUpWithStats(full.cells, 'media', full.nameOf, null);
		expect(pairs.length).toBeGreaterThan(500);
		let kept = 0;
		for (const queueId of full.totals.byQueue.keys()) kept += sums.totals.byMedia!.mediaOf(queueId).length;
		expect(kept).toBe(pairs.length);
		for (const {row, stats} of pairs) {
			const media = sums.totals.byMedia!.mediaOf(row.queueId!).find(each => each.mediaType === row.mediaType);
			expect(media?.stats, `${row.queueId} ${row.mediaType}`).toEqual(withoutRatio(stats));
		}
		// The media level as the TUI shows it, from the sums and from the cells.
		const level = levels.media;
		for (const queueId of [...full.totals.byQueue.keys()].slice(0, 25)) {
			const ref = {id: 'media' as const, context: {queueId, queueName: full.nameOf(queueId)}};
			const view = (totals: Totals) =>
				levelView(level.rows(totals, ref, {timeZone: 'UTC', granularity: 'P1D'}), level, '', level.defaultSort);
			const fast = view({cells: sums.cells, running: sums.totals, nameOf: sums.nameOf, divisionOf: sums.divisionOf});
			const slow = view({cells: full.cells, nameOf: full.nameOf, divisionOf: full.divisionOf});
			expect(fast.rows.length).toBeGreaterThan(0);
			expect(fast.rows.map(row => row.row)).toEqual(slow.rows.map(row => row.row));
			expect(fast.total).toEqual(slow.total);
		}
	});
});

describe('queue names', () => {
	it('lists 50 pages at once under one abort signal without a listener warning (it would print over the TUI)', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		try {
			const controller = new AbortController();
			const queues = await listQueuesInParallel(clientFor(emu), {
				pageSize: 5,
				concurrency: 50,
				signal: controller.signal,
			});
			expect(queues).toHaveLength(250);
			// A listener warning is emitted on the next tick: a turn of the event loop lets every one out.
			await new Promise(resolve => setImmediate(resolve));
		} finally {
			process.off('warning', onWarning);
		}
		expect(warnings).toEqual([]);
	});

	it('follows pageCount when the server caps the page size', async () => {
		const client = clientFor(emu);
		const all = await listAllQueues(client);
		expect(all).toHaveLength(250);
		expect(new Set(all.map(queue => queue.id)).size).toBe(250);
	});

	it('looks ids up in batches and names deleted queues', async () => {
		const client = clientFor(emu);
		const ids = emu.org.queues.slice(0, 150).map(queue => queue.id);
		const found = await fetchQueueNames(client, [...ids, 'deadbeef-0000-4000-8000-000000000000'], {batchSize: 100});
		expect(found.size).toBe(150);
		expect(found.get(ids[0]!)?.name).toBe(emu.org.queues[0]?.name);
		const report = await fetchReport(client, {
			start: DateTime.fromISO('2026-03-02', {zone: 'UTC'}),
			end: DateTime.fromISO('2026-03-03', {zone: 'UTC'}),
			timeZone: 'UTC',
		});
		expect(report.nameOf('deadbeef-0000-4000-8000-000000000000')).toBe('(deleted queue deadbeef)');
		expect(report.nameOf(ids[0]!)).toBe(emu.org.queues[0]?.name);
	});
});
