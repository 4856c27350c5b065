// Hostile names and server messages through the commands, run in-process against the emulator and a tiny loopback
// server: `gqx check`'s table and every stderr line that quotes outside text (HTTP error messages and correlation
// ids, the OAuth error description, "Closest queue names", "Divisions with queues", dropped-statistic warnings)
// show the escapes, never send them; a newline in a server's text cannot fake a `gqx:` line.
import fs from 'node:fs';
import {createServer, type Server} from 'node:http';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {formatRecords} from '../../source/export/output.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {parse} from 'csv-parse/sync';
import {formulaNames, hostile, hostileNames, rawHostile} from '../hostile.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';

let emu: Emulator;
let env: Record<string, string>;
const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy'];
const fake = '\ngqx: all queues are fine';

beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 30});
	emu.org.queues.forEach((queue, index) => {
		queue.name = hostileNames[index % hostileNames.length]!;
		queue.divisionName = `Div ${hostileNames[index % hostileNames.length]!}`;
	});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

/** What the user sees on stderr has no raw hostile byte and no line that a server wrote. */
function expectClean(text: string): void {
	expect(rawHostile(text)).toEqual([]);
	expect(text).not.toMatch(/^gqx: all queues are fine/m);
}

describe('hostile names in gqx check and export', () => {
	it("check's table shows the names with their escapes visible", async () => {
		const result = await runCommand(['check', '--max-abandon', '0%', '--format', 'table', ...day], {env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(1);
		expectClean(result.stdout);
		// Every breaching queue (a queue with no abandon that day does not breach) on a line of its own.
		const lines = result.stdout.trimEnd().split('\n').slice(2);
		expect(lines.length).toBeGreaterThan(3);
		for (const line of lines) expect(hostile.some(({shown}) => line.startsWith(shown))).toBe(true);
	});

	for (const [command, format] of [
		['export', 'json'],
		['export', 'ndjson'],
		['check', 'json'],
		['check', 'ndjson'],
	] as const) {
		it(`${command} --format ${format} escapes C1 and bidi controls, and reads back to the exact names`, async () => {
			const flags = command === 'check' ? ['--max-abandon', '0%'] : [];
			const result = await runCommand([command, ...flags, '--format', format, ...day], {env});
			expect(result.code).toBe(command === 'check' ? 1 : 0);
			// JSON escapes the C0 controls itself; C1 (a terminal's CSI in one byte) and bidi overrides too, here.
			expect(rawHostile(result.stdout)).toEqual([]);
			const text = result.stdout.trim();
			const records = (format === 'json' ? JSON.parse(text) : text.split('\n').map(line => JSON.parse(line))) as Array<{
				queueName: string | null;
			}>;
			const names = new Set(records.map(record => record.queueName));
			for (const name of hostileNames.filter(each => /[\u0080-\u009F\u202E]/.test(each))) expect(names).toContain(name);
		});
	}

	it('"Closest queue names" and "Divisions with queues" show them cleaned', async () => {
		const queue = await runCommand(['export', '--queue', 'Billing', ...day], {env});
		expect(queue.code).toBe(2);
		expect(queue.stderr).toContain('Closest queue names:');
		expect(queue.stderr).toContain('^[]52;c;');
		expectClean(queue.stderr);
		const division = await runCommand(['export', '--division', 'Nowhere', ...day], {env});
		expect(division.code).toBe(2);
		expect(division.stderr).toContain('Divisions with queues:');
		expect(division.stderr).toContain('Div Two^Jlines^Mback');
		expectClean(division.stderr);
	});

	it('an HTTP error message and the OAuth error description are shown cleaned', async () => {
		emu.inject({
			kind: 'status',
			status: 400,
			path: '/api/v2/analytics',
			body: JSON.stringify({message: `bad \u001B[2Jquery\u202E${fake}`, status: 400}),
		});
		const api = await runCommand(['export', ...day], {env});
		expect(api.code).toBe(5);
		expect(api.stderr).toContain('bad ^[[2Jquery^Jgqx: all queues are fine');
		expectClean(api.stderr);
		emu.inject({
			kind: 'status',
			status: 401,
			path: '/oauth/token',
			body: JSON.stringify({error: 'invalid_client', error_description: `nope \u001B]52;c;cm0gLXJm\u0007${fake}`}),
		});
		const login = await runCommand(['export', ...day], {env});
		expect(login.code).toBe(3);
		expect(login.stderr).toContain('nope ^[]52;c;cm0gLXJm^G^Jgqx: all queues are fine');
		expectClean(login.stderr);
	});

	it('the dropped-statistic warning names the queue cleaned', async () => {
		emu.inject({
			kind: 'transform',
			path: '/api/v2/analytics',
			times: 4,
			transform: body => {
				const answer = body as {
					results?: Array<{data: Array<{metrics: Array<{metric: string; stats: Record<string, number>}>}>}>;
				};
				for (const result of answer.results ?? [])
					for (const metric of result.data[0]?.metrics ?? []) if (metric.metric === 'tHandle') metric.stats['sum'] = -1;
				return answer;
			},
		});
		const result = await runCommand(['export', '--format', 'json', ...day], {env});
		emu.clearFaults();
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('impossible statistic: ');
		expect(result.stderr).toMatch(/\^\[|\uFFFD|\^J/);
		expectClean(result.stderr);
	});
});

describe('a hostile server', () => {
	let server: Server;
	let url: string;
	beforeAll(async () => {
		server = createServer((request, response) => {
			if (request.url?.startsWith('/oauth/token')) {
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify({access_token: 'token', token_type: 'bearer', expires_in: 3600}));
				return;
			}
			// A correlation id with a C1 CSI in it (a header may carry bytes 0x80-0xFF).
			response.writeHead(400, {'content-type': 'application/json', 'inin-correlation-id': 'id\u009B2J\u009B31m'});
			response.end(JSON.stringify({message: `refused\r\u001B[1A${fake}`, status: 400}));
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));

	it('has its correlation id and message shown cleaned', async () => {
		const result = await runCommand(['export', ...day], {env: {...credentialsEnv(url)}});
		expect(result.code).toBe(5);
		expect(result.stderr).toContain('correlation id id\uFFFD2J\uFFFD31m');
		expect(result.stderr).toContain('refused^M^[[1A^Jgqx: all queues are fine');
		expectClean(result.stderr);
	});
});

describe('formula injection in CSV', () => {
	let formulas: Emulator;
	beforeAll(async () => {
		formulas = await emulator({queues: formulaNames.length, seed: 31});
		formulas.org.queues.forEach((queue, index) => (queue.name = formulaNames[index]!));
	});
	afterAll(async () => formulas.stop());

	const names = (csv: string) =>
		(parse(csv, {columns: true}) as Array<Record<string, string>>).map(record => record['queueName']).sort();

	it('export --format csv starts a name a spreadsheet would run with an apostrophe; --raw-csv keeps it', async () => {
		const args = ['export', '--level', 'queues', '--format', 'csv', ...day];
		const safe = await runCommand(args, {env: credentialsEnv(formulas.url)});
		expect(safe.code).toBe(0);
		expect(names(safe.stdout)).toEqual(formulaNames.map(name => `'${name}`).sort());
		// Every number is still a number.
		for (const record of parse(safe.stdout, {columns: true}) as Array<Record<string, string>>)
			expect(record['offered']).toMatch(/^\d+$/);
		const raw = await runCommand([...args, '--raw-csv'], {env: credentialsEnv(formulas.url)});
		expect(raw.code).toBe(0);
		expect(names(raw.stdout)).toEqual([...formulaNames].sort());
	});

	it('leaves negative numbers, and text that only looks odd inside, as they are', () => {
		const spec = {fields: ['name', 'delta']};
		const csv = formatRecords('csv', spec, [
			{name: '-2+3', delta: -5},
			{name: '\tTabbed', delta: -0.25},
			{name: '\uFF1Dfull width', delta: 1},
			{name: 'A = B', delta: null},
		]);
		expect(csv).toBe("name,delta\n'-2+3,-5\n'\tTabbed,-0.25\n'\uFF1Dfull width,1\nA = B,\n");
	});
});

describe('credentials come as a set', () => {
	let evil: Emulator;
	beforeAll(async () => {
		// A host that would accept the secret: it records every request, so a test sees whether the secret went there.
		evil = await emulator({queues: 2, seed: 32, recordRequests: true});
	});
	afterAll(async () => evil.stop());

	const secretSent = () => evil.requests.filter(request => (request.authorization ?? '').startsWith('Basic '));

	it("never sends the environment's secret to the region of a .env in the folder", async () => {
		const dir = scratchDir();
		fs.writeFileSync(path.join(dir, '.env'), `GENESYS_CLOUD_REGION=${evil.url}\n`);
		const own = {GENESYS_CLOUD_CLIENT_ID: demoClient.id, GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret};
		const alone = await runCommand(['export', ...day], {cwd: dir, env: own});
		expect(alone.code).toBe(2);
		expect(alone.stderr).toContain('the one in .env is not used, as the client secret comes from the environment');
		// With a region of its own the environment is used whole, and the .env's region is said to be ignored.
		const whole = await runCommand(['export', '--format', 'json', ...day], {
			cwd: dir,
			env: {...own, GENESYS_CLOUD_REGION: emu.url},
		});
		expect(whole.code).toBe(0);
		expect(whole.stderr).toContain('The region in .env is ignored');
		expect(evil.requests).toEqual([]);
		expect(secretSent()).toEqual([]);
	});

	it('reads --env-file whole, and refuses one that cannot be read', async () => {
		const dir = scratchDir();
		const file = path.join(dir, 'acme.env');
		fs.writeFileSync(
			file,
			`GENESYS_CLOUD_REGION=${emu.url}\nGENESYS_CLOUD_CLIENT_ID=${demoClient.id}\nGENESYS_CLOUD_CLIENT_SECRET=${demoClient.secret}\n`,
		);
		const read = await runCommand(['export', '--env-file', 'acme.env', '--format', 'json', ...day], {cwd: dir});
		expect(read.code).toBe(0);
		const missing = await runCommand(['export', '--env-file', 'nope.env', ...day], {cwd: dir});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('Cannot read the env file nope.env: ENOENT');
	});
});
