// `gqx emulator` on its own: it prints where it listens and takes the details options from its flags (a smaller
// result window answers a page past it with a 400), and refuses a bad value with exit 2.
import {Readable, Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {parseScenario, runEmulator} from '../../source/commands/emulator.js';
import type {Io} from '../../source/commands/io.js';
import {until} from '../wait.js';

function io(): {io: Io; out: () => string; err: () => string} {
	let out = '';
	let err = '';
	const sink = (add: (text: string) => void) =>
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				add(chunk.toString());
				done();
			},
		});
	return {
		io: {
			stdout: sink(text => (out += text)),
			stderr: sink(text => (err += text)),
			stdin: Readable.from([]),
			env: {},
			cwd: process.cwd(),
		} as unknown as Io,
		out: () => out,
		err: () => err,
	};
}

describe('gqx emulator', () => {
	it('serves the details query with the result window of --details-window, and --agents users', async () => {
		const {io: streams, out} = io();
		const stop = new AbortController();
		const running = runEmulator(
			['--details-window', '150', '--rate-limit', '0', '--queues', '5', '--agents', '333'],
			streams,
			stop.signal,
		);
		try {
			const printed = await until(
				out,
				text => /listening on (\S+)/.test(text),
				() => 'the URL',
				{timeoutMs: 10_000},
			);
			const url = /listening on (\S+)/.exec(printed)![1]!;
			const token = await fetch(`${url}/oauth/token`, {
				method: 'POST',
				headers: {
					authorization: `Basic ${Buffer.from('gqx-demo-client:gqx-demo-secret').toString('base64')}`,
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
			}).then(async response => ((await response.json()) as {access_token: string}).access_token);
			const page = (pageNumber: number) =>
				fetch(`${url}/api/v2/analytics/conversations/details/query`, {
					method: 'POST',
					headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
					body: JSON.stringify({
						interval: '2026-03-02T00:00:00Z/2026-03-03T00:00:00Z',
						segmentFilters: [{type: 'and', predicates: [{dimension: 'purpose', value: 'acd'}]}],
						paging: {pageSize: 100, pageNumber},
					}),
				});
			expect((await page(1)).status).toBe(200);
			const past = await page(2);
			expect(past.status).toBe(400);
			expect(((await past.json()) as {message: string}).message).toMatch(/150/);
			// --agents: the org's users, as the users listing counts them.
			const users = (await fetch(`${url}/api/v2/users?pageSize=1&state=any`, {
				headers: {authorization: `Bearer ${token}`},
			}).then(async response => response.json())) as {total: number};
			expect(users.total).toBe(333);
		} finally {
			stop.abort();
			expect(await running).toBe(0);
		}
	});

	it('refuses a window that is not a whole number with exit 2', async () => {
		const {io: streams, err} = io();
		expect(await runEmulator(['--details-window', 'lots'], streams)).toBe(2);
		expect(err()).toContain('--details-window must be a whole number');
	});

	it.each([
		[['--scenario', 'Billing,60,30'], 'is not QUEUE,FROM,TO[,WAIT] with FROM before TO'],
		[['--scenario', 'Billing'], 'is not QUEUE,FROM,TO[,WAIT]'],
		[
			['--scenario', 'No such queue,1,2', '--queues', '5'],
			'Scenario queue "No such queue" is not a queue of the emulator',
		],
	])('refuses --scenario %j with exit 2 and the reason', async (args, message) => {
		const {io: streams, err} = io();
		expect(await runEmulator(args, streams)).toBe(2);
		expect(err()).toContain(message);
	});

	it('--scenario: callers wait in the scripted queue from FROM to TO seconds after the start, the oldest WAIT seconds', () => {
		const start = Date.parse('2026-03-20T15:00:00Z');
		expect(parseScenario('Billing, EMEA,30,100,600', start)).toEqual({
			queue: 'Billing, EMEA',
			fromMs: start + 30_000,
			toMs: start + 100_000,
			longestWaitSeconds: 600,
		});
		expect(parseScenario('Billing,30,100', start)).toEqual({
			queue: 'Billing',
			fromMs: start + 30_000,
			toMs: start + 100_000,
		});
	});
});
