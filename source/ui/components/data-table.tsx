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
	/** Impossible statistics left out of the answers: the cells they feed get a marker. */
	dropped?: readonly DroppedStatistic[] | undefined;
};

function line(
	label: string,
	row: QueueRow,
	columns: readonly Column[],
	dropped: readonly DroppedStatistic[] | undefined,
): string {
	const marked = dropped ? droppedFields(row, dropped) : undefined;
	return columns
		.map(column => {
			if (column.id === 'name') return pad(label, column.width, column.align);
			const text = column.text(row);
			return pad(marked?.has(column.id) ? `${text}${droppedMarker}` : text, column.width, column.align);
		})
		.join(' ');
}

const Row = memo(function Row({text, selected}: {text: string; selected: boolean}) {
	return (
		<Text inverse={selected} wrap="truncate-end">
			{selected ? '›' : ' '} {text}
		</Text>
	);
});

export function DataTable({rows, total, columns, selected, totalSelected = false, top, height, sort, dropped}: Props) {
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const window = useMemo(
		() => rows.slice(top, top + height).map(row => ({key: row.key, text: line(row.label, row.row, columns, dropped)})),
		[rows, top, height, columns, dropped],
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{'  '}
				{header}
			</Text>
			{window.map((row, index) => (
				<Row key={row.key} text={row.text} selected={top + index === selected} />
			))}
			{Array.from({length: Math.max(0, height - window.length)}, (_, index) => (
				<Text key={`blank-${index}`}> </Text>
			))}
			<Text bold inverse={totalSelected} wrap="truncate-end">
				{totalSelected ? '› ' : '  '}
				{line(total.queueName, total, columns, dropped)}
			</Text>
		</Box>
	);
}
