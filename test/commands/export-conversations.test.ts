// `gqx export --level conversations` against the emulator, in-process: the fields in order, records that add up
// to the interval aggregates of the same range, addresses masked unless revealed, --outcome and --agent, the details
// jobs for a range the query cannot take, a limit said (never a silent cut), repeated rows dropped, 403 explained.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {conversationFields} from '../../source/metrics/conversations.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;
const day = ['--from', '2026-03-03', '--to', '2026-03-03', '--tz', 'UTC'];

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 7, recordRequests: true, detailsJobDelayMs: 20});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

type Row = Record<string, unknown>;

async function exported(args: string[], options: {env?: Record<string, string>} = {}): Promise<Row[]> {
	const result = await runCommand(['export', ...args, '--format', 'json'], {
		env: options.env ?? env,
		timeoutMs: 60_000,
	});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Row[];
}

/** The busiest queue of the day, by name. */
async function busiestQueue(): Promise<string> {
	const queues = await exported([...day, '--level', 'queues']);
	const busiest = [...queues].sort((a, b) => Number(b['offered']) - Number(a['offered']))[0]!;
	return String(busiest['queueName']);
}

function detailsRequests(from: number): string[] {
	return emu.requests
		.slice(from)
		.map(request => `${request.method} ${request.path}`)
		.filter(line => line.includes('/conversations/details'));
}

describe('gqx export --level conversations', () => {
	it("writes the issue's fields in order, one record per conversation and queue, each once", async () => {
		const queue = await busiestQueue();
		const csv = await runCommand(['export', ...day, '--level', 'conversations', '--queue', queue, '--format', 'csv'], {
			env,
		});
		expect(csv.code).toBe(0);
		const rows = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual([...conversationFields]);
		expect(rows.length).toBeGreaterThan(50);
		const keys = rows.map(row => `${row['conversationId']} ${row['queueId']}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const row of rows) {
			expect(['answered', 'abandoned', 'shortAbandoned', 'flowOut']).toContain(row['outcome']);
			expect(row['queueName']).toBe(queue);
			expect(['true', 'false']).toContain(row['transferred']);
		}
	});

	it('adds up to the interval aggregates of the same range: offered, answered, abandoned and flow-outs per bucket', async () => {
		const queue = await busiestQueue();
		const [records, intervals] = await Promise.all([
			exported([...day, '--level', 'conversations', '--queue', queue]),
			exported([...day, '--level', 'intervals', '--granularity', 'PT30M', '--queue', queue]),
		]);
		type Counts = {offered: number; answered: number; abandoned: number; flowOuts: number};
		const byCell = new Map<string, Counts>();
		for (const record of records) {
			// A record counts where it entered the queue: its conversation's start in this emulator.
			const start = Math.floor(Date.parse(String(record['conversationStart'])) / 1_800_000) * 1_800_000;
			const key = `${String(record['mediaType'])} ${new Date(start).toISOString()}`;
			const counts = byCell.get(key) ?? {offered: 0, answered: 0, abandoned: 0, flowOuts: 0};
			counts.offered++;
			if (record['outcome'] === 'answered') counts.answered++;
			if (record['outcome'] === 'abandoned' || record['outcome'] === 'shortAbandoned') counts.abandoned++;
			if (record['outcome'] === 'flowOut') counts.flowOuts++;
			byCell.set(key, counts);
		}
		let offered = 0;
		for (const interval of intervals) {
			const key = `${String(interval['mediaType'])} ${new Date(String(interval['interval']).split('/')[0]!).toISOString()}`;
			const counts = byCell.get(key) ?? {offered: 0, answered: 0, abandoned: 0, flowOuts: 0};
			expect(counts, key).toEqual({
				offered: interval['offered'],
				answered: interval['answered'],
				abandoned: interval['abandoned'],
				flowOuts: interval['flowOuts'],
			});
			offered += Number(interval['offered']);
		}
		expect(records.length).toBe(offered);
	});

	it('masks customer addresses unless --reveal-addresses, and never says one on stderr', async () => {
		const queue = await busiestQueue();
		const masked = await exported([...day, '--level', 'conversations', '--queue', queue, '--media', 'voice']);
		expect(masked.length).toBeGreaterThan(0);
		for (const record of masked) {
			expect(String(record['ani'])).toMatch(/^\+\d{2}•••••\d{4}$/);
			expect(String(record['dnis'])).toMatch(/^\+\d{2}•••••\d{4}$/);
		}
		const revealed = await exported([
			...day,
			'--level',
			'conversations',
			'--queue',
			queue,
			'--media',
			'voice',
			'--reveal-addresses',
		]);
		expect(String(revealed[0]!['ani'])).toMatch(/^\+\d{8,}$/);
		expect(String(masked[0]!['ani']).slice(-4)).toBe(String(revealed[0]!['ani']).slice(-4));
	});

	it('--outcome abandoned lists exactly the abandons of --level queues; --agent the agent answered', async () => {
		const queue = await busiestQueue();
		const [abandons, queues, agents] = await Promise.all([
			exported([...day, '--level', 'conversations', '--queue', queue, '--outcome', 'abandoned']),
			exported([...day, '--level', 'queues', '--queue', queue]),
			exported([...day, '--level', 'agents', '--queue', queue]),
		]);
		expect(abandons.length).toBe(queues[0]!['abandoned']);
		for (const record of abandons) expect(['abandoned', 'shortAbandoned']).toContain(record['outcome']);
		const agent = [...agents].sort((a, b) => Number(b['answered']) - Number(a['answered']))[0]!;
		const answered = await exported([
			...day,
			'--level',
			'conversations',
			'--queue',
			queue,
			'--agent',
			String(agent['userName']),
		]);
		expect(answered.length).toBe(agent['answered']);
		for (const record of answered) expect(record).toMatchObject({userId: agent['userId'], outcome: 'answered'});
	});

	it('reads a range longer than the query takes (31 days) by a details job, and lists it whole', async () => {
		const queue = await busiestQueue();
		const range = ['--from', '2026-01-20', '--to', '2026-03-01', '--tz', 'UTC', '--queue', queue];
		const from = emu.requests.length;
		const [records, queues] = await Promise.all([
			exported([...range, '--level', 'conversations', '--media', 'chat']),
			exported([...range, '--level', 'queues', '--media', 'chat']),
		]);
		expect(
			detailsRequests(from).some(line => line.startsWith('POST /api/v2/analytics/conversations/details/jobs')),
		).toBe(true);
		expect(records.length).toBe(queues[0]!['offered']);
		const ids = records.map(record => String(record['conversationId']));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('says how many a limit left out, never cutting silently', async () => {
		const small = await emulator({
			queues: 12,
			seed: 7,
			detailsResultWindow: 200,
			detailsJobDelayMs: 20,
			// Nothing is in the jobs' store yet: the query is all there is.
			detailsAvailabilityMs: Date.parse('2026-01-01T00:00:00Z'),
		});
		try {
			const smallEnv = credentialsEnv(small.url);
			const queue = await busiestQueue();
			const result = await runCommand(
				['export', ...day, '--level', 'conversations', '--queue', queue, '--format', 'csv'],
				{env: smallEnv, timeoutMs: 60_000},
			);
			expect(result.code).toBe(0);
			const listed = (parse(result.stdout, {columns: true}) as unknown[]).length;
			const said = /A limit stopped the listing of \S+: ([\d,]+) of ([\d,]+) conversations not listed/.exec(
				result.stderr,
			);
			expect(said, result.stderr).not.toBeNull();
			const [notListed, total] = [said![1]!, said![2]!].map(text => Number(text.replace(/,/g, '')));
			// The query pages through 200 (those that started in the hour before the day, asked for in case they
			// entered the queue in it, among them); the rest is said.
			expect(listed).toBeLessThanOrEqual(200);
			expect(notListed).toBe(total! - 200);
		} finally {
			await small.stop();
		}
	});

	it('a first page the server refuses is an error (exit 5 with its reason), never an empty listing', async () => {
		const tiny = await emulator({
			queues: 12,
			seed: 7,
			detailsResultWindow: 50,
			detailsAvailabilityMs: Date.parse('2026-01-01T00:00:00Z'),
		});
		try {
			const result = await runCommand(['export', ...day, '--level', 'conversations', '--format', 'csv'], {
				env: credentialsEnv(tiny.url),
			});
			expect(result.code).toBe(5);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/Paging past 50 results/);
			expect(result.stderr).not.toContain('not listed');
		} finally {
			await tiny.stop();
		}
	});

	it('a client with only the agent details permission lists by the query (the jobs availability is not its to ask)', async () => {
		const agentOnly = await emulator({
			queues: 12,
			seed: 7,
			clients: [
				{
					...demoClient,
					permissions: [
						...demoClient.permissions.filter(name => !name.includes('Detail')),
						'analytics:agentConversationDetail:view',
					],
				},
			],
		});
		try {
			const queue = await busiestQueue();
			const [records, queues] = await Promise.all([
				exported([...day, '--level', 'conversations', '--queue', queue], {env: credentialsEnv(agentOnly.url)}),
				exported([...day, '--level', 'queues', '--queue', queue]),
			]);
			expect(records.length).toBe(queues[0]!['offered']);
		} finally {
			await agentOnly.stop();
		}
	});

	it('a client without the details permission gets exit 4 and the permission named', async () => {
		const limited = await emulator({
			queues: 12,
			seed: 7,
			clients: [{...demoClient, permissions: demoClient.permissions.filter(name => !name.includes('Detail'))}],
		});
		try {
			const result = await runCommand(['export', ...day, '--level', 'conversations', '--format', 'csv'], {
				env: credentialsEnv(limited.url),
			});
			expect(result.code).toBe(4);
			expect(result.stderr).toContain('analytics:conversationDetail:view');
			expect(result.stderr).not.toMatch(/\n\s+at /);
		} finally {
			await limited.stop();
		}
	});
});
