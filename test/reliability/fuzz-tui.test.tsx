// Seeded random keys against the whole app on the emulator, with faults injected now and then:
// no uncaught error, exactly one selected row whenever a table shows, the app always answers.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {GenesysClient} from '../../source/genesys/client.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {demoClient, type Emulator, type ScheduledFault} from '../../source/emulator/server.js';
import {checkFramesEvery} from '../../source/ui/fast-output.js';
import {emulator, mulberry32} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {renderApp} from '../ui/app-on-profile.js';
import {keys, ready} from '../ui/ink.js';

/** 20 seeds; 1,000 keys each unless FUZZ_KEYS says (CI sets it per Node line: docs/reliability.md). */
const seeds = 20;
const keysPerSeed = Number(process.env['FUZZ_KEYS'] ?? 1000);
// Every frame drawn both ways (test/setup.ts) made 100,000 keys take about 10 minutes: the long
// run compares every 5th frame with Ink's, still some 20,000 of them.
if (keysPerSeed > 1000) checkFramesEvery(5);

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 17});
});
afterAll(async () => emu.stop());

// Weighted: navigation most, then drilling and the rest. `q` and Ctrl+C are left out so a run goes on.
const alphabet = [
	...Array<string>(6).fill(keys.down),
	...Array<string>(4).fill(keys.up),
	'j',
	'k',
	keys.pageDown,
	keys.pageUp,
	'g',
	'G',
	keys.home,
	keys.end,
	keys.enter,
	keys.enter,
	keys.enter,
	keys.escape,
	keys.escape,
	keys.backspace,
	'/',
	'a',
	'e',
	's',
	'l',
	'x',
	'S',
	's',
	'i',
	'r',
	'e',
	'?',
	'd',
	'p',
	'n',
	'1',
	'2',
	'h',
	keys.left,
	keys.right,
];
const pickerKeys = [keys.down, keys.up, keys.enter];
const faults: ScheduledFault[] = [
	{kind: 'status', status: 503, path: '/api/v2/analytics'},
	{kind: 'malformed', path: '/api/v2/analytics'},
	{kind: 'reset', path: '/api/v2'},
	{kind: 'shape', path: '/api/v2/routing'},
];

describe('TUI key fuzz', () => {
	it(`survives ${seeds} seeds x ${keysPerSeed} keys with faults`, async () => {
		const errors: unknown[] = [];
		const onError = (error: unknown) => errors.push(error);
		process.on('uncaughtException', onError);
		process.on('unhandledRejection', onError);
		let tablesSeen = 0;
		let keysSent = 0;
		try {
			for (let seed = 1; seed <= seeds; seed++) {
				const random = mulberry32(seed);
				const dir = scratchDir();
				const store = new ProfileStore({cwd: dir});
				store.save({
					name: 'fuzz',
					region: emu.url,
					clientId: demoClient.id,
					clientSecret: demoClient.secret,
					timeZone: 'UTC',
					dateChoice: {from: '2026-03-09', to: '2026-03-11'},
				});
				const rendered = renderApp(dir, {
					start: {kind: 'profile', name: 'fuzz'},
					store,
					makeClient: (c, onRetry) => new GenesysClient({...c, onRetry, maxRetries: 0, timeoutMs: 2000}),
				});
				try {
					await ready(rendered, /Total|loading/);
					for (let index = 0; index < keysPerSeed; index++) {
						const frame = rendered.lastFrame() ?? '';
						const onPicker = frame.includes('Enter use · n new');
						const choices = onPicker ? pickerKeys : alphabet;
						if (random() < 0.002) emu.inject(faults[Math.floor(random() * faults.length)]!);
						const key = choices[Math.floor(random() * choices.length)]!;
						// In the export dialog's file name a leading / would write outside the run's own folder (to /).
						rendered.stdin.write(key === '/' && frame.includes('Export this view') ? 'x' : key);
						keysSent++;
						// Let Ink and pending requests run; every 25th key waits a little longer for answers.
						await new Promise(resolve => setTimeout(resolve, index % 25 === 0 ? 5 : 0));
						const after = rendered.lastFrame() ?? '';
						if (
							/\n\s+Total/.test(after) &&
							!after.includes(' ERROR ') &&
							!after.includes('Export this view') &&
							!after.includes('Keys\n')
						) {
							tablesSeen++;
							const selected = after.split('\n').filter(line => line.startsWith('›')).length;
							// "1 row", "1,234 rows" or "3/12 rows" (after "row 5 of " or "total of " once the selection has
							// left the first row): the rows that pass the filter.
							const shown = Number(
								(/│\s+(?:row [\d,]+ of |total of )?([\d,]+)(?:\/[\d,]+)? rows?\b/.exec(after)?.[1] ?? '0').replaceAll(
									',',
									'',
								),
							);
							expect(selected, `seed ${seed} key ${index}:\n${after}`).toBe(shown > 0 ? 1 : 0);
						}
					}
				} finally {
					emu.clearFaults();
					rendered.unmount();
				}
			}
		} finally {
			process.off('uncaughtException', onError);
			process.off('unhandledRejection', onError);
		}
		expect(errors).toEqual([]);
		expect(keysSent).toBe(seeds * keysPerSeed);
		expect(tablesSeen).toBeGreaterThan(keysSent / 10);
	}, 600_000);
});
