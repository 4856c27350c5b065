// The one record writer: streamed formats a batch at a time, a table gathered and fitted, a file whole or not at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, expect, it, vi} from 'vitest';
import {formatRecords, openRecordWriter, writeRecords} from '../../source/export/output.js';
import type {RecordSpec} from '../../source/text/records.js';

type Item = {id: string; name: string; count: number | null};

const spec: RecordSpec<Item> = {
	fields: ['id', 'name', 'count'],
	table: {
		empty: 'Nothing here.\n',
		columns: () => [
			{header: 'Name', align: 'left', text: item => item.name},
			{header: 'Count', align: 'right', priority: 1, text: item => String(item.count ?? '-')},
		],
	},
};
const items: Item[] = [
	{id: 'a', name: 'Alpha', count: 1},
	{id: 'b', name: 'Beta, "quoted"', count: null},
];

function collect(): {stream: PassThrough; text: () => string} {
	const stream = new PassThrough();
	const chunks: string[] = [];
	stream.on('data', chunk => chunks.push(String(chunk)));
	return {stream, text: () => chunks.join('')};
}

describe('record writer', () => {
	it('writes batches as one valid document in each format, the fields in order, the same as whole', async () => {
		for (const format of ['csv', 'json', 'ndjson'] as const) {
			const out = collect();
			const writer = openRecordWriter(format, {stream: out.stream}, spec);
			await writer.write(items.slice(0, 1));
			await writer.write(items.slice(1));
			await writer.end();
			expect(writer.count).toBe(2);
			expect(out.text(), format).toBe(formatRecords(format, spec, items));
		}
		expect(JSON.parse(formatRecords('json', spec, items))).toEqual(items);
		expect(formatRecords('csv', spec, []).trim()).toBe('id,name,count');
		expect(formatRecords('json', spec, [])).toBe('[]\n');
		expect(formatRecords('table', spec, [])).toBe('Nothing here.\n');
	});

	it('a table is drawn at the end with its total, fitted to the width', async () => {
		const out = collect();
		const count = await writeRecords('table', {stream: out.stream}, spec, async write => {
			await write(items);
			return {total: {id: '', name: 'Total', count: 1}};
		});
		expect(count).toBe(2);
		expect(out.text().split('\n').at(-2)).toMatch(/^Total\s+1$/);
		const narrow = collect();
		await writeRecords('table', {stream: narrow.stream}, spec, async write => write(items), {width: 16});
		expect(narrow.text().split('\n')[0]).toBe('Name');
	});

	it('a file appears whole on success and not at all on failure, leaving what was there', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-output-'));
		const file = path.join(folder, 'out.csv');
		fs.writeFileSync(file, 'before\n');
		await expect(
			writeRecords('csv', {file}, spec, async write => {
				await write(items);
				throw new Error('the server went away');
			}),
		).rejects.toThrow('the server went away');
		expect(fs.readFileSync(file, 'utf8')).toBe('before\n');
		expect(fs.readdirSync(folder)).toEqual(['out.csv']);
		for (const format of ['csv', 'table'] as const) {
			await writeRecords(format, {file}, spec, async write => write(items));
			expect(fs.readFileSync(file, 'utf8')).toBe(formatRecords(format, spec, items));
		}
		expect(fs.readdirSync(folder)).toEqual(['out.csv']);
	});

	it('never writes through a file or symlink planted where the temporary file goes', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-output-'));
		const file = path.join(folder, 'out.csv');
		const victim = path.join(folder, 'victim.txt');
		fs.writeFileSync(victim, 'precious\n');
		// The name the temporary file had (the target, the pid), planted by someone who can write to the folder.
		const planted = `${file}.gqx-${process.pid}.tmp`;
		fs.symlinkSync(victim, planted);
		for (const format of ['csv', 'json', 'table'] as const) {
			await writeRecords(format, {file}, spec, async write => write(items));
			expect(fs.lstatSync(file).isSymbolicLink(), format).toBe(false);
			expect(fs.readFileSync(file, 'utf8'), format).toBe(formatRecords(format, spec, items));
			expect(fs.readFileSync(victim, 'utf8'), format).toBe('precious\n');
		}
		expect(fs.readdirSync(folder).sort()).toEqual(['out.csv', path.basename(planted), 'victim.txt'].sort());
		// The temporary file is created with O_EXCL under a random name each time (never the same twice).
		const opened: string[] = [];
		const openSync = fs.openSync;
		const spy = vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
			opened.push(`${String(args[0])} ${String(args[1])}`);
			return openSync(...args);
		});
		try {
			await writeRecords('csv', {file}, spec, async write => write(items));
			await writeRecords('csv', {file}, spec, async write => write(items));
		} finally {
			spy.mockRestore();
		}
		expect(opened).toHaveLength(2);
		for (const each of opened) expect(each).toMatch(/out\.csv\.gqx-[0-9a-f]{16}\.tmp wx$/);
		expect(new Set(opened).size).toBe(2);
	});

	it('a file that cannot be written fails at once, before anything is produced, saying what to do', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gqx-output-'));
		for (const format of ['csv', 'json', 'ndjson', 'table'] as const) {
			let produced = false;
			const run = writeRecords(format, {file: path.join(folder, 'missing', 'out.csv')}, spec, async write => {
				produced = true;
				await write(items);
			});
			await expect(run, format).rejects.toThrow(/Cannot write .*out\.csv: its folder does not exist/);
			expect(produced, format).toBe(false);
		}
		// A failure before the first record leaves nothing behind either.
		await expect(
			writeRecords('csv', {file: path.join(folder, 'out.csv')}, spec, async () => {
				throw new Error('login failed');
			}),
		).rejects.toThrow('login failed');
		expect(fs.readdirSync(folder)).toEqual([]);
	});
});
