// --ca-file is read whole before anything is sent: a PEM header followed by junk, or a certificate cut short, is
// refused (exit 2) with what is wrong, and the host never hears from gqx; a real CA file is accepted.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';
import {makeCertificates} from './forward-proxy.js';

let emu: Emulator;
const day = ['--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy', '--format', 'json'];

beforeAll(async () => {
	emu = await emulator({queues: 2, seed: 33, recordRequests: true});
});
afterAll(async () => emu.stop());

describe('--ca-file', () => {
	it('refuses a PEM header followed by junk, or a certificate cut short, before anything is sent', async () => {
		const dir = scratchDir();
		const junk = path.join(dir, 'junk.pem');
		fs.writeFileSync(junk, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
		const real = fs.readFileSync(makeCertificates(dir).caFile, 'utf8');
		const cut = path.join(dir, 'cut.pem');
		fs.writeFileSync(cut, `${real}${real.slice(0, real.length / 2)}`);
		for (const [file, which] of [
			[junk, 'certificate 1'],
			[cut, 'certificate 2: no END CERTIFICATE line'],
		] as const) {
			const result = await runCommand(['export', '--ca-file', file, ...day], {env: credentialsEnv(emu.url)});
			expect(result.code, file).toBe(2);
			expect(result.stderr, file).toContain(
				`gqx: The CA file ${file} (--ca-file) holds a certificate that cannot be read (${which}`,
			);
			expect(result.stderr).not.toContain('    at ');
		}
		expect(emu.requests).toEqual([]);
	});

	it('accepts a file of real certificates', async () => {
		const dir = scratchDir();
		const {caFile} = makeCertificates(dir);
		const both = path.join(dir, 'both.pem');
		fs.writeFileSync(both, `${fs.readFileSync(caFile, 'utf8')}\n${fs.readFileSync(caFile, 'utf8')}`);
		const result = await runCommand(['export', '--ca-file', both, ...day], {env: credentialsEnv(emu.url)});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	});
});
