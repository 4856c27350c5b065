// `gqx export` behind a real forward proxy on loopback, in front of the emulator (plain and over TLS
// with a throwaway CA): the variables, --proxy, --no-proxy, credentials and the 407, --ca-file and
// NODE_EXTRA_CA_CERTS, and a profile's proxy.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {emulator} from '../helpers.js';
import {runCli, scratchDir} from '../run-cli.js';
import {
	type ForwardProxy,
	makeCertificates,
	startForwardProxy,
	startTlsFront,
	type TestCertificates,
} from './forward-proxy.js';

const user = 'analyst';
const password = 'Pr0xy-Pa55!word';
const range = ['--from', '2026-03-02', '--to', '2026-03-03', '--tz', 'UTC', '--format', 'csv'];

let emu: Emulator;
let proxy: ForwardProxy;
let guarded: ForwardProxy;
let refusing: ForwardProxy;
let certificates: TestCertificates;
let tlsFront: {url: string; stop(): Promise<void>};
let direct: string;
let credentials: Record<string, string>;

const portOf = (url: string) => new URL(url).port;
const withCredentials = (url: string, secret = password) =>
	`http://${user}:${encodeURIComponent(secret)}@${new URL(url).host}`;

beforeAll(async () => {
	emu = await emulator({queues: 6});
	[proxy, guarded, refusing] = await Promise.all([
		startForwardProxy(),
		startForwardProxy({credentials: {user, password}}),
		startForwardProxy({refuseWith: 403}),
	]);
	certificates = makeCertificates(scratchDir());
	tlsFront = await startTlsFront(Number(portOf(emu.url)), certificates);
	credentials = {GENESYS_CLOUD_CLIENT_ID: demoClient.id, GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret};
	const plain = await runCli(['export', ...range], {env: {...credentials, GENESYS_CLOUD_REGION: emu.url}});
	expect(plain.code).toBe(0);
	direct = plain.stdout;
});

afterAll(async () => {
	await Promise.all([proxy.stop(), guarded.stop(), refusing.stop(), tlsFront.stop(), emu.stop()]);
});

function requestsSince(before: Emulator['counts']): number {
	return (
		emu.counts.token + emu.counts.aggregates + emu.counts.queues - (before.token + before.aggregates + before.queues)
	);
}

describe('proxy variables', () => {
	it('leaves loopback direct while HTTPS_PROXY and HTTP_PROXY are set and NO_PROXY is not', async () => {
		const result = await runCli(['export', ...range], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTPS_PROXY: refusing.url, HTTP_PROXY: refusing.url},
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		expect(refusing.connects).toEqual([]);
	});

	it('sends login and API requests through HTTP_PROXY when NO_PROXY is set empty, over kept-alive tunnels', async () => {
		const before = {...emu.counts};
		const tunnels = proxy.tunnels;
		const result = await runCli(['export', ...range, '--level', 'intervals', '--granularity', 'PT1H'], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: proxy.url, NO_PROXY: ''},
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n').length).toBeGreaterThan(50);
		const requests = requestsSince(before);
		const opened = proxy.tunnels - tunnels;
		expect(opened).toBeGreaterThan(0);
		// Every request went through a tunnel to the emulator, and tunnels carried several requests each.
		expect(proxy.connects.every(connect => connect.target === `127.0.0.1:${portOf(emu.url)}`)).toBe(true);
		expect(requests).toBeGreaterThan(opened);
	});

	it('takes http_proxy over HTTP_PROXY, and NO_PROXY=* over both', async () => {
		const env = {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: refusing.url, NO_PROXY: ''};
		const tunnels = proxy.tunnels;
		const lower = await runCli(['export', ...range], {env: {...env, http_proxy: proxy.url}});
		expect(lower.code).toBe(0);
		expect(lower.stdout).toBe(direct);
		expect(proxy.tunnels).toBeGreaterThan(tunnels);
		const star = await runCli(['export', ...range], {env: {...env, NO_PROXY: 'example.com, *'}});
		expect(star.code).toBe(0);
		expect(refusing.connects).toEqual([]);
	});

	it('sends requests through ALL_PROXY when neither HTTP_PROXY nor HTTPS_PROXY is set, and refuses a SOCKS one', async () => {
		const tunnels = proxy.tunnels;
		const env = {...credentials, GENESYS_CLOUD_REGION: emu.url, NO_PROXY: ''};
		const through = await runCli(['export', ...range], {env: {...env, ALL_PROXY: proxy.url}});
		expect(through.stderr).toBe('');
		expect(through.code).toBe(0);
		expect(through.stdout).toBe(direct);
		expect(proxy.tunnels).toBeGreaterThan(tunnels);
		const socks = await runCli(['export', ...range], {env: {...env, ALL_PROXY: 'socks5://127.0.0.1:1080'}});
		expect(socks.code).toBe(2);
		expect(socks.stderr).toContain('The proxy in ALL_PROXY uses socks5; gqx supports http and https proxies.');
		expect(socks.stderr).not.toMatch(/\n\s+at /);
	});

	it('says which proxy refused the tunnel, and --no-proxy goes around it', async () => {
		const env = {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: refusing.url, NO_PROXY: ''};
		const refused = await runCli(['export', ...range], {env});
		expect(refused.code).toBe(5);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toContain(
			`gqx: The proxy at ${refusing.host} refused to connect to 127.0.0.1:${portOf(emu.url)} (HTTP 403).`,
		);
		expect(refusing.connects.length).toBe(1);
		const around = await runCli(['export', ...range, '--no-proxy'], {env});
		expect(around.code).toBe(0);
		expect(around.stdout).toBe(direct);
		expect(refusing.connects.length).toBe(1);
	});

	it('takes --proxy over the environment', async () => {
		const tunnels = proxy.tunnels;
		const result = await runCli(['export', ...range, '--proxy', proxy.url], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: refusing.url, NO_PROXY: ''},
		});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		expect(proxy.tunnels).toBeGreaterThan(tunnels);
		expect(refusing.connects.length).toBe(1);
	});

	it('refuses a proxy it cannot use before anything is sent', async () => {
		const result = await runCli(['export', ...range, '--proxy', 'socks5://127.0.0.1:1080'], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url},
		});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('The proxy in --proxy uses socks5; gqx supports http and https proxies.');
		const invalid = await runCli(['export', ...range], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: 'http://[bad', NO_PROXY: ''},
		});
		expect(invalid.code).toBe(2);
		expect(invalid.stderr).toContain('The proxy in HTTP_PROXY is not a valid URL.');
		const both = await runCli(['export', ...range, '--proxy', proxy.url, '--no-proxy'], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url},
		});
		expect(both.code).toBe(2);
		expect(both.stderr).toContain('Give either --proxy or --no-proxy, not both.');
		expect(`${result.stderr}${invalid.stderr}${both.stderr}`).not.toMatch(/\n\s+at /);
	});
});

describe('proxy credentials', () => {
	it('works with the user and password in the proxy URL, which go to the proxy only', async () => {
		const before = guarded.connects.length;
		const result = await runCli(['export', ...range], {
			env: {...credentials, GENESYS_CLOUD_REGION: emu.url, HTTP_PROXY: withCredentials(guarded.url), NO_PROXY: ''},
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		const sent = guarded.connects.slice(before).map(connect => connect.authorization);
		expect(sent.length).toBeGreaterThan(0);
		expect(new Set(sent)).toEqual(new Set([`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`]));
	});

	it('fails a 407 with exit 3 and names the proxy, without and with wrong credentials', async () => {
		const env = {...credentials, GENESYS_CLOUD_REGION: emu.url, NO_PROXY: ''};
		const none = await runCli(['export', ...range, '--proxy', guarded.url], {env});
		expect(none.code).toBe(3);
		expect(none.stdout).toBe('');
		expect(none.stderr).toContain(`gqx: The proxy at ${guarded.host} asked for credentials.`);
		expect(none.stderr).toContain(`http://USER:PASSWORD@${guarded.host}`);
		const wrong = await runCli(['export', ...range, '--proxy', withCredentials(guarded.url, 'wrong-Pa55')], {env});
		expect(wrong.code).toBe(3);
		expect(wrong.stderr).toContain(
			`gqx: The proxy at ${guarded.host} asked for credentials: it refused the user name and password from --proxy.`,
		);
		expect(wrong.stderr).not.toContain('wrong-Pa55');
		expect(wrong.stderr).not.toContain(user);
	});
});

describe('TLS through the proxy, with a company CA', () => {
	const tlsEnv = () => ({...credentials, GENESYS_CLOUD_REGION: tlsFront.url, HTTPS_PROXY: proxy.url, NO_PROXY: ''});

	it('names the host and suggests --ca-file and NODE_EXTRA_CA_CERTS when the certificate is not trusted', async () => {
		const before = proxy.connects.length;
		const result = await runCli(['export', ...range], {env: tlsEnv()});
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(
			new RegExp(
				`gqx: The TLS certificate presented for 127\\.0\\.0\\.1:${portOf(tlsFront.url)} through the proxy at ${proxy.host.replaceAll('.', '\\.')} is not trusted \\([A-Z_]+\\)\\.`,
			),
		);
		expect(result.stderr).toContain('--ca-file PATH');
		expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS=PATH');
		expect(proxy.connects.slice(before).map(connect => connect.target)).toContain(`127.0.0.1:${portOf(tlsFront.url)}`);
	});

	it('trusts the CA given by --ca-file, through a CONNECT tunnel', async () => {
		const before = proxy.connects.length;
		const result = await runCli(['export', ...range, '--ca-file', certificates.caFile], {env: tlsEnv()});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		expect(new Set(proxy.connects.slice(before).map(connect => connect.target))).toEqual(
			new Set([`127.0.0.1:${portOf(tlsFront.url)}`]),
		);
	});

	it('reaches an https proxy whose own certificate is signed by the --ca-file CA', async () => {
		const secure = await startForwardProxy({tls: certificates});
		// By name: hpagent sends the proxy's host as TLS server name, which Node warns about for an address.
		const named = secure.url.replace('127.0.0.1', 'localhost');
		try {
			const env = {...credentials, GENESYS_CLOUD_REGION: tlsFront.url, NO_PROXY: ''};
			const result = await runCli(['export', ...range, '--proxy', named, '--ca-file', certificates.caFile], {env});
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toBe(direct);
			expect(secure.tunnels).toBeGreaterThan(0);
			const untrusted = await runCli(['export', ...range, '--proxy', named], {env});
			expect(untrusted.code).toBe(5);
			expect(untrusted.stderr).toContain(
				`The TLS certificate of the proxy at localhost:${portOf(secure.url)}, or of 127.0.0.1:${portOf(tlsFront.url)} behind it, is not trusted`,
			);
		} finally {
			await secure.stop();
		}
	});

	it('trusts the CA given by NODE_EXTRA_CA_CERTS', async () => {
		const result = await runCli(['export', ...range], {
			env: {...tlsEnv(), NODE_EXTRA_CA_CERTS: certificates.caFile},
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
	});

	it('rejects a CA file that is missing or not PEM before anything is sent', async () => {
		const before = proxy.connects.length;
		const missing = await runCli(['export', ...range, '--ca-file', '/nonexistent/ca.pem'], {env: tlsEnv()});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('The CA file /nonexistent/ca.pem (--ca-file) does not exist.');
		const notPem = await runCli(['export', ...range, '--ca-file', path.join(certificates.dir, 'server.ext')], {
			env: tlsEnv(),
		});
		expect(notPem.code).toBe(2);
		expect(notPem.stderr).toContain('holds no PEM certificate');
		expect(proxy.connects.length).toBe(before);
	});

	it("uses a profile's proxy, its password and its CA file, and --no-proxy over them", async () => {
		const cwd = scratchDir();
		const store = new ProfileStore({cwd: path.join(cwd, 'config')});
		store.save({
			name: 'corp',
			region: tlsFront.url,
			clientId: demoClient.id,
			clientSecret: demoClient.secret,
			proxy: `http://${user}@${guarded.host}`,
			proxyPassword: password,
			caFile: certificates.caFile,
		});
		const before = guarded.tunnels;
		const result = await runCli(['export', ...range, '--profile', 'corp'], {cwd, env: {NO_PROXY: ''}});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		expect(guarded.tunnels).toBeGreaterThan(before);
		const through = guarded.tunnels;
		const around = await runCli(['export', ...range, '--profile', 'corp', '--no-proxy'], {cwd, env: {NO_PROXY: ''}});
		expect(around.code).toBe(0);
		expect(around.stdout).toBe(direct);
		expect(guarded.tunnels).toBe(through);
		const shown = await runCli(['profiles', 'show', 'corp'], {cwd});
		expect(shown.stdout).toContain(
			`proxy:         http://${user}@${guarded.host} (password saved in the profiles file, not shown)`,
		);
		expect(shown.stdout).toContain(`CA file:       ${certificates.caFile}`);
		expect(shown.stdout).not.toContain(password);
	});

	it('takes a proxy (its password kept apart) and a CA file from gqx profiles add, checks the login through them, and uses them', async () => {
		const cwd = scratchDir();
		const before = guarded.tunnels;
		const added = await runCli(
			[
				'profiles',
				'add',
				'corp2',
				'--region',
				tlsFront.url,
				'--client-id',
				demoClient.id,
				'--proxy',
				withCredentials(guarded.url),
				'--ca-file',
				certificates.caFile,
			],
			{cwd, input: `${demoClient.secret}\n`, env: {NO_PROXY: '', GQX_SECRET_STORE: 'file'}},
		);
		expect(added.stderr).toMatch(/a password in --proxy shows in the process list/);
		expect(added.stderr).not.toContain(password);
		expect(added.code).toBe(0);
		// The login that checked the secret went through the proxy.
		expect(guarded.tunnels).toBeGreaterThan(before);
		const saved = new ProfileStore({cwd: path.join(cwd, 'config')}).get('corp2');
		expect(saved).toMatchObject({
			proxy: `http://${user}@${guarded.host}`,
			proxyPassword: password,
			caFile: certificates.caFile,
		});
		const result = await runCli(['export', ...range, '--profile', 'corp2'], {cwd, env: {NO_PROXY: ''}});
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(direct);
		const wrong = await runCli(
			['profiles', 'add', 'corp3', '--region', tlsFront.url, '--client-id', demoClient.id, '--proxy', guarded.url],
			{cwd, input: `${demoClient.secret}\n`, env: {NO_PROXY: '', GQX_SECRET_STORE: 'file'}},
		);
		expect(wrong.code).toBe(3);
		expect(wrong.stderr).toMatch(/proxy at .* asked for credentials/i);
		expect(new ProfileStore({cwd: path.join(cwd, 'config')}).get('corp3')).toBeUndefined();
	});
});
