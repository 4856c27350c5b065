// A selectable table that draws only the rows in its window: one Text line per row, cells padded, never wrapped.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {LiveValues} from '../../metrics/catalog.js';
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
	/** The live values of the totals row. */
	totalLive?: LiveValues;
};

function line(label: string, row: QueueRow, columns: readonly Column[], live?: LiveValues): string {
	return columns
		.map(column => pad(column.id === 'name' ? label : column.text(row, live), column.width, column.align))
		.join(' ');
}

const Row = memo(function Row({text, selected}: {text: string; selected: boolean}) {
	return (
		<Text inverse={selected} wrap="truncate-end">
			{selected ? '›' : ' '} {text}
		</Text>
	);
});

export function DataTable({rows, total, columns, selected, top, height, sort, totalLive}: Props) {
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const window = useMemo(
		() => rows.slice(top, top + height).map(row => ({key: row.key, text: line(row.label, row.row, columns, row.live)})),
		[rows, top, height, columns],
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
			<Text bold wrap="truncate-end">
				{'  '}
				{line(total.queueName, total, columns, totalLive)}
			</Text>
		</Box>
	);
}
