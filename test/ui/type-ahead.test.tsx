// Keys typed ahead of the screen are kept, as a shell keeps them: a table's key pressed while its level loads acts
// once the rows are in; keys after one that changes the screen are read against the screen it leads to.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {resolveRange} from '../../source/range/range.js';
import {emulator, testNow} from '../helpers.js';
import {renderExplorer, tableShown} from './app-on-profile.js';
import {keys, ready, settled, waitFor} from './ink.js';

let emu: Emulator;
beforeAll(async () => {
	// Slow enough answers that a key lands while the level loads.
	emu = await emulator({queues: 8, seed: 5, latencyMs: 300});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

const range = () => resolveRange({from: '2026-03-09', to: '2026-03-15'}, 'UTC', DateTime.fromMillis(testNow));

it('applies c pressed while the table loads once it is in', async () => {
	const app = renderExplorer(emu, range(), {width: 120, height: 30});
	await ready(app, /…/);
	app.stdin.write('c');
	await settled();
	await waitFor(
		app,
		text => text.includes('9–15 Mar 2026 vs 2–8 Mar 2026') && tableShown.test(text),
		'the comparison, with the table',
	);
});

it('reads the keys after Enter, in the same write, on the level Enter opens', async () => {
	const app = renderExplorer(emu, range(), {width: 120, height: 30});
	await ready(app, tableShown);
	// Enter opens the media level; G there selects its totals row, s sorts it by its next column.
	app.stdin.write(`${keys.enter}Gs`);
	const media = await waitFor(
		app,
		text => /\n›\s+Total/.test(text) && /\n\s+Media\s/.test(text),
		'media, on the total',
	);
	expect(media).toMatch(/sorted by (?!Offered)/);
});
