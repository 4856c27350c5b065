// The got-based client against the emulator over real HTTP: auth, renewal, every retry path, typed errors.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {z} from 'zod';
import type {RetryNotice} from '../../source/genesys/client.js';
import {
	ApiError,
	AuthError,
	NetworkError,
	PermissionError,
	RateLimitError,
	ResponseError,
} from '../../source/errors.js';
import {resolveRegion} from '../../source/genesys/regions.js';
import {queueListingSchema} from '../../source/genesys/schemas.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator} from '../helpers.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 10});
});
afterAll(async () => emu.stop());
afterEach(() => emu.clearFaults());

const listQueues = (client: ReturnType<typeof clientFor>) =>
	client.get('/api/v2/routing/queues', new URLSearchParams({pageSize: '5'}), queueListingSchema);

async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}

describe('authentication', () => {
	it('logs in once and reuses the token', async () => {
		const client = clientFor(emu);
		const before = performance.now();
		await listQueues(client);
		await listQueues(client);
		expect(client.stats.logins).toBe(1);
		// When the last answer arrived (the benchmark times the first frame from it).
		expect(client.stats.lastAnswerAt).toBeGreaterThan(before);
		expect(client.stats.lastAnswerAt).toBeLessThanOrEqual(performance.now());
	});

	it('says which of client id or secret is wrong, without echoing them', async () => {
		const wrongSecret = await rejection(clientFor(emu, {clientSecret: 'hunter2-wrong'}).verify());
		expect(wrongSecret).toBeInstanceOf(AuthError);
		expect(wrongSecret.message).toMatch(/authentication failed/);
		expect((wrongSecret as AuthError).hint).toMatch(/client secret/);
		const unknownId = await rejection(clientFor(emu, {clientId: 'no-such-client'}).verify());
		expect(unknownId.message).toMatch(/no OAuth client with that client id/);
		for (const error of [wrongSecret, unknownId]) {
			expect(`${error.message} ${(error as AuthError).hint}`).not.toMatch(/hunter2|no-such-client/);
			expect((error as AuthError).exitCode).toBe(3);
		}
	});

	it('renews the token before it expires', async () => {
		const shortLived = await emulator({tokenLifetimeSeconds: 1});
		try {
			const client = clientFor(shortLived);
			await listQueues(client);
			await listQueues(client);
			// A 1 s token is renewed as soon as 90% of it has passed: before each of these calls.
			await new Promise(resolve => setTimeout(resolve, 950));
			await listQueues(client);
			expect(client.stats.logins).toBe(2);
		} finally {
			await shortLived.stop();
		}
	});

	it('logs in again once when the token is revoked mid-run, and the request succeeds', async () => {
		const client = clientFor(emu);
		await listQueues(client);
		emu.revokeTokens();
		const page = await listQueues(client);
		expect(page.entities).toHaveLength(5);
		expect(client.stats.logins).toBe(2);
	});

	it('fails with an authentication error when the re-login is refused', async () => {
		const client = clientFor(emu);
		await listQueues(client);
		emu.revokeTokens();
		emu.inject({
			kind: 'status',
			status: 401,
			path: '/oauth/token',
			body: JSON.stringify({error: 'invalid_client', description: 'authentication failed'}),
		});
		const error = await rejection(listQueues(client));
		expect(error).toBeInstanceOf(AuthError);
	});

	it('names the missing permission on 403', async () => {
		emu.addClient({id: 'queues-only', secret: 's', permissions: ['routing:queue:view']});
		const client = clientFor(emu, {clientId: 'queues-only', clientSecret: 's'});
		const error = await rejection(
			client.post(
				'/api/v2/analytics/conversations/aggregates/query',
				{interval: '2026-03-01T00:00:00Z/2026-03-02T00:00:00Z', metrics: ['nOffered']},
				z.unknown(),
			),
		);
		expect(error).toBeInstanceOf(PermissionError);
		expect(error.message).toContain('analytics:conversationAggregate:view');
		expect((error as PermissionError).exitCode).toBe(4);
	});
});

describe('retries', () => {
	it('waits out 429s for as long as Retry-After says, and reports each wait', async () => {
		const notices: RetryNotice[] = [];
		const client = clientFor(emu, {onRetry: notice => notices.push(notice)});
		await client.verify();
		emu.inject({kind: 'status', status: 429, retryAfter: 1, path: '/api/v2/routing', times: 2});
		const started = Date.now();
		const page = await listQueues(client);
		expect(page.entities).toHaveLength(5);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(notices.map(notice => [notice.reason, notice.delayMs, notice.status])).toEqual([
			['rate-limit', 1000, 429],
			['rate-limit', 1000, 429],
		]);
	});

	it('fails at once with a clear error when Retry-After is beyond the cap', async () => {
		const client = clientFor(emu);
		await client.verify();
		emu.inject({kind: 'status', status: 429, retryAfter: 600, path: '/api/v2/routing'});
		const error = await rejection(listQueues(client));
		expect(error).toBeInstanceOf(RateLimitError);
		expect((error as RateLimitError).retryAfterSeconds).toBe(600);
		expect(error.message).toMatch(/retry in 600 s/);
	});

	it('retries 500/502/503/504 with backoff until they clear', async () => {
		const notices: RetryNotice[] = [];
		const client = clientFor(emu, {onRetry: notice => notices.push(notice)});
		await client.verify();
		for (const status of [500, 502, 503, 504]) emu.inject({kind: 'status', status, path: '/api/v2/routing'});
		const page = await listQueues(client);
		expect(page.entities).toHaveLength(5);
		expect(notices.map(notice => notice.status)).toEqual([500, 502, 503, 504]);
		// Exponential: each wait is at least half of base * 2^(n-1) (base 10 ms in tests, capped at 50).
		notices.forEach((notice, index) =>
			expect(notice.delayMs).toBeGreaterThanOrEqual(Math.min(50, 10 * 2 ** index) / 2),
		);
	});

	it('gives up on a persistent 503 after the retry budget, quoting the correlation id', async () => {
		const client = clientFor(emu, {maxRetries: 2});
		await client.verify();
		emu.inject({kind: 'status', status: 503, path: '/api/v2/routing', times: 10});
		const error = await rejection(listQueues(client));
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(503);
		expect((error as ApiError).correlationId).toMatch(/^[\da-f-]{36}$/);
		expect(error.message).toContain((error as ApiError).correlationId);
		expect(client.stats.retries).toBe(2);
	});

	it('does not retry other 4xx answers', async () => {
		const client = clientFor(emu);
		const error = await rejection(
			client.post(
				'/api/v2/analytics/conversations/aggregates/query',
				{interval: 'bad', metrics: ['nOffered']},
				z.unknown(),
			),
		);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(400);
		expect(client.stats.retries).toBe(0);
	});

	it('retries a reset connection, then succeeds', async () => {
		const client = clientFor(emu);
		await client.verify();
		emu.inject({kind: 'reset', path: '/api/v2/routing'});
		expect((await listQueues(client)).entities).toHaveLength(5);
		expect(client.stats.retries).toBe(1);
	});
});

describe('network and malformed answers', () => {
	let silent: Server;
	let silentUrl: string;
	beforeAll(async () => {
		// Accepts connections and never answers.
		silent = createServer(() => {});
		await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
		silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		silent.closeAllConnections();
		await new Promise(resolve => silent.close(resolve));
	});

	it('times out on a server that never answers, naming the host', async () => {
		const client = clientFor(emu, {region: resolveRegion(silentUrl), timeoutMs: 200, maxRetries: 1});
		const error = await rejection(client.verify());
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toBe(`${new URL(silentUrl).host} did not answer within 200 ms.`);
	});

	it('reports a refused connection with the host', async () => {
		const client = clientFor(emu, {region: resolveRegion('http://127.0.0.1:1'), maxRetries: 1});
		const error = await rejection(client.verify());
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toBe('Connection to 127.0.0.1:1 refused.');
	});

	it('reports a DNS failure for a region host', async () => {
		const client = clientFor(emu, {region: resolveRegion('https://gqx-test.invalid'), maxRetries: 0});
		const error = await rejection(client.verify());
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(/gqx-test.invalid/);
	});

	it('turns an HTML page from a proxy, bad JSON and a wrong shape into typed errors', async () => {
		const client = clientFor(emu, {maxRetries: 0});
		await client.verify();
		emu.inject({
			kind: 'status',
			status: 200,
			path: '/api/v2/routing',
			contentType: 'text/html',
			body: '<!doctype html><title>Sign in to the proxy</title>',
		});
		expect((await rejection(listQueues(client))).message).toMatch(/HTML page/);
		emu.inject({kind: 'malformed', path: '/api/v2/routing'});
		expect(await rejection(listQueues(client))).toBeInstanceOf(ResponseError);
		emu.inject({kind: 'shape', path: '/api/v2/routing'});
		const shape = await rejection(listQueues(client));
		expect(shape).toBeInstanceOf(ResponseError);
		expect(shape.message).toMatch(/does not have the shape/);
		emu.inject({
			kind: 'status',
			status: 502,
			path: '/api/v2/routing',
			contentType: 'text/html',
			body: '<html>Bad gateway</html>',
		});
		expect((await rejection(listQueues(client))).message).toMatch(/HTTP 502.*HTML page/);
	});

	it('retries a truncated answer and gets the whole one', async () => {
		const client = clientFor(emu);
		await client.verify();
		emu.inject({kind: 'truncate', path: '/api/v2/routing'});
		expect((await listQueues(client)).entities).toHaveLength(5);
	});
});
