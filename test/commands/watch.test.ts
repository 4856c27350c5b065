// `gqx watch` against the emulator with scripted queues and a clock the test moves: each poll's sleep moves the
// emulator's clock on, so a 70 s breach takes a few real milliseconds. Webhooks are a real HTTP receiver on
// 127.0.0.1; the events expected are worked out from the scenario and the emulator's own org.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Clock} from '../../source/watch/deliver.js';
import {demoClient, type Emulator, type EmulatorOptions} from '../../source/emulator/server.js';
import {emulator, testNow} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {cliEnv, cliPath, scratchDir} from '../run-cli.js';
import {until} from '../wait.js';
import {hostile, rawHostile} from '../hostile.js';

type Received = {body: Record<string, unknown>; status: number};

/** A webhook receiver: answers each POST with the next status of `statuses` (then 200), keeps what it got. */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server = http.createServer((request, response) => {
		let text = '';
		request.on('data', chunk => (text += chunk));
		request.on('end', () => {
			const status = statuses.shift() ?? 200;
			received.push({body: JSON.parse(text) as Record<string, unknown>, status});
			if (status === 429) response.setHeader('retry-after', '3');
			response.writeHead(status).end();
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	cleanups.push(() => new Promise(resolve => server.close(() => resolve())));
	return {
		url: `http://127.0.0.1:${port}/services/T000/B000/secret-path?token=sekrit`,
		received,
		delivered: () => received.filter(each => each.status === 200).map(each => each.body),
	};
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An emulator on a clock the test moves, and watch's clock on the same time: a sleep moves it on. */
async function scripted(scenarios: EmulatorOptions['scenarios'], queues = 12) {
	let now = testNow;
	const emu = await emulator({queues, seed: 5, now: () => now, scenarios});
	cleanups.push(() => emu.stop());
	const clock: Clock = {
		now: () => now,
		sleep: async (ms, signal) => {
			if (!signal?.aborted) now += ms;
			await new Promise(resolve => setImmediate(resolve));
		},
	};
	return {emu, clock, now: () => now};
}

function envOf(emu: Emulator) {
	return {
		GENESYS_CLOUD_REGION: emu.url,
		GENESYS_CLOUD_CLIENT_ID: demoClient.id,
		GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret,
	};
}

/** Runs gqx watch until `done` holds (looked at as it runs), then stops it as Ctrl+C would. */
async function watchUntil(emu: Emulator, clock: Clock, args: string[], done: () => boolean, cwd = scratchDir()) {
	const stop = new AbortController();
	const run = runCommand(['watch', ...args, '--no-proxy', '--tz', 'UTC'], {
		env: envOf(emu),
		cwd,
		hooks: {clock, signal: stop.signal},
		timeoutMs: 30_000,
	});
	let finished = false;
	void run.finally(() => (finished = true));
	await until(() => finished || done(), Boolean, 'watch to reach the point the test waits for', {timeoutMs: 20_000});
	stop.abort();
	return run;
}

const seconds = (count: number) => testNow + count * 1000;

/**
 * The scenario's wait as gqx reports it: the emulator's Date header has whole seconds and gqx takes the server's time
 * as that second's middle, so a wait of 600 s reads 600 or 601 whole seconds.
 */
function expectWait(value: unknown, seconds: number): void {
	expect([seconds, seconds + 1]).toContain(value);
}

describe('gqx watch', () => {
	it('a scripted 70 s breach with --for 20s: one BREACH and one RECOVERED to the webhook, ndjson in order; a 10 s blip: nothing', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(30), toMs: seconds(100), waiting: 4, longestWaitSeconds: 600},
			{queue: 'Sales', fromMs: seconds(30), toMs: seconds(40), waiting: 3, longestWaitSeconds: 900},
		]);
		const billing = emu.org.queues.find(queue => queue.name === 'Billing')!;
		const hook = await receiver();
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--queue', 'Sales', '--max-wait', '120', '--for', '20s', '--webhook', hook.url],
			() => now() > seconds(400) && hook.received.length >= 2,
			undefined,
		);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const events = hook.delivered();
		expect(events.map(event => [event['event'], event['queueName']])).toEqual([
			['BREACH', 'Billing'],
			['RECOVERED', 'Billing'],
		]);
		const [breach, recovered] = events as Array<Record<string, string | number>>;
		// Polls every 10 s from the start: first seen at +30 s, held 20 s at +50 s; clear from +100 s, recovered at +120 s.
		expect(Date.parse(String(breach!['since'])) - testNow).toBeGreaterThanOrEqual(30_000);
		expect(Date.parse(String(breach!['since'])) - testNow).toBeLessThan(31_000);
		expect(Date.parse(String(breach!['at'])) - Date.parse(String(breach!['since']))).toBeGreaterThanOrEqual(20_000);
		expect(Date.parse(String(breach!['at'])) - Date.parse(String(breach!['since']))).toBeLessThan(21_000);
		expect(Date.parse(String(recovered!['at'])) - testNow).toBeGreaterThanOrEqual(120_000);
		expect(Date.parse(String(recovered!['at'])) - testNow).toBeLessThan(121_000);
		expect(breach).toMatchObject({
			queueId: billing.id,
			mediaType: billing.media[0]!.media,
			condition: 'max-wait',
			threshold: 120,
		});
		expectWait(breach!['value'], 600);
		expect(String(breach!['text'])).toMatch(
			/^BREACH Billing \(\w+\) longest wait 10:0[01] > 2:00 \(since 15:00:3\d\)$/,
		);
		expect(String(recovered!['text'])).toMatch(/^RECOVERED Billing \(\w+\) longest wait 10:0[01] > 2:00 after 1m 30s$/);
		// The same two events on stdout, a line each; the webhook's secret path never printed.
		const lines = result.stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe(`2026-03-20 15:00:50 ${String(breach!['text'])}`);
		expect(lines[1]).toBe(`2026-03-20 15:02:00 ${String(recovered!['text'])}`);
		expect(result.stdout + result.stderr).not.toMatch(/secret-path|sekrit/);
	});

	it('--format ndjson: the fields in order, times ISO 8601 UTC', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(50), waiting: 2, longestWaitSeconds: 300},
		]);
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--format', 'ndjson'],
			() => now() > seconds(100),
		);
		expect(result.code).toBe(0);
		const records = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(records.map(record => record['event'])).toEqual(['BREACH', 'RECOVERED']);
		for (const record of records) {
			// The fields, in its order.
			expect(Object.keys(record).join(', ')).toBe(
				'event, at, since, queueId, queueName, mediaType, condition, value, threshold',
			);
			expect(String(record['at'])).toMatch(/^2026-03-20T15:0\d:\d\d\.\d{3}Z$/);
		}
		expect(records[0]).toMatchObject({queueName: 'Billing', condition: 'max-wait', threshold: 60});
		expectWait(records[0]!['value'], 300);
	});

	it('a receiver that fails twice (503, then 429 with Retry-After) gets the event once, and the next after it', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver([503, 429]);
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--webhook', hook.url],
			() => now() > seconds(200) && hook.delivered().length >= 2,
		);
		expect(result.code).toBe(0);
		expect(hook.received.map(each => [each.status, each.body['event']])).toEqual([
			[503, 'BREACH'],
			[429, 'BREACH'],
			[200, 'BREACH'],
			[200, 'RECOVERED'],
		]);
		expect(result.stderr).toContain('http://127.0.0.1:');
		expect(result.stderr).not.toMatch(/secret-path|sekrit/);
	});

	it('a restart during a breach sends no second BREACH, and the RECOVERED after it', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(200), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver();
		const cwd = scratchDir();
		const args = ['--queue', 'Billing', '--max-wait', '60', '--for', '20s', '--webhook', hook.url];
		const first = await watchUntil(emu, clock, args, () => hook.delivered().length >= 1, cwd);
		expect(first.code).toBe(0);
		expect(now()).toBeLessThan(seconds(200));
		const second = await watchUntil(emu, clock, args, () => now() > seconds(300) && hook.delivered().length >= 2, cwd);
		expect(second.code).toBe(0);
		expect(hook.delivered().map(event => event['event'])).toEqual(['BREACH', 'RECOVERED']);
		expect(second.stdout).toMatch(/^2026-03-20 15:0\d:\d\d RECOVERED Billing/);
		expect(fs.readdirSync(path.join(cwd, 'config'))).toContain('watch.json');
	});

	it('--quiet: events in the quiet hours are printed, not sent; one digest goes when they end', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(60), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver();
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--quiet', '14:00-15:02', '--webhook', hook.url],
			() => now() > seconds(200) && hook.delivered().length >= 1,
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/BREACH Billing[^\n]*\n[^\n]*RECOVERED Billing/);
		const sent = hook.delivered();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({event: 'DIGEST'});
		expect(Date.parse(String(sent[0]!['at'])) - testNow).toBeGreaterThanOrEqual(120_000);
		expect(String(sent[0]!['text'])).toMatch(/^Quiet hours 14:00-15:02: 1 breach, 1 recovered\nBREACH Billing/);
		expect((sent[0]!['events'] as unknown[]).length).toBe(2);
	});

	it('polls that fail are said once, and once when polling works again; an open breach is not announced again', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(100), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver();
		let failed = false;
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--webhook', hook.url],
			() => {
				// Once the breach is out, three polls fail (a 400 is not retried by the client, so no real time passes).
				if (!failed && hook.delivered().length === 1) {
					failed = true;
					emu.inject({kind: 'status', status: 400, path: '/api/v2/analytics/queues/observations', times: 3});
				}
				return now() > seconds(200) && hook.delivered().length >= 2;
			},
		);
		expect(result.code).toBe(0);
		expect(hook.delivered().map(event => event['event'])).toEqual(['BREACH', 'RECOVERED']);
		expect(result.stderr.match(/gqx watch: polling failed: /g)).toHaveLength(1);
		expect(result.stderr.match(/gqx watch: polling works again/g)).toHaveLength(1);
		expect(result.stderr.indexOf('polling failed')).toBeLessThan(result.stderr.indexOf('polling works again'));
	});

	it("--max-abandon: a failed fetch of today's numbers is said as a failed poll, and watch goes on", async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(100), waiting: 2, longestWaitSeconds: 300},
		]);
		// The first ask for today so far fails (a 400 is not retried by the client); the next poll asks again.
		emu.inject({kind: 'status', status: 400, path: '/api/v2/analytics/conversations/aggregates/query', times: 1});
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-abandon', '100%', '--max-wait', '60', '--for', '0'],
			() => now() > seconds(200),
		);
		expect(result.code).toBe(0);
		expect(result.stderr.match(/gqx watch: polling failed: /g)).toHaveLength(1);
		expect(result.stderr.match(/gqx watch: polling works again/g)).toHaveLength(1);
		expect(result.stdout).toMatch(/BREACH Billing[^\n]*\n[^\n]*RECOVERED Billing/);
	});

	it('--exec runs the program with the fields in GQX_* variables, never a hostile queue name as shell text', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const dir = scratchDir();
		const planted = path.join(dir, 'planted');
		const hostileName = `$(touch ${planted}); rm -rf ${dir} \`touch ${planted}\` ; touch ${planted}`;
		emu.org.queues.find(queue => queue.name === 'Billing')!.name = hostileName;
		const log = path.join(dir, 'events.log');
		const script = path.join(dir, 'record.sh');
		fs.writeFileSync(script, `#!/bin/sh\nprintf '%s|%s|%s\\n' "$GQX_EVENT" "$GQX_QUEUE_NAME" "$GQX_VALUE" >> "$1"\n`, {
			mode: 0o755,
		});
		const result = await watchUntil(
			emu,
			clock,
			['--queue', hostileName, '--max-wait', '60', '--for', '0', '--exec', `${script} ${log}`],
			() => now() > seconds(100) && fs.existsSync(log) && fs.readFileSync(log, 'utf8').split('\n').length > 2,
		);
		expect(result.code).toBe(0);
		const [breach, recovered, ...rest] = fs.readFileSync(log, 'utf8').split('\n');
		expect(breach).toMatch(/^BREACH\|.*\|30[01]$/);
		expect(breach!.slice('BREACH|'.length, breach!.lastIndexOf('|'))).toBe(hostileName);
		expect(recovered).toMatch(/^RECOVERED\|.*\|30[01]$/);
		expect(recovered!.slice('RECOVERED|'.length, recovered!.lastIndexOf('|'))).toBe(hostileName);
		expect(rest).toEqual(['']);
		expect(fs.existsSync(planted)).toBe(false);
		expect(fs.existsSync(script)).toBe(true);
	});

	it('--exec: quotes keep a program path and an argument with spaces whole; nothing else is read', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const dir = path.join(scratchDir(), 'On call tools');
		fs.mkdirSync(dir);
		const log = path.join(dir, 'args.log');
		const script = path.join(dir, 'page me.sh');
		fs.writeFileSync(
			script,
			`#!/bin/sh\nfor arg in "$@"; do printf '[%s]' "$arg" >> "${log}"; done\necho >> "${log}"\n`,
			{
				mode: 0o755,
			},
		);
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--exec', `"${script}" 'two words' $HOME a\\b;`],
			() => now() > seconds(100) && fs.existsSync(log),
		);
		expect(result.code).toBe(0);
		expect(fs.readFileSync(log, 'utf8').split('\n')[0]).toBe('[two words][$HOME][a\\b;]');
	});

	it('--exec: the program gets no credentials in its environment; a failure is said by name and exit code', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const dir = scratchDir();
		const log = path.join(dir, 'env.log');
		const script = path.join(dir, 'fail.sh');
		fs.writeFileSync(script, `#!/bin/sh\nenv >> "$1"\nexit 3\n`, {mode: 0o755});
		const result = await watchUntil(
			emu,
			clock,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--exec', `${script} ${log} --token=hunter2`],
			() => now() > seconds(100) && fs.existsSync(log),
		);
		expect(result.code).toBe(0);
		const env = fs.readFileSync(log, 'utf8');
		expect(env).toContain('GQX_EVENT=BREACH');
		expect(env).toContain(`GENESYS_CLOUD_REGION=${emu.url}`);
		expect(env).not.toMatch(/GENESYS_CLOUD_CLIENT_(ID|SECRET)/);
		expect(env).not.toContain(demoClient.secret);
		expect(result.stderr).toContain(`gqx watch: ${script} failed (exit code 3); retrying`);
		expect(result.stderr).not.toMatch(/hunter2|env\.log/);
	});

	it('refuses a second watch on the same state file, and takes over the lock of a watch that died', async () => {
		const {emu, clock} = await scripted([]);
		const cwd = scratchDir();
		const config = path.join(cwd, 'config');
		fs.mkdirSync(config, {recursive: true});
		const lock = path.join(config, 'watch.json.lock');
		// Another process that runs holds it: a live watch.
		const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		const liveExited = new Promise(resolve => live.on('exit', resolve));
		cleanups.push(async () => {
			live.kill();
			await liveExited;
		});
		fs.writeFileSync(lock, String(live.pid));
		const refused = await runCommand(['watch', '--max-wait', '60', '--no-proxy'], {env: envOf(emu), cwd});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain(`gqx: Another gqx watch (pid ${live.pid}) is using the state file`);
		expect(refused.stderr).toContain('--state PATH');
		// A pid that ran and ended, and our own pid (a container restarted: the last watch had it): stale locks.
		const gone = spawnSync(process.execPath, ['-e', '']).pid!;
		for (const pid of [gone, process.pid]) {
			fs.writeFileSync(lock, String(pid));
			let polled = false;
			const result = await watchUntil(
				emu,
				{...clock, sleep: async (ms, signal) => ((polled = true), clock.sleep(ms, signal))},
				['--max-wait', '60000'],
				() => polled,
				cwd,
			);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(fs.existsSync(lock)).toBe(false);
		}
	});

	it('a --state path that cannot be used: exit 2 with the reason, no stack, no folders made', async () => {
		const {emu, clock} = await scripted([]);
		const dir = scratchDir();
		const file = path.join(dir, 'a-file');
		fs.writeFileSync(file, '');
		for (const [state, reason] of [
			[path.join(file, 'watch.json'), 'a part of its path is not a folder'],
			[path.join(dir, 'missing', 'deeper', 'watch.json'), 'its folder does not exist'],
		] as const) {
			const result = await watchUntil(emu, clock, ['--max-wait', '60', '--state', state], () => false);
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(`gqx: Cannot use the watch state file ${state}: ${reason}.`);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
		expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
	});

	it('a state file that cannot be saved any more is said once; deliveries and polls go on', async () => {
		const {emu, clock, now} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(100), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver();
		const folder = path.join(scratchDir(), 'state');
		fs.mkdirSync(folder);
		// 50 s in (the BREACH out, the RECOVERED to come) the state's folder goes: no save works after that.
		const removing: Clock = {
			...clock,
			sleep: async (ms, signal) => {
				if (now() >= seconds(50)) fs.rmSync(folder, {recursive: true, force: true});
				return clock.sleep(ms, signal);
			},
		};
		const result = await watchUntil(
			emu,
			removing,
			['--queue', 'Billing', '--max-wait', '60', '--for', '0', '--webhook', hook.url, '--state', `${folder}/w.json`],
			() => now() > seconds(200) && hook.delivered().length >= 2,
		);
		expect(result.code).toBe(0);
		expect(hook.delivered().map(event => event['event'])).toEqual(['BREACH', 'RECOVERED']);
		expect(result.stderr.match(/gqx watch: cannot save the state file: /g)).toHaveLength(1);
	});

	it.each([
		[['--max-wait', '60', '--for', 'soon'], '--for "soon" is not a duration'],
		[['--max-wait', '60', '--webhook', 'ftp://hooks.example.com/x'], 'must be an http or https URL'],
		[['--max-wait', '60', '--webhook', 'hooks.example.com/secret'], 'A --webhook is not a URL'],
		[['--max-wait', '60', '--quiet', '25:00-07:00'], '--quiet "25:00-07:00" is not a window'],
		[['--max-not-responding', '-1'], '--max-not-responding "-1" is not a whole number'],
		[['--max-wait', '60', '--interval', '1'], 'under 5 seconds'],
		[['--max-wait', '60', '--interval', '3601'], '--interval 3601 is over 3600 seconds'],
		[['--max-wait', '60', '--interval', '2147484'], 'is over 3600 seconds'],
		[['--max-wait', '60', '--format', 'csv'], 'Unknown format "csv"'],
		[['--for', '60s'], 'No threshold to watch'],
		[['--max-wait', '60', '--bogus'], 'Unknown flag --bogus'],
	])('bad flags %j: exit 2 with the reason, no stack', async (args, message) => {
		const {emu} = await scripted([]);
		const result = await runCommand(['watch', ...args, '--no-proxy'], {env: envOf(emu)});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.stderr).not.toMatch(/\n\s+at |secret/);
	});

	it('--once: exit 1 with the breaches now, 0 with none', async () => {
		const {emu} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const breaching = await runCommand(['watch', '--once', '--queue', 'Billing', '--max-wait', '60', '--no-proxy'], {
			env: envOf(emu),
		});
		expect(breaching.code).toBe(1);
		expect(breaching.stdout).toMatch(/^2026-03-20 15:00:0\d BREACH Billing \(\w+\) longest wait 5:0[01] > 1:00/);
		const calm = await runCommand(['watch', '--once', '--queue', 'Billing', '--max-wait', '600', '--no-proxy'], {
			env: envOf(emu),
		});
		expect(calm.code).toBe(0);
		expect(calm.stdout).toBe('');
	});
	it('--once in the quiet hours prints the breaches and notifies nobody', async () => {
		const {emu} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const hook = await receiver();
		const dir = scratchDir();
		const ran = path.join(dir, 'ran');
		const once = (quiet: string) =>
			runCommand(
				['watch', '--once', '--queue', 'Billing', '--max-wait', '60', '--tz', 'UTC', '--no-proxy'].concat([
					'--quiet',
					quiet,
					'--webhook',
					hook.url,
					'--exec',
					`/usr/bin/touch ${ran}`,
				]),
				{env: envOf(emu)},
			);
		const quiet = await once('14:00-16:00');
		expect(quiet.code).toBe(1);
		expect(quiet.stdout).toMatch(/^2026-03-20 15:00:0\d BREACH Billing /);
		expect(hook.received).toEqual([]);
		expect(fs.existsSync(ran)).toBe(false);
		// Outside them it notifies as ever.
		const loud = await once('16:00-17:00');
		expect(loud.code).toBe(1);
		expect(hook.delivered().map(event => event['event'])).toEqual(['BREACH']);
		expect(fs.existsSync(ran)).toBe(true);
	});
});

describe('gqx watch --once: the conditions of now', () => {
	it('names from the org reach the terminal through the sanitiser', async () => {
		const {emu} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const billing = emu.org.queues.find(queue => queue.name === 'Billing')!;
		const [name] = hostile;
		billing.name = name!.raw;
		const result = await runCommand(['watch', '--once', '--queue', billing.id, '--max-wait', '60', '--no-proxy'], {
			env: envOf(emu),
		});
		expect(result.code).toBe(1);
		expect(rawHostile(result.stdout)).toEqual([]);
		expect(result.stdout).toContain(` BREACH ${name!.shown} (`);
	});

	it('--format ndjson: hostile names are \\u escapes, never raw bytes, and read back as they are', async () => {
		const {emu} = await scripted([
			{queue: 'Billing', fromMs: seconds(0), toMs: seconds(30), waiting: 2, longestWaitSeconds: 300},
		]);
		const billing = emu.org.queues.find(queue => queue.name === 'Billing')!;
		for (const {raw} of [...hostile, {raw: 'Line\u2028Sep'}]) {
			billing.name = raw;
			const result = await runCommand(
				['watch', '--once', '--queue', billing.id, '--max-wait', '60', '--format', 'ndjson', '--no-proxy'],
				{env: envOf(emu)},
			);
			expect(result.code).toBe(1);
			expect(rawHostile(result.stdout)).toEqual([]);
			expect(result.stdout).not.toMatch(/[\u2028\u2029]/);
			const lines = result.stdout.trim().split('\n');
			expect(lines).toHaveLength(1);
			expect((JSON.parse(lines[0]!) as Record<string, unknown>)['queueName']).toBe(raw);
		}
	});

	/** From the emulator's own answers to watch's query: per queue, waiting, agents idle and not responding. */
	function served(emu: Emulator) {
		const queues = new Map<string, {waiting: number; idle: number; notResponding: number}>();
		for (const answer of emu.observationsServed)
			for (const result of answer) {
				const queue = queues.get(result.group.queueId) ?? {waiting: 0, idle: 0, notResponding: 0};
				queues.set(result.group.queueId, queue);
				for (const item of result.data) {
					if (item.metric === 'oWaiting') queue.waiting += item.stats.count ?? 0;
					if (item.metric === 'oOnQueueUsers' && item.qualifier === 'IDLE') queue.idle += item.stats.count ?? 0;
					if (item.metric === 'oOnQueueUsers' && item.qualifier === 'NOT_RESPONDING')
						queue.notResponding += item.stats.count ?? 0;
				}
			}
		return queues;
	}

	it('--no-agents and --max-not-responding: exactly the queues the observations show, with their counts', async () => {
		// Enough agents that some are not responding at the test's moment (3 % of their time on queue).
		const emu = await emulator({queues: 40, seed: 3, agents: 400});
		cleanups.push(() => emu.stop());
		emu.observationsServed.length = 0;
		const result = await runCommand(
			['watch', '--once', '--no-agents', '--max-not-responding', '0', '--format', 'ndjson', '--no-proxy'],
			{env: envOf(emu)},
		);
		const truth = served(emu);
		const expected = [...truth]
			.flatMap(([queueId, queue]) => [
				...(queue.waiting > 0 && queue.idle === 0 ? [`${queueId} no-agents ${queue.waiting} 0`] : []),
				...(queue.notResponding > 0 ? [`${queueId} max-not-responding ${queue.notResponding} 0`] : []),
			])
			.sort();
		expect(expected.some(line => line.includes('no-agents'))).toBe(true);
		expect(expected.some(line => line.includes('max-not-responding'))).toBe(true);
		expect(result.code).toBe(1);
		const got = result.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>)
			.map(
				event =>
					`${String(event['queueId'])} ${String(event['condition'])} ${String(event['value'])} ${String(event['threshold'])}`,
			)
			.sort();
		expect(got).toEqual(expected);
	});
});

describe('gqx watch as a process', () => {
	it('SIGTERM during a delivery: the delivery finishes, the event leaves the state file, exit 0', async () => {
		const emu = await emulator({
			queues: 12,
			seed: 5,
			now: () => Date.now(),
			scenarios: [{queue: 'Billing', fromMs: 0, toMs: Date.now() + 3_600_000, waiting: 2, longestWaitSeconds: 300}],
		});
		cleanups.push(() => emu.stop());
		let answer: (() => void) | undefined;
		const requests: string[] = [];
		const server = http.createServer((request, response) => {
			let text = '';
			request.on('data', chunk => (text += chunk));
			request.on('end', () => {
				requests.push(text);
				answer = () => response.writeHead(200).end();
			});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise(resolve => server.close(() => resolve())));
		const cwd = scratchDir();
		const child = spawn(
			process.execPath,
			[
				cliPath,
				'watch',
				'--queue',
				'Billing',
				'--max-wait',
				'60',
				'--for',
				'0',
				'--no-proxy',
				'--webhook',
				`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
			],
			{env: cliEnv(cwd, envOf(emu)), cwd},
		);
		let stdout = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve =>
			child.on('exit', (code, signal) => resolve({code, signal})),
		);
		await until(() => answer, Boolean, 'the webhook to be called');
		expect(child.kill('SIGTERM')).toBe(true);
		expect(child.exitCode).toBeNull();
		answer!();
		// SIGTERM was handled, not fatal: an exit code of 0 and no signal; the delivery under way was finished (the
		// one request answered, the event gone from the state file, below).
		expect(await exited).toEqual({code: 0, signal: null});
		expect(requests).toHaveLength(1);
		expect(JSON.parse(requests[0]!)).toMatchObject({event: 'BREACH', queueName: 'Billing'});
		expect(stdout).toMatch(/ BREACH Billing /);
		const state = JSON.parse(fs.readFileSync(path.join(cwd, 'config', 'watch.json'), 'utf8')) as {
			outbox: Record<string, unknown[]>;
			tracked: unknown[];
		};
		expect(Object.values(state.outbox).flat()).toEqual([]);
		expect(state.tracked).toHaveLength(1);
		expect(fs.existsSync(path.join(cwd, 'config', 'watch.json.lock'))).toBe(false);
	});
});
