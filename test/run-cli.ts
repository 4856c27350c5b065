// Runs the built gqx as a child process, as users and cron jobs do.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export type CliResult = {code: number | null; stdout: string; stderr: string};

/** A fresh folder for a child's config and working directory. */
export function scratchDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-test-'));
}

export type CliOptions = {env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number; input?: string};

/** The environment gqx gets in a test: only PATH of the test's own, home and config in `cwd`, UTC, no colour. */
export function cliEnv(cwd: string, overrides: CliOptions['env'] = {}): Record<string, string> {
	const env: Record<string, string> = {
		PATH: process.env['PATH'] ?? '',
		HOME: cwd,
		GQX_CONFIG_DIR: path.join(cwd, 'config'),
		TZ: 'UTC',
		NO_COLOR: '1',
	};
	for (const [key, value] of Object.entries(overrides)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
	const cwd = options.cwd ?? scratchDir();
	const env = cliEnv(cwd, options.env);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd,
			env,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		if (options.input !== undefined) child.stdin?.end(options.input);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`gqx ${args.join(' ')} did not finish in time\n${stderr}`));
		}, options.timeoutMs ?? 20_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}
