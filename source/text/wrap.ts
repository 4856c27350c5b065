// Word wrap for messages that must be read whole (notices): lines of at most `width` columns, never cut.
import {textWidth} from './columns.js';

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** A word wider than a line, split between graphemes into pieces of at most `room` columns. */
function splitWord(word: string, room: number): string[] {
	const pieces: string[] = [];
	let piece = '';
	let width = 0;
	for (const {segment} of graphemes.segment(word)) {
		const each = textWidth(segment);
		if (piece && width + each > room) {
			pieces.push(piece);
			piece = '';
			width = 0;
		}
		piece += segment;
		width += each;
	}
	if (piece) pieces.push(piece);
	return pieces;
}

/**
 * `text` as lines of at most `width` terminal columns (a wide character takes two), broken at spaces; a
 * word longer than a line (a path) is split across lines, between graphemes, rather than shortened, so
 * nothing of it is lost.
 */
export function wrapWords(text: string, width: number): string[] {
	const room = Math.max(2, width);
	const lines: string[] = [];
	let line = '';
	// The line's width as it grows: measuring the whole line again for each word made a long line quadratic.
	let lineWidth = 0;
	for (const word of text.split(/ +/)) {
		if (word === '') continue;
		const wordWidth = textWidth(word);
		if (line && lineWidth + 1 + wordWidth <= room) {
			line += ` ${word}`;
			lineWidth += 1 + wordWidth;
			continue;
		}
		if (line) lines.push(line);
		const pieces = wordWidth > room ? splitWord(word, room) : [word];
		lines.push(...pieces.slice(0, -1));
		line = pieces.at(-1) ?? '';
		lineWidth = textWidth(line);
	}
	if (line) lines.push(line);
	return lines;
}
