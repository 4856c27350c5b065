// Records out, for every command and screen that writes them (gqx export, gqx check, the explorer's `e`): csv, json,
// ndjson or a text table, to a stream or to a file that appears whole or not at all. Records are written a batch at
// a time, so a big export never holds all of them; a table, which is for people, is gathered and fitted at the end.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {UsageError} from '../errors.js';
import {formulaSafe} from './formulas.js';
import {terminalJson} from '../text/sanitize.js';
import {fieldTable, type Fields, type RecordSpec} from '../text/records.js';
import {textTable} from '../text/table.js';

export type {Fields, RecordSpec} from '../text/records.js';

export const formats = ['table', 'csv', 'json', 'ndjson'] as const;
export type Format = (typeof formats)[number];

export type Target = {stream: NodeJS.WritableStream; file?: undefined} | {file: string; stream?: undefined};

export type WriteOptions<R> = {
	/** The width a table fits; undefined keeps every column. */
	width?: number;
	/** A table's last line (the totals); files of records have none. */
	total?: R;
	/** CSV text cells as received: no apostrophe before a leading = + - @ TAB CR (--raw-csv). */
	rawCsv?: boolean;
};

export type RecordWriter<R> = {
	write(records: readonly R[]): Promise<void>;
	/** Finishes the output (a table is drawn now, with `total` as its last line; a file is renamed into place). */
	end(total?: R): Promise<void>;
	/** Drops a half-written file. */
	abort(): void;
	readonly count: number;
};

function valueOf(record: unknown, field: string): unknown {
	return (record as Readonly<Record<string, unknown>>)[field] ?? null;
}

/**
 * One record as JSON, with exactly `fields` in their order (a replacer list keeps its order). C1 and bidi controls in
 * names are escaped too (JSON leaves them raw): the output may go to a terminal, and it reads back the same.
 */
function jsonRecord(record: unknown, fields: Fields): string {
	return terminalJson(JSON.stringify(record, fields as string[]));
}

/**
 * Records as CSV. Text cells that a spreadsheet would run as a formula (a queue named `=HYPERLINK(...)`) start with
 * an apostrophe unless `raw`; numbers are cast before that and never get one (a negative number stays a number).
 */
function csvText(records: readonly unknown[], header: boolean, fields: Fields, raw = false): string {
	return stringify(
		records.map(record => fields.map(field => valueOf(record, field))),
		{
			header,
			columns: [...fields],
			cast: {
				number: value => String(value),
				// csv-stringify writes true as 1 and false as an empty cell.
				boolean: value => String(value),
				...(raw ? {} : {string: (value: string) => formulaSafe(value)}),
			},
		},
	);
}

/** Records as the whole text of one output. */
export function formatRecords<R>(
	format: Format,
	spec: RecordSpec<R>,
	records: readonly R[],
	options: WriteOptions<R> = {},
): string {
	switch (format) {
		case 'csv':
			return csvText(records, true, spec.fields, options.rawCsv);
		case 'json':
			// One record a line inside the array keeps big exports diff- and grep-friendly.
			return records.length === 0
				? '[]\n'
				: `[\n${records.map(record => jsonRecord(record, spec.fields)).join(',\n')}\n]\n`;
		case 'ndjson':
			return records.map(record => `${jsonRecord(record, spec.fields)}\n`).join('');
		case 'table': {
			const table = spec.table ?? fieldTable<R>(spec.fields);
			return records.length === 0
				? table.empty
				: textTable(records, table.columns(records), {width: options.width, total: options.total});
		}
	}
}

/** A file that cannot be written (no such folder, no permission, a full disk), said as what to do. */
export function cannotWrite(file: string, error: unknown): Error {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT')
		return new UsageError(
			`Cannot write ${file}: its folder does not exist.`,
			'Create the folder, or give another path.',
		);
	if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
		return new UsageError(`Cannot write ${file}: permission denied.`, 'Give a path in a folder you can write to.');
	if (code === 'ENOTDIR')
		return new UsageError(`Cannot write ${file}: part of its path is a file, not a folder.`, 'Give another path.');
	if (code === 'EISDIR' || (code === 'ENOTEMPTY' && fs.statSync(file, {throwIfNoEntry: false})?.isDirectory()))
		return new UsageError(`Cannot write ${file}: it is a folder.`, 'Give a file name in it, or another path.');
	if (code === 'ENOSPC')
		return new UsageError(
			`Cannot write ${file}: the disk is full.`,
			'Free some space, or give a path on another disk.',
		);
	return error as Error;
}

/**
 * A new temporary file next to `target` (same folder, so the rename is atomic), opened for writing: its name has a
 * random part and it is created exclusively (O_EXCL), so a file or symlink planted there beforehand is never
 * written through. Throws what opening threw (cannotWrite says it).
 */
function openTemporary(target: string): {temporary: string; descriptor: number} {
	for (let attempt = 0; ; attempt++) {
		const temporary = `${target}.gqx-${randomBytes(8).toString('hex')}.tmp`;
		try {
			return {temporary, descriptor: fs.openSync(temporary, 'wx', 0o644)};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw error;
		}
	}
}

/** Writes next to the target and renames, so a failed run never leaves half a file. */
export function writeFileAtomic(file: string, text: string): void {
	const target = path.resolve(file);
	let temporary: string | undefined;
	try {
		const opened = openTemporary(target);
		temporary = opened.temporary;
		try {
			fs.writeFileSync(opened.descriptor, text);
		} finally {
			fs.closeSync(opened.descriptor);
		}
		fs.renameSync(temporary, target);
	} catch (error) {
		if (temporary) fs.rmSync(temporary, {force: true});
		throw cannotWrite(file, error);
	}
}

function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
	if (text === '') return Promise.resolve();
	return new Promise((resolve, reject) => {
		const onError = (error: Error) => reject(error);
		stream.once('error', onError);
		const drained = stream.write(text, () => {
			stream.off('error', onError);
			if (drained) resolve();
		});
		if (!drained) stream.once('drain', () => resolve());
	});
}

/** A table: gathered, then drawn whole at the end. */
function tableWriter<R>(target: Target, spec: RecordSpec<R>, width: number | undefined): RecordWriter<R> {
	// Checked now, before anything is fetched: the table is written at the end.
	if (target.file !== undefined)
		try {
			fs.accessSync(path.dirname(path.resolve(target.file)), fs.constants.W_OK);
		} catch (error) {
			throw cannotWrite(target.file, error);
		}
	const records: R[] = [];
	return {
		get count() {
			return records.length;
		},
		async write(batch) {
			records.push(...batch);
		},
		async end(total) {
			const text = formatRecords('table', spec, records, {width, total});
			if (target.file !== undefined) writeFileAtomic(target.file, text);
			else await writeTo(target.stream, text);
		},
		abort() {},
	};
}

/** Records written as they come, in order, to the stream or to a file renamed into place at the end. */
export function openRecordWriter<R>(
	format: Format,
	target: Target,
	spec: RecordSpec<R>,
	options: {width?: number; rawCsv?: boolean} = {},
): RecordWriter<R> {
	if (format === 'table') return tableWriter(target, spec, options.width);
	let temporary: string | undefined;
	let stream: NodeJS.WritableStream;
	if (target.file !== undefined) {
		// Opened now, before anything is fetched: a path that cannot be written fails at once, and abort() can
		// remove the file knowing it exists.
		let descriptor: number;
		try {
			({temporary, descriptor} = openTemporary(path.resolve(target.file)));
		} catch (error) {
			throw cannotWrite(target.file, error);
		}
		stream = fs.createWriteStream('', {fd: descriptor});
		// A write that fails later (a full disk) rejects that write; this keeps it from being an uncaught error.
		stream.on('error', () => {});
	} else stream = target.stream!;
	const {fields} = spec;
	let count = 0;
	let ended = false;
	return {
		get count() {
			return count;
		},
		async write(records) {
			if (records.length === 0) return;
			let text: string;
			if (format === 'csv') text = csvText(records, count === 0, fields, options.rawCsv);
			else if (format === 'json')
				text = `${count === 0 ? '[\n' : ',\n'}${records.map(record => jsonRecord(record, fields)).join(',\n')}`;
			else text = formatRecords('ndjson', spec, records);
			count += records.length;
			await writeTo(stream, text);
		},
		async end() {
			if (ended) return;
			ended = true;
			if (format === 'json') await writeTo(stream, count === 0 ? '[]\n' : '\n]\n');
			else if (count === 0 && format === 'csv') await writeTo(stream, csvText([], true, fields, options.rawCsv));
			if (temporary && target.file !== undefined) {
				await new Promise<void>((resolve, reject) =>
					(stream as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
				);
				fs.renameSync(temporary, path.resolve(target.file));
			}
		},
		abort() {
			if (!temporary) return;
			(stream as fs.WriteStream).destroy();
			fs.rmSync(temporary, {force: true});
		},
	};
}

/**
 * Writes records through `write` (a writer opened here for `format` and `target`), then ends the output; a failure
 * drops a half-written file. Returns how many records were written.
 */
export async function writeRecords<R>(
	format: Format,
	target: Target,
	spec: RecordSpec<R>,
	produce: (write: (records: readonly R[]) => Promise<void>) => Promise<{total?: R} | void>,
	options: {width?: number; rawCsv?: boolean} = {},
): Promise<number> {
	const writer = openRecordWriter(format, target, spec, options);
	try {
		const produced = await produce(records => writer.write(records));
		await writer.end(produced ? produced.total : undefined);
	} catch (error) {
		writer.abort();
		throw error;
	}
	return writer.count;
}
