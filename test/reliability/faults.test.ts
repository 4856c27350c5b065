// Faults injected by the emulator over real loopback HTTP, seen through `gqx export` as a user runs it:
// each run either completes with exact numbers or stops with a typed, actionable message.
import fs from 'node:fs';
import path from 'node:path';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type QueueRow, rollUp, rowFields} from '../../source/metrics/rows.js';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, divisionsOf, emulator, groundTruth, namesOf} from '../helpers.js';
import {runCli, scratchDir} from '../run-cli.js';

let emu: Emulator;
let env: Record<string, string>;
const range = ['--from', '2026-03-02', '--to', '2026-03-04', '--tz', 'UTC', '--level', 'queues', '--format', 'json'];
const start = DateTime.fromISO('2026-03-02', {zone: 'UTC'});
const end = start.plus({days: 3});

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 31});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());
afterEach(() => emu.clearFaults());

/** The emulator's own numbers as export records (exactly the export fields). */
function truth(): Array<Record<string, unknown>> {
	return rollUp(
		groundTruth(emu, start, end, 'UTC'),
		'queues',
		namesOf(emu),
		`${start.toISO()}/${end.toISO()}`,
		divisionsOf(emu),
	).map(row => Object.fromEntries(rowFields.map(field => [field, row[field]])));
}

async function exportJson(extra: string[] = []): Promise<{code: number | null; rows: QueueRow[]; stderr: string}> {
	const result = await runCli(['export', ...range, ...extra], {env, timeoutMs: 60_000});
	return {
		code: result.code,
		rows: result.code === 0 ? (JSON.parse(result.stdout) as QueueRow[]) : [],
		stderr: result.stderr,
	};
}

describe('faults that clear: the numbers are still exact', () => {
	it('waits out a 429 burst as Retry-After says', async () => {
		emu.inject({kind: 'status', status: 429, retryAfter: 1, path: '/api/v2/analytics', times: 2});
		const result = await exportJson();
		expect(result.code).toBe(0);
		expect(result.rows).toEqual(truth());
		expect(result.stderr.match(/rate limited, retrying in 1 s/g)).toHaveLength(2);
	});

	it('retries 502 and 503 with backoff', async () => {
		emu.inject(
			{kind: 'status', status: 502, path: '/api/v2/analytics'},
			{kind: 'status', status: 503, path: '/api/v2/analytics'},
		);
		const result = await exportJson();
		expect(result.code).toBe(0);
		expect(result.rows).toEqual(truth());
		// The query runs as parallel media partitions: each fault hits one of them, which retries it.
		expect(result.stderr).toMatch(/server answered 502, retrying in [\d.]+ s \(attempt 1\)/);
		expect(result.stderr).toMatch(/server answered 503, retrying in [\d.]+ s \(attempt 1\)/);
	});

	it('logs in again once when the token is revoked mid-run', async () => {
		const logins = emu.counts.token;
		emu.inject({kind: 'revoke', path: '/api/v2/routing'});
		const result = await exportJson();
		expect(result.code).toBe(0);
		expect(result.rows).toEqual(truth());
		expect(emu.counts.token - logins).toBe(2);
	});

	it('retries a reset connection, a truncated answer and one that hangs past --timeout', async () => {
		emu.inject(
			{kind: 'reset', path: '/api/v2/analytics'},
			{kind: 'truncate', path: '/api/v2/analytics'},
			{kind: 'hang', path: '/api/v2/routing'},
		);
		const result = await exportJson(['--timeout', '1']);
		expect(result.code).toBe(0);
		expect(result.rows).toEqual(truth());
		expect(result.stderr).toMatch(/network problem/);
	});
});

describe('faults that do not clear: a typed error, an exit code, no output', () => {
	async function failing(extra: string[] = []): Promise<{code: number | null; stderr: string; wrote: boolean}> {
		const dir = scratchDir();
		const result = await runCli(['export', ...range, ...extra, '--output', 'out.json'], {
			env,
			cwd: dir,
			timeoutMs: 60_000,
		});
		return {code: result.code, stderr: result.stderr, wrote: fs.existsSync(path.join(dir, 'out.json'))};
	}

	it('stops at once when Retry-After is beyond the 180 s cap, saying when to retry', async () => {
		emu.inject({kind: 'status', status: 429, retryAfter: 600, path: '/api/v2/analytics'});
		const result = await failing();
		expect(result).toMatchObject({code: 5, wrote: false});
		expect(result.stderr).toMatch(/rate limit reached; it asks to retry in 600 s \(after .+\)/);
	});

	it('exits 3 when the re-login after a revoked token is refused', async () => {
		emu.inject(
			{kind: 'revoke', path: '/api/v2/routing'},
			{
				kind: 'status',
				status: 401,
				path: '/oauth/token',
				body: JSON.stringify({error: 'invalid_client', description: 'authentication failed'}),
			},
		);
		const result = await failing();
		expect(result).toMatchObject({code: 3, wrote: false});
	});

	it('names the part of a chunked range that failed, writing nothing', async () => {
		emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 40});
		const dir = scratchDir();
		const result = await runCli(
			['export', '--from', '2026-01-01', '--to', '2026-03-03', '--tz', 'UTC', '--output', 'out.csv'],
			{env, cwd: dir, timeoutMs: 90_000},
		);
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(/Failed part: 2026-0\d-\d\d to 2026-0\d-\d\d\. No partial numbers were written\./);
		expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
	}, 90_000);

	it('says a DNS failure by host', async () => {
		const result = await runCli(['export', ...range], {
			env: {...env, GENESYS_CLOUD_REGION: 'https://login.gqx-test.invalid'},
		});
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(/Cannot resolve host login\.gqx-test\.invalid/);
	});

	for (const [what, fault, message] of [
		[
			'an HTML page from a proxy',
			{
				kind: 'status',
				status: 200,
				contentType: 'text/html',
				body: '<html><body>Please sign in to the proxy</body></html>',
			},
			/HTML page \(a proxy or gateway answered/,
		],
		['malformed JSON', {kind: 'malformed'}, /not JSON/],
		['a 200 with an unexpected shape', {kind: 'shape'}, /does not have the shape the API promises/],
	] as const) {
		it(`rejects ${what} with a clear message`, async () => {
			// Every analytics answer of the run (not just the next one, which a request left over from the previous test
			// could take): cleared after the test.
			emu.inject({...fault, path: '/api/v2/analytics', times: 1000} as never);
			const result = await failing();
			expect(result).toMatchObject({code: 5, wrote: false});
			expect(result.stderr).toMatch(message);
		});
	}
});

describe('partial data', () => {
	it('leaves out groups without a queue, counts groups without a media type, and names deleted queues', async () => {
		const victim = emu.org.queues[0]!;
		emu.deleteQueue(victim.id);
		emu.inject({
			kind: 'transform',
			path: '/api/v2/analytics',
			transform: body => {
				const answer = body as {
					results: Array<{group?: Record<string, string>; data: Array<{metrics: Array<{metric: string}>}>}>;
				};
				const [first, second] = answer.results;
				// A group whose media type is missing, and metrics missing from another.
				if (first?.group) delete first.group['mediaType'];
				for (const data of second?.data ?? [])
					data.metrics = data.metrics.filter(metric => metric.metric === 'nOffered');
				return answer;
			},
		});
		const result = await runCli(
			['export', '--from', '2026-03-02', '--to', '2026-03-04', '--tz', 'UTC', '--format', 'json'],
			{env},
		);
		expect(result.code).toBe(0);
		const rows = JSON.parse(result.stdout) as QueueRow[];
		expect(rows.some(row => row.mediaType === null)).toBe(true);
		const deleted = rows.filter(row => row.queueId === victim.id);
		expect(deleted.length).toBeGreaterThan(0);
		expect(deleted.every(row => row.queueName === `(deleted queue ${victim.id.slice(0, 8)})`)).toBe(true);
		const thin = rows.find(row => row.offered > 0 && row.answered === 0 && row.asaMs === null);
		expect(thin).toBeDefined();
		expect(thin?.serviceLevel).toBeNull();
	});
});

describe('bad input that is only partly wrong', () => {
	it('clamps a range that ends in the future to now, with a notice', async () => {
		const today = DateTime.utc();
		const result = await runCli(
			[
				'export',
				'--from',
				today.minus({days: 1}).toISODate()!,
				'--to',
				today.plus({days: 5}).toISODate()!,
				'--tz',
				'UTC',
				'--format',
				'csv',
			],
			{env},
		);
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/the range ends in the future; using data up to now/);
	});

	it('refuses a whitespace secret with exit 2', async () => {
		const result = await runCli(['export', ...range], {
			env: {...env, GENESYS_CLOUD_CLIENT_SECRET: undefined},
			cwd: scratchDir(),
		});
		expect(result.code).toBe(2);
		const blank = await runCli(['export', ...range, '--client-secret', '  '], {env});
		expect(blank.code).toBe(2);
		expect(blank.stderr).toMatch(/client secret is empty/);
		const timeout = await runCli(['export', ...range, '--timeout', 'soon'], {env});
		expect(timeout.code).toBe(2);
	});
});
