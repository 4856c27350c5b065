// A selectable table that draws only the rows in its window: one Text line per row, cells padded, never wrapped.
// Cells out of bounds are red or yellow, and under NO_COLOR marked `!` or `~`, so nothing depends on colour alone.
import {Text} from 'ink';
import {Box} from 'ink';
import {memo, useMemo} from 'react';
import type {LiveValues, MetricField} from '../../metrics/catalog.js';
import type {QueueRow} from '../../metrics/rows.js';
import type {Thresholds, Tone} from '../../metrics/thresholds.js';
import {pad} from '../../text/columns.js';
import type {Column} from '../explorer/columns.js';
import type {DisplayRow, Sort} from '../../levels/types.js';
import type {Theme} from '../theme.js';
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
	/** The live values of the totals row. */
	totalLive?: LiveValues;
	theme?: Theme;
	thresholds?: Thresholds;
	/** Impossible statistics left out of the answers: the cells they feed get a marker. */
	dropped?: readonly DroppedStatistic[] | undefined;
};

/** The mark of a tone where there is no colour. */
export const toneMarks: Record<Tone, string> = {bad: '!', near: '~'};

type Cell = {text: string; tone?: Tone};

function cells(
	row: DisplayRow,
	columns: readonly Column[],
	thresholds: Thresholds,
	marks: boolean,
	dropped: readonly DroppedStatistic[] | undefined,
): Cell[] {
	const marked = dropped ? droppedFields(row.row, dropped) : undefined;
	return columns.map(column => {
		if (column.id === 'name') return {text: pad(row.label, column.width, column.align)};
		const tone = column.tone?.(row, thresholds);
		const value = column.text(row.row, row.live);
		const text = marked?.has(column.id as MetricField) ? `${value}${droppedMarker}` : value;
		// The mark goes before the number, so the numbers stay right-aligned.
		return {text: pad(tone && marks ? `${toneMarks[tone]}${text}` : text, column.width, column.align), tone};
	});
}

const Row = memo(
	function Row({cells: parts, selected, theme}: {cells: Cell[]; signature: string; selected: boolean; theme?: Theme}) {
		return (
			<Text inverse={selected} wrap="truncate-end">
				{selected ? '›' : ' '}{' '}
				{parts.map((cell, index) => {
					const gap = index > 0 ? ' ' : '';
					if (!cell.tone || !theme?.error) return gap + cell.text;
					return (
						<Text key={index} color={cell.tone === 'bad' ? theme.error : theme.warning}>
							{gap}
							{cell.text}
						</Text>
					);
				})}
			</Text>
		);
	},
	(previous, next) =>
		previous.signature === next.signature && previous.selected === next.selected && previous.theme === next.theme,
);

function signatureOf(parts: readonly Cell[]): string {
	return parts.map(cell => (cell.tone ? `${cell.tone}:${cell.text}` : cell.text)).join('\u0000');
}

export function DataTable({
	rows,
	total,
	columns,
	selected,
	totalSelected = false,
	top,
	height,
	sort,
	totalLive,
	theme,
	thresholds,
	dropped,
}: Props) {
	const marks = !theme?.error;
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const window = useMemo(
		() =>
			rows.slice(top, top + height).map(row => {
				const parts = cells(row, columns, thresholds ?? {}, marks, dropped);
				return {key: row.key, cells: parts, signature: signatureOf(parts)};
			}),
		[rows, top, height, columns, thresholds, marks, dropped],
	);
	const totalCells = cells(
		{key: '', label: total.queueName, search: '', row: total, stats: {}, ...(totalLive ? {live: totalLive} : {})},
		columns,
		thresholds ?? {},
		marks,
		dropped,
	);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{'  '}
				{header}
			</Text>
			{window.map((row, index) => (
				<Row
					key={row.key}
					cells={row.cells}
					signature={row.signature}
					selected={top + index === selected}
					theme={theme}
				/>
			))}
			{Array.from({length: Math.max(0, height - window.length)}, (_, index) => (
				<Text key={`blank-${index}`}> </Text>
			))}
			<Text bold inverse={totalSelected} wrap="truncate-end">
				{totalSelected ? '› ' : '  '}
				{totalCells.map(cell => cell.text).join(' ')}
			</Text>
		</Box>
	);
}
