// A range longer than 5 years (a typo such as --from 0001-01-01 started about 140,000 aggregate requests) is refused
// before anything is sent unless --yes says it is meant; the explorer's date step refuses it and names the way.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rangeBoundError, resolveRange} from '../../source/range/range.js';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 2, seed: 34, recordRequests: true});
});
afterAll(async () => emu.stop());

describe('range bound', () => {
	it('export and check refuse a range longer than 5 years before anything is sent', async () => {
		const range = ['--from', '0001-01-01', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy'];
		const exported = await runCommand(['export', ...range], {env: credentialsEnv(emu.url)});
		expect(exported.code).toBe(2);
		expect(exported.stderr).toContain(
			'gqx: The range 0001-01-01 → 2026-03-16 is 2025 years long; gqx runs at most 5 years without being told to',
		);
		expect(exported.stderr).toContain('Give a shorter range, or add --yes to run it anyway.');
		const checked = await runCommand(['check', '--max-abandon', '5%', ...range], {env: credentialsEnv(emu.url)});
		expect(checked.code).toBe(2);
		expect(checked.stderr).toContain('gqx runs at most 5 years');
		expect(emu.requests).toEqual([]);
	});

	it('allows exactly 5 years', () => {
		const now = DateTime.fromISO('2026-03-20T12:00:00Z');
		expect(rangeBoundError(resolveRange({from: '2021-03-16', to: '2026-03-15'}, 'UTC', now))).toBeUndefined();
		expect(rangeBoundError(resolveRange({from: '2021-03-16', to: '2026-03-16'}, 'UTC', now))?.message).toContain(
			'is 5 years long',
		);
	});

	it('--yes runs it', async () => {
		emu.requests.length = 0;
		// The first aggregate request fails at once: what matters is that one was sent.
		emu.inject({kind: 'status', status: 400, path: '/api/v2/analytics', body: JSON.stringify({message: 'stop'})});
		const result = await runCommand(
			['export', '--from', '2015-01-01', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy', '--yes'],
			{env: credentialsEnv(emu.url)},
		);
		emu.clearFaults();
		expect(result.stderr).not.toContain('gqx runs at most 5 years');
		expect(result.code).toBe(5);
		expect(emu.requests.some(request => request.path.startsWith('/api/v2/analytics'))).toBe(true);
	});
});
