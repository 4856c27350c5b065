// Writing rows as csv, json, ndjson or a human table, to stdout or to a file that appears whole or not at all.
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {type QueueRow, rowFields} from '../metrics/rows.js';
import {renderTable, type TableOptions} from './table.js';

export const formats = ['table', 'csv', 'json', 'ndjson'] as const;
export type Format = (typeof formats)[number];

/**
 * A record's fields in order (the CSV header, the JSON keys): the queue levels' by default (with --compare
 * the compared ones after them); the agent and wrap-up code levels have their own (their rows carry the extra
 * identity fields), and so do `export --level hours`'s records.
 */
export type Fields = ReadonlyArray<string>;

type AnyRecord = QueueRow | Readonly<Record<string, unknown>>;

function valueOf(row: AnyRecord, field: string): unknown {
	return (row as Readonly<Record<string, unknown>>)[field] ?? null;
}

/** One record as JSON, with exactly `fields` in their order (a replacer list keeps its order; rows have every field). */
function jsonRecord(row: AnyRecord, fields: Fields): string {
	return JSON.stringify(row, fields as string[]);
}

function csvText(rows: readonly AnyRecord[], header: boolean, fields: Fields = rowFields): string {
	return stringify(
		rows.map(row => fields.map(field => valueOf(row, field))),
		{header, columns: [...fields], cast: {number: value => String(value)}},
	);
}

export function toCsv(rows: readonly AnyRecord[], fields: Fields = rowFields): string {
	return csvText(rows, true, fields);
}

export function toJson(rows: readonly AnyRecord[], fields: Fields = rowFields): string {
	// One record a line inside the array keeps big exports diff- and grep-friendly.
	return rows.length === 0 ? '[]\n' : `[\n${rows.map(row => jsonRecord(row, fields)).join(',\n')}\n]\n`;
}

export function toNdjson(rows: readonly AnyRecord[], fields: Fields = rowFields): string {
	return rows.map(row => `${jsonRecord(row, fields)}\n`).join('');
}

export async function render(
	rows: readonly QueueRow[],
	format: Format,
	options: TableOptions & {fields?: Fields},
	fields: Fields = options.fields ?? rowFields,
): Promise<string> {
	switch (format) {
		case 'csv':
			return toCsv(rows, fields);
		case 'json':
			return toJson(rows, fields);
		case 'ndjson':
			return toNdjson(rows, fields);
		case 'table':
			return renderTable(rows, options);
	}
}

/** Writes next to the target and renames, so a failed run never leaves half a file. */
export function writeFileAtomic(file: string, text: string): void {
	const target = path.resolve(file);
	const temporary = `${target}.gqx-${process.pid}.tmp`;
	try {
		fs.writeFileSync(temporary, text, {mode: 0o644});
		fs.renameSync(temporary, target);
	} catch (error) {
		fs.rmSync(temporary, {force: true});
		throw error;
	}
}

/** Rows written as they come, in order, so a big export never holds all of them at once. */
export type RowSink = {
	write(rows: readonly AnyRecord[]): Promise<void>;
	/** Finishes the output (for a file: renames it into place). */
	end(): Promise<void>;
	/** Drops a half-written file. */
	abort(): void;
	readonly count: number;
};

type Target = {stream: NodeJS.WritableStream; file?: undefined} | {file: string; stream?: undefined};

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

export function openSink(format: Exclude<Format, 'table'>, target: Target, fields: Fields = rowFields): RowSink {
	const temporary = target.file ? `${path.resolve(target.file)}.gqx-${process.pid}.tmp` : undefined;
	const stream = temporary ? fs.createWriteStream(temporary, {mode: 0o644}) : target.stream!;
	let count = 0;
	let ended = false;
	return {
		get count() {
			return count;
		},
		async write(rows) {
			if (rows.length === 0) return;
			let text: string;
			if (format === 'csv') {
				text = csvText(rows, count === 0, fields);
			} else if (format === 'json') {
				text = `${count === 0 ? '[\n' : ',\n'}${rows.map(row => jsonRecord(row, fields)).join(',\n')}`;
			} else {
				text = toNdjson(rows, fields);
			}
			count += rows.length;
			await writeTo(stream, text);
		},
		async end() {
			if (ended) return;
			ended = true;
			if (format === 'json') await writeTo(stream, count === 0 ? '[]\n' : '\n]\n');
			else if (count === 0 && format === 'csv') await writeTo(stream, toCsv([], fields));
			if (temporary && target.file) {
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
