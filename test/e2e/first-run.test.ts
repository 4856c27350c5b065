// A first run at 80x24 in a real terminal (tmux): the profile name typed over the suggestion, a base URL or a
// domain pasted into the region search, the breadcrumb with its media, notices read whole, footers kept whole,
// and y/Y copying through OSC 52 into tmux's buffer.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {type CliEmulator, startCliEmulator} from './cli-emulator.js';
import {gqx, killTerms, serverCommand, startTerm, stopServer} from './tmux.js';

const size = {width: 80, height: 24};

afterEach(killTerms);
afterAll(() => stopServer());

function lines(screen: string): string[] {
	return screen.replace(/\n+$/, '').split('\n');
}

/** The footer (last line of the screen) keeps `? keys` and `q quit` whole. */
function expectFooter(screen: string): void {
	const footer = lines(screen).at(-1)!;
	expect(footer).toContain('? keys');
	expect(footer).toMatch(/q quit$/);
}

describe('first run against an emulator', () => {
	let emulator: CliEmulator;
	let url: string;
	beforeAll(async () => {
		emulator = await startCliEmulator(['--queues', '20']);
		url = emulator.url;
	});
	afterAll(() => emulator.stop());

	it('takes a pasted base URL in the region search and a name typed over the suggestion', async () => {
		const dir = scratchDir();
		const env = {GQX_CONFIG_DIR: path.join(dir, 'config')};
		const term = startTerm(gqx, {...size, cwd: dir, env});
		await term.waitFor('New profile · step 1 of 4');
		term.type(url);
		const offered = await term.waitFor('custom base URL');
		expect(offered).not.toContain('Nothing matches');
		term.keys('Enter');
		await term.waitFor('Client id:');
		expect(term.screen()).toContain(`Region: ${url}`);
		term.type('gqx-demo-client');
		term.keys('Enter');
		await term.waitFor('Client secret:');
		term.type('gqx-demo-secret');
		term.keys('Enter');
		// The suggestion is shown in the empty field; typing replaces it.
		const naming = await term.waitFor('Profile name: custom');
		expect(naming).toContain('✓ Logged in.');
		term.type('acme');
		await term.waitFor('Profile name: acme');
		term.keys('Enter');
		await term.waitFor('Dates · days in');
		const saved = JSON.parse(fs.readFileSync(path.join(dir, 'config', 'config.json'), 'utf8')) as {
			profiles: Record<string, unknown>;
		};
		expect(Object.keys(saved.profiles)).toEqual(['acme']);
	}, 60_000);

	it('takes the suggestion on Enter in the empty name field', async () => {
		const dir = scratchDir();
		const term = startTerm(gqx, {...size, cwd: dir, env: {GQX_CONFIG_DIR: path.join(dir, 'config')}});
		await term.waitFor('New profile · step 1 of 4');
		term.type(`${url}/`);
		await term.waitFor('custom base URL');
		term.keys('Enter');
		await term.waitFor('Client id:');
		term.type('gqx-demo-client');
		term.keys('Enter');
		await term.waitFor('Client secret:');
		term.type('gqx-demo-secret');
		term.keys('Enter');
		await term.waitFor('Profile name: custom');
		term.keys('Enter');
		await term.waitFor('Dates · days in');
		const saved = JSON.parse(fs.readFileSync(path.join(dir, 'config', 'config.json'), 'utf8')) as {
			profiles: Record<string, unknown>;
		};
		expect(Object.keys(saved.profiles)).toEqual(['custom']);
	}, 60_000);
});

describe('the region search', () => {
	for (const typed of ['mypurecloud.ie', 'apps.mypurecloud.ie', 'https://apps.mypurecloud.ie/directory/#/person']) {
		it(`selects eu-west-1 for ${typed}`, async () => {
			const dir = scratchDir();
			const term = startTerm(gqx, {...size, cwd: dir, env: {GQX_CONFIG_DIR: path.join(dir, 'config')}});
			await term.waitFor('New profile · step 1 of 4');
			term.type(typed);
			const screen = await term.waitFor('› eu-west-1');
			expect(screen).not.toContain('Nothing matches');
			term.keys('Enter');
			const next = await term.waitFor('Client id:');
			expect(next).toContain('Region: eu-west-1');
		}, 30_000);
	}
});

describe('the explorer at 80x24', () => {
	it('shows the media in the breadcrumb, reads the export notice whole, keeps the footer whole, and copies with y and Y', async () => {
		serverCommand('start-server');
		const dir = path.join(scratchDir(), 'quarterly-reports-for-the-operations-team', 'queue-performance');
		fs.mkdirSync(dir, {recursive: true});
		const term = startTerm(`${gqx} --demo`, {...size, cwd: dir, env: {GQX_CONFIG_DIR: path.join(dir, 'config')}});
		serverCommand('set', '-g', 'set-clipboard', 'on');
		await term.waitFor('Dates · days in');
		term.keys('Enter');
		expectFooter(await term.waitFor(/Total\s+[!~]?[\d,]+/));
		// The longest queue name, so the breadcrumb has to give way.
		term.type('/');
		await term.waitFor('Type to filter');
		term.type('overflow');
		term.keys('Enter');
		await term.waitFor(/\/overflow/);
		term.keys('Enter');
		await term.waitFor(/Media\s.*Offered/);
		term.keys('Enter');
		const intervals = await term.waitFor(/Interval▲\s+Offered/);
		const crumb = lines(intervals)[0]!;
		expect(crumb.length).toBeLessThanOrEqual(80);
		expect(crumb).toMatch(/ › (voice|chat|email|message|callback)$/);
		expectFooter(intervals);

		term.keys('y');
		await term.waitFor('Copied 1 row and a header line');
		const row = serverCommand('show-buffer').replace(/\n$/, '').split('\n');
		expect(row).toHaveLength(2);
		expect(row[0]!.split('\t').slice(0, 3)).toEqual(['Interval', 'Offered', 'Answered']);
		term.keys('Y');
		const copied = await term.waitFor(/Copied \d+ rows and a header line/);
		const count = Number(/Copied (\d+) rows/.exec(copied)?.[1]);
		const view = serverCommand('show-buffer').replace(/\n$/, '').split('\n');
		expect(view).toHaveLength(count + 1);
		expect(view[1]).toBe(row[1]);
		expect(count).toBeGreaterThan(1);

		term.keys('e');
		await term.waitFor('Export this view');
		term.keys('Enter');
		await term.waitFor('File: gqx-intervals-');
		term.keys('Enter');
		const wrote = await term.waitFor(/Wrote \d+ rows/);
		const file = fs.readdirSync(dir).find(name => name.startsWith('gqx-intervals-'))!;
		// The notice is longer than the screen is wide: it wraps, and the whole path can be read.
		const notice = lines(wrote).slice(1, 6).join('').replace(/\s/g, '');
		expect(notice).toContain(`Wrote${count}rowsto${path.join(dir, file)}`);
		for (const line of lines(wrote)) expect(line.length).toBeLessThanOrEqual(80);
		expectFooter(wrote);
		term.keys('q');
	}, 60_000);
});
