// The one text table for terminals and text files (export --format table, the live snapshot, gqx check), like gh's
// or kubectl's: a header and its rule, one line a record, a totals line; widths in terminal columns (wide characters
// take two), columns dropped by priority to fit a width.
import {type Align, cellText, fitToWidth, pad, textWidth} from './columns.js';

export type TextColumn<R> = {
	header: string;
	align: Align;
	/** When the width runs out, the column with the lowest priority goes first; without one, a column always stays. */
	priority?: number;
	/** The widest the column gets: longer text is cut (left-aligned in the middle, right-aligned at the end). */
	cap?: number;
	text: (record: R) => string;
};

export type TextTableOptions<R> = {
	/** The width to fit; undefined keeps every column. */
	width?: number;
	/** A last line (the totals), measured with the records. */
	total?: R;
	/** Spaces between columns. */
	gap?: number;
};

type Sized<R> = {column: TextColumn<R>; width: number; priority: number};

/** The records as lines of text, each ending in a newline; columns keep their order, whichever are dropped. */
export function textTable<R>(
	records: readonly R[],
	columns: ReadonlyArray<TextColumn<R>>,
	options: TextTableOptions<R> = {},
): string {
	const gap = options.gap ?? 2;
	const total = options.total;
	const measured = total === undefined ? records : [...records, total];
	const sized: Array<Sized<R>> = columns.map(column => ({
		column,
		priority: column.priority ?? Infinity,
		width: Math.min(
			column.cap ?? Infinity,
			// Measured as drawn: pad() shows text cleaned of control characters (a name from the API may carry escapes).
			measured.reduce(
				(most, record) => Math.max(most, textWidth(cellText(column.text(record)))),
				textWidth(column.header),
			),
		),
	}));
	const kept = new Set(
		fitToWidth(
			options.width ?? Infinity,
			sized.filter(each => each.priority === Infinity),
			sized.filter(each => each.priority !== Infinity),
			gap,
		),
	);
	const shown = sized.filter(each => kept.has(each));
	const line = (cell: (each: Sized<R>) => string) =>
		shown
			.map(each => pad(cell(each), each.width, each.column.align))
			.join(' '.repeat(gap))
			.trimEnd();
	const lines = [
		line(each => each.column.header),
		line(each => '─'.repeat(each.width)),
		...records.map(record => line(each => each.column.text(record))),
	];
	if (total !== undefined) lines.push(line(each => each.column.text(total)));
	return `${lines.join('\n')}\n`;
}
