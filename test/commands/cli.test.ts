// The command line itself: help, version, regions, unknown commands, and the standalone emulator.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../run-cli.js';

describe('gqx', () => {
	it('prints its version and help', async () => {
		const version = await runCli(['--version']);
		expect(version.stdout.trim()).toBe(
			(JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string})
				.version,
		);
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toMatch(/gqx export \[options\]/);
		const exportHelp = await runCli(['export', '--help']);
		expect(exportHelp.stdout).toMatch(/Exit codes: 0 ok, 2 bad usage/);
	});

	it('lists the 18 regions', async () => {
		const result = await runCli(['regions']);
		expect(result.stdout.trim().split('\n')).toHaveLength(19);
		expect(result.stdout).toMatch(/eu-west-1\s+mypurecloud\.ie\s+Europe \(Ireland\)/);
	});

	it('rejects an unknown command or flag with exit 2', async () => {
		const command = await runCli(['exprot']);
		expect(command.code).toBe(2);
		expect(command.stderr).toMatch(/unknown command "exprot"/);
		const flag = await runCli(['--demoo']);
		expect(flag.code).toBe(2);
		expect(flag.stderr).toMatch(/Unknown flag --demoo/);
	});

	it('refuses the interactive mode without a terminal, pointing at export', async () => {
		const result = await runCli([]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/needs a terminal[\s\S]*gqx export/);
	});

	it('refuses wait bands that are not ascending positive whole seconds, before anything else (exit 2)', async () => {
		for (const [bands, message] of [
			['30,20', /--bands must be in ascending order: 20 comes after 30/],
			['-5,10', /"-5" is not one/],
			['5,x', /"x" is not one/],
		] as const) {
			const result = await runCli(['--demo', '--bands', bands]);
			expect(result.code, bands).toBe(2);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).toMatch(/For example --bands 5,15,30,60,180/);
		}
	});

	it('runs the emulator standalone, usable by gqx export, until interrupted', async () => {
		const child = spawn(process.execPath, [cliPath, 'emulator', '--queues', '7', '--seed', '4'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const url = await new Promise<string>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
				if (match?.[1] && output.includes('Press Ctrl+C')) resolve(match[1]);
			});
			child.on('error', reject);
			setTimeout(() => reject(new Error(`no URL in: ${output}`)), 10_000);
		});
		expect(output).toContain('client id:     gqx-demo-client');
		expect(output).toContain('queues: 7, seed 4');
		const exported = await runCli(['export', '--preset', 'last-30-days', '--level', 'queues', '--format', 'json'], {
			env: {
				GENESYS_CLOUD_REGION: url,
				GENESYS_CLOUD_CLIENT_ID: 'gqx-demo-client',
				GENESYS_CLOUD_CLIENT_SECRET: 'gqx-demo-secret',
			},
		});
		expect(exported.code).toBe(0);
		expect((JSON.parse(exported.stdout) as unknown[]).length).toBe(7);
		const exit = new Promise<number | null>(resolve => child.on('close', resolve));
		child.kill('SIGINT');
		expect(await exit).toBe(0);
	});
});
