// Answers larger than their endpoint's cap (a login answer over 64 KB, a listing or aggregate over the setting) are
// cut off as they stream, with a clear error and exit 5, instead of filling the memory.
import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {credentialsEnv} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {until} from '../wait.js';

const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy', '--format', 'json'];
/** What the server would send at most: enough to show that reading stopped long before it. */
const offeredBytes = 64 * 1024 * 1024;

let server: Server;
let url: string;
/** The bytes each answer got out before its connection closed, by path. */
const sent = new Map<string, number>();
/** Whether the login answer is the oversized one. */
let bigToken = false;

/** Streams a JSON string that never ends, in 64 KB chunks as fast as the client reads, until it hangs up. */
function stream(response: ServerResponse, path: string, prefix: string): void {
	const chunk = Buffer.alloc(64 * 1024, 'a');
	let total = 0;
	response.writeHead(200, {'content-type': 'application/json'});
	response.write(prefix);
	const pump = () => {
		while (total < offeredBytes && !response.destroyed) {
			total += chunk.length;
			if (!response.write(chunk)) return void response.once('drain', pump);
		}
		response.end();
	};
	response.on('close', () => sent.set(path, total));
	pump();
}

beforeAll(async () => {
	server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://x').pathname;
		if (path === '/oauth/token') {
			if (bigToken) return stream(response, path, '{"access_token":"');
			response.setHeader('content-type', 'application/json');
			return void response.end(JSON.stringify({access_token: 't', token_type: 'bearer', expires_in: 3600}));
		}
		stream(response, path, '{"results":[{"group":{"queueId":"');
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));

describe('answer size caps', () => {
	it('stops reading an aggregates answer beyond GQX_MAX_ANSWER_MB and exits 5', async () => {
		const result = await runCommand(['export', ...day], {env: {...credentialsEnv(url), GQX_MAX_ANSWER_MB: '1'}});
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(
			/gqx: The answer of 127\.0\.0\.1:\d+ to \/api\/v2\/analytics\/conversations\/aggregates\/query is larger than 1 MB/,
		);
		expect(result.stderr).toContain('GQX_MAX_ANSWER_MB');
		expect(result.stderr).not.toContain('    at ');
		const bytes = await until(
			() => sent.get('/api/v2/analytics/conversations/aggregates/query'),
			value => value !== undefined,
			'the close',
		);
		expect(bytes).toBeLessThan(offeredBytes / 4);
	});

	it('stops reading a login answer beyond 64 KB and exits 5', async () => {
		bigToken = true;
		try {
			const result = await runCommand(['export', ...day], {env: credentialsEnv(url)});
			expect(result.code).toBe(5);
			expect(result.stderr).toContain('to /oauth/token is larger than 64 KB');
			expect(result.stderr).toContain('A login answer is a few hundred bytes');
			const bytes = await until(
				() => sent.get('/oauth/token'),
				value => value !== undefined,
				'the close',
			);
			expect(bytes).toBeLessThan(offeredBytes / 4);
		} finally {
			bigToken = false;
		}
	});

	it('refuses a GQX_MAX_ANSWER_MB that is not a positive number', async () => {
		const result = await runCommand(['export', ...day], {env: {...credentialsEnv(url), GQX_MAX_ANSWER_MB: 'lots'}});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('GQX_MAX_ANSWER_MB must be a positive number of megabytes, not "lots"');
	});
});
