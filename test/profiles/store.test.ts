// Saved profiles: file modes, damaged files moved aside, migrations, concurrent writers, no secret shown.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {formatVersion, type Profile, ProfileStore} from '../../source/profiles/store.js';
import {runCli, scratchDir} from '../run-cli.js';

const profile = (name: string, extra: Partial<Profile> = {}): Profile => ({
	name,
	region: 'eu-west-1',
	clientId: `id-${name}`,
	clientSecret: `secret-${name}-s3cr3t`,
	...extra,
});

function mode(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

describe('ProfileStore', () => {
	it('saves, lists last used first, and deletes', () => {
		const store = new ProfileStore({cwd: scratchDir()});
		store.save(profile('acme'));
		store.save(profile('globex'));
		store.touch('globex', {timeZone: 'Europe/Dublin', dateChoice: {preset: 'last-week'}});
		expect(store.list().map(each => each.name)).toEqual(['globex', 'acme']);
		expect(store.get('globex')).toMatchObject({
			timeZone: 'Europe/Dublin',
			dateChoice: {preset: 'last-week'},
			lastUsedAt: expect.any(String),
		});
		expect(store.delete('acme')).toBe(true);
		expect(store.list().map(each => each.name)).toEqual(['globex']);
		// A second store over the same folder sees the same data: nothing is cached in memory.
		expect(new ProfileStore({cwd: path.dirname(store.path)}).get('globex')?.clientId).toBe('id-globex');
	});

	it('keeps the file 0600 also when it was looser before, and makes its folder 0700', () => {
		const made = path.join(scratchDir(), 'new', 'gqx');
		expect(mode(new ProfileStore({cwd: made}).path.replace(/config\.json$/, ''))).toBe(0o700);
		// A folder that was there keeps its mode (GQX_CONFIG_DIR may name a folder that is not gqx's).
		const dir = path.join(scratchDir(), 'gqx');
		fs.mkdirSync(dir, {mode: 0o755});
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({profiles: {}}), {mode: 0o644});
		fs.chmodSync(path.join(dir, 'config.json'), 0o644);
		const store = new ProfileStore({cwd: dir});
		store.save(profile('acme'));
		expect(mode(store.path)).toBe(0o600);
		expect(mode(dir)).toBe(0o755);
		expect(store.warnings).toEqual([]);
	});

	it('migrates a file without a format version and records the version', () => {
		const dir = scratchDir();
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({profiles: {old: profile('old')}}));
		const store = new ProfileStore({cwd: dir});
		expect(store.get('old')?.clientId).toBe('id-old');
		const raw = JSON.parse(fs.readFileSync(store.path, 'utf8')) as {__internal__: {migrations: {version: string}}};
		expect(raw.__internal__.migrations.version).toBe(formatVersion);
	});

	it('migrates a 1.0.0 file: each inline secret stays where it is, marked as kept in the file', () => {
		const dir = scratchDir();
		const old = {name: 'old', region: 'eu-west-1', clientId: 'id-old', clientSecret: 'secret-old-s3cr3t'};
		fs.writeFileSync(
			path.join(dir, 'config.json'),
			JSON.stringify({profiles: {old}, __internal__: {migrations: {version: '1.0.0'}}}),
		);
		const store = new ProfileStore({cwd: dir});
		expect(store.get('old')).toEqual({...old, secretStore: 'file'});
		const raw = JSON.parse(fs.readFileSync(store.path, 'utf8')) as {profiles: {old: Profile}};
		expect(raw.profiles.old).toEqual({...old, secretStore: 'file'});
	});

	it('keeps a keychain-held secret out of the file, and refuses a file profile without its secret', () => {
		const dir = scratchDir();
		const store = new ProfileStore({cwd: dir});
		store.save({name: 'kc', region: 'eu-west-1', clientId: 'id', secretStore: 'keychain'});
		expect(store.get('kc')).toEqual({name: 'kc', region: 'eu-west-1', clientId: 'id', secretStore: 'keychain'});
		expect(() =>
			store.save({name: 'kc2', region: 'eu-west-1', clientId: 'id', secretStore: 'keychain', clientSecret: 'x'}),
		).toThrow(/clientSecret/);
		expect(() => store.save({name: 'f', region: 'eu-west-1', clientId: 'id'})).toThrow(/clientSecret/);
		// The proxy password follows the client secret: never inline for the keychain, never marked for the file.
		const proxied = {name: 'kc3', region: 'eu-west-1', clientId: 'id', proxy: 'http://me@proxy.corp.example:3128'};
		expect(() => store.save({...proxied, secretStore: 'keychain', proxyPassword: 'pw'})).toThrow(/proxyPassword/);
		expect(() =>
			store.save({...proxied, secretStore: 'file', clientSecret: 'x', proxyPasswordInKeychain: true}),
		).toThrow(/proxyPasswordInKeychain/);
		store.save({...proxied, secretStore: 'keychain', proxyPasswordInKeychain: true});
		expect(new ProfileStore({cwd: dir}).get('kc3')).toEqual({
			...proxied,
			secretStore: 'keychain',
			proxyPasswordInKeychain: true,
		});
		expect(
			store
				.list()
				.map(each => each.name)
				.sort(),
		).toEqual(['kc', 'kc3']);
	});

	it('reads a 1.0.0 file from before proxies as it is, and keeps a proxy, its password and a CA file', () => {
		const dir = scratchDir();
		const before = {profiles: {old: profile('old')}, __internal__: {migrations: {version: '1.0.0'}}};
		fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(before));
		const store = new ProfileStore({cwd: dir});
		expect(store.notices).toEqual([]);
		expect(store.get('old')).toEqual({...profile('old'), secretStore: 'file'});
		const corp = profile('corp', {
			proxy: 'http://me@proxy.corp.example:3128',
			proxyPassword: 'pw',
			caFile: '/etc/corp-ca.pem',
		});
		store.save(corp);
		expect(new ProfileStore({cwd: dir}).get('corp')).toEqual({...corp, secretStore: 'file'});
		expect(() => store.save(profile('empty', {proxy: ''}))).toThrow();
	});

	for (const [what, content, reason] of [
		['invalid JSON', '{"profiles": {', /not valid JSON/],
		['wrong types', JSON.stringify({profiles: {a: {name: 'a', region: 5}}}), /not a gqx profiles file/],
		[
			'a newer format',
			JSON.stringify({profiles: {}, __internal__: {migrations: {version: '9.0.0'}}}),
			/written by a newer gqx/,
		],
	] as const) {
		it(`moves a file with ${what} aside instead of wiping it`, () => {
			const dir = scratchDir();
			const file = path.join(dir, 'config.json');
			fs.writeFileSync(file, content);
			const store = new ProfileStore({cwd: dir});
			expect(store.notices).toHaveLength(1);
			expect(store.notices[0]?.reason).toMatch(reason);
			expect(fs.readFileSync(store.notices[0]!.movedTo, 'utf8')).toBe(content);
			expect(store.list()).toEqual([]);
			store.save(profile('fresh'));
			expect(fs.readFileSync(store.notices[0]!.movedTo, 'utf8')).toBe(content);
		});
	}

	it('loses no profile when two processes save at the same time', async () => {
		const dir = scratchDir();
		const storeModule = new URL('../../dist/profiles/store.js', import.meta.url).href;
		const writer = (prefix: string) =>
			new Promise<number | null>((resolve, reject) => {
				const script = `import {ProfileStore} from ${JSON.stringify(storeModule)};
const store = new ProfileStore({cwd: ${JSON.stringify(dir)}});
for (let i = 0; i < 25; i++) store.save({name: '${prefix}' + i, region: 'us-east-1', clientId: 'id', clientSecret: 'secret'});`;
				const child = spawn(process.execPath, ['--input-type=module', '-e', script], {stdio: 'inherit'});
				child.on('error', reject);
				child.on('close', resolve);
			});
		expect(await Promise.all([writer('a'), writer('b')])).toEqual([0, 0]);
		expect(new ProfileStore({cwd: dir}).list()).toHaveLength(50);
	});
});

describe('gqx profiles', () => {
	it('lists and shows profiles without the secret, and deletes by name', async () => {
		const cwd = scratchDir();
		new ProfileStore({cwd: path.join(cwd, 'config')}).save(profile('acme'));
		const list = await runCli(['profiles', 'list'], {cwd});
		expect(list.code).toBe(0);
		expect(list.stdout).toMatch(/^acme\teu-west-1\tid-acme\tnever used\n$/);
		const show = await runCli(['profiles', 'show', 'acme'], {cwd});
		expect(show.stdout).toContain('client secret: saved in the profiles file, not shown');
		expect(show.stdout + show.stderr).not.toContain('s3cr3t');
		const missing = await runCli(['profiles', 'show', 'nope'], {cwd});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/No saved profile named "nope"[\s\S]*Saved profiles: acme/);
		expect((await runCli(['profiles', 'delete', 'acme'], {cwd})).code).toBe(0);
		expect((await runCli(['profiles', 'list'], {cwd})).stdout).toMatch(/No saved profiles/);
	});

	it('tells the user where a damaged file went', async () => {
		const cwd = scratchDir();
		fs.mkdirSync(path.join(cwd, 'config'));
		fs.writeFileSync(path.join(cwd, 'config', 'config.json'), 'garbage');
		const result = await runCli(['profiles', 'list'], {cwd});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(
			/could not be read \(it is not valid JSON\); it was moved to .*config\.json\.broken-/,
		);
	});
});
