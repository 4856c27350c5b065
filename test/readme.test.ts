// The README's keys table is generated from the keymap; this keeps the two in step.
import fs from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {levelsMarkdown} from '../source/levels/registry.js';
import {liveMetricsMarkdown, metricsMarkdown} from '../source/metrics/catalog.js';
import {keysMarkdown} from '../source/ui/keymap.js';

it('README lists exactly the keys of the keymap', () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const block = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
	expect(block).toBe(keysMarkdown());
});

it('README lists exactly the metric columns of the catalog', () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const block = /<!-- metrics:start -->\n([\s\S]*?)\n<!-- metrics:end -->/.exec(readme)?.[1];
	expect(block).toBe(metricsMarkdown());
});

it('README lists exactly the registered explorer levels', () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const block = /<!-- levels:start -->\n([\s\S]*?)\n<!-- levels:end -->/.exec(readme)?.[1];
	expect(block).toBe(levelsMarkdown());
});

it('README quick start has the two commands that work on a fresh clone', () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
	expect(
		quickStart
			.trim()
			.split('\n')
			.map(line => line.split('#')[0]?.trim()),
	).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
});

it('README lists exactly the live columns of the catalog', () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const block = /<!-- live-metrics:start -->\n([\s\S]*?)\n<!-- live-metrics:end -->/.exec(readme)?.[1];
	expect(block).toBe(liveMetricsMarkdown());
});

it("README's source tree lists every folder of source/ and names every file in its folder's lines", () => {
	const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const block = /<!-- tree:start -->\n```\n([\s\S]*?)```\n<!-- tree:end -->/.exec(readme)?.[1] ?? '';
	// Each folder's lines: from its `  name/` line to the next line that starts a folder or a top-level file.
	const sections = new Map<string, string>();
	let current: string | undefined;
	for (const line of block.split('\n')) {
		const start = /^ {2}([\w/-]+\/|[\w-]+\.ts)\s/.exec(line)?.[1];
		if (start) {
			current = start.replace(/\/$/, '');
			sections.set(current, '');
		}
		if (current) sections.set(current, `${sections.get(current)} ${line}`);
	}
	const source = new URL('../source/', import.meta.url);
	const folders = fs
		.readdirSync(source, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isDirectory())
		.map(entry => path.relative(source.pathname, path.join(entry.parentPath, entry.name)));
	expect([...sections.keys()].filter(name => !name.endsWith('.ts')).sort()).toEqual(folders.sort());
	for (const folder of folders) {
		const files = fs
			.readdirSync(new URL(`../source/${folder}/`, import.meta.url))
			.filter(name => /\.tsx?$/.test(name))
			.map(name => name.replace(/\.tsx?$/, ''));
		const lines = sections.get(folder) ?? '';
		expect(
			files.filter(name => !new RegExp(`(^|[^\\w-])${name}([^\\w-]|$)`).test(lines)),
			`${folder}/ files the README does not name`,
		).toEqual([]);
	}
});
