// The TUI keeps V8's young generation at its starting size: checked on the Node running the tests (CI runs
// 20 to 26), since Node takes the setting at run time only because V8 reads it each time it would grow.
import {spawnSync} from 'node:child_process';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {cliPath} from '../run-cli.js';

const interactive = pathToFileURL(cliPath.replace(/cli\.js$/, 'commands/interactive.js')).href;

/** The young generation's size in MB after a burst of allocation that mostly survives, in a fresh Node. */
function youngGenerationMb(keepSmall: boolean): number {
	const code = `
		import v8 from 'node:v8';
		import {keepYoungGenerationSmall} from ${JSON.stringify(interactive)};
		if (${keepSmall}) keepYoungGenerationSmall();
		const kept = [];
		for (let index = 0; index < 3e6; index++) {
			const item = {index, list: [index]};
			if (index % 4 === 0) kept.push(item);
		}
		const young = v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
		console.log(young.space_size / 2 ** 20, kept.length);
	`;
	const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {encoding: 'utf8'});
	expect(child.stderr).toBe('');
	return Number(child.stdout.split(' ')[0]);
}

describe('the TUI young generation', () => {
	it('stays at its starting size (2 MB) where it would grow to 16 MB or more', () => {
		expect(youngGenerationMb(false)).toBeGreaterThanOrEqual(16);
		expect(youngGenerationMb(true)).toBeLessThanOrEqual(2);
	}, 30_000);
});
