// gqx profiles thresholds as a child process: shows, sets, removes and clears a profile's thresholds, reading the
// values as gqx check does, refusing bad ones with exit 2, and changing nothing else of the profile.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type Profile, ProfileStore} from '../../source/profiles/store.js';
import {runCli, scratchDir} from '../run-cli.js';

const storeIn = (cwd: string) => new ProfileStore({cwd: path.join(cwd, 'config')});
const thresholds = (cwd: string, ...args: string[]) => runCli(['profiles', 'thresholds', ...args], {cwd});

/** A folder whose profiles file holds `profile`, with what gqx learned of its use. */
function saved(profile: Profile): string {
	const cwd = scratchDir();
	storeIn(cwd).save(profile);
	return cwd;
}

const fileProfile: Profile = {
	name: 'acme',
	region: 'eu-west-1',
	clientId: 'client-1',
	secretStore: 'file',
	clientSecret: 'Thr3shold-S3cret',
	proxy: 'http://analyst@proxy.corp.example:3128',
	proxyPassword: 'Pr0xy-pw',
	timeZone: 'Europe/Dublin',
	dateChoice: {preset: 'last-week'},
	lastUsedAt: '2026-03-01T09:00:00.000Z',
	views: {queues: {columns: ['offered', 'abandonRate'], sort: {column: 'offered', descending: true}}},
};

describe('gqx profiles thresholds', () => {
	it('shows none, sets them as gqx check reads its flags, changes one, removes one and clears all', async () => {
		const cwd = saved(fileProfile);
		const none = await thresholds(cwd, 'acme');
		expect(none).toEqual({
			code: 0,
			stderr: '',
			stdout: [
				'Thresholds of profile acme:',
				'min service level: (none)',
				'max abandon:       (none)',
				'max wait:          (none)',
				'max ACW:           (none)',
				'max break:         (none)',
				'max idle:          (none)',
				'',
			].join('\n'),
		});

		const set = await thresholds(cwd, 'acme', '--max-abandon', '8%', '--max-wait', '120', '--min-sl', 'target');
		expect(set.stderr).toBe('');
		expect(set.code).toBe(0);
		expect(set.stdout).toBe(
			[
				'Saved the thresholds of profile acme:',
				"min service level: each queue's own target",
				'max abandon:       8%',
				'max wait:          120 s (2:00)',
				'max ACW:           (none)',
				'max break:         (none)',
				'max idle:          (none)',
				'',
			].join('\n'),
		);
		// Everything else of the profile as it was: secret, proxy password, dates, views.
		const expected = {...fileProfile, thresholds: {maxAbandon: 0.08, maxWaitSeconds: 120, minServiceLevel: 'target'}};
		expect(storeIn(cwd).get('acme')).toEqual(expected);
		expect(set.stdout).not.toMatch(/S3cret|Pr0xy/);

		// Shown again, as saved.
		expect((await thresholds(cwd, 'acme')).stdout).toContain('max wait:          120 s (2:00)');

		// And with the rest of the profile: show for people, list --format json as the file keeps them.
		const show = await runCli(['profiles', 'show', 'acme'], {cwd});
		expect(show.code).toBe(0);
		// The lines `thresholds` printed, under a heading of their own.
		const lines = set.stdout.trimEnd().split('\n').slice(1);
		expect(show.stdout).toContain(['thresholds:', ...lines.map(line => `  ${line}`)].join('\n'));
		const list = await runCli(['profiles', 'list', '--format', 'json'], {cwd});
		expect(JSON.parse(list.stdout)).toMatchObject([
			{name: 'acme', thresholds: {maxAbandon: 0.08, maxWaitSeconds: 120, minServiceLevel: 'target'}},
		]);

		// One flag changes its own threshold (a ratio this time, and the service level to a number); the others stay.
		expect((await thresholds(cwd, 'acme', '--max-abandon', '0.125', '--min-sl', '80')).code).toBe(0);
		expect(storeIn(cwd).get('acme')?.thresholds).toEqual({
			maxAbandon: 0.125,
			maxWaitSeconds: 120,
			minServiceLevel: 0.8,
		});
		expect((await thresholds(cwd, 'acme')).stdout).toMatch(/min service level: 80%\nmax abandon: +12\.5%\n/);

		// none removes one.
		const removed = await thresholds(cwd, 'acme', '--max-wait', 'none');
		expect(removed.code).toBe(0);
		expect(removed.stdout).toContain('max wait:          (none)');
		expect(storeIn(cwd).get('acme')?.thresholds).toEqual({maxAbandon: 0.125, minServiceLevel: 0.8});

		// The agent thresholds of people now, in seconds like the wait.
		const agents = await thresholds(cwd, 'acme', '--max-acw', '300', '--max-break', '900', '--max-idle', '600');
		expect(agents.code).toBe(0);
		expect(agents.stdout).toContain(
			['max ACW:           300 s (5:00)', 'max break:         900 s (15:00)', 'max idle:          600 s (10:00)'].join(
				'\n',
			),
		);
		expect(storeIn(cwd).get('acme')?.thresholds).toEqual({
			maxAbandon: 0.125,
			minServiceLevel: 0.8,
			maxAcwSeconds: 300,
			maxBreakSeconds: 900,
			maxIdleSeconds: 600,
		});
		expect((await thresholds(cwd, 'acme', '--max-idle', 'soon')).code).toBe(2);
		expect((await thresholds(cwd, 'acme', '--max-acw', 'none', '--max-break', 'none', '--max-idle', 'none')).code).toBe(
			0,
		);
		expect(storeIn(cwd).get('acme')?.thresholds).toEqual({maxAbandon: 0.125, minServiceLevel: 0.8});

		// --clear with a flag: only that one is left.
		expect((await thresholds(cwd, 'acme', '--clear', '--max-wait', '90')).code).toBe(0);
		expect(storeIn(cwd).get('acme')?.thresholds).toEqual({maxWaitSeconds: 90});

		// --clear alone: no thresholds left in the file at all, the rest of the profile as it was.
		const cleared = await thresholds(cwd, 'acme', '--clear');
		expect(cleared.code).toBe(0);
		expect(cleared.stdout).toContain('max abandon:       (none)');
		expect(storeIn(cwd).get('acme')).toEqual(fileProfile);
		expect(fs.readFileSync(storeIn(cwd).path, 'utf8')).not.toContain('thresholds');
	});

	it('sets the thresholds of a profile whose secret is in the keychain without reaching the keychain', async () => {
		// No D-Bus session in the child: an action that reached the keychain would fail. This one never does.
		const keychainProfile: Profile = {name: 'kc', region: 'eu-west-1', clientId: 'client-2', secretStore: 'keychain'};
		const cwd = saved(keychainProfile);
		const result = await thresholds(cwd, 'kc', '--max-abandon', '5%');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(storeIn(cwd).get('kc')).toEqual({...keychainProfile, thresholds: {maxAbandon: 0.05}});
	});

	it('refuses bad values and usage with exit 2 and a reason, saving nothing', async () => {
		const cwd = saved({...fileProfile, thresholds: {maxAbandon: 0.08}});
		const before = fs.readFileSync(storeIn(cwd).path, 'utf8');
		const cases: Array<[string[], RegExp]> = [
			[['acme', '--max-abandon', 'lots'], /--max-abandon "lots" is not a ratio[\s\S]*--max-abandon 80%/],
			[['acme', '--max-abandon', '150%'], /--max-abandon 150% is outside 0-100 %/],
			[['acme', '--min-sl', 'high'], /--min-sl "high" is not a ratio/],
			[['acme', '--max-wait=-5'], /--max-wait "-5" is not a number of seconds[\s\S]*--max-wait 120/],
			// A bad value among good ones: none of them is saved.
			[['acme', '--max-wait', '60', '--min-sl', '2 hours'], /--min-sl "2 hours" is not a ratio/],
			[['nobody', '--max-wait', '60'], /No saved profile named "nobody"[\s\S]*Saved profiles: acme/],
			[[], /takes one profile name/],
			[['acme', 'other'], /takes one profile name/],
			[['acme', '--max-queue', '3'], /Unknown flag --max-queue for profiles thresholds/],
		];
		for (const [args, message] of cases) {
			const result = await thresholds(cwd, ...args);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr, args.join(' ')).toMatch(message);
			expect(result.stderr).not.toMatch(/S3cret|Pr0xy|at .*\.js/);
			expect(result.stdout).toBe('');
		}
		expect(fs.readFileSync(storeIn(cwd).path, 'utf8')).toBe(before);
	});

	it('is in gqx profiles --help', async () => {
		const help = await runCli(['profiles', '--help']);
		expect(help.stdout).toMatch(/thresholds NAME \[--min-sl target\|RATIO\] \[--max-abandon RATIO\]/);
	});
});
