// `gqx export --format table`: an aligned table for people, drawn with @alcalzone/ink-table.
import {Table} from '@alcalzone/ink-table';
import {renderToString} from 'ink';
import {formatCount, formatDuration, formatPercent} from '../metrics/format.js';
import type {QueueRow} from '../metrics/rows.js';

function intervalLabel(interval: string | null): string {
	if (!interval) return '';
	const [start, end] = interval.split('/');
	return `${start?.replace('T', ' ').replace(':00.000Z', 'Z') ?? ''} – ${end?.slice(11).replace(':00.000Z', 'Z') ?? ''}`;
}

export function renderTable(rows: readonly QueueRow[], options: {columns?: number; level?: string}): string {
	if (rows.length === 0) return 'No queue traffic in this range.\n';
	const data: Array<Record<string, string>> = rows.map(row => ({
		Queue: row.queueName,
		...(options.level === 'queues' ? {} : {Media: row.mediaType ?? ''}),
		...(options.level === 'intervals' ? {Interval: intervalLabel(row.interval)} : {}),
		Offered: formatCount(row.offered),
		Answered: formatCount(row.answered),
		Abandoned: formatCount(row.abandoned),
		'Abandon %': formatPercent(row.abandonRate),
		'SL %': formatPercent(row.serviceLevel),
		ASA: formatDuration(row.asaMs),
		AHT: formatDuration(row.ahtMs),
		'Avg talk': formatDuration(row.avgTalkMs),
		'Avg ACW': formatDuration(row.avgAcwMs),
		Transferred: formatCount(row.transferred),
	}));
	const first = data[0] ?? {};
	const columns = Object.keys(first).map(
		key =>
			({key, align: ['Queue', 'Media', 'Interval'].includes(key) ? ('left' as const) : ('right' as const)}) as {
				key: string;
				align: 'left' | 'right';
			},
	);
	return `${renderToString(<Table data={data} columns={columns} />, {columns: Math.max(options.columns ?? 200, 200)})}\n`;
}
