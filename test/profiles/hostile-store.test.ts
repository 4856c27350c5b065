// The profiles folder and its lock against what others leave behind: GQX_CONFIG_DIR naming a shared folder (its
// mode untouched, a warning when others can write to it), a lock of a gqx killed with -9 (taken over at once),
// and the temporary copies with secrets such a gqx leaves (removed on the next open).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ProfileStore} from '../../source/profiles/store.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';

const acme = {name: 'acme', region: 'eu-west-1', clientId: 'id-acme', clientSecret: 'secret-acme'};

/** The pid of a process that has exited: what a gqx killed with -9 leaves in its lock. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await new Promise(resolve => child.once('exit', resolve));
	return child.pid!;
}

describe('GQX_CONFIG_DIR', () => {
	it('leaves the mode of a folder it did not make, and warns when others can write to it', async () => {
		const shared = path.join(scratchDir(), 'shared');
		fs.mkdirSync(shared);
		fs.chmodSync(shared, 0o777);
		const store = new ProfileStore({cwd: shared});
		store.save(acme);
		expect(fs.statSync(shared).mode & 0o777).toBe(0o777);
		expect(store.warnings[0]).toContain(`${shared}, can be written by other users (mode 0777)`);
		const listed = await runCommand(['profiles', 'list'], {env: {GQX_CONFIG_DIR: shared}});
		expect(listed.code).toBe(0);
		expect(listed.stderr).toContain('gqx: warning: The folder of the profiles file');
		expect(fs.statSync(shared).mode & 0o777).toBe(0o777);
	});
});

describe('after a gqx killed with -9', () => {
	it('takes over a lock whose process is gone at once, and removes its temporary copies', async () => {
		const dir = scratchDir();
		new ProfileStore({cwd: dir}).save(acme);
		const lock = path.join(dir, 'config.json.lock');
		fs.mkdirSync(lock);
		fs.writeFileSync(path.join(lock, 'pid'), String(await deadPid()));
		const orphan = path.join(dir, 'config.json.tmp-1733450000a1b2c3');
		fs.writeFileSync(orphan, JSON.stringify({profiles: {acme}}), {mode: 0o600});

		const started = Date.now();
		const store = new ProfileStore({cwd: dir});
		store.save({...acme, name: 'globex'});
		// Without the pid the lock looked fresh and the save failed after 5 s of waiting.
		expect(Date.now() - started).toBeLessThan(2000);
		expect(store.list().map(profile => profile.name)).toEqual(['acme', 'globex']);
		expect(fs.existsSync(orphan)).toBe(false);
		expect(fs.existsSync(lock)).toBe(false);
		expect(fs.readdirSync(dir).filter(name => name.includes('.tmp-') || name.includes('.stale-'))).toEqual([]);
	});

	it('waits for a lock whose process still runs', () => {
		const dir = scratchDir();
		new ProfileStore({cwd: dir}).save(acme);
		const lock = path.join(dir, 'config.json.lock');
		fs.mkdirSync(lock);
		// This test's own parent runs: its lock is not stale.
		fs.writeFileSync(path.join(lock, 'pid'), String(process.ppid));
		expect(() => new ProfileStore({cwd: dir}).save({...acme, name: 'globex'})).toThrow(
			`The profiles file is locked by another gqx (pid ${process.ppid}, ${lock}).`,
		);
		fs.rmSync(lock, {recursive: true});
	});
});
