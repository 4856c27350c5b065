// Reading a rendered line as a terminal shows it: one entry per column, so tests can check alignment.
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
