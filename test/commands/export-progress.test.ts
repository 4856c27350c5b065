// `gqx export` with stderr on a terminal: the progress line is cleared before records or a table reach the terminal,
// and before a failure is said; it is never cleared when it was never shown.
import fs from 'node:fs';
import path from 'node:path';
import {Readable, Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runExport} from '../../source/commands/export.js';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {scratchDir} from '../run-cli.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 60, seed: 4});
});
afterAll(async () => emu.stop());

const clear = '\r\u001B[K';

/** One log of what reached stdout and stderr, in order, as a terminal shows both. */
async function exportOnTerminal(args: string[], cwd = scratchDir()) {
	const log: Array<{to: 'out' | 'err'; text: string}> = [];
	const stream = (to: 'out' | 'err') =>
		Object.assign(
			new Writable({
				write(chunk: Buffer | string, _encoding, done) {
					log.push({to, text: chunk.toString()});
					done();
				},
			}),
			{isTTY: to === 'err'},
		);
	const code = await runExport(['--from', '2026-03-02', '--to', '2026-03-08', '--tz', 'UTC', ...args], {
		stdout: stream('out'),
		stderr: stream('err'),
		env: {...credentialsEnv(emu.url), NO_PROXY: '*'},
		cwd,
		stdin: Readable.from([]),
	});
	return {code, log};
}

/** Whether a progress line is on screen (written and not cleared) at each record write. */
function progressOpenAtOutput(log: ReadonlyArray<{to: 'out' | 'err'; text: string}>): boolean[] {
	let open = false;
	const states: boolean[] = [];
	for (const entry of log) {
		if (entry.to === 'err') open = entry.text.startsWith('\rgqx: fetching') || (open && !entry.text.startsWith(clear));
		else states.push(open);
	}
	return states;
}

describe('export progress on a terminal', () => {
	it('streams interval records a batch at a time, each on a clean line, the progress line coming back between', async () => {
		const {code, log} = await exportOnTerminal(['--level', 'intervals', '--granularity', 'P1D', '--format', 'csv']);
		expect(code).toBe(0);
		expect(log.filter(entry => entry.to === 'err' && entry.text.startsWith('\rgqx: fetching')).length).toBeGreaterThan(
			1,
		);
		const states = progressOpenAtOutput(log);
		expect(states.length).toBeGreaterThan(1);
		expect(states.every(open => !open)).toBe(true);
		expect(log.at(-1)?.text).not.toMatch(/fetching/);
	});

	it('draws a table after clearing the progress line', async () => {
		const {code, log} = await exportOnTerminal(['--level', 'intervals', '--granularity', 'P1D', '--format', 'table']);
		expect(code).toBe(0);
		expect(progressOpenAtOutput(log)).toEqual([false]);
	});

	it('fails before any request when --output cannot be written, and writes no clear when no progress was shown', async () => {
		const cwd = scratchDir();
		const missing = path.join(cwd, 'no-such-folder', 'out.csv');
		const failed = await exportOnTerminal(['--level', 'queues', '--format', 'csv', '--output', missing], cwd);
		expect(failed.code).toBe(2);
		const stderr = failed.log.map(entry => entry.text).join('');
		expect(stderr).toMatch(/Cannot write .*out\.csv: its folder does not exist/);
		expect(stderr).not.toContain(clear);
		expect(fs.readdirSync(cwd)).toEqual([]);
	});
});
