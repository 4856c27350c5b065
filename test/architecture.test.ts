// Dependencies point one way: cli -> commands -> ui -> data. Read from the imports of every source file.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../source');

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** The layer of a file: its first folder under source/ (or the file's own name at the top). */
function layerOf(file: string): string {
	const [first = ''] = path.relative(root, file).split(path.sep);
	if (first === 'cli.ts') return 'cli';
	if (['commands', 'ui'].includes(first)) return first;
	return 'data';
}

const rank: Record<string, number> = {cli: 3, commands: 2, ui: 1, data: 0};

/** Relative imports, static and dynamic, as source files. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map(match => match[1]!);
	return specifiers.map(specifier => path.resolve(path.dirname(file), specifier).replace(/\.js$/, ''));
}

describe('layers', () => {
	const files = sourceFiles(root);

	it('finds the source and every layer in it', () => {
		expect(new Set(files.map(layerOf))).toEqual(new Set(['cli', 'commands', 'ui', 'data']));
	});

	it('never imports a higher layer: data imports neither ui nor commands, ui does not import commands', () => {
		const wrong: string[] = [];
		for (const file of files) {
			for (const target of importsOf(file)) {
				const from = layerOf(file);
				const to = layerOf(`${target}.ts`);
				if (rank[to]! > rank[from]!)
					wrong.push(`${path.relative(root, file)} (${from}) imports ${path.relative(root, target)} (${to})`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('keeps the error family in source/errors.ts and imports nothing from outside source/', () => {
		for (const file of files) {
			for (const target of importsOf(file))
				expect(path.relative(root, target).startsWith('..'), `${file} -> ${target}`).toBe(false);
		}
		const families = files.filter(file => /class \w+Error extends GqxError/.test(fs.readFileSync(file, 'utf8')));
		expect(families.map(file => path.relative(root, file))).toEqual(['errors.ts']);
	});
});
