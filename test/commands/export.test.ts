// `gqx export` against the emulator, run in-process: the numbers must equal the emulator's own.
import fs from 'node:fs';
import path from 'node:path';
import {DateTime} from 'luxon';
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type QueueRow, rollUp, rowFields} from '../../source/metrics/rows.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, divisionsOf, emulator, groundTruth, namesOf} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {runCli, scratchDir} from '../run-cli.js';

let emu: Emulator;
let env: Record<string, string>;
const zone = 'America/New_York';
const start = DateTime.fromISO('2026-03-02', {zone});
const end = DateTime.fromISO('2026-03-09', {zone});
const range = ['--from', '2026-03-02', '--to', '2026-03-08', '--tz', zone];

beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 11});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

function fromCsv(text: string): Array<Record<string, string>> {
	return parse(text, {columns: true}) as Array<Record<string, string>>;
}

/** Rows as export records: exactly the export fields (rows also carry the agent and wrap-up levels' fields). */
function records(rows: readonly QueueRow[]): Array<Record<string, unknown>> {
	return rows.map(row => Object.fromEntries(rowFields.map(field => [field, row[field]])));
}

/** A CSV cell back to the JSON value: empty is null, numbers are numbers. */
function csvValue(field: string, value: string): unknown {
	if (value === '') return null;
	return ['queueId', 'queueName', 'mediaType', 'interval', 'divisionId', 'divisionName'].includes(field)
		? value
		: Number(value);
}

describe('gqx export output', () => {
	it('writes CSV whose numbers equal the emulator ground truth, one record per queue and media', async () => {
		const result = await runCommand(['export', ...range, '--format', 'csv'], {env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const records = fromCsv(result.stdout);
		const truth = rollUp(
			groundTruth(emu, start, end, zone),
			'media',
			namesOf(emu),
			`${start.toUTC().toISO()}/${end.toUTC().toISO()}`,
			divisionsOf(emu),
		);
		expect(records.length).toBe(truth.length);
		expect(Object.keys(records[0] ?? {})).toEqual([...rowFields]);
		records.forEach((record, index) => {
			const expected = truth[index] as QueueRow;
			for (const field of rowFields)
				expect(csvValue(field, record[field] ?? ''), `${index}.${field}`).toEqual(expected[field]);
		});
	});

	it('writes JSON and NDJSON with every field, sorted by queue name, and queue-level roll-ups', async () => {
		const json = await runCommand(['export', ...range, '--format', 'json', '--level', 'queues'], {env});
		expect(json.code).toBe(0);
		const rows = JSON.parse(json.stdout) as QueueRow[];
		const truth = rollUp(
			groundTruth(emu, start, end, zone),
			'queues',
			namesOf(emu),
			`${start.toUTC().toISO()}/${end.toUTC().toISO()}`,
			divisionsOf(emu),
		);
		expect(rows).toEqual(records(truth));
		expect(rows.every(row => row.mediaType === null)).toBe(true);
		const names = rows.map(row => row.queueName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		const ndjson = await runCommand(['export', ...range, '--format', 'ndjson', '--level', 'queues'], {env});
		expect(
			ndjson.stdout
				.trim()
				.split('\n')
				.map(line => JSON.parse(line) as QueueRow),
		).toEqual(records(truth));
	});

	it('writes one record per bucket at --level intervals, with UTC intervals', async () => {
		const result = await runCommand(
			['export', ...range, '--granularity', 'P1D', '--format', 'json', '--media', 'voice'],
			{
				env,
			},
		);
		expect(result.code).toBe(0);
		const rows = JSON.parse(result.stdout) as QueueRow[];
		const truth = rollUp(
			groundTruth(emu, start, end, zone, 'P1D', {mediaTypes: ['voice']}),
			'intervals',
			namesOf(emu),
			null,
			divisionsOf(emu),
		);
		// Whole days: no bucket is cut by the range, every record says so last.
		expect(rows).toEqual(records(truth).map(record => ({...record, partial: false})));
		expect(new Set(rows.map(row => row.interval))).toContain('2026-03-08T05:00:00.000Z/2026-03-09T04:00:00.000Z');
	});

	it('filters by queue name, pattern or id', async () => {
		const [first, second] = emu.org.queues;
		const result = await runCommand(
			[
				'export',
				...range,
				'--format',
				'json',
				'--level',
				'queues',
				'--queue',
				first!.name.toUpperCase(),
				'--queue',
				second!.id,
			],
			{env},
		);
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as QueueRow[]).map(row => row.queueId).sort()).toEqual(
			[first!.id, second!.id].sort(),
		);
	});

	it('writes --output whole and reports it on stderr', async () => {
		const dir = scratchDir();
		// A relative --output is relative to the process's folder: a child's, to see it.
		const result = await runCli(['export', ...range, '--format', 'csv', '--output', 'out.csv'], {env, cwd: dir});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^gqx: wrote \d+ records to out.csv\n$/);
		expect(fromCsv(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).length).toBeGreaterThan(10);
		expect(fs.readdirSync(dir).filter(name => name.includes('.tmp'))).toEqual([]);
	});

	it('draws a readable table with units', async () => {
		const result = await runCommand(['export', ...range, '--format', 'table', '--level', 'queues'], {env});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Queue +Offered +Answered/);
		expect(result.stdout).toMatch(/\d+\.\d%/);
		expect(result.stdout).toMatch(/ \d+:\d\d /);
	});
});

describe('gqx export credentials', () => {
	it('reads a .env file only whole: a secret from the environment never goes with its region', async () => {
		const dir = scratchDir();
		fs.writeFileSync(
			path.join(dir, '.env'),
			`GENESYS_CLOUD_REGION=${emu.url}\nGENESYS_CLOUD_CLIENT_ID=${demoClient.id}\nGENESYS_CLOUD_CLIENT_SECRET="${demoClient.secret}"\n`,
		);
		expect((await runCommand(['export', ...range, '--format', 'csv'], {cwd: dir})).code).toBe(0);
		const overridden = await runCommand(['export', ...range, '--format', 'csv'], {
			cwd: dir,
			env: {GENESYS_CLOUD_CLIENT_SECRET: 'from-environment'},
		});
		expect(overridden.code).toBe(2);
		expect(overridden.stderr).toContain('the one in .env is not used, as the client secret comes from the environment');
	});

	it("accepts the Genesys CLI's variable names", async () => {
		const result = await runCommand(['export', ...range, '--format', 'csv'], {
			env: {
				GENESYSCLOUD_REGION: emu.url,
				GENESYSCLOUD_OAUTHCLIENT_ID: demoClient.id,
				GENESYSCLOUD_OAUTHCLIENT_SECRET: demoClient.secret,
			},
		});
		expect(result.code).toBe(0);
	});

	it('warns that a secret on the command line shows in process lists, without printing it', async () => {
		const result = await runCommand([
			'export',
			...range,
			'--format',
			'csv',
			'--region',
			emu.url,
			'--client-id',
			demoClient.id,
			'--client-secret',
			demoClient.secret,
		]);
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/warning: A secret given as --client-secret can be seen in the process list/);
		expect(result.stderr + result.stdout).not.toContain(demoClient.secret);
	});
});

describe('gqx export failures', () => {
	const bad: Array<[string, string[], RegExp]> = [
		[
			'a date that does not exist',
			['--from', '2026-02-30', '--to', '2026-03-01'],
			/2026-02-30 is not a real calendar date/,
		],
		['from after to', ['--from', '2026-03-05', '--to', '2026-03-01'], /after --to/],
		['an unknown preset', ['--preset', 'fortnight'], /Unknown preset "fortnight"/],
		['an unknown time zone', ['--preset', 'yesterday', '--tz', 'Mars/Olympus'], /Unknown time zone/],
		['an unknown flag', ['--colour'], /Unknown flag --colour for export/],
		[
			'a granularity that is not offered',
			['--preset', 'yesterday', '--granularity', 'PT7M'],
			/Unsupported granularity "PT7M"/,
		],
		['an unknown format', ['--preset', 'yesterday', '--format', 'xml'], /Unknown format "xml"/],
		['an unknown media type', ['--preset', 'yesterday', '--media', 'fax'], /Unknown media type "fax"/],
		['a range wholly in the future', ['--from', '2099-01-01', '--to', '2099-01-02'], /in the future/],
	];
	for (const [what, args, message] of bad) {
		it(`exits 2 for ${what}, writing nothing`, async () => {
			const dir = scratchDir();
			const result = await runCommand(['export', ...args, '--output', 'out.csv'], {env, cwd: dir});
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
			expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
		});
	}

	it('exits 2 for bad regions and empty credentials', async () => {
		expect(
			(await runCommand(['export', '--preset', 'yesterday'], {env: {...env, GENESYS_CLOUD_REGION: 'us-east-9'}}))
				.stderr,
		).toMatch(/Unknown region "us-east-9"/);
		const plainHttp = await runCommand(['export', '--preset', 'yesterday'], {
			env: {...env, GENESYS_CLOUD_REGION: 'http://gateway.example.com'},
		});
		expect(plainHttp.code).toBe(2);
		expect(plainHttp.stderr).toMatch(/Refusing plain http/);
		const blank = await runCommand(['export', '--preset', 'yesterday', '--client-id', '   '], {env});
		expect(blank.code).toBe(2);
		expect(blank.stderr).toMatch(/client id is empty/);
		const none = await runCommand(['export', '--preset', 'yesterday'], {env: {GENESYS_CLOUD_REGION: emu.url}});
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/No client id given/);
		const profile = await runCommand(['export', '--preset', 'yesterday', '--profile', 'nope'], {env});
		expect(profile.code).toBe(2);
		expect(profile.stderr).toMatch(/No saved profile named "nope"/);
	});

	it('exits 2 listing the closest names when --queue matches nothing', async () => {
		const name = emu.org.queues[3]!.name;
		const result = await runCommand(['export', ...range, '--queue', name.slice(0, -2)], {env});
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/No queue matches/);
		expect(result.stderr).toContain(`"${name}"`);
	});

	it('exits 3 for a wrong secret, 4 for a missing permission, 5 for a persistent server failure', async () => {
		const wrong = await runCommand(['export', ...range], {env: {...env, GENESYS_CLOUD_CLIENT_SECRET: 'not-it'}});
		expect(wrong.code).toBe(3);
		expect(wrong.stderr).toMatch(/Login failed.*authentication failed/);
		expect(wrong.stderr).not.toContain('not-it');

		emu.addClient({id: 'no-analytics', secret: 'x', permissions: ['routing:queue:view']});
		const denied = await runCommand(['export', ...range], {
			env: {...env, GENESYS_CLOUD_CLIENT_ID: 'no-analytics', GENESYS_CLOUD_CLIENT_SECRET: 'x'},
		});
		expect(denied.code).toBe(4);
		expect(denied.stderr).toMatch(/analytics:conversationAggregate:view/);

		const down = await emulator({queues: 3});
		down.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 100});
		try {
			const failed = await runCommand(['export', ...range], {
				env: {...env, GENESYS_CLOUD_REGION: down.url},
				timeoutMs: 60_000,
			});
			expect(failed.code).toBe(5);
			expect(failed.stderr).toMatch(/HTTP 503 \(correlation id [\da-f-]{36}\)/);
			expect(failed.stderr).toMatch(/server answered 503, retrying in \d+ s/);
		} finally {
			await down.stop();
		}
	}, 60_000);

	it('exits 5 naming the host when nothing answers', async () => {
		const result = await runCommand(['export', ...range], {
			env: {...env, GENESYS_CLOUD_REGION: 'http://127.0.0.1:1'},
			timeoutMs: 60_000,
		});
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(/Connection to 127.0.0.1:1 refused/);
	}, 60_000);
});
