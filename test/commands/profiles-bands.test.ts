// gqx profiles bands as a child process: shows, sets and removes where a profile's wait bands end, refuses bad times
// with exit 2, changes nothing else; gqx export --level bands with that profile uses them unless --bands says otherwise.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {type Profile, ProfileStore} from '../../source/profiles/store.js';
import {emulator} from '../helpers.js';
import {runCli, scratchDir} from '../run-cli.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 4, seed: 2});
});
afterAll(async () => emu.stop());

const storeIn = (cwd: string) => new ProfileStore({cwd: path.join(cwd, 'config')});
const bands = (cwd: string, ...args: string[]) => runCli(['profiles', 'bands', ...args], {cwd});

function saved(profile: Profile): string {
	const cwd = scratchDir();
	storeIn(cwd).save(profile);
	return cwd;
}

/** Profile acme on the emulator, its secret in the file, in UTC, without bands. */
const acme = (): Profile => ({
	name: 'acme',
	region: emu.url,
	clientId: demoClient.id,
	secretStore: 'file',
	clientSecret: demoClient.secret,
	timeZone: 'UTC',
});

describe('gqx profiles bands', () => {
	it('shows the default, sets, refuses bad times, and removes them; export uses them', async () => {
		const profile = acme();
		const cwd = saved(profile);
		expect(await bands(cwd, 'acme')).toEqual({
			code: 0,
			stderr: '',
			stdout: 'Wait bands of profile acme end at 10,20,30,60,120,300 s (the default).\n',
		});
		const set = await bands(cwd, 'acme', '5,15,30');
		expect(set).toMatchObject({code: 0, stdout: 'Wait bands of profile acme now end at 5,15,30 s.\n'});
		expect(storeIn(cwd).get('acme')).toEqual({...profile, bands: [5, 15, 30]});

		const bad = await bands(cwd, 'acme', '30,15');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/The bands must be in ascending order: 15 comes after 30/);
		expect(storeIn(cwd).get('acme')?.bands).toEqual([5, 15, 30]);

		const range = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--format', 'json'];
		const exported = await runCli(['export', '--profile', 'acme', '--level', 'bands', ...range], {cwd});
		expect(exported.stderr).toBe('');
		const records = JSON.parse(exported.stdout) as Array<{fromSeconds: number; toSeconds: number | null}>;
		expect([...new Set(records.map(record => `${record.fromSeconds}-${record.toSeconds}`))]).toEqual([
			'0-5',
			'5-15',
			'15-30',
			'30-null',
		]);
		const flagged = await runCli(['export', '--profile', 'acme', '--level', 'bands', '--bands', '60', ...range], {
			cwd,
		});
		const flaggedRecords = JSON.parse(flagged.stdout) as Array<{fromSeconds: number}>;
		expect([...new Set(flaggedRecords.map(record => record.fromSeconds))]).toEqual([0, 60]);

		expect(await bands(cwd, 'acme', 'none')).toMatchObject({
			code: 0,
			stdout: 'Wait bands of profile acme now end at 10,20,30,60,120,300 s (the default).\n',
		});
		expect(storeIn(cwd).get('acme')).toEqual(profile);
	});

	it('says what is wrong with hand-edited bands wherever they are read, and keeps the profiles file', async () => {
		const profile: Profile = {...acme(), bands: [30, 10]};
		const cwd = saved(profile);
		const range = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--format', 'json'];
		const shown = await bands(cwd, 'acme');
		expect(shown.code).toBe(2);
		expect(shown.stderr).toMatch(/The wait bands of profile acme must be in ascending order: 10 comes after 30/);
		expect(shown.stderr).toMatch(/gqx profiles bands acme 5,15,30,60,180/);
		const exported = await runCli(['export', '--profile', 'acme', '--level', 'bands', ...range], {cwd});
		expect(exported.code).toBe(2);
		expect(exported.stdout).toBe('');
		expect(exported.stderr).toMatch(/The wait bands of profile acme must be in ascending order/);
		expect(exported.stderr).not.toMatch(/\n\s+at /);
		// --bands wins over the profile's; other levels never read them.
		expect(
			(await runCli(['export', '--profile', 'acme', '--level', 'bands', '--bands', '60', ...range], {cwd})).code,
		).toBe(0);
		expect((await runCli(['export', '--profile', 'acme', ...range], {cwd})).code).toBe(0);

		// Not a list at all: the file is still the profiles file (not moved aside), and the bands say so.
		storeIn(cwd).save({...profile, bands: '5,15'});
		const text = await runCli(['export', '--profile', 'acme', '--level', 'bands', ...range], {cwd});
		expect(text.code).toBe(2);
		expect(text.stderr).toMatch(/The wait bands of profile acme are not a list of seconds \("5,15"\)/);
		expect(storeIn(cwd).get('acme')?.clientId).toBe(demoClient.id);
		// Set again, they work.
		expect((await bands(cwd, 'acme', '5,15')).code).toBe(0);
		expect((await runCli(['export', '--profile', 'acme', '--level', 'bands', ...range], {cwd})).code).toBe(0);
	});
});
