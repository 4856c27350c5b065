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

describe('gqx profiles bands', () => {
	it('shows the default, sets, refuses bad times, and removes them; export uses them', async () => {
		const profile: Profile = {
			name: 'acme',
			region: emu.url,
			clientId: demoClient.id,
			secretStore: 'file',
			clientSecret: demoClient.secret,
			timeZone: 'UTC',
		};
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
});
