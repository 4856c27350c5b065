// The client's routes through a proxy: which requests go where, tunnels kept alive across requests
// and shared by the request pool, and what a missing or failing proxy looks like.
import net from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Emulator} from '../../source/emulator/server.js';
import {NetworkError, ProxyError} from '../../source/errors.js';
import {runPool} from '../../source/genesys/pool.js';
import {queueListingSchema} from '../../source/genesys/schemas.js';
import {Network} from '../../source/net/agents.js';
import {resolveNetwork} from '../../source/net/settings.js';
import {clientFor, emulator} from '../helpers.js';
import {closedPort, type ForwardProxy, startForwardProxy} from './forward-proxy.js';

let emu: Emulator;
let proxy: ForwardProxy;

beforeAll(async () => {
	[emu, proxy] = await Promise.all([emulator({queues: 40}), startForwardProxy()]);
});
afterAll(async () => Promise.all([emu.stop(), proxy.stop()]));

/** Whether this machine has an IPv6 loopback to listen on (a container may have none; the IPv6 test skips then). */
const hasIpv6Loopback = await new Promise<boolean>(resolve => {
	const server = net.createServer();
	server.once('error', () => resolve(false));
	server.listen(0, '::1', () => server.close(() => resolve(true)));
});

const page = (number: number) => new URLSearchParams({pageSize: '5', pageNumber: String(number)});

describe('routes', () => {
	it('proxies login and API hosts alike, each by its own NO_PROXY verdict, and names the proxy without its password', () => {
		const network = new Network(
			resolveNetwork({
				env: {HTTPS_PROXY: 'http://me:s3cret@proxy.corp.example:3128', NO_PROXY: 'login.mypurecloud.ie'},
			}),
		);
		const api = network.route('https://api.mypurecloud.ie/api/v2/routing/queues');
		const login = network.route('https://login.mypurecloud.ie/oauth/token');
		expect(api.proxy).toEqual({
			host: 'proxy.corp.example:3128',
			source: 'HTTPS_PROXY',
			hasCredentials: true,
			tls: false,
		});
		expect(login.proxy).toBeUndefined();
		expect(network.route('https://login.mypurecloud.de/oauth/token').proxy?.host).toBe('proxy.corp.example:3128');
		// One set of agents per proxy: every request shares its pool of tunnels.
		expect(network.route('https://api.mypurecloud.ie/x').agent).toBe(api.agent);
		expect(api.agent?.https).toBeDefined();
		expect(login.agent).toBeUndefined();
		network.destroy();
	});

	it('goes direct for --no-proxy and --demo, and takes --proxy over the profile over the environment', () => {
		const env = {HTTPS_PROXY: 'http://env.example:1'};
		const target = 'https://api.mypurecloud.ie/';
		const route = (input: Parameters<typeof resolveNetwork>[0]) => new Network(resolveNetwork(input)).route(target);
		expect(route({env}).proxy?.source).toBe('HTTPS_PROXY');
		expect(route({env, noProxy: true}).proxy).toBeUndefined();
		expect(route({env, demo: true, proxy: 'http://flag.example:2'}).proxy).toBeUndefined();
		const profile = {name: 'acme', proxy: 'http://me@profile.example:3', proxyPassword: 'pw'};
		expect(route({env, profile}).proxy).toEqual({
			host: 'profile.example:3',
			source: 'profile acme',
			hasCredentials: true,
			tls: false,
		});
		expect(route({env, profile, proxy: 'https://flag.example:2'}).proxy).toEqual({
			host: 'flag.example:2',
			source: '--proxy',
			hasCredentials: false,
			tls: true,
		});
	});
});

describe('through a proxy', () => {
	it('keeps one tunnel open for a login and requests made one after another', async () => {
		const tunnels = proxy.tunnels;
		const client = clientFor(emu, {network: {env: {HTTP_PROXY: proxy.url, NO_PROXY: ''}}});
		for (let number = 1; number <= 8; number++) {
			const answer = await client.get('/api/v2/routing/queues', page(number), queueListingSchema);
			expect(answer.entities?.length).toBe(5);
		}
		expect(client.stats.requests).toBe(9);
		expect(proxy.tunnels - tunnels).toBe(1);
	});

	it('shares the tunnels among the requests of a pool: no more than run at once', async () => {
		const tunnels = proxy.tunnels;
		const client = clientFor(emu, {network: {env: {HTTP_PROXY: proxy.url, NO_PROXY: ''}}});
		await client.verify();
		const tasks = Array.from(
			{length: 32},
			(_, index) => (signal: AbortSignal) =>
				client.get('/api/v2/routing/queues', page((index % 8) + 1), queueListingSchema, signal),
		);
		const answers = await runPool(tasks, 4);
		expect(answers.every(answer => answer.entities?.length === 5)).toBe(true);
		expect(client.stats.requests).toBe(33);
		const opened = proxy.tunnels - tunnels;
		expect(opened).toBeGreaterThan(0);
		expect(opened).toBeLessThanOrEqual(5);
	});

	it.skipIf(!hasIpv6Loopback)('reaches a proxy known by its IPv6 address (http://[::1]:PORT)', async () => {
		const v6 = await startForwardProxy({listenOn: '::1'});
		try {
			expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
			const client = clientFor(emu, {network: {env: {HTTP_PROXY: v6.url, NO_PROXY: ''}}});
			const answer = await client.get('/api/v2/routing/queues', page(1), queueListingSchema);
			expect(answer.entities?.length).toBe(5);
			expect(v6.tunnels).toBe(1);
		} finally {
			await v6.stop();
		}
	});

	it('retries a proxy that is not listening, then says which one and where it is set', async () => {
		const port = await closedPort();
		const client = clientFor(emu, {
			network: {env: {HTTP_PROXY: `http://me:pw@127.0.0.1:${port}`, NO_PROXY: ''}},
			maxRetries: 2,
		});
		const failure = await client.verify().catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ProxyError);
		expect(failure).toBeInstanceOf(NetworkError);
		expect((failure as ProxyError).message).toBe(`Connection to the proxy at 127.0.0.1:${port} refused.`);
		expect((failure as ProxyError).hint).toContain('Check the proxy in HTTP_PROXY');
		expect(client.stats.retries).toBe(2);
	});

	it('retries a proxy that answers 502 to the tunnel, then fails with exit code 5', async () => {
		const failing = await startForwardProxy({refuseWith: 502});
		try {
			const client = clientFor(emu, {network: {env: {HTTP_PROXY: failing.url, NO_PROXY: ''}}, maxRetries: 2});
			const failure = await client.verify().catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(ProxyError);
			expect((failure as ProxyError).exitCode).toBe(5);
			expect((failure as ProxyError).message).toBe(
				`The proxy at ${failing.host} refused to connect to 127.0.0.1:${new URL(emu.url).port} (HTTP 502).`,
			);
			expect(failing.connects.length).toBe(3);
		} finally {
			await failing.stop();
		}
	});

	it('is not used for loopback while NO_PROXY is unset', async () => {
		const tunnels = proxy.tunnels;
		const client = clientFor(emu, {network: {env: {HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url}}});
		await client.verify();
		expect(proxy.tunnels).toBe(tunnels);
	});
});
