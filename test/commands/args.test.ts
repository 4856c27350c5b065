// Flags given a negative number: gqx's own message for the value (exit 2), not Node's "argument is ambiguous".
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ProfileStore} from '../../source/profiles/store.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';

describe('a negative number after a flag', () => {
	it('is the flag’s value, refused in gqx’s words', async () => {
		const check = await runCommand(['check', '--demo', '--max-wait', '-5']);
		expect(check.code).toBe(2);
		expect(check.stderr).toContain('--max-wait "-5" is not a number of seconds');
		expect(check.stderr).not.toContain('ambiguous');

		const cwd = scratchDir();
		new ProfileStore({cwd: path.join(cwd, 'config')}).save({
			name: 'acme',
			region: 'eu-west-1',
			clientId: 'client-1',
			secretStore: 'file',
			clientSecret: 'secret',
		});
		const thresholds = await runCommand(['profiles', 'thresholds', 'acme', '--max-abandon', '-0.5'], {cwd});
		expect(thresholds.code).toBe(2);
		expect(thresholds.stderr).toContain('--max-abandon -0.5 is outside 0-100 %');
		expect(thresholds.stderr).not.toContain('ambiguous');

		const timeout = await runCommand(['export', '--demo', '--timeout', '-5']);
		expect(timeout.code).toBe(2);
		expect(timeout.stderr).toContain('--timeout');
		expect(timeout.stderr).not.toContain('ambiguous');
	});

	it('keeps a flag after a flag as parseArgs reads it', async () => {
		const result = await runCommand(['export', '--demo', '--output', '--wide']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('ambiguous');
	});
});
