// One line of known width drawn cheaply. Ink measures every text node with string-width on every frame
// (render-node-to-output), and a line with one character outside printable ASCII (a name in another script, an
// ellipsis, the selection mark) is read grapheme by grapheme: on a board of 5,000 people most of a frame's time.
// So the line is laid out as runs of `x` exactly as wide as its pieces (ASCII, measured at once, and the same text
// frame after frame, so Ink's measure cache keeps it) in the pieces' colours, and where Ink writes the line a
// transform (as <Transform> uses) puts the real text back between the colour codes.
import {Text} from 'ink';
import {createElement} from 'react';
import {startOf} from '../../text/columns.js';

/** A run of text drawn in one colour, and its width in terminal columns (as string-width measures it). */
export type LinePiece = {text: string; width: number; color?: string | undefined};

/** The colour codes Ink's colours write (SGR), as one piece each. */
// eslint-disable-next-line no-control-regex
const styleCodes = /(\u001B\[[\d;]*m)/;
const ellipsis = '…';

const placeholders = new Map<number, string>();

function placeholder(width: number): string {
	let text = placeholders.get(width);
	if (text === undefined) {
		text = 'x'.repeat(width);
		placeholders.set(width, text);
	}
	return text;
}

/**
 * The line Ink wrote (placeholders between colour codes) with the pieces' text in place of the placeholders. A line
 * Ink cut short (a terminal narrower than the line for a frame) ends in an ellipsis, which stays.
 */
export function restoreLine(written: string, pieces: readonly LinePiece[]): string {
	let out = '';
	let next = 0;
	for (const token of written.split(styleCodes)) {
		if (token.length === 0) continue;
		if (token.charCodeAt(0) === 0x1b) {
			out += token;
			continue;
		}
		const cut = token.endsWith(ellipsis);
		let room = cut ? token.length - 1 : token.length;
		while (room > 0 && next < pieces.length) {
			const piece = pieces[next]!;
			if (piece.width <= room) {
				out += piece.text;
				room -= piece.width;
				next++;
			} else {
				// Only where Ink cut the line: the piece's first columns, the ellipsis after them.
				out += startOf(piece.text, room);
				room = 0;
				next = pieces.length;
			}
		}
		if (cut) out += ellipsis;
	}
	return out;
}

/**
 * A line of pieces whose widths are known (padded table cells), cut at its end if the terminal is narrower. Looks
 * and behaves as `<Text wrap="truncate-end">` with a coloured `<Text>` per piece.
 */
export function FixedLine({pieces, bold, inverse}: {pieces: readonly LinePiece[]; bold?: boolean; inverse?: boolean}) {
	return createElement(
		'ink-text',
		{
			style: {flexGrow: 0, flexShrink: 1, flexDirection: 'row', textWrap: 'truncate-end'},
			internal_transform: (line: string) => restoreLine(line, pieces),
		},
		<Text bold={bold ?? false} inverse={inverse ?? false}>
			{pieces.map((piece, index) =>
				piece.color ? (
					<Text key={index} color={piece.color}>
						{placeholder(piece.width)}
					</Text>
				) : (
					placeholder(piece.width)
				),
			)}
		</Text>,
	);
}
