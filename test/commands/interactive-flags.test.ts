// The interactive command's own flags: a bad value is refused before any screen, with what is allowed, exit 2.
import {describe, expect, it} from 'vitest';
import {runCli} from '../run-cli.js';

describe('gqx (interactive) flags', () => {
	for (const [flags, says] of [
		[['--live', 'sockets'], /--live "sockets" is not one of push, poll, auto/],
		[['--demo', '--live', 'PUSH'], /--live "PUSH" is not one of push, poll, auto/],
		[['--refresh', '2'], /--refresh "2" is not a number of seconds from 5 to 3600/],
	] as const) {
		it(`refuses ${flags.join(' ')} with exit 2 and says what is allowed`, async () => {
			const result = await runCli([...flags]);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(says);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			expect(result.stdout).toBe('');
		});
	}
});
