// `gqx emulator` in a process of its own, as a user starts it beside gqx, for the terminal tests that set gqx up on it.
import {spawn} from 'node:child_process';
import {cliPath} from '../run-cli.js';

export type CliEmulator = {url: string; stop(): void};

/** Starts `gqx emulator <args>` and resolves once it says the URL it listens on. */
export async function startCliEmulator(args: string[]): Promise<CliEmulator> {
	const child = spawn(process.execPath, [cliPath, 'emulator', ...args], {stdio: ['ignore', 'pipe', 'inherit']});
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout?.on('data', (chunk: Buffer) => {
			const match = /listening on (\S+)/.exec(chunk.toString());
			if (match?.[1]) resolve(match[1]);
		});
		child.on('error', reject);
	});
	return {url, stop: () => child.kill('SIGINT')};
}
