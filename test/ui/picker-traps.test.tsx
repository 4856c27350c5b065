// The profile picker's traps (#29): Esc after `p` goes back to the table rather than quitting; after `e` and Esc, or
// a delete declined, the cursor stays on the profile it was on, so a following `x` asks about that one.
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {emulator} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {appOnProfile, renderApp, tableShown} from './app-on-profile.js';
import {keys, press, ready, waitForText} from './ink.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 3});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

it('goes back to the table on Esc after p', async () => {
	const {app} = await appOnProfile(emu, {from: '2026-03-09', to: '2026-03-15'});
	await press(app, 'p');
	const picker = await waitForText(app, 'Profiles');
	expect(picker).toContain('Esc back');
	await press(app, keys.escape);
	await waitForText(app, tableShown);
});

it('keeps the cursor on the profile after e then Esc, and after a declined delete', async () => {
	const dir = scratchDir();
	const store = new ProfileStore({cwd: dir});
	store.save({name: 'first', region: 'eu-west-1', clientId: 'x', clientSecret: 'y'});
	store.save({name: 'second', region: 'us-east-1', clientId: 'x', clientSecret: 'y'});
	const app = renderApp(dir, {store});
	await ready(app, 'second  ·');
	// The list: never-used profiles by name; go to the second one.
	await press(app, keys.down);
	await waitForText(app, /❯ second/);
	await press(app, 'e');
	await waitForText(app, 'Edit profile second');
	await press(app, keys.escape);
	await ready(app, /❯ second/);
	await press(app, 'x');
	await waitForText(app, 'Delete profile second?');
	await press(app, 'n');
	await ready(app, /❯ second/);
	await press(app, 'x');
	await waitForText(app, 'Delete profile second?');
});
