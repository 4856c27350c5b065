// The explorer on small terminals (80x24, 60x20): the help (`?`) shows every key of the keymap whole, in pages, and
// the footer offers only keys that act on the level and row shown.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {resolveRange} from '../../source/range/range.js';
import {helpRows} from '../../source/ui/keymap.js';
import {emulator, testNow} from '../helpers.js';
import {renderExplorer, tableShown} from './app-on-profile.js';
import {keys, press, ready, waitFor} from './ink.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 8, seed: 5});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const range = () => resolveRange({from: '2026-03-02', to: '2026-03-04'}, 'UTC', DateTime.fromMillis(testNow));

/**
 * The help box's text a column after the other (the second starts after a gap of three spaces on every line, past
 * a third of the width), joined, so wrapped descriptions read whole again.
 */
function helpText(frame: string, width: number): string {
	const lines = frame.split('\n').filter(line => line.startsWith('│'));
	// The title and the page line span both columns.
	const body = lines.slice(1, -1);
	const gapAt = (x: number) =>
		body.every(line => line.slice(x - 3, x).trim() === '') && body.some(line => (line[x] ?? ' ') !== ' ');
	let split = width;
	for (let x = Math.floor(width / 3); x < width - 4; x++)
		if (gapAt(x)) {
			split = x;
			break;
		}
	const column = (from: number, to: number) => lines.map(line => line.slice(from, to).replaceAll('│', ' ')).join(' ');
	return `${column(0, split)} ${column(split, width)}`.replaceAll(/\s+/g, ' ');
}

describe.each([
	[80, 24],
	[60, 20],
])('at %ix%i', (width, height) => {
	it('shows every key of the keymap in the help, whole, a page at a time', async () => {
		const app = renderExplorer(emu, range(), {width, height});
		await ready(app, tableShown);
		await press(app, '?');
		let frame = await waitFor(app, text => text.includes('Keys'), 'the help');
		const seen: string[] = [];
		for (let page = 0; page < 10; page++) {
			const lines = frame.split('\n');
			expect(lines.length).toBeLessThanOrEqual(height);
			for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
			seen.push(helpText(frame, width));
			if (!frame.includes('next page')) break;
			const before = frame;
			await press(app, keys.pageDown);
			frame = await waitFor(app, text => text !== before, 'the next page');
		}
		const all = seen.join(' ');
		for (const row of helpRows()) {
			expect(all).toContain(row.keys);
			expect(all).toContain(row.description.replaceAll(/\s+/g, ' '));
		}
		// Any other key closes it.
		await press(app, 'x');
		await waitFor(app, text => tableShown.test(text) && !text.includes('Keys'), 'the table again');
	});
});

/** The footer: the frame's last line. */
const footerOf = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

describe.each([
	[80, 24],
	[60, 20],
])('the footer at %ix%i', (width, height) => {
	it('offers only keys that act on the level and row, and a key that cannot says why', async () => {
		const app = renderExplorer(emu, range(), {width, height});
		const queues = await waitFor(app, text => tableShown.test(text), 'the queues');
		await ready(app, tableShown);
		// The first level: nothing to go back to.
		expect(footerOf(queues)).toContain('Enter drill in');
		expect(footerOf(queues)).not.toContain('Esc');
		expect(footerOf(queues)).toContain('? keys');
		expect(footerOf(queues).length).toBeLessThanOrEqual(width);

		await press(app, 'a');
		const agents = await waitFor(app, text => /\n\s+Agent\s/.test(text) && tableShown.test(text), 'the agents');
		const footer = footerOf(agents);
		expect(footer).toContain('Esc/Bksp back');
		for (const offered of ['a agents', 'w wrap-ups', 'h heat map', 'l pause']) expect(footer).not.toContain(offered);
		// w cannot act on agents: the status line says so, and the level stays.
		await press(app, 'w');
		const refused = await waitFor(app, text => text.includes('does nothing on this level'), 'why w does nothing');
		expect(refused).toMatch(/\n\s+Agent\s/);

		// On the totals row Enter opens nothing, so it is not offered.
		await press(app, 'G');
		const total = await waitFor(app, text => /\n›\s+Total/.test(text), 'the totals row selected');
		expect(footerOf(total)).not.toContain('Enter');
	});

	it('offers l and r on a live view', async () => {
		const today = resolveRange({preset: 'today'}, 'UTC', DateTime.fromMillis(testNow));
		const app = renderExplorer(emu, today, {width, height}, 'acme', {live: true});
		const frame = await waitFor(app, text => tableShown.test(text), 'the live queues');
		expect(footerOf(frame)).toContain('l pause');
		expect(footerOf(frame)).toContain('r refresh');
		expect(footerOf(frame).length).toBeLessThanOrEqual(width);
	});
});

it('says so when the filter matches no row, and Esc at the first level clears a kept filter', async () => {
	const app = renderExplorer(emu, range(), {width: 80, height: 24});
	await ready(app, tableShown);
	await press(app, '/', 'zzzz', keys.enter);
	const empty = await waitFor(app, text => text.includes('Nothing matches “zzzz”'), 'the no-match line');
	expect(empty).toContain('Esc clears the filter');
	expect(footerOf(empty)).toContain('Esc/Bksp back');
	await press(app, keys.escape);
	await waitFor(app, text => tableShown.test(text) && !text.includes('zzzz'), 'the table, unfiltered');
});

it('keeps the column set while a filter is typed', async () => {
	const app = renderExplorer(emu, range(), {width: 80, height: 24});
	const before = await waitFor(app, text => tableShown.test(text), 'the queues');
	await ready(app, tableShown);
	const header = (frame: string) => frame.split('\n').find(line => /^\s+Queue\s/.test(line)) ?? '';
	expect(header(before)).not.toBe('');
	await press(app, '/');
	for (const typed of ['S', 'Sa', 'Sal']) {
		await press(app, typed.at(-1)!);
		const frame = await waitFor(app, text => text.includes(`/${typed}`), `the filter ${typed}`);
		expect(header(frame)).toBe(header(before));
	}
});

it('jumps to the first and last column in the picker with Home/g and End/G', async () => {
	const app = renderExplorer(emu, range(), {width: 80, height: 24});
	await ready(app, tableShown);
	await press(app, 'v');
	await waitFor(app, text => text.includes('Columns of the queue level'), 'the picker');
	const cursorLine = () => (app.lastFrame() ?? '').split('\n').find(line => line.includes('› [')) ?? '';
	await press(app, 'G');
	expect(cursorLine()).toMatch(/› \[ \]/);
	await press(app, 'g');
	expect(cursorLine()).toMatch(/\s1\. /);
});

it('says where the selection is once it has left the first row', async () => {
	const app = renderExplorer(emu, range(), {width: 80, height: 24});
	const first = await waitFor(app, text => tableShown.test(text), 'the queues');
	await ready(app, tableShown);
	const status = (frame: string) => frame.split('\n')[1] ?? '';
	expect(status(first)).toMatch(/│ {2}8 rows {2}│/);
	await press(app, 'j', 'j');
	await waitFor(app, text => status(text).includes('row 3 of 8 rows'), 'row 3 of 8');
	await press(app, 'G');
	await waitFor(app, text => status(text).includes('total of 8 rows'), 'the totals row');
	await press(app, 'g');
	const top = await waitFor(app, text => /\n› \S/.test(text) && !status(text).includes('total'), 'the first row');
	expect(status(top)).toMatch(/│ {2}8 rows {2}│/);
});
