// A known secret, a proxy password and every issued token are looked for everywhere a user or a log
// could see them.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {GenesysClient} from '../../source/genesys/client.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {type Emulator} from '../../source/emulator/server.js';
import {emulator} from '../helpers.js';
import {type ForwardProxy, startForwardProxy} from '../net/forward-proxy.js';
import {type CliResult, runCli, scratchDir} from '../run-cli.js';
import {renderApp} from '../ui/app-on-profile.js';
import {keys, press, ready, waitForText} from '../ui/ink.js';

const client = {
	id: 'leak-test-client',
	secret: 'Zebra-S3cret-4711',
	permissions: ['analytics:conversationAggregate:view', 'routing:queue:view'],
};
const proxyUser = 'leak-test-user';
const proxyPassword = 'Otter-Pr0xy-9922';
const proxyBasic = Buffer.from(`${proxyUser}:${proxyPassword}`).toString('base64');
let emu: Emulator;
let proxy: ForwardProxy;
const seen: Array<[string, string]> = [];
const range = ['--from', '2026-03-02', '--to', '2026-03-03', '--tz', 'UTC'];

beforeAll(async () => {
	emu = await emulator({queues: 6, clients: [client], recordRequests: true});
	proxy = await startForwardProxy({credentials: {user: proxyUser, password: proxyPassword}});
});
afterAll(async () => Promise.all([emu.stop(), proxy.stop()]));

const proxyUrl = (password = proxyPassword) => `http://${proxyUser}:${password}@${proxy.host}`;

function record(where: string, text: string): void {
	seen.push([where, text]);
}

describe('secrets and tokens', () => {
	it('collects what every command shows and writes', async () => {
		const env = {
			GENESYS_CLOUD_REGION: emu.url,
			GENESYS_CLOUD_CLIENT_ID: client.id,
			GENESYS_CLOUD_CLIENT_SECRET: client.secret,
		};
		const dir = scratchDir();
		for (const args of [
			['export', ...range, '--format', 'csv'],
			['export', ...range, '--format', 'json', '--level', 'intervals'],
			['export', ...range, '--format', 'table'],
			['export', ...range, '--output', 'out.csv'],
		]) {
			const result = await runCli(args, {env, cwd: dir});
			expect(result.code).toBe(0);
			record(`stdout of ${args.join(' ')}`, result.stdout);
			record(`stderr of ${args.join(' ')}`, result.stderr);
		}
		record('out.csv', fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));

		const flag = await runCli([
			'export',
			...range,
			'--region',
			emu.url,
			'--client-id',
			client.id,
			'--client-secret',
			client.secret,
		]);
		record('stderr with --client-secret', flag.stderr);
		record('stdout with --client-secret', flag.stdout);

		// Failures: the server, the login, the permission.
		emu.inject({kind: 'status', status: 500, path: '/api/v2/analytics', times: 200});
		const down = await runCli(['export', ...range], {env, timeoutMs: 60_000});
		expect(down.code).toBe(5);
		record('stderr of a server failure', down.stderr);
		emu.clearFaults();
		emu.inject({
			kind: 'status',
			status: 401,
			path: '/oauth/token',
			body: JSON.stringify({error: 'invalid_client', description: 'authentication failed'}),
		});
		const refused = await runCli(['export', ...range], {env});
		expect(refused.code).toBe(3);
		record('stderr of a refused login', refused.stderr);

		// Profiles: saved, listed and shown.
		const cwd = scratchDir();
		const store = new ProfileStore({cwd: path.join(cwd, 'config')});
		store.save({name: 'acme', region: emu.url, clientId: client.id, clientSecret: client.secret});
		for (const args of [
			['profiles', 'list'],
			['profiles', 'show', 'acme'],
			['export', ...range, '--profile', 'acme'],
		]) {
			const result = await runCli(args, {cwd});
			record(`stdout of ${args.join(' ')}`, result.stdout);
			record(`stderr of ${args.join(' ')}`, result.stderr);
		}
		// Profiles from scripts: the secret on stdin (checked, unchecked, wrong), then every other action.
		const scripted = scratchDir();
		const add = (name: string, input: string, ...extra: string[]) =>
			runCli(['profiles', 'add', name, '--region', emu.url, '--client-id', client.id, ...extra], {
				cwd: scripted,
				input,
			});
		const steps: Array<[string, () => Promise<CliResult>]> = [
			['profiles add', () => add('checked', `${client.secret}\n`)],
			['profiles add --no-verify', () => add('unchecked', client.secret, '--no-verify')],
			['profiles add with a wrong secret', () => add('wrong', `${client.secret}x`)],
			['profiles add over an existing name', () => add('checked', client.secret)],
			['profiles add with the secret as an argument', () => add('argument', '', client.secret)],
			['profiles add --force', () => add('checked', client.secret, '--force')],
			['profiles list --format json', () => runCli(['profiles', 'list', '--format', 'json'], {cwd: scripted})],
			['profiles show', () => runCli(['profiles', 'show', 'checked'], {cwd: scripted})],
			['profiles rename', () => runCli(['profiles', 'rename', 'unchecked', 'renamed'], {cwd: scripted})],
			['profiles migrate-secrets', () => runCli(['profiles', 'migrate-secrets'], {cwd: scripted})],
			[
				'profiles migrate-secrets --to file',
				() => runCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd: scripted}),
			],
			['export with an added profile', () => runCli(['export', ...range, '--profile', 'checked'], {cwd: scripted})],
			['profiles delete', () => runCli(['profiles', 'delete', 'renamed'], {cwd: scripted})],
		];
		const codes: number[] = [];
		for (const [label, step] of steps) {
			const result = await step();
			codes.push(result.code ?? -1);
			record(`stdout of ${label}`, result.stdout);
			record(`stderr of ${label}`, result.stderr);
		}
		// Each did what it should (wrong secret 3, taken name 2, secret as an argument 2, no keychain 2).
		expect(codes).toEqual([0, 0, 3, 2, 2, 0, 0, 0, 0, 2, 0, 0, 0]);

		const saved = JSON.parse(fs.readFileSync(store.path, 'utf8')) as {
			profiles: Record<string, {clientSecret?: string}>;
		};
		expect(saved.profiles['acme']?.clientSecret).toBe(client.secret);
		delete saved.profiles['acme']?.clientSecret;
		record('the profiles file outside the secret field', JSON.stringify(saved));
		for (const file of fs.readdirSync(path.dirname(store.path)))
			if (file !== 'config.json')
				record(`config folder ${file}`, fs.readFileSync(path.join(path.dirname(store.path), file), 'utf8'));
	}, 120_000);

	it('collects every frame of the TUI, from typing the secret to the table and an error', async () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		const rendered = renderApp(dir, {
			store,
			makeClient: (c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0}),
		});
		try {
			await ready(rendered, 'New profile');
			await press(rendered, 'custom');
			await waitForText(rendered, '› Custom base URL…');
			await press(rendered, keys.enter);
			await waitForText(rendered, 'Base URL:');
			await press(rendered, emu.url, keys.enter);
			// Each field appears before it is typed into, as a user sees it (a loaded machine re-renders late).
			await waitForText(rendered, 'Client id:');
			await press(rendered, client.id, keys.enter);
			await waitForText(rendered, 'Client secret:');
			await press(rendered, `${client.secret}x`, keys.enter);
			await waitForText(rendered, '✗ Login failed');
			await press(rendered, keys.backspace, keys.enter);
			await waitForText(rendered, 'Profile name:');
			await press(rendered, keys.enter);
			await waitForText(rendered, 'Dates · days in');
			await press(rendered, keys.enter);
			await waitForText(rendered, /Total\s.*\d/);
			emu.inject({kind: 'status', status: 503, path: '/api/v2/analytics', times: 5});
			await press(rendered, 'r');
			await waitForText(rendered, ' ERROR ');
			emu.clearFaults();
			rendered.frames.forEach((frame, index) => record(`TUI frame ${index}`, frame));
		} finally {
			rendered.unmount();
		}
	});

	it('collects what every command shows and writes with a proxy password', async () => {
		const env = {
			GENESYS_CLOUD_REGION: emu.url,
			GENESYS_CLOUD_CLIENT_ID: client.id,
			GENESYS_CLOUD_CLIENT_SECRET: client.secret,
			NO_PROXY: '',
		};
		const runs: Array<[string[], Record<string, string>, number]> = [
			[['export', ...range], {HTTP_PROXY: proxyUrl()}, 0],
			[['export', ...range], {https_proxy: proxyUrl(), http_proxy: proxyUrl()}, 0],
			[['export', ...range, '--proxy', proxyUrl()], {}, 0],
			[['export', ...range, '--proxy', proxyUrl('not-the-password')], {HTTP_PROXY: proxyUrl()}, 3],
			[['export', ...range, '--proxy', `http://${proxyUser}@${proxy.host}`], {}, 3],
		];
		for (const [args, extra, code] of runs) {
			const result = await runCli(args, {env: {...env, ...extra}});
			expect(result.code, result.stderr).toBe(code);
			record(`stdout of ${args.join(' ')} with ${Object.keys(extra).join(',')}`, result.stdout);
			record(`stderr of ${args.join(' ')} with ${Object.keys(extra).join(',')}`, result.stderr);
		}
		// A proxy password in a flag is visible to other users: said, without repeating it.
		const flagged = await runCli(['export', ...range, '--proxy', proxyUrl()], {env});
		expect(flagged.stderr).toContain('A proxy password given in --proxy can be seen in the process list');

		const cwd = scratchDir();
		const store = new ProfileStore({cwd: path.join(cwd, 'config')});
		store.save({
			name: 'corp',
			region: emu.url,
			clientId: client.id,
			clientSecret: client.secret,
			proxy: `http://${proxyUser}@${proxy.host}`,
			proxyPassword,
		});
		for (const args of [
			['profiles', 'list'],
			['profiles', 'show', 'corp'],
			['export', ...range, '--profile', 'corp'],
		]) {
			const result = await runCli(args, {cwd, env: {NO_PROXY: ''}});
			expect(result.code, result.stderr).toBe(0);
			record(`stdout of ${args.join(' ')} (proxy profile)`, result.stdout);
			record(`stderr of ${args.join(' ')} (proxy profile)`, result.stderr);
		}
		const saved = JSON.parse(fs.readFileSync(store.path, 'utf8')) as {
			profiles: Record<string, {clientSecret?: string; proxyPassword?: string}>;
		};
		expect(saved.profiles['corp']?.proxyPassword).toBe(proxyPassword);
		delete saved.profiles['corp']?.clientSecret;
		delete saved.profiles['corp']?.proxyPassword;
		record('the profiles file outside the secret fields', JSON.stringify(saved));
	}, 120_000);

	it('collects every frame of the TUI while a proxy password is typed', async () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		const rendered = renderApp(dir, {
			store,
			env: {NO_COLOR: '1', HTTP_PROXY: `http://${proxy.host}`, NO_PROXY: ''},
			makeClient: (c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0}),
		});
		try {
			await ready(rendered, 'New profile');
			await press(rendered, 'custom');
			await waitForText(rendered, '› Custom base URL…');
			await press(rendered, keys.enter);
			await waitForText(rendered, 'Base URL:');
			await press(rendered, emu.url, keys.enter);
			await waitForText(rendered, 'Client id:');
			await press(rendered, client.id, keys.enter);
			await waitForText(rendered, 'Client secret:');
			await press(rendered, client.secret, keys.enter);
			await waitForText(rendered, 'asked for credentials');
			// The password typed into the URL (with a wrong user), moved to its masked field on Enter.
			const enterThrough = async () => {
				for (const label of ['› Proxy:', '› Proxy password:', '› CA file:']) {
					await waitForText(rendered, label);
					await press(rendered, keys.enter);
				}
			};
			await press(rendered, `http://nobody:${proxyPassword}@${proxy.host}`);
			await enterThrough();
			await waitForText(rendered, 'refused the user name and password');
			await waitForText(rendered, `Proxy: http://nobody@${proxy.host}`);
			const typed = `http://nobody@${proxy.host}`.length;
			await press(rendered, ...Array.from({length: typed}, () => keys.backspace), `http://${proxyUser}@${proxy.host}`);
			await enterThrough();
			await waitForText(rendered, 'Profile name:');
			await press(rendered, keys.enter);
			await waitForText(rendered, 'Dates · days in');
			await press(rendered, keys.enter);
			await waitForText(rendered, /Total\s.*\d/);
			expect(store.list()[0]?.proxyPassword).toBe(proxyPassword);
			rendered.frames.forEach((frame, index) => record(`TUI frame ${index} (proxy)`, frame));
		} finally {
			rendered.unmount();
		}
	});

	it('finds the secret and the tokens nowhere', () => {
		expect(emu.issuedTokens.length).toBeGreaterThan(3);
		expect(seen.length).toBeGreaterThan(20);
		for (const [where, text] of seen) {
			expect(text.includes(client.secret), `secret in ${where}`).toBe(false);
			expect(
				text.includes(Buffer.from(`${client.id}:${client.secret}`).toString('base64')),
				`Basic credentials in ${where}`,
			).toBe(false);
			for (const token of emu.issuedTokens) expect(text.includes(token), `token in ${where}`).toBe(false);
			expect(text.includes(proxyPassword), `proxy password in ${where}`).toBe(false);
			expect(text.includes(proxyBasic), `proxy credentials in ${where}`).toBe(false);
		}
	});

	it('sends the secret only to the token endpoint and the token only to the API', () => {
		const basic = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
		expect(emu.requests.length).toBeGreaterThan(10);
		for (const request of emu.requests) {
			if (request.path === '/oauth/token') {
				expect(request.authorization?.startsWith('Basic ')).toBe(true);
			} else {
				expect(request.path.startsWith('/api/v2/')).toBe(true);
				expect(request.authorization).toMatch(/^Bearer /);
				expect(request.authorization).not.toBe(basic);
			}
			expect(request.body.includes(client.secret)).toBe(false);
			expect(request.path.includes(client.secret)).toBe(false);
		}
		expect(emu.requests.some(request => request.authorization === basic)).toBe(true);
	});

	it('sends the proxy password only to the proxy, in the CONNECT that opens a tunnel', () => {
		expect(proxy.tunnels).toBeGreaterThan(5);
		for (const request of emu.requests) {
			expect(request.rawHeaders.includes(proxyPassword)).toBe(false);
			expect(request.rawHeaders.includes(proxyBasic)).toBe(false);
			expect(request.rawHeaders.toLowerCase().includes('proxy-authorization')).toBe(false);
			expect(request.body.includes(proxyPassword)).toBe(false);
		}
		expect(proxy.heads.length).toBeGreaterThan(5);
		for (const head of proxy.heads) {
			expect(head.startsWith('CONNECT ')).toBe(true);
			expect(head.includes(client.secret)).toBe(false);
			expect(head.includes(Buffer.from(`${client.id}:${client.secret}`).toString('base64'))).toBe(false);
			for (const token of emu.issuedTokens) expect(head.includes(token)).toBe(false);
		}
		expect(proxy.connects.some(connect => connect.authorization === `Basic ${proxyBasic}`)).toBe(true);
	});
});
