// Writing rows as csv, json, ndjson or a human table, to stdout or to a file that appears whole or not at all.
import fs from 'node:fs';
import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {type QueueRow, rowFields} from '../metrics/rows.js';

export const formats = ['table', 'csv', 'json', 'ndjson'] as const;
export type Format = (typeof formats)[number];

export function toCsv(rows: readonly QueueRow[]): string {
	return stringify(
		rows.map(row => rowFields.map(field => row[field])),
		{header: true, columns: [...rowFields], cast: {number: value => String(value)}},
	);
}

export function toJson(rows: readonly QueueRow[]): string {
	// One record a line inside the array keeps big exports diff- and grep-friendly.
	return rows.length === 0 ? '[]\n' : `[\n${rows.map(row => JSON.stringify(row)).join(',\n')}\n]\n`;
}

export function toNdjson(rows: readonly QueueRow[]): string {
	return rows.map(row => `${JSON.stringify(row)}\n`).join('');
}

export async function render(rows: readonly QueueRow[], format: Format, options: {columns?: number; level?: string}): Promise<string> {
	switch (format) {
		case 'csv':
			return toCsv(rows);
		case 'json':
			return toJson(rows);
		case 'ndjson':
			return toNdjson(rows);
		case 'table': {
			// Ink is loaded only for the human table, so scripts start fast.
			const {renderTable} = await import('./table-format.js');
			return renderTable(rows, options);
		}
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
