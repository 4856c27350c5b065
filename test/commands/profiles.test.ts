// gqx profiles add/rename/list/migrate-secrets where no keychain can be used (no D-Bus session, as on
// servers and in CI): secrets go to the 0600 profiles file and gqx says so. The keychain itself:
// test/credentials/keychain.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {SecretStore} from '../../source/credentials/secret-store.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {emulator} from '../helpers.js';
import {runCli, scratchDir} from '../run-cli.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 4, recordRequests: true});
});
afterAll(async () => emu.stop());

const logins = () => emu.requests.filter(request => request.path === '/oauth/token').length;
const storeIn = (cwd: string) => new ProfileStore({cwd: path.join(cwd, 'config')});
const add = (cwd: string, name: string, input: string, extra: string[] = [], env: Record<string, string> = {}) =>
	runCli(['profiles', 'add', name, '--region', emu.url, '--client-id', demoClient.id, ...extra], {cwd, input, env});

describe('gqx profiles add, with no keychain', () => {
	it('reads the secret from stdin, logs in once to check it, saves it in the file and says where and why', async () => {
		const cwd = scratchDir();
		const before = logins();
		const result = await add(cwd, 'lab', `${demoClient.secret}\n`);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(logins() - before).toBe(1);
		const store = storeIn(cwd);
		// The child has no D-Bus session address, so on Linux no Secret Service can be reached.
		expect(result.stdout).toBe(
			`Saved profile lab: its client secret is in the profiles file ${store.path} (readable only by you), as the system keychain could not be used (no D-Bus session to reach it).\n`,
		);
		expect(store.get('lab')).toEqual({
			name: 'lab',
			region: emu.url,
			clientId: demoClient.id,
			secretStore: 'file',
			clientSecret: demoClient.secret,
		});
		expect(fs.statSync(store.path).mode & 0o777).toBe(0o600);
		const exported = await runCli(['export', '--profile', 'lab', '--from', '2026-03-02', '--to', '2026-03-02'], {cwd});
		expect(exported.stderr).toBe('');
		expect(exported.stdout.split('\n')[0]).toMatch(/^queueId,queueName,mediaType/);
	});

	it('exits 3 on a wrong secret and saves nothing', async () => {
		const cwd = scratchDir();
		const result = await add(cwd, 'lab', `${demoClient.secret}-wrong`);
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/^gqx: Login failed/);
		expect(result.stdout).toBe('');
		expect(storeIn(cwd).list()).toEqual([]);
	});

	it('exits 2 on an existing name unless --force, which replaces the credentials and keeps the remembered dates', async () => {
		const cwd = scratchDir();
		expect((await add(cwd, 'lab', 'first-secret', ['--no-verify'])).code).toBe(0);
		storeIn(cwd).touch('lab', {dateChoice: {preset: 'last-week'}});
		const again = await add(cwd, 'lab', demoClient.secret);
		expect(again.code).toBe(2);
		expect(again.stderr).toBe(
			'gqx: A profile named "lab" exists already.\n  Pass --force to replace it, or pick another name.\n',
		);
		expect(storeIn(cwd).get('lab')?.clientSecret).toBe('first-secret');
		const forced = await add(cwd, 'lab', demoClient.secret, ['--force']);
		expect(forced.code).toBe(0);
		expect(storeIn(cwd).get('lab')).toMatchObject({clientSecret: demoClient.secret, dateChoice: {preset: 'last-week'}});
	});

	it('--no-verify saves without logging in', async () => {
		const cwd = scratchDir();
		const before = logins();
		expect((await add(cwd, 'offline', 'not-checked', ['--no-verify'])).code).toBe(0);
		expect(logins()).toBe(before);
		expect(storeIn(cwd).get('offline')?.clientSecret).toBe('not-checked');
	});

	it('refuses bad input with exit 2 and a reason, saving nothing and echoing no secret', async () => {
		const cwd = scratchDir();
		const cases: Array<[string[], string, RegExp]> = [
			[['profiles', 'add', 'x', '--region', 'mars', '--client-id', 'id'], 's', /Unknown region "mars"/],
			[['profiles', 'add', 'x', '--region', 'eu-west-1'], 's', /No client id given/],
			[['profiles', 'add', '--region', 'eu-west-1', '--client-id', 'id'], 's', /No profile name given/],
			[
				['profiles', 'add', 'x', '--region', 'eu-west-1', '--client-id', 'id'],
				'  \n',
				/No client secret on standard input/,
			],
			[['profiles', 'add', 'x', '--region', 'eu-west-1', '--client-id', 'id'], 'a\nb\n', /more than one line/],
			[
				['profiles', 'add', 'x', 'Arg-S3cret', '--region', 'eu-west-1', '--client-id', 'id'],
				's',
				/never from the command line/,
			],
			[
				['profiles', 'add', 'x', '--client-secret=Flag-S3cret', '--region', 'eu-west-1'],
				's',
				/Unknown flag --client-secret/,
			],
		];
		for (const [args, input, message] of cases) {
			const result = await runCli(args, {cwd, input});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr, args.join(' ')).toMatch(message);
			expect(result.stderr).not.toMatch(/S3cret|at .*\.js/);
		}
		const bogus = await add(cwd, 'x', 's', ['--no-verify'], {GQX_SECRET_STORE: 'vault'});
		expect(bogus.code).toBe(2);
		expect(bogus.stderr).toMatch(/GQX_SECRET_STORE is "vault"[\s\S]*file or keychain/);
		// Forced to the keychain where there is none: an error, never a silent fallback to the file.
		const forced = await add(cwd, 'x', 's', ['--no-verify'], {GQX_SECRET_STORE: 'keychain'});
		expect(forced.code).toBe(2);
		expect(forced.stderr).toMatch(/Cannot save the secret of profile "x" in the system keychain/);
		expect(storeIn(cwd).list()).toEqual([]);
	});

	it('GQX_SECRET_STORE=file says that is why the file holds it', async () => {
		const cwd = scratchDir();
		const result = await add(cwd, 'lab', 's', ['--no-verify'], {GQX_SECRET_STORE: 'file'});
		expect(result.stdout).toMatch(
			/in the profiles file .* \(readable only by you\), as GQX_SECRET_STORE=file asks\.\n$/,
		);
	});
});

describe('gqx profiles for scripts', () => {
	it('renames, lists as JSON (never the secret) and shows which store holds the secret', async () => {
		const cwd = scratchDir();
		await add(cwd, 'old', 'Json-S3cret', ['--no-verify']);
		const renamed = await runCli(['profiles', 'rename', 'old', 'new'], {cwd});
		expect(renamed).toMatchObject({code: 0, stdout: 'Renamed profile old to new.\n'});
		await add(cwd, 'other', 'Json-S3cret', ['--no-verify']);
		const taken = await runCli(['profiles', 'rename', 'new', 'other'], {cwd});
		expect(taken.code).toBe(2);
		expect(taken.stderr).toMatch(/A profile named "other" exists already/);
		const missing = await runCli(['profiles', 'rename', 'nope', 'x'], {cwd});
		expect(missing.code).toBe(2);
		const list = await runCli(['profiles', 'list', '--format', 'json'], {cwd});
		expect(list.code).toBe(0);
		expect(list.stdout).not.toContain('S3cret');
		expect(JSON.parse(list.stdout)).toEqual(
			['new', 'other'].map(name => ({
				name,
				region: emu.url,
				clientId: demoClient.id,
				secretStore: 'file',
				timeZone: null,
				dateChoice: null,
				lastUsedAt: null,
				thresholds: null,
			})),
		);
		expect((await runCli(['profiles', 'list', '--format', 'xml'], {cwd})).code).toBe(2);
		const show = await runCli(['profiles', 'show', 'new'], {cwd});
		expect(show.stdout).toContain('client secret: saved in the profiles file, not shown');
	});

	it("keeps a file profile's proxy password in the file with its secret, through rename and a failed migration", async () => {
		const cwd = scratchDir();
		const proxy = 'http://analyst@proxy.corp.example:3128';
		const secrets = new SecretStore(storeIn(cwd), {env: {GQX_SECRET_STORE: 'file'}});
		const saved = await secrets.save({
			name: 'corp',
			region: emu.url,
			clientId: demoClient.id,
			clientSecret: 'File-S3cret',
			proxy,
			proxyPassword: 'File-Pr0xy-pw',
		});
		expect(saved.where).toBe(
			`Saved profile corp: its client secret and proxy password are in the profiles file ${storeIn(cwd).path} (readable only by you), as GQX_SECRET_STORE=file asks.`,
		);
		const stored = {
			name: 'corp',
			region: emu.url,
			clientId: demoClient.id,
			secretStore: 'file',
			clientSecret: 'File-S3cret',
			proxy,
			proxyPassword: 'File-Pr0xy-pw',
		};
		expect(storeIn(cwd).get('corp')).toEqual(stored);
		expect(await secrets.withSecret(storeIn(cwd).require('corp'))).toMatchObject({
			clientSecret: 'File-S3cret',
			proxyPassword: 'File-Pr0xy-pw',
		});
		const show = await runCli(['profiles', 'show', 'corp'], {cwd});
		expect(show.stdout).toContain(`proxy:         ${proxy} (password saved in the profiles file, not shown)`);
		expect(show.stdout + show.stderr).not.toContain('Pr0xy');
		expect((await runCli(['profiles', 'rename', 'corp', 'corp2'], {cwd})).code).toBe(0);
		expect(storeIn(cwd).get('corp2')).toEqual({...stored, name: 'corp2'});
		// No keychain here (no D-Bus session): nothing moves, the file keeps both.
		const before = fs.readFileSync(storeIn(cwd).path, 'utf8');
		const migrated = await runCli(['profiles', 'migrate-secrets'], {cwd});
		expect(migrated.code).toBe(2);
		expect(migrated.stdout + migrated.stderr).not.toContain('Pr0xy');
		expect(fs.readFileSync(storeIn(cwd).path, 'utf8')).toBe(before);
	});

	it('migrate-secrets to a keychain that is not there leaves every secret in the file; to the file, nothing to do', async () => {
		const cwd = scratchDir();
		await add(cwd, 'a', 'secret-a', ['--no-verify']);
		await add(cwd, 'b', 'secret-b', ['--no-verify']);
		const before = fs.readFileSync(storeIn(cwd).path, 'utf8');
		const result = await runCli(['profiles', 'migrate-secrets'], {cwd});
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^a: not moved\.\ngqx: The system keychain .* could not save the secret/m);
		expect(result.stderr).toMatch(/^b: not moved\./m);
		expect(fs.readFileSync(storeIn(cwd).path, 'utf8')).toBe(before);
		const toFile = await runCli(['profiles', 'migrate-secrets', '--to', 'file'], {cwd});
		expect(toFile).toMatchObject({
			code: 0,
			stdout: 'a: already in the profiles file\nb: already in the profiles file\n',
		});
		expect((await runCli(['profiles', 'migrate-secrets', '--to', 'vault'], {cwd})).code).toBe(2);
	});
});
