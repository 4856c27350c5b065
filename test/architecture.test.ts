// Dependencies point one way, read from the imports of every source file: each folder imports only folders of a
// lower rank (or its own), no two folders import each other, and no files import each other in a circle.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../source');

/**
 * The ranks, lowest first: a folder may import its own rank and those below it. Within the data layer:
 * text, range, errors < net < genesys (the API client) < metrics (pure math) < reports (fetch and roll up) <
 * levels (one module per kind of row) < export (record writers) < ui < commands < cli.
 */
const ranks: ReadonlyArray<readonly string[]> = [
	['text', 'errors', 'range'],
	['net'],
	['genesys'],
	['metrics', 'emulator'],
	['reports', 'profiles'],
	['levels', 'credentials'],
	['export', 'watch'],
	['ui'],
	['commands'],
	['cli'],
];

const rankOf = new Map(ranks.flatMap((names, rank) => names.map(name => [name, rank] as const)));

function sourceFiles(folder: string): string[] {
	return fs.readdirSync(folder, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** A file's place: `genesys/client` (no extension). */
function placeOf(file: string): string {
	return path
		.relative(root, file)
		.replace(/\.tsx?$/, '')
		.split(path.sep)
		.join('/');
}

/** The folder of a place under source/ (or the file's own name at the top: `cli`, `errors`). */
function folderOf(place: string): string {
	return place.split('/')[0]!;
}

type Edge = {from: string; to: string};

/** Relative imports, static and dynamic, type-only ones too, as places. */
function importsOf(file: string): Edge[] {
	const text = fs.readFileSync(file, 'utf8');
	const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map(match => match[1]!);
	return specifiers.map(specifier => ({
		from: placeOf(file),
		to: placeOf(path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts')),
	}));
}

/** Imports of a higher rank than the importer's, and of folders no rank names. */
function upwardImports(edges: readonly Edge[]): string[] {
	const wrong: string[] = [];
	for (const {from, to} of edges) {
		const fromRank = rankOf.get(folderOf(from));
		const toRank = rankOf.get(folderOf(to));
		if (fromRank === undefined || toRank === undefined) wrong.push(`${from} -> ${to}: a folder with no rank`);
		else if (toRank > fromRank) wrong.push(`${from} (${folderOf(from)}) imports ${to} (${folderOf(to)})`);
	}
	return wrong;
}

/** The strongly connected parts of a graph with more than one node (Tarjan): each one a circle of imports. */
function cycles(edges: readonly Edge[]): string[][] {
	const next = new Map<string, Set<string>>();
	for (const {from, to} of edges) {
		if (from === to) continue;
		if (!next.has(from)) next.set(from, new Set());
		if (!next.has(to)) next.set(to, new Set());
		next.get(from)!.add(to);
	}
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const target of next.get(node) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node)!, low.get(target)!));
			} else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
		}
		if (low.get(node) !== index.get(node)) return;
		const part: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			part.push(member);
		} while (member !== node);
		if (part.length > 1) found.push(part.sort());
	};
	for (const node of next.keys()) if (!index.has(node)) visit(node);
	return found;
}

const folderEdges = (edges: readonly Edge[]): Edge[] =>
	edges.map(({from, to}) => ({from: folderOf(from), to: folderOf(to)}));

/** Every rule at once: what the suite checks on the source, and on the source with an edge planted. */
function problems(edges: readonly Edge[]): string[] {
	return [
		...upwardImports(edges),
		...cycles(folderEdges(edges)).map(part => `folders import each other: ${part.join(', ')}`),
		...cycles(edges).map(part => `files import each other: ${part.join(', ')}`),
	];
}

describe('layers', () => {
	const files = sourceFiles(root);
	const edges = files.flatMap(importsOf);

	it('ranks every folder of the source, and every rank is used', () => {
		const folders = new Set(files.map(file => folderOf(placeOf(file))));
		expect([...folders].filter(folder => !rankOf.has(folder))).toEqual([]);
		expect([...rankOf.keys()].filter(folder => !folders.has(folder))).toEqual([]);
	});

	it('imports only down the ranks, with no circle between folders or between files', () => {
		expect(problems(edges)).toEqual([]);
	});

	it('catches a planted back-edge, a folder circle and a file circle', () => {
		// The API client reaching up into the metric math: the shape of the genesys <-> metrics cycle there was.
		const planted = [...edges, {from: 'genesys/analytics', to: 'metrics/rows'}];
		expect(problems(planted)).toEqual(
			expect.arrayContaining([
				'genesys/analytics (genesys) imports metrics/rows (metrics)',
				expect.stringMatching(/^folders import each other: .*genesys.*metrics/),
			]),
		);
		const sameFolder = [...edges, {from: 'metrics/format', to: 'metrics/catalog'}];
		expect(problems(sameFolder)).toEqual([expect.stringMatching(/^files import each other: .*metrics\/catalog/)]);
		// Same rank, different folders: allowed one way, not both.
		const sameRank = [...edges, {from: 'text/collate', to: 'range/range'}, {from: 'range/compare', to: 'text/wrap'}];
		expect(problems(sameRank)).toEqual([expect.stringMatching(/^folders import each other: .*range.*text/)]);
	});

	it('keeps the error family in source/errors.ts and imports nothing from outside source/', () => {
		for (const {from, to} of edges) expect(to.startsWith('..'), `${from} -> ${to}`).toBe(false);
		const families = files.filter(file => /class \w+Error extends GqxError/.test(fs.readFileSync(file, 'utf8')));
		expect(families.map(file => path.relative(root, file))).toEqual(['errors.ts']);
	});
});
