// A selectable table that draws only the rows in its window: one Text line per row, cells padded, never wrapped.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {QueueRow} from '../../metrics/rows.js';
import {pad} from '../../text/columns.js';
import type {Column} from '../explorer/columns.js';
import type {DisplayRow, Sort} from '../../levels/types.js';
import type {DroppedStatistic} from '../../genesys/dropped-statistics.js';
import {droppedFields, droppedMarker} from '../explorer/dropped.js';

type Props = {
	rows: readonly DisplayRow[];
	total: QueueRow;
	columns: readonly Column[];
	selected: number;
	/** The totals row is selected (the selection's last stop). */
	totalSelected?: boolean;
	top: number;
	height: number;
	sort: Sort;
	/** While comparing: the totals of the comparison period. */
	previousTotal?: QueueRow;
	/** Colours of a change for the better and the worse; none under NO_COLOR (the arrows still say it). */
	colors?: {better: string | undefined; worse: string | undefined};
	/** Impossible statistics left out of the answers: the cells they feed get a marker. */
	dropped?: readonly DroppedStatistic[] | undefined;
};

/** A run of a line in one colour (a change's), or none. */
type Piece = {text: string; color?: string};

/** One padded cell: the label, or a column's text of the row (marked when a left-out statistic feeds it). */
function cell(
	column: Column,
	label: string,
	row: QueueRow,
	previous: QueueRow | undefined,
	marked: ReadonlySet<string> | undefined,
): string {
	if (column.id === 'name') return pad(label, column.width, column.align);
	const text = column.text(row, previous);
	return pad(marked?.has(column.id) ? `${text}${droppedMarker}` : text, column.width, column.align);
}

function line(
	label: string,
	row: QueueRow,
	columns: readonly Column[],
	previous: QueueRow | undefined,
	dropped: readonly DroppedStatistic[] | undefined,
): string {
	const marked = dropped ? droppedFields(row, dropped) : undefined;
	return columns.map(column => cell(column, label, row, previous, marked)).join(' ');
}

/** A line cut into pieces where a change has a colour; plain lines stay one piece. */
function pieces(
	label: string,
	row: QueueRow,
	columns: readonly Column[],
	previous: QueueRow | undefined,
	colors: Props['colors'],
	dropped: readonly DroppedStatistic[] | undefined,
): Piece[] {
	if (!previous || !colors?.better) return [{text: line(label, row, columns, previous, dropped)}];
	const marked = dropped ? droppedFields(row, dropped) : undefined;
	const out: Piece[] = [];
	let plain = '';
	columns.forEach((column, index) => {
		const text = cell(column, label, row, previous, marked);
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

export function DataTable({
	rows,
	total,
	columns,
	selected,
	totalSelected = false,
	top,
	height,
	sort,
	previousTotal,
	colors,
	dropped,
}: Props) {
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const window = useMemo(
		() =>
			rows.slice(top, top + height).map(row => ({
				key: row.key,
				parts: pieces(row.label, row.row, columns, row.previous?.row, colors, dropped),
			})),
		[rows, top, height, columns, colors, dropped],
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
			<Text bold inverse={totalSelected} wrap="truncate-end">
				{totalSelected ? '› ' : '  '}
				{line(total.queueName, total, columns, previousTotal, dropped)}
			</Text>
		</Box>
	);
}
