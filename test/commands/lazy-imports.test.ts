// What each way of starting gqx loads: --version and export never load Ink, the TUI's first
// frame loads neither the API client (got) nor the answer schemas (zod) nor the WebSocket (ws), and only a command that
// touches a keychain-held secret loads the keychain binding. Checked with a module
// resolution hook in a child process, so the list is what Node really loaded.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Packages (by name) and gqx's own files (by path) loaded by running `code` in a fresh Node. */
function loadedBy(code: string, options: {stderr?: RegExp} = {}): Set<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-imports-'));
	const list = path.join(dir, 'loaded.txt');
	// Each resolved URL is written at once, so an exit loses none. registerHooks (Node 22.15+) runs
	// the hook on the main thread; Node 20 has only register(), whose hooks run on a thread of their
	// own, and Node 26 deprecates register() with a warning on stderr.
	const record = `fs.appendFileSync(${JSON.stringify(list)}, result.url + '\\n');`;
	const hooks = path.join(dir, 'hooks.mjs');
	fs.writeFileSync(
		hooks,
		`import fs from 'node:fs';\nexport async function resolve(specifier, context, next) {\n\tconst result = await next(specifier, context);\n\t${record}\n\treturn result;\n}\n`,
	);
	const register = path.join(dir, 'register.mjs');
	fs.writeFileSync(
		register,
		[
			`import fs from 'node:fs';`,
			`import * as module from 'node:module';`,
			`if (module.registerHooks) {`,
			`\tmodule.registerHooks({`,
			`\t\tresolve(specifier, context, next) {`,
			`\t\t\tconst result = next(specifier, context);`,
			`\t\t\t${record}`,
			`\t\t\treturn result;`,
			`\t\t},`,
			`\t});`,
			`} else module.register(${JSON.stringify(pathToFileURL(hooks).href)});`,
			'',
		].join('\n'),
	);
	const script = path.join(dir, 'main.mjs');
	fs.writeFileSync(script, code);
	const result = spawnSync(process.execPath, ['--import', register, script], {
		cwd: root,
		encoding: 'utf8',
		env: {...process.env, NODE_ENV: 'production'},
	});
	if (options.stderr) expect(result.stderr).toMatch(options.stderr);
	else expect(result.stderr).toBe('');
	const loaded = fs.readFileSync(list, 'utf8');
	fs.rmSync(dir, {recursive: true, force: true});
	const packages = new Set<string>();
	for (const url of loaded.split('\n')) {
		// Our own modules by path, packages by name.
		if (url.startsWith(pathToFileURL(root).href) && !url.includes('/node_modules/'))
			packages.add(url.slice(pathToFileURL(root).href.length));
		const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
		if (match) packages.add(match[1]!);
	}
	return packages;
}

const cli = new URL('dist/cli.js', `file://${root}`).href;
const keyring = '@napi-rs/keyring';

describe('lazy imports', () => {
	it('draws the first frame of the TUI without the API client or the schemas', () => {
		const app = new URL('dist/ui/app.js', `file://${root}`).href;
		const loaded = loadedBy(`await import(${JSON.stringify(app)});\n`);
		expect(loaded.has('ink')).toBe(true);
		expect(loaded.has('got')).toBe(false);
		expect(loaded.has('zod')).toBe(false);
		// The live columns' push feed (the notifications' WebSocket) loads with its first channel.
		expect(loaded.has('ws')).toBe(false);
		expect(loaded.has('dist/genesys/notifications.js')).toBe(false);
	});

	it('answers --version without Ink, React or the API client', () => {
		const loaded = loadedBy(`process.argv.push('--version');\nawait import(${JSON.stringify(cli)});\n`);
		expect(loaded.has('dist/cli.js')).toBe(true);
		for (const name of ['ink', 'react', 'got', 'zod', keyring]) expect(loaded.has(name), name).toBe(false);
	});

	it('exports (on the demo) without Ink or the keychain', () => {
		const loaded = loadedBy(
			`process.argv.push('export', '--demo', '--from', '2026-03-02', '--to', '2026-03-02', '--format', 'csv');\nawait import(${JSON.stringify(cli)});\n`,
		);
		expect(loaded.has('dist/commands/export.js')).toBe(true);
		expect(loaded.has('got')).toBe(true);
		for (const name of ['ink', keyring]) expect(loaded.has(name), name).toBe(false);
	});

	it('starts the interactive demo without the keychain or the profiles file', () => {
		// A terminal as far as gqx can tell; the first frame of the date picker ends the run.
		const loaded = loadedBy(
			`
process.stdin.isTTY = true;
process.stdin.setRawMode = () => process.stdin;
process.stdout.isTTY = true;
process.stdout.columns = 100;
process.stdout.rows = 30;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
	if (String(chunk).includes('Dates')) setImmediate(() => process.exit(0));
	return write(chunk, ...rest);
};
process.argv.push('--demo');
await import(${JSON.stringify(cli)});
`,
			// Ink shows the cursor again on exit; nothing else.
			// eslint-disable-next-line no-control-regex
			{stderr: /^(\u001B\[\?25h)*$/},
		);
		expect(loaded.has('dist/ui/screens/date-picker.js')).toBe(true);
		expect(loaded.has('dist/commands/demo.js')).toBe(true);
		for (const name of [keyring, 'conf', 'dist/credentials/secret-store.js'])
			expect(loaded.has(name), name).toBe(false);
	});

	it('loads the keychain binding for a command that uses the keychain (the check above can see it)', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-imports-config-'));
		fs.writeFileSync(
			path.join(dir, 'config.json'),
			JSON.stringify({profiles: {a: {name: 'a', region: 'eu-west-1', clientId: 'id', clientSecret: 'secret'}}}),
		);
		const loaded = loadedBy(
			`process.env.GQX_CONFIG_DIR = ${JSON.stringify(dir)};\ndelete process.env.DBUS_SESSION_BUS_ADDRESS;\nprocess.argv.push('profiles', 'migrate-secrets');\nawait import(${JSON.stringify(cli)});\n`,
			{stderr: /a: not moved/},
		);
		fs.rmSync(dir, {recursive: true, force: true});
		expect(loaded.has(keyring)).toBe(true);
	});
});
