// The table columns of the explorer: header, width, how a row shows and sorts, and which go first when space runs out.
import {formatCount, formatDuration, formatPercent} from '../../metrics/format.js';
import type {QueueRow} from '../../metrics/rows.js';

export type ColumnId =
	| 'name'
	| 'offered'
	| 'answered'
	| 'abandoned'
	| 'abandonRate'
	| 'serviceLevel'
	| 'asa'
	| 'aht'
	| 'avgTalk'
	| 'avgAcw'
	| 'transferred';

export type Column = {
	id: ColumnId;
	header: string;
	width: number;
	/** Lower numbers are dropped first when the terminal is narrow. */
	keep: number;
	align: 'left' | 'right';
	text: (row: QueueRow) => string;
	/** Sort key; null sorts last. */
	value: (row: QueueRow) => number | string | null;
};

export const columns: readonly Column[] = [
	{
		id: 'name',
		header: 'Queue',
		width: 24,
		keep: 100,
		align: 'left',
		text: row => row.queueName,
		value: row => row.queueName.toLowerCase(),
	},
	{
		id: 'offered',
		header: 'Offered',
		width: 9,
		keep: 90,
		align: 'right',
		text: row => formatCount(row.offered),
		value: row => row.offered,
	},
	{
		id: 'answered',
		header: 'Answered',
		width: 9,
		keep: 60,
		align: 'right',
		text: row => formatCount(row.answered),
		value: row => row.answered,
	},
	{
		id: 'abandoned',
		header: 'Abandoned',
		width: 10,
		keep: 70,
		align: 'right',
		text: row => formatCount(row.abandoned),
		value: row => row.abandoned,
	},
	{
		id: 'abandonRate',
		header: 'Aband %',
		width: 8,
		keep: 75,
		align: 'right',
		text: row => formatPercent(row.abandonRate),
		value: row => row.abandonRate,
	},
	{
		id: 'serviceLevel',
		header: 'SL %',
		width: 7,
		keep: 85,
		align: 'right',
		text: row => formatPercent(row.serviceLevel),
		value: row => row.serviceLevel,
	},
	{
		id: 'asa',
		header: 'ASA',
		width: 8,
		keep: 80,
		align: 'right',
		text: row => formatDuration(row.asaMs),
		value: row => row.asaMs,
	},
	{
		id: 'aht',
		header: 'AHT',
		width: 8,
		keep: 78,
		align: 'right',
		text: row => formatDuration(row.ahtMs),
		value: row => row.ahtMs,
	},
	{
		id: 'avgTalk',
		header: 'Avg talk',
		width: 9,
		keep: 40,
		align: 'right',
		text: row => formatDuration(row.avgTalkMs),
		value: row => row.avgTalkMs,
	},
	{
		id: 'avgAcw',
		header: 'Avg ACW',
		width: 8,
		keep: 50,
		align: 'right',
		text: row => formatDuration(row.avgAcwMs),
		value: row => row.avgAcwMs,
	},
	{
		id: 'transferred',
		header: 'Transf.',
		width: 8,
		keep: 30,
		align: 'right',
		text: row => formatCount(row.transferred),
		value: row => row.transferred,
	},
];

export const sortOrder: readonly ColumnId[] = columns.map(column => column.id);

/** Columns that fit `width` (with one space between), dropping the least important first, never wrapping. */
export function fitColumns(width: number, nameHeader: string): Column[] {
	const kept = columns.map(column => (column.id === 'name' ? {...column, header: nameHeader} : column));
	const used = (list: Column[]) => list.reduce((sum, column) => sum + column.width + 1, 0) + 2;
	while (used(kept) > width && kept.length > 2) {
		let weakest = 1;
		for (let index = 1; index < kept.length; index++)
			if ((kept[index]?.keep ?? 0) < (kept[weakest]?.keep ?? 0)) weakest = index;
		kept.splice(weakest, 1);
	}
	// The name column takes whatever is left.
	const name = kept[0];
	if (name) name.width = Math.max(12, width - used(kept) + name.width);
	return kept;
}

export function pad(text: string, width: number, align: 'left' | 'right'): string {
	const clipped = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
	return align === 'left' ? clipped.padEnd(width) : clipped.padStart(width);
}
