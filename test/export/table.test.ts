// `gqx export --format table` at 80, 120 and 200 columns: compact, fitted, numbers aligned, a totals row.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {metrics as allMetrics} from '../../source/metrics/catalog.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCli} from '../run-cli.js';
import {textWidth} from '../../source/text/columns.js';
import {columnOf, columnSlice} from '../text/cells.js';

// The export table shows the queue levels' columns (the agent and wrap-up code levels have their own).
const metrics = allMetrics.filter(metric => metric.onQueueLevels !== false);

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 5});
});
afterAll(async () => emu.stop());

const range = ['--from', '2026-03-02', '--to', '2026-03-08', '--tz', 'UTC'];

async function table(args: string[], env: Record<string, string> = {}): Promise<string[]> {
	const result = await runCli(['export', ...range, '--format', 'table', ...args], {
		env: {
			...credentialsEnv(emu.url),
			...env,
		},
	});
	expect(result.code, result.stderr).toBe(0);
	return result.stdout.replace(/\n$/, '').split('\n');
}

/** Header names: runs of text separated by two or more spaces. */
function headers(line: string): string[] {
	return line.trim().split(/ {2,}/);
}

describe('export --format table', () => {
	for (const level of ['queues', 'media', 'intervals'] as const) {
		it(`fits 80, 120 and 200 columns at the ${level} level: one line a record, a rule under the header only, a totals row`, async () => {
			const extra = level === 'intervals' ? ['--granularity', 'P1D'] : ['--level', level];
			const csv = await runCli(['export', ...range, '--format', 'csv', ...extra], {
				env: credentialsEnv(emu.url),
			});
			const parsed = parse(csv.stdout, {columns: true}) as Array<Record<string, string>>;
			const records = parsed.length;
			const offeredTotal = parsed.reduce((sum, record) => sum + Number(record['offered']), 0);
			let previous: string[] = [];
			for (const width of [80, 120, 200]) {
				const lines = await table(extra, {COLUMNS: String(width)});
				for (const line of lines) expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
				// Header, rule, the records, the totals: no rules between rows.
				expect(lines).toHaveLength(records + 3);
				expect(lines[1]).toMatch(/^[─ ]+$/);
				expect(lines.slice(2).filter(line => /─/.test(line))).toEqual([]);
				const total = lines.at(-1)!;
				expect(total).toMatch(/^Total /);
				const names = headers(lines[0]!);
				expect(names[0]).toBe('Queue');
				expect(names).toContain('Offered');
				expect(total).toContain(offeredTotal.toLocaleString('en-US'));
				// Wider shows more, in the same order, never fewer.
				expect(names.filter(name => previous.includes(name))).toEqual(previous);
				expect(names.length).toBeGreaterThanOrEqual(previous.length);
				// Numbers are right-aligned: each ends where its header ends.
				const offeredEnd = columnOf(lines[0]!, 'Offered') + 'Offered'.length;
				for (const line of lines.slice(2)) expect(columnSlice(line, 0, offeredEnd), line).toMatch(/\d$/);
				previous = names;
			}
			// At 200 columns nearly every column shown by default (the division and the callbacks only when picked).
			expect(previous.length).toBeGreaterThan(metrics.filter(metric => !metric.hiddenByDefault).length - 2);
		});
	}

	it('keeps every column with --wide, and without a width when stdout is not a terminal', async () => {
		const all = metrics.filter(metric => !metric.hiddenByDefault).map(metric => metric.header);
		const wide = headers((await table(['--level', 'queues', '--wide'], {COLUMNS: '80'}))[0]!);
		const piped = headers((await table(['--level', 'queues']))[0]!);
		for (const list of [wide, piped]) expect(list).toEqual(['Queue', ...list.slice(1)]);
		expect(new Set(wide.slice(1))).toEqual(new Set(all));
		expect(piped).toEqual(wide);
		const narrow = headers((await table(['--level', 'queues'], {COLUMNS: '80'}))[0]!);
		expect(narrow.length).toBeLessThan(wide.length);
		// The most important go last: offered and service level stay at 80 columns.
		expect(narrow).toEqual(expect.arrayContaining(['Offered', 'SL %']));
	});
});
