// A selectable table that draws only the rows in its window: one Text line per row, cells padded, never wrapped.
// Cells out of bounds are red or yellow, and under NO_COLOR marked `!` or `~`; while comparing, a change is green or
// red and its arrow says better or worse: nothing depends on colour alone.
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import type {LiveValues, MetricField} from '../../metrics/catalog.js';
import type {QueueRow} from '../../metrics/rows.js';
import type {Thresholds, Tone} from '../../metrics/thresholds.js';
import {pad} from '../../text/columns.js';
import type {Column} from '../explorer/columns.js';
import type {DisplayRow, Sort} from '../../levels/types.js';
import type {Theme} from '../theme.js';
import {useTheme} from '../theme-context.js';
import {FixedLine, type LinePiece} from './fixed-line.js';
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
	thresholds?: Thresholds;
	/** While comparing: the totals of the comparison period. */
	previousTotal?: QueueRow;
	/** Impossible statistics left out of the answers: the cells they feed get a marker. */
	dropped?: readonly DroppedStatistic[] | undefined;
};

/** The mark of a tone where there is no colour. */
export const toneMarks: Record<Tone, string> = {bad: '!', near: '~'};

/** A run of text drawn in one colour (a cell, a mark, the gap between cells), and its width. */
type Piece = LinePiece;

function cells(
	row: DisplayRow,
	columns: readonly Column[],
	options: {
		thresholds: Thresholds;
		theme: Theme;
		dropped: readonly DroppedStatistic[] | undefined;
	},
): Piece[] {
	const {theme} = options;
	const marks = !theme.error;
	const previous = row.previous?.row;
	const marked = options.dropped ? droppedFields(row.row, options.dropped) : undefined;
	return columns.map(column => {
		const width = column.width;
		if (column.id === 'name') return {text: pad(row.label, width, column.align), width};
		const tone = column.tone?.(row, options.thresholds);
		const value = column.text(row.row, previous, row.live);
		const text = marked?.has(column.id as MetricField) ? `${value}${droppedMarker}` : value;
		// The mark goes before the number, so the numbers stay right-aligned.
		const padded = pad(tone && marks ? `${toneMarks[tone]}${text}` : text, column.width, column.align);
		if (tone && !marks) return {text: padded, width, color: tone === 'bad' ? theme.error : theme.warning};
		// A change for the better or the worse in colour; none under NO_COLOR (the arrows still say it).
		const verdict = previous && theme.better ? column.verdict?.(row.row, previous) : undefined;
		if (verdict) return {text: padded, width, color: verdict === 'better' ? theme.better : theme.worse};
		return {text: padded, width};
	});
}

/** Runs of cells in one colour (or none), joined by the column gap, after a lead (the selection mark). */
function pieces(parts: readonly Piece[], lead: string): Piece[] {
	const out: Piece[] = [{text: lead, width: lead.length}];
	parts.forEach((cell, index) => {
		const gap = index > 0 ? 1 : 0;
		const last = out.at(-1)!;
		if (cell.color) {
			if (gap) {
				if (!last.color) {
					last.text += ' ';
					last.width += 1;
				} else out.push({text: ' ', width: 1});
			}
			out.push({text: cell.text, width: cell.width, color: cell.color});
		} else if (!last.color) {
			last.text += (gap ? ' ' : '') + cell.text;
			last.width += gap + cell.width;
		} else out.push({text: (gap ? ' ' : '') + cell.text, width: gap + cell.width});
	});
	return out;
}

const Row = memo(
	function Row({cells, selected}: {cells: Piece[]; signature: string; selected: boolean}) {
		return <FixedLine pieces={pieces(cells, selected ? '› ' : '  ')} inverse={selected} />;
	},
	(previous, next) => previous.signature === next.signature && previous.selected === next.selected,
);

function signatureOf(parts: readonly Piece[]): string {
	return parts.map(cell => (cell.color ? `${cell.color}:${cell.text}` : cell.text)).join('\u0000');
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
	thresholds,
	previousTotal,
	dropped,
}: Props) {
	const theme = useTheme();
	const header = columns
		.map(column => {
			const arrow = sort.column === column.id ? (sort.descending ? '▼' : '▲') : '';
			return pad(column.header + arrow, column.width, column.align);
		})
		.join(' ');
	const headerWidth = columns.reduce((sum, column) => sum + column.width, Math.max(0, columns.length - 1));
	const window = useMemo(
		() =>
			rows.slice(top, top + height).map(row => {
				const parts = cells(row, columns, {thresholds: thresholds ?? {}, theme, dropped});
				return {key: row.key, parts, signature: signatureOf(parts)};
			}),
		[rows, top, height, columns, thresholds, theme, dropped],
	);
	const totalParts = pieces(
		cells(
			{
				key: '',
				label: total.queueName,
				search: '',
				row: total,
				stats: {},
				...(totalLive ? {live: totalLive} : {}),
				...(previousTotal ? {previous: {row: previousTotal, stats: {}}} : {}),
			},
			columns,
			{thresholds: thresholds ?? {}, theme, dropped},
		),
		totalSelected ? '› ' : '  ',
	);
	return (
		<Box flexDirection="column">
			<FixedLine pieces={[{text: `  ${header}`, width: 2 + headerWidth}]} bold />
			{window.map((row, index) => (
				<Row key={row.key} cells={row.parts} signature={row.signature} selected={top + index === selected} />
			))}
			{Array.from({length: Math.max(0, height - window.length)}, (_, index) => (
				<Text key={`blank-${index}`}> </Text>
			))}
			<FixedLine pieces={totalParts} bold inverse={totalSelected} />
		</Box>
	);
}
