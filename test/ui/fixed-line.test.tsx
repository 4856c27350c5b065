// A table line laid out as placeholders and written with its real text must look exactly as the same line drawn
// by Ink's own <Text> with a coloured <Text> per piece: in colour, bold, inverse, with names in any script.
import {stripVTControlCharacters} from 'node:util';
import chalk from 'chalk';
import fc from 'fast-check';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {pad, textWidth} from '../../source/text/columns.js';
import {FixedLine, type LinePiece} from '../../source/ui/components/fixed-line.js';

const level = chalk.level;
beforeAll(() => {
	// Colours on, as in a terminal, so the colour codes between the pieces are part of what is compared.
	chalk.level = 3;
});
afterAll(() => {
	chalk.level = level;
});

const names = fc.constantFrom(
	'Support',
	'Zoë Müller',
	'山田 太郎',
	'Ünal',
	'Billing…',
	'😀 VIP',
	'e\u0301cole',
	'›',
	'',
);
const colours = fc.constantFrom(undefined, 'red', 'yellow', 'green', '#ff8800');
const cell = fc.record({name: names, width: fc.integer({min: 0, max: 12}), colour: colours, right: fc.boolean()});
const line = fc.record({
	cells: fc.array(cell, {minLength: 1, maxLength: 6}),
	bold: fc.boolean(),
	inverse: fc.boolean(),
});

function piecesOf(cells: ReadonlyArray<{name: string; width: number; colour: string | undefined; right: boolean}>) {
	return cells.map((each): LinePiece => ({
		text: pad(each.name, each.width, each.right ? 'right' : 'left'),
		width: each.width,
		color: each.colour,
	}));
}

function drawn(element: React.ReactElement, width: number): string {
	const instance = render(<Box width={width}>{element}</Box>);
	const frame = instance.lastFrame() ?? '';
	instance.unmount();
	return frame;
}

describe('a fixed line', () => {
	it('looks as Ink draws the same pieces, in colour, bold and inverse (300 random lines)', () => {
		fc.assert(
			fc.property(line, ({cells, bold, inverse}) => {
				const pieces = piecesOf(cells);
				const width = pieces.reduce((sum, piece) => sum + piece.width, 0) + 5;
				const ours = drawn(<FixedLine pieces={pieces} bold={bold} inverse={inverse} />, width);
				const ink = drawn(
					<Text bold={bold} inverse={inverse} wrap="truncate-end">
						{pieces.map((piece, index) =>
							piece.color ? (
								<Text key={index} color={piece.color}>
									{piece.text}
								</Text>
							) : (
								piece.text
							),
						)}
					</Text>,
					width,
				);
				expect(ours).toBe(ink);
			}),
			{numRuns: 300},
		);
	});

	it('is cut at the terminal edge with an ellipsis, never past it (300 random lines)', () => {
		fc.assert(
			fc.property(line, fc.integer({min: 1, max: 30}), ({cells, bold, inverse}, room) => {
				const pieces = piecesOf(cells);
				const whole = pieces.map(piece => piece.text).join('');
				const ours = stripVTControlCharacters(
					drawn(<FixedLine pieces={pieces} bold={bold} inverse={inverse} />, room),
				).trimEnd();
				expect(textWidth(ours)).toBeLessThanOrEqual(room);
				if (textWidth(whole) <= room) expect(ours).toBe(whole.trimEnd());
				else {
					expect(ours.endsWith('…')).toBe(true);
					// What is left of the line is its beginning, at most one column short where a wide character
					// would have crossed the cut.
					const kept = ours.slice(0, -1);
					expect(whole.startsWith(kept)).toBe(true);
					expect(textWidth(kept)).toBeGreaterThanOrEqual(room - 2);
				}
			}),
			{numRuns: 300},
		);
	});
});
