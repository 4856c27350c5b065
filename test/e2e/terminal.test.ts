// gqx in a real pseudo-terminal (tmux) at 80x24 and 160x48: the demo flow, the set-up flow against
// an emulator in its own process, and Ctrl+C on every screen, each ending with a restored terminal.
import fs from 'node:fs';
import path from 'node:path';
import {parse} from 'csv-parse/sync';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {metrics as allMetrics} from '../../source/metrics/catalog.js';
import {textWidth} from '../../source/text/columns.js';
import {scratchDir} from '../run-cli.js';
import {type CliEmulator, startCliEmulator} from './cli-emulator.js';
import {gqx, hasTmux, killTerms, pickPreset, startTerm, stopServer, type Term} from './tmux.js';

// The queue, media and interval levels show the queue levels' columns (the drill levels have their own).
const metrics = allMetrics.filter(metric => metric.onQueueLevels !== false);

afterEach(killTerms);
afterAll(() => stopServer());

async function expectRestored(term: Term, code = 0): Promise<void> {
	const screen = await term.waitFor(/ECHO:-?echo/);
	expect(screen).toContain(`EXIT:${code}`);
	// Echo back on, alternate screen left, cursor shown.
	expect(screen).toMatch(/ECHO:echo\b/);
	expect(term.state()).toEqual({alternate: false, cursorVisible: true});
}

describe('a real terminal', () => {
	it('has tmux (installed by .ci/run from Debian packages)', () => {
		expect(hasTmux()).toBe(true);
	});

	for (const [width, height] of [
		[80, 24],
		[120, 30],
		[200, 50],
	] as const) {
		it(`fits every level of the explorer to ${width}x${height}: no line wraps, wider shows more columns, names capped`, async () => {
			const dir = scratchDir();
			const term = startTerm(`${gqx} --demo`, {
				width,
				height,
				cwd: dir,
				env: {GQX_CONFIG_DIR: path.join(dir, 'config')},
			});
			await term.waitFor('Dates · days in');
			term.keys('Enter');
			const screens = [await term.waitFor(/Total\s+[!~]?[\d,]+/)];
			term.keys('Enter');
			screens.push(await term.waitFor(/Media\s.*Offered/));
			term.keys('Enter');
			screens.push(await term.waitFor(/Interval▲\s+Offered/));
			for (const screen of screens) {
				const lines = screen.split('\n');
				for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(width);
				const header = lines.find(line => /^ {2}(Queue|Media|Interval)/.test(line))!;
				const names = header.trim().split(/ {2,}|(?<=[▲▼]) +/);
				// The name column ends where the first number column's header begins (a live column for a range
				// with today, else Offered): at most 40 wide.
				expect(header.indexOf(names[1]!) - 2).toBeLessThanOrEqual(41 + 9);
				if (width >= 200) {
					// The live columns (the default range includes today) take room: only the least important
					// default metrics give way to them, none at a level without live columns.
					const defaults = metrics.filter(each => !each.hiddenByDefault);
					const missing = defaults.filter(metric => !header.includes(metric.header));
					const shown = defaults.filter(metric => !missing.includes(metric));
					const live = /Waiting/.test(header);
					if (!live) expect(missing.map(metric => metric.header)).toEqual([]);
					for (const metric of missing)
						expect(Math.min(...shown.map(each => each.priority)), metric.header).toBeGreaterThan(metric.priority);
					expect(shown.length).toBeGreaterThan(defaults.length / 2);
				}
				if (width === 80) expect(names.length).toBeLessThan(metrics.length);
			}
			term.keys('q');
			await expectRestored(term);
		});
	}

	for (const [width, height] of [
		[80, 24],
		[160, 48],
	] as const) {
		it(`runs the demo flow at ${width}x${height}: dates, queues, media, intervals, back, export, quit`, async () => {
			const dir = scratchDir();
			const term = startTerm(`${gqx} --demo`, {
				width,
				height,
				cwd: dir,
				env: {GQX_CONFIG_DIR: path.join(dir, 'config')},
			});
			await term.waitFor('Dates · days in');
			expect(term.state().alternate).toBe(true);
			term.keys('Enter');
			const table = await term.waitFor(/Total\s+[!~]?[\d,]+/);
			// Nothing wraps: every line fits the width.
			for (const line of table.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(width);
			expect(table).toMatch(/Queue\s.*Offered▼/);
			expect(table).toContain('Enter drill');
			term.keys('Enter');
			await term.waitFor(/Media\s.*Offered/);
			term.keys('Enter');
			const intervals = await term.waitFor('Offered   ');
			expect(intervals).toMatch(/by day/);
			term.keys('Escape');
			await term.waitFor(/Media\s.*Offered/);
			term.keys('Escape');
			const back = await term.waitFor(/Queue\s.*Offered▼/);
			const rowsOnScreen = back.split('\n').filter(line => /^[›\s] \S/.test(line) && !/Queue|Total/.test(line)).length;
			term.keys('e');
			await term.waitFor('Export this view');
			term.keys('Enter');
			await term.waitFor('File: gqx-queues-');
			term.keys('Enter');
			const wrote = await term.waitFor(/Wrote \d+ rows/);
			const count = Number(/Wrote (\d+) rows/.exec(wrote)?.[1]);
			const file = fs.readdirSync(dir).find(name => name.startsWith('gqx-queues-') && name.endsWith('.csv'));
			expect(file).toBeDefined();
			const rows = parse(fs.readFileSync(path.join(dir, file!), 'utf8'), {columns: true}) as Array<
				Record<string, string>
			>;
			// All rows of the view, not only the ones that fit on screen.
			expect(rows).toHaveLength(count);
			expect(count).toBeGreaterThanOrEqual(rowsOnScreen);
			term.keys('q');
			await expectRestored(term);
		}, 60_000);
	}
});

describe('set-up against an emulator of its own', () => {
	let emulator: CliEmulator;
	let url: string;
	beforeAll(async () => {
		emulator = await startCliEmulator(['--queues', '20']);
		url = emulator.url;
	});
	afterAll(() => emulator.stop());

	it('fixes a wrong secret in place, saves the profile, and starts on it the next time', async () => {
		const dir = scratchDir();
		const env = {GQX_CONFIG_DIR: path.join(dir, 'config')};
		const term = startTerm(gqx, {width: 100, height: 30, cwd: dir, env});
		await term.waitFor('New profile · step 1 of 4');
		term.type('custom');
		await term.waitFor('› Custom base URL');
		term.keys('Enter');
		await term.waitFor('Base URL:');
		term.type(url);
		term.keys('Enter');
		await term.waitFor('Client id:');
		term.type('gqx-demo-client');
		term.keys('Enter');
		await term.waitFor('Client secret:');
		term.type('not-the-secret');
		term.keys('Enter');
		const failed = await term.waitFor('✗ Login failed');
		expect(failed).not.toContain('not-the-secret');
		term.keys(...Array.from({length: 14}, () => 'BSpace'));
		term.type('gqx-demo-secret');
		term.keys('Enter');
		await term.waitFor('Profile name:');
		term.keys('Enter');
		await term.waitFor('Dates · days in');
		term.keys('Enter');
		await term.waitFor(/Total\s+[!~]?[\d,]+/);
		term.keys('q');
		await expectRestored(term);

		const again = startTerm(gqx, {width: 100, height: 30, cwd: dir, env});
		await again.waitFor('Profiles');
		expect(again.screen()).toMatch(/custom\s+·\s+http:\/\/127\.0\.0\.1/);
		// One keypress: the remembered dates open the table at once.
		again.keys('Enter');
		await again.waitFor(/Total\s+[!~]?[\d,]+/);
		again.keys('C-c');
		await expectRestored(again);
	}, 60_000);
});

describe('Ctrl+C', () => {
	const screens: Array<[string, (term: Term) => Promise<void>]> = [
		['the date step', async () => {}],
		[
			'the table',
			async term => {
				term.keys('Enter');
				await term.waitFor(/Total\s+[!~]?[\d,]+/);
			},
		],
		[
			'the help overlay',
			async term => {
				term.keys('Enter');
				await term.waitFor(/Total\s+[!~]?[\d,]+/);
				term.keys('?');
				await term.waitFor(/any (other )?key (to )?close/);
			},
		],
		[
			'the export dialog',
			async term => {
				term.keys('Enter');
				await term.waitFor(/Total\s+[!~]?[\d,]+/);
				term.keys('e');
				await term.waitFor('Export this view');
			},
		],
		[
			'the filter',
			async term => {
				term.keys('Enter');
				await term.waitFor(/Total\s+[!~]?[\d,]+/);
				term.keys('/');
				await term.waitFor('Type to filter');
			},
		],
		[
			'the time zone list',
			async term => {
				await pickPreset(term, 'Time zone');
				await term.waitFor('type to narrow');
			},
		],
	];
	for (const [where, reach] of screens) {
		it(`at ${where} leaves a restored terminal`, async () => {
			const dir = scratchDir();
			const term = startTerm(`${gqx} --demo`, {
				width: 100,
				height: 30,
				cwd: dir,
				env: {GQX_CONFIG_DIR: path.join(dir, 'config')},
			});
			await term.waitFor('Dates · days in');
			await reach(term);
			term.keys('C-c');
			await expectRestored(term);
		}, 30_000);
	}

	it('in the wizard leaves a restored terminal and saves nothing', async () => {
		const dir = scratchDir();
		const term = startTerm(gqx, {width: 100, height: 30, cwd: dir, env: {GQX_CONFIG_DIR: path.join(dir, 'config')}});
		await term.waitFor('New profile');
		term.type('eu');
		term.keys('C-c');
		await expectRestored(term);
		expect(
			fs.existsSync(path.join(dir, 'config', 'config.json')) &&
				JSON.parse(fs.readFileSync(path.join(dir, 'config', 'config.json'), 'utf8')).profiles,
		).toEqual({});
	}, 30_000);
});
