// `gqx export --format table`: an aligned table for people, its columns from the metric catalog, drawn with @alcalzone/ink-table.
import {Table} from '@alcalzone/ink-table';
import {renderToString} from 'ink';
import {defaultColumns, formatMetric, metricFor} from '../metrics/catalog.js';
import type {QueueRow} from '../metrics/rows.js';
import {bucketLabel, type Granularity} from '../range/range.js';

export type TableOptions = {columns?: number; level?: string; timeZone?: string; granularity?: Granularity};

export function renderTable(rows: readonly QueueRow[], options: TableOptions): string {
	if (rows.length === 0) return 'No queue traffic in this range.\n';
	const metrics = defaultColumns.map(metricFor);
	const data: Array<Record<string, string>> = rows.map(row => {
		const record: Record<string, string> = {Queue: row.queueName};
		if (options.level !== 'queues') record['Media'] = row.mediaType ?? '';
		if (options.level === 'intervals')
			record['Interval'] = row.interval
				? bucketLabel(row.interval, options.timeZone ?? 'UTC', options.granularity ?? 'PT30M')
				: '';
		for (const metric of metrics) record[metric.header] = formatMetric(metric, row);
		return record;
	});
	const columns = Object.keys(data[0] ?? {}).map(key => ({
		key,
		align: ['Queue', 'Media', 'Interval'].includes(key) ? ('left' as const) : ('right' as const),
	}));
	return `${renderToString(<Table data={data} columns={columns} />, {columns: Math.max(options.columns ?? 200, 200)})}\n`;
}
