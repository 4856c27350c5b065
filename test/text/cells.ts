// Reading a rendered line as a terminal shows it: one entry per column, so tests can check alignment.
import {expect} from 'vitest';
import {textWidth} from '../../source/text/columns.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The line's columns: each grapheme in the first column it takes, '' in the second of a wide one. */
export function terminalColumns(line: string): string[] {
	const columns: string[] = [];
	for (const {segment} of segmenter.segment(line)) {
		const width = textWidth(segment);
		if (width === 0) {
			if (columns.length > 0) columns[columns.length - 1] += segment;
			continue;
		}
		columns.push(segment);
		for (let extra = 1; extra < width; extra++) columns.push('');
	}
	return columns;
}

/** Columns `from` (included) to `to` (excluded) of a line, as text. */
export function columnSlice(line: string, from: number, to?: number): string {
	return terminalColumns(line).slice(from, to).join('');
}

/** The column where `text` starts in `line`, or -1. */
export function columnOf(line: string, text: string): number {
	const index = line.indexOf(text);
	return index === -1 ? -1 : textWidth(line.slice(0, index));
}

/**
 * Checks a drawn table as a terminal shows it: no line wider than `width`, and in every row from
 * the header to the totals each of `numberHeaders` has its cell end in the column where its header
 * (and its sort arrow) ends, with a space or the line's end after it. Returns the rows checked.
 */
export function expectColumnsAligned(screen: string, width: number, numberHeaders: readonly string[]): string[] {
	const lines = screen.split('\n');
	for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(width);
	const headerAt = lines.findIndex(line => /^ {2}(Queue|Media|Interval)\b/.test(line));
	const totalAt = lines.findIndex((line, index) => index > headerAt && /^( {2}|› )Total\b/.test(line));
	expect(headerAt >= 0 && totalAt > headerAt, 'a header and a totals row').toBe(true);
	const header = lines[headerAt]!;
	const ends = numberHeaders
		.filter(name => columnOf(header, name) >= 0)
		.map(name => {
			const end = columnOf(header, name) + textWidth(name);
			return /[▲▼]/.test(terminalColumns(header)[end] ?? '') ? end + 1 : end;
		});
	expect(ends.length > 0, 'number columns on screen').toBe(true);
	// The rows drawn, without the blank lines under a short table.
	const rows = lines.slice(headerAt + 1, totalAt + 1).filter(line => line.trim() !== '');
	for (const row of rows) {
		const columns = terminalColumns(row);
		for (const end of ends) {
			expect(columns[end - 1] !== ' ' && columns[end - 1] !== undefined, `a number ends at ${end}: ${row}`).toBe(true);
			expect(columns[end] === undefined || columns[end] === ' ', `nothing runs on at ${end}: ${row}`).toBe(true);
		}
	}
	return rows;
}
