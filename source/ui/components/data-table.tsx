// A selectable table that draws only the rows in its window: one Text line per row, cells padded, never wrapped.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {QueueRow} from '../../metrics/rows.js';
import {pad} from '../../text/columns.js';
import type {Column} from '../explorer/columns.js';
import type {DisplayRow, Sort} from '../../levels/types.js';

type Props = {
	rows: readonly DisplayRow[];
	total: QueueRow;
	columns: readonly Column[];
	selected: number;
	top: number;
	height: number;
	sort: Sort;
	/** While comparing: the totals of the comparison period. */
	previousTotal?: QueueRow;
	/** Colours of a change for the better and the worse; none under NO_COLOR (the arrows still say it). */
	colors?: {better: string | undefined; worse: string | undefined};
};

/** A run of a line in one colour (a change's), or none. */
type Piece = {text: string; color?: string};

function line(label: string, row: QueueRow, columns: readonly Column[], previous?: QueueRow): string {
	return columns
		.map(column => pad(column.id === 'name' ? label : column.text(row, previous), column.width, column.align))
		.join(' ');
}

/** A line cut into pieces where a change has a colour; plain lines stay one piece. */
function pieces(
	label: string,
	row: QueueRow,
	columns: readonly Column[],
	previous: QueueRow | undefined,
	colors: Props['colors'],
): Piece[] {
	if (!previous || !colors?.better) return [{text: line(label, row, columns, previous)}];
	const out: Piece[] = [];
	let plain = '';
	columns.forEach((column, index) => {
		const text = pad(column.id === 'name' ? label : column.text(row, previous), column.width, column.align);
		const verdict = column.verdict?.(row, previous);
		const separator = index > 0 ? ' ' : '';
		if (!verdict) {
			plain += separator + text;
			return;
		}
		out.push({text: plain + separator});
		out.push({text, color: verdict === 'better' ? colors.better : colors.worse});
		plain = '';
	});
	if (plain) out.push({text: plain});
	return out.filter(piece => piece.text !== '');
}

const Row = memo(function Row({parts, selected}: {parts: Piece[]; selected: boolean}) {
	return (
		<Text inverse={selected} wrap="truncate-end">
			{selected ? '›' : ' '}{' '}
			{parts.map((part, index) =>
				part.color ? (
					<Text key={index} color={part.color}>
						{part.text}
					</Text>
				) : (
					part.text
				),
			)}
		</Text>
	);
});

export function DataTable({rows, total, columns, selected, top, height, sort, previousTotal, colors}: Props) {
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const window = useMemo(
		() =>
			rows
				.slice(top, top + height)
				.map(row => ({key: row.key, parts: pieces(row.label, row.row, columns, row.previous?.row, colors)})),
		[rows, top, height, columns, colors],
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{'  '}
				{header}
			</Text>
			{window.map((row, index) => (
				<Row key={row.key} parts={row.parts} selected={top + index === selected} />
			))}
			{Array.from({length: Math.max(0, height - window.length)}, (_, index) => (
				<Text key={`blank-${index}`}> </Text>
			))}
			<Text bold wrap="truncate-end">
				{'  '}
				{line(total.queueName, total, columns, previousTotal)}
			</Text>
		</Box>
	);
}
