// Keys typed ahead in a real terminal (tmux), sent in one write: gqx keeps them for the screen that reads them, as a
// shell does. `Enter c` on the dates menu picks the preset and turns the comparison on once the table is in.
import path from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {gqx, killTerms, startTerm, stopServer} from './tmux.js';

afterEach(killTerms);
afterAll(() => stopServer());

it('picks the dates and compares from Enter c sent in one write as the dates menu appears', async () => {
	const dir = scratchDir();
	const term = startTerm(`${gqx} --demo`, {
		width: 100,
		height: 30,
		cwd: dir,
		env: {GQX_CONFIG_DIR: path.join(dir, 'config'), NO_COLOR: '1'},
	});
	await term.waitFor('Dates · days in');
	// One write: Enter (the menu's first choice), then c, with no wait between them.
	term.type('\rc');
	const compared = await term.waitFor(/ vs [\s\S]*Total\s.*\d/);
	// The status line names both periods.
	expect(compared.split('\n')[1]).toMatch(/\d{4} vs \d+/);
	term.keys('q');
	await term.waitFor('EXIT:0');
});
