// The README's keys table is generated from the keymap; this keeps the two in step.
import fs from 'node:fs';
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
