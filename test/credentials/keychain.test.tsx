// The keychain path against a real Secret Service: GNOME Keyring in a private D-Bus session, started by
// scripts/with-secret-service.sh (which .ci/run uses). Where none can be reached the file is skipped, saying why.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {proxyKeychainService, systemKeychain} from '../../source/credentials/keychain.js';
import {SecretStore} from '../../source/credentials/secret-store.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {GenesysClient} from '../../source/genesys/client.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {App} from '../../source/ui/app.js';
import {emulator, testNow} from '../helpers.js';
import {runCli, scratchDir} from '../run-cli.js';
import {type ForwardProxy, startForwardProxy} from '../net/forward-proxy.js';
import {keys, press, ready, waitFor, waitForText} from '../ui/ink.js';

const keychain = systemKeychain();
const proxyKeychain = systemKeychain(proxyKeychainService);
const busAddress = process.env['DBUS_SESSION_BUS_ADDRESS'];
const keyringPassword = process.env['GQX_TEST_KEYRING_PASSWORD'];

/** Why the keychain tests cannot run here, or undefined when a Secret Service answers. */
async function unreachable(): Promise<string | undefined> {
	if (process.platform !== 'linux') return 'they test the Secret Service, on Linux';
	if (!busAddress) return 'no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)';
	const account = `gqx-probe-${process.pid}`;
	try {
		await keychain.set(account, 'probe');
		const back = await keychain.get(account);
		await keychain.delete(account);
		return back === 'probe' ? undefined : 'the Secret Service gave back something else than was saved';
	} catch (error) {
		return `no Secret Service answers (${(error as Error).message})`;
	}
}

const why = await unreachable();
if (why)
	console.warn(
		`Keychain tests skipped: ${why}. Run them with: scripts/with-secret-service.sh npx vitest run test/credentials`,
	);
else console.warn(`Keychain tests run against the Secret Service on ${busAddress}.`);

/** Profile names (keychain accounts) of this run, removed at the end. */
const used = new Set<string>();
const nameFor = (label: string) => {
	const name = `${label}-${process.pid}`;
	used.add(name);
	return name;
};

let emu: Emulator;
const proxyUser = 'analyst';
const proxyPassword = 'Pr0xy-K3ychain!pw';
const secretsUsed = [
	demoClient.secret,
	'another-secret',
	'filed-secret',
	'Second-S3cret',
	'Rename-S3cret',
	proxyPassword,
	Buffer.from(`${proxyUser}:${proxyPassword}`).toString('base64'),
];

/** gqx as a child process; whatever it prints must hold none of the secrets this file uses. */
async function scannedCli(...args: Parameters<typeof runCli>) {
	const result = await runCli(...args);
	for (const secret of secretsUsed)
		expect(result.stdout + result.stderr, 'a secret in the output').not.toContain(secret);
	return result;
}

/** The frame as one line, without box borders, so wrapped messages can be matched. */
function flat(frame: string): string {
	return frame.replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');
}
const withBus = {DBUS_SESSION_BUS_ADDRESS: busAddress};
const storeIn = (cwd: string) => new ProfileStore({cwd: path.join(cwd, 'config')});
const add = (cwd: string, name: string, secret: string, extra: string[] = [], env: Record<string, string> = {}) =>
	scannedCli(['profiles', 'add', name, '--region', emu.url, '--client-id', demoClient.id, ...extra], {
		cwd,
		input: `${secret}\n`,
		env: {...withBus, ...env},
	});
const exportWith = (cwd: string, name: string) =>
	scannedCli(['export', '--profile', name, '--from', '2026-03-02', '--to', '2026-03-02'], {cwd, env: withBus});

describe.skipIf(why !== undefined)('the system keychain (a real Secret Service)', {timeout: 90_000}, () => {
	beforeAll(async () => {
		emu = await emulator({queues: 4});
	});
	afterAll(async () => {
		await emu?.stop();
		for (const account of used) {
			await keychain.delete(account).catch(() => false);
			await proxyKeychain.delete(account).catch(() => false);
		}
	});

	it('profiles add keeps the secret from stdin in the keychain and only a reference in the file', async () => {
		const cwd = scratchDir();
		const name = nameFor('added');
		const result = await add(cwd, name, demoClient.secret);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(
			`Saved profile ${name}: its client secret is in the system keychain (Secret Service keyring, service "gqx", account "${name}").\n`,
		);
		expect(await keychain.get(name)).toBe(demoClient.secret);
		const file = fs.readFileSync(storeIn(cwd).path, 'utf8');
		expect(file).not.toContain(demoClient.secret);
		expect(storeIn(cwd).get(name)).toEqual({
			name,
			region: emu.url,
			clientId: demoClient.id,
			secretStore: 'keychain',
		});
		const show = await scannedCli(['profiles', 'show', name], {cwd, env: withBus});
		expect(show.stdout).toContain(
			`client secret: saved in the system keychain (Secret Service keyring, service "gqx", account "${name}"), not shown`,
		);
		expect(show.stderr).toBe('');
		const exported = await exportWith(cwd, name);
		expect(exported.stderr).toBe('');
		expect(exported.code).toBe(0);
		expect(exported.stdout.split('\n')[0]).toMatch(/^queueId,queueName,mediaType/);

		// A wrong secret: exit 3, and nothing in the keychain or the file.
		const wrong = nameFor('wrong');
		const refused = await add(cwd, wrong, `${demoClient.secret}-wrong`);
		expect(refused.code).toBe(3);
		expect(await keychain.get(wrong)).toBeUndefined();
		expect(storeIn(cwd).get(wrong)).toBeUndefined();

		// An existing name: exit 2 and the entry untouched; --force replaces it.
		const again = await add(cwd, name, 'another-secret', ['--no-verify']);
		expect(again.code).toBe(2);
		expect(await keychain.get(name)).toBe(demoClient.secret);
		expect((await add(cwd, name, 'another-secret', ['--no-verify', '--force'])).code).toBe(0);
		expect(await keychain.get(name)).toBe('another-secret');

		// GQX_SECRET_STORE=file: the file, and the replaced profile's keychain entry goes.
		const filed = await add(cwd, name, 'filed-secret', ['--no-verify', '--force'], {GQX_SECRET_STORE: 'file'});
		expect(filed.stdout).toMatch(/in the profiles file .* as GQX_SECRET_STORE=file asks\.\n$/);
		expect(storeIn(cwd).get(name)?.clientSecret).toBe('filed-secret');
		expect(await keychain.get(name)).toBeUndefined();
	});

	it('migrate-secrets moves file secrets into the keychain and back, never leaving one in both or neither', async () => {
		const cwd = scratchDir();
		const [first, second] = [nameFor('migrated-a'), nameFor('migrated-b')];
		// A profiles file from before keychains (format 1.0.0): the secrets inline.
		fs.mkdirSync(path.join(cwd, 'config'));
		const profile = (name: string, secret: string) => ({
			name,
			region: emu.url,
			clientId: demoClient.id,
			clientSecret: secret,
		});
		fs.writeFileSync(
			path.join(cwd, 'config', 'config.json'),
			JSON.stringify({
				profiles: {[first]: profile(first, demoClient.secret), [second]: profile(second, 'Second-S3cret')},
				__internal__: {migrations: {version: '1.0.0'}},
			}),
		);
		const toKeychain = await scannedCli(['profiles', 'migrate-secrets'], {cwd, env: withBus});
		expect(toKeychain.stderr).toBe('');
		expect(toKeychain.code).toBe(0);
		expect(toKeychain.stdout).toBe(
			[first, second]
				.map(
					name => `${name}: moved to the system keychain (Secret Service keyring, service "gqx", account "${name}")\n`,
				)
				.join(''),
		);
		const file = fs.readFileSync(storeIn(cwd).path, 'utf8');
		expect(file).not.toContain(demoClient.secret);
		expect(file).not.toContain('Second-S3cret');
		expect(await keychain.get(first)).toBe(demoClient.secret);
		expect(await keychain.get(second)).toBe('Second-S3cret');
		expect((await exportWith(cwd, first)).code).toBe(0);

		const again = await scannedCli(['profiles', 'migrate-secrets', '--to', 'keychain'], {cwd, env: withBus});
		expect(again.stdout).toMatch(new RegExp(`^${first}: already in the system keychain`, 'm'));

		const toFile = await scannedCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd, env: withBus});
		expect(toFile.code).toBe(0);
		expect(toFile.stdout).toBe(`${first}: moved to the profiles file\n${second}: moved to the profiles file\n`);
		expect(await keychain.get(first)).toBeUndefined();
		expect(await keychain.get(second)).toBeUndefined();
		expect(storeIn(cwd).get(second)).toMatchObject({secretStore: 'file', clientSecret: 'Second-S3cret'});
		expect((await exportWith(cwd, first)).code).toBe(0);
	});

	it('rename moves the entry, delete removes it', async () => {
		const cwd = scratchDir();
		const [before, after] = [nameFor('before'), nameFor('after')];
		await add(cwd, before, 'Rename-S3cret', ['--no-verify']);
		const renamed = await scannedCli(['profiles', 'rename', before, after], {cwd, env: withBus});
		expect(renamed.code).toBe(0);
		expect(await keychain.get(before)).toBeUndefined();
		expect(await keychain.get(after)).toBe('Rename-S3cret');
		const deleted = await scannedCli(['profiles', 'delete', after], {cwd, env: withBus});
		expect(deleted.stdout).toBe(
			`Deleted profile ${after} and its secret in the system keychain (Secret Service keyring, service "gqx", account "${after}").\n`,
		);
		expect(await keychain.get(after)).toBeUndefined();
		expect(storeIn(cwd).list()).toEqual([]);
	});

	it("keeps a keychain profile's proxy password in the keychain too, and moves or removes it with the secret", async () => {
		const guarded: ForwardProxy = await startForwardProxy({credentials: {user: proxyUser, password: proxyPassword}});
		try {
			const cwd = scratchDir();
			const [name, renamed] = [nameFor('proxied'), nameFor('proxied-renamed')];
			const proxy = `http://${proxyUser}@${guarded.host}`;
			const secrets = new SecretStore(storeIn(cwd), {env: {}});
			const saved = await secrets.save({
				name,
				region: emu.url,
				clientId: demoClient.id,
				clientSecret: demoClient.secret,
				proxy,
				proxyPassword,
			});
			expect(saved.where).toBe(
				`Saved profile ${name}: its client secret is in the system keychain (Secret Service keyring, service "gqx", account "${name}"), and its proxy password in the system keychain (Secret Service keyring, service "gqx-proxy", account "${name}").`,
			);
			const fileText = () => fs.readFileSync(storeIn(cwd).path, 'utf8');
			expect(fileText()).not.toContain(proxyPassword);
			expect(storeIn(cwd).get(name)).toEqual({
				name,
				region: emu.url,
				clientId: demoClient.id,
				secretStore: 'keychain',
				proxy,
				proxyPasswordInKeychain: true,
			});
			expect(await keychain.get(name)).toBe(demoClient.secret);
			expect(await proxyKeychain.get(name)).toBe(proxyPassword);
			expect(await secrets.withSecret(storeIn(cwd).require(name))).toMatchObject({
				clientSecret: demoClient.secret,
				proxy,
				proxyPassword,
			});

			// An export through the proxy (loopback proxied on purpose: NO_PROXY empty) sends the keychain's password.
			const basic = `Basic ${Buffer.from(`${proxyUser}:${proxyPassword}`).toString('base64')}`;
			const through = async (profile: string) => {
				const before = guarded.connects.length;
				const result = await scannedCli(
					['export', '--profile', profile, '--from', '2026-03-02', '--to', '2026-03-02'],
					{cwd, env: {...withBus, NO_PROXY: ''}},
				);
				expect(result.stderr).toBe('');
				expect(result.code).toBe(0);
				expect(guarded.connects.slice(before).map(connect => connect.authorization)).toContain(basic);
				expect(guarded.tunnels).toBeGreaterThan(0);
			};
			await through(name);
			// The app: picking the profile reaches the table through the proxy with the keychain's password.
			const before = guarded.connects.length;
			const rendered = render(
				<App
					start={{kind: 'auto'}}
					secrets={secrets}
					cwd={cwd}
					env={{NO_COLOR: '1', NO_PROXY: ''}}
					now={() => DateTime.fromMillis(testNow)}
					makeClient={(c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0})}
				/>,
			);
			try {
				await ready(rendered, `${name}  ·`);
				await press(rendered, keys.enter);
				await waitForText(rendered, 'Dates · days in');
				await press(rendered, keys.enter);
				const table = await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
				expect(table).not.toContain(proxyPassword);
			} finally {
				rendered.unmount();
			}
			expect(guarded.connects.slice(before).map(connect => connect.authorization)).toContain(basic);
			const show = await scannedCli(['profiles', 'show', name], {cwd, env: withBus});
			expect(show.stderr).toBe('');
			expect(show.stdout).toContain(
				`proxy:         ${proxy} (password saved in the system keychain (Secret Service keyring, service "gqx-proxy", account "${name}"), not shown)`,
			);

			// A missing proxy-password entry: the profile's name and how to re-enter it, never a crash.
			await proxyKeychain.delete(name);
			const missing = await scannedCli(['export', '--profile', name, '--from', '2026-03-02', '--to', '2026-03-02'], {
				cwd,
				env: {...withBus, NO_PROXY: ''},
			});
			expect(missing.code).toBe(2);
			expect(missing.stderr).toBe(
				`gqx: The proxy password of profile "${name}" is missing from the system keychain (Secret Service keyring, service "gqx-proxy", account "${name}").\n` +
					`  Enter it again: run gqx, highlight ${name} and press e; the proxy password is on the network step (Tab from the client secret).\n`,
			);
			const warned = await scannedCli(['profiles', 'show', name], {cwd, env: withBus});
			expect(warned.code).toBe(0);
			expect(warned.stderr).toMatch(new RegExp(`^gqx: warning: The proxy password of profile "${name}" is missing`));
			const notMoved = await scannedCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd, env: withBus});
			expect(notMoved.code).toBe(2);
			expect(await keychain.get(name)).toBe(demoClient.secret);
			expect(storeIn(cwd).get(name)?.secretStore).toBe('keychain');
			// Saved again (an edit), both entries are back.
			await secrets.save(
				{
					...(await secrets.withSecret({...storeIn(cwd).require(name), proxyPasswordInKeychain: undefined})),
					proxyPassword,
				},
				{replacing: name},
			);
			expect(await proxyKeychain.get(name)).toBe(proxyPassword);

			// Rename moves both entries.
			const moved = await scannedCli(['profiles', 'rename', name, renamed], {cwd, env: withBus});
			expect(moved.code).toBe(0);
			expect(await keychain.get(name)).toBeUndefined();
			expect(await proxyKeychain.get(name)).toBeUndefined();
			expect(await keychain.get(renamed)).toBe(demoClient.secret);
			expect(await proxyKeychain.get(renamed)).toBe(proxyPassword);
			expect(storeIn(cwd).get(renamed)?.proxyPasswordInKeychain).toBe(true);

			// To the file: both inline, no entry left; and back: no password in the file, both entries.
			const toFile = await scannedCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd, env: withBus});
			expect(toFile).toMatchObject({code: 0, stdout: `${renamed}: moved to the profiles file\n`});
			// (The app's visit left its date choice and time of use: those are not at stake here.)
			expect(storeIn(cwd).get(renamed)).toMatchObject({
				name: renamed,
				region: emu.url,
				clientId: demoClient.id,
				secretStore: 'file',
				clientSecret: demoClient.secret,
				proxy,
				proxyPassword,
			});
			expect(await keychain.get(renamed)).toBeUndefined();
			expect(await proxyKeychain.get(renamed)).toBeUndefined();
			await through(renamed);
			const toKeychain = await scannedCli(['profiles', 'migrate-secrets'], {cwd, env: withBus});
			expect(toKeychain.code).toBe(0);
			expect(fileText()).not.toContain(proxyPassword);
			expect(fileText()).not.toContain(demoClient.secret);
			expect(storeIn(cwd).get(renamed)).toMatchObject({secretStore: 'keychain', proxyPasswordInKeychain: true});
			expect(storeIn(cwd).get(renamed)?.proxyPassword).toBeUndefined();
			expect(await keychain.get(renamed)).toBe(demoClient.secret);
			expect(await proxyKeychain.get(renamed)).toBe(proxyPassword);
			await through(renamed);

			// Saved without a proxy password, its entry goes; deleted, nothing is left.
			await secrets.save(
				{name: renamed, region: emu.url, clientId: demoClient.id, clientSecret: demoClient.secret, proxy},
				{replacing: renamed},
			);
			expect(await proxyKeychain.get(renamed)).toBeUndefined();
			expect(storeIn(cwd).get(renamed)?.proxyPasswordInKeychain).toBeUndefined();
			await secrets.save(
				{...(await secrets.withSecret(storeIn(cwd).require(renamed))), proxyPassword},
				{replacing: renamed},
			);
			const deleted = await scannedCli(['profiles', 'delete', renamed], {cwd, env: withBus});
			expect(deleted.code).toBe(0);
			expect(await keychain.get(renamed)).toBeUndefined();
			expect(await proxyKeychain.get(renamed)).toBeUndefined();
			expect(storeIn(cwd).list()).toEqual([]);
		} finally {
			await guarded.stop();
		}
	});

	it('reports a missing entry with the profile name and how to re-enter it, in the CLI and in the app', async () => {
		const cwd = scratchDir();
		const name = nameFor('missing');
		await add(cwd, name, demoClient.secret, ['--no-verify']);
		await keychain.delete(name);
		const exported = await exportWith(cwd, name);
		expect(exported.code).toBe(2);
		expect(exported.stderr).toBe(
			`gqx: The client secret of profile "${name}" is missing from the system keychain (Secret Service keyring, service "gqx", account "${name}").\n` +
				`  Enter it again: run gqx, highlight ${name} and press e; or from a script, pipe it to gqx profiles add ${name} --region R --client-id ID --force.\n`,
		);
		const show = await scannedCli(['profiles', 'show', name], {cwd, env: withBus});
		expect(show.code).toBe(0);
		expect(show.stderr).toMatch(new RegExp(`^gqx: warning: The client secret of profile "${name}" is missing`));
		const migrate = await scannedCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd, env: withBus});
		expect(migrate.code).toBe(2);
		expect(migrate.stderr).toMatch(
			new RegExp(`^${name}: not moved\\.\\ngqx: The client secret of profile "${name}" is missing`),
		);
		expect(storeIn(cwd).get(name)?.secretStore).toBe('keychain');

		// The app: picking the profile says what is wrong on the picker; e re-enters the secret into the keychain.
		const secrets = new SecretStore(storeIn(cwd), {env: {}});
		const rendered = render(
			<App
				start={{kind: 'auto'}}
				secrets={secrets}
				cwd={cwd}
				env={{NO_COLOR: '1'}}
				now={() => DateTime.fromMillis(testNow)}
				makeClient={(c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0})}
			/>,
		);
		try {
			await ready(rendered, `${name}  ·`);
			await press(rendered, keys.enter);
			await waitFor(
				rendered,
				frame =>
					flat(frame).includes(`The client secret of profile "${name}" is missing`) &&
					flat(frame).includes('Press e on it to enter the secret again.'),
				'the missing secret notice',
			);
			await press(rendered, 'e');
			// The region search starts on the profile's own base URL: Enter keeps it.
			const region = await waitForText(rendered, `Edit profile ${name} · step 1 of 4`);
			expect(region).toContain(`› ${emu.url}`);
			await press(rendered, keys.enter);
			await waitForText(rendered, `Client id: ${demoClient.id}`);
			await press(rendered, keys.enter);
			await waitForText(rendered, 'Client secret:');
			await press(rendered, demoClient.secret, keys.enter);
			await waitForText(rendered, `Profile name: ${name}`);
			await press(rendered, keys.enter);
			const dates = await waitForText(rendered, 'Dates · days in');
			expect(flat(dates)).toContain(
				`Saved profile ${name}: its client secret is in the system keychain (Secret Service keyring, service "gqx", account "${name}").`,
			);
			expect(await keychain.get(name)).toBe(demoClient.secret);
			expect(storeIn(cwd).get(name)?.clientSecret).toBeUndefined();
			await press(rendered, keys.enter);
			await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
		} finally {
			rendered.unmount();
		}

		// Picked again later, the keychain-held secret opens the table, and e starts from it (masked).
		const again = render(
			<App
				start={{kind: 'auto'}}
				secrets={secrets}
				cwd={cwd}
				env={{NO_COLOR: '1'}}
				now={() => DateTime.fromMillis(testNow)}
				makeClient={(c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0})}
			/>,
		);
		try {
			await ready(again, `${name}  ·`);
			await press(again, 'e');
			// The region search starts on the profile's own base URL: Enter keeps it.
			const region = await waitForText(again, `Edit profile ${name}`);
			expect(region).toContain(`› ${emu.url}`);
			await press(again, keys.enter);
			await waitForText(again, `Client id: ${demoClient.id}`);
			await press(again, keys.enter);
			await waitForText(again, `Client secret: ${'*'.repeat(demoClient.secret.length)}`);
			await press(again, keys.enter);
			await waitForText(again, `Profile name: ${name}`);
		} finally {
			again.unmount();
		}
	});

	it.skipIf(keyringPassword === undefined)(
		'falls back to the file when the keychain is locked, and says so; a keychain-held secret is then an error, not a crash',
		async () => {
			const cwd = scratchDir();
			const held = nameFor('held');
			await add(cwd, held, demoClient.secret, ['--no-verify']);
			lockKeyring();
			try {
				const locked = nameFor('locked');
				const result = await add(cwd, locked, demoClient.secret);
				expect(result.code).toBe(0);
				expect(result.stdout).toBe(
					`Saved profile ${locked}: its client secret is in the profiles file ${storeIn(cwd).path} (readable only by you), as the system keychain could not be used (it is locked).\n`,
				);
				expect(storeIn(cwd).get(locked)).toMatchObject({secretStore: 'file', clientSecret: demoClient.secret});
				const forced = await add(cwd, nameFor('forced'), 's', ['--no-verify'], {GQX_SECRET_STORE: 'keychain'});
				expect(forced.code).toBe(2);
				expect(forced.stderr).toMatch(
					/^gqx: Cannot save the secret of profile .* in the system keychain .*: it is locked\./,
				);
				const exported = await exportWith(cwd, held);
				expect(exported.code).toBe(2);
				expect(exported.stderr).toMatch(
					new RegExp(
						`^gqx: Cannot read the client secret of profile "${held}" from the system keychain .*: it is locked\\.\\n  Unlock`,
					),
				);
			} finally {
				await unlockKeyring();
			}
			expect(await keychain.get(held)).toBe(demoClient.secret);
		},
	);
});

function lockKeyring(): void {
	const result = spawnSync(
		'dbus-send',
		[
			'--session',
			'--dest=org.freedesktop.secrets',
			'--type=method_call',
			'--print-reply',
			'/org/freedesktop/secrets',
			'org.freedesktop.Secret.Service.Lock',
			'array:objpath:/org/freedesktop/secrets/collection/login',
		],
		{encoding: 'utf8'},
	);
	expect(result.status, result.stderr).toBe(0);
}

/** A fresh daemon takes over the bus name and unlocks the login keyring with its password. */
async function unlockKeyring(): Promise<void> {
	spawnSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], {
		input: keyringPassword,
		stdio: ['pipe', 'ignore', 'ignore'],
	});
	const probe = `gqx-probe-${process.pid}`;
	for (let attempt = 0; ; attempt++) {
		try {
			await keychain.set(probe, 'unlocked');
			await keychain.delete(probe);
			return;
		} catch (error) {
			if (attempt > 100) throw error;
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}
}
