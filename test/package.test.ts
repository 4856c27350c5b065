// What `npm pack` would publish: the product only (dist/ built from source/, README, package.json),
// no benchmark or scripts, and nothing in it imports a package that users do not install.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	dependencies: Record<string, string>;
};

/** The files `npm pack` would put in the tarball, from the dist/ the suite was built into. */
function packed(): string[] {
	// --ignore-scripts: the prepare script would rebuild dist/ under the other tests' feet.
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [pack] = JSON.parse(output) as Array<{files: Array<{path: string}>}>;
	return pack!.files.map(file => file.path);
}

describe('the package', () => {
	const files = packed();

	it('holds README, package.json and dist/ compiled from source/, and nothing else', () => {
		expect(files).toContain('README.md');
		expect(files).toContain('package.json');
		expect(files).toContain('dist/cli.js');
		for (const file of files) {
			if (['README.md', 'package.json', 'LICENSE'].includes(file)) continue;
			expect(file, file).toMatch(/^dist\/.+\.js$/);
			const source = file.replace(/^dist\//, 'source/').replace(/\.js$/, '');
			expect(
				fs.existsSync(path.join(root, `${source}.ts`)) || fs.existsSync(path.join(root, `${source}.tsx`)),
				`${file} has no source`,
			).toBe(true);
		}
	});

	it('imports only its dependencies and Node built-ins', () => {
		const imported = new Set<string>();
		for (const file of files.filter(each => each.endsWith('.js'))) {
			const code = fs.readFileSync(path.join(root, file), 'utf8');
			// Static imports and re-exports as tsc writes them (a statement of their own), and import().
			const statements = /^\s*(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
			const dynamic = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
			for (const match of [...code.matchAll(statements), ...code.matchAll(dynamic)]) {
				const specifier = match[1]!;
				if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
				imported.add(/^(@[^/]+\/[^/]+|[^/]+)/.exec(specifier)![1]!);
			}
		}
		expect(imported.has('ink')).toBe(true);
		for (const name of imported) expect(Object.keys(manifest.dependencies), name).toContain(name);
	});
});
