// `gqx export --format table`: a compact table for people, like gh's or kubectl's: a header and its
// rule, one line a record, a totals row; columns from the metric catalog, dropped by priority to fit.
import {defaultColumns, formatMetric, type Metric, metricFor, type MetricField} from '../metrics/catalog.js';
import {previousOf} from '../metrics/compared.js';
import {deltaText, metricDelta} from '../metrics/delta.js';
import type {QueueRow} from '../metrics/rows.js';
import {queueLabel, sharedNames} from '../levels/queue-labels.js';
import {bucketLabel, type Granularity} from '../range/range.js';
import {type Align, fitToWidth, pad, textWidth} from '../text/columns.js';
import {cellLabel} from '../range/weekday-hours.js';

export type TableOptions = {
	/** The width to fit; undefined draws every column. */
	width?: number;
	level?: string;
	timeZone?: string;
	granularity?: Granularity;
	/** The totals of all records (merged statistics, never averaged rows). */
	total?: QueueRow;
	/** The media column, whatever the level (default: on every level but queues). */
	showMedia?: boolean;
	/** A name column after the media (the agent, the wrap-up code). */
	member?: {header: string; text: (row: QueueRow) => string};
	/** The metric columns, in order; default the queue levels'. */
	metrics?: readonly MetricField[];
	/** With --compare: the totals of the comparison period; each metric column then has its change beside it. */
	previousTotal?: QueueRow;
};

type TableColumn = {header: string; width: number; priority: number; align: Align; text: (row: QueueRow) => string};

/** The widest a name column gets: longer names are cut in the middle. */
const nameCap = 40;
const gap = 2;

function textColumn(header: string, rows: readonly QueueRow[], text: (row: QueueRow) => string): TableColumn {
	const width = Math.min(
		nameCap,
		rows.reduce((most, row) => Math.max(most, textWidth(text(row))), textWidth(header)),
	);
	return {header, width, priority: Infinity, align: 'left', text};
}

export function renderTable(rows: readonly QueueRow[], options: TableOptions = {}): string {
	if (rows.length === 0) return 'No queue traffic in this range.\n';
	const all = options.total ? [...rows, options.total] : rows;
	// Same-named queues (in different divisions) show their division.
	const seen = new Map<string, string>();
	for (const row of rows) if (row.queueId) seen.set(row.queueId, row.queueName);
	const shared = sharedNames(seen.values());
	const fixed = [textColumn('Queue', all, row => queueLabel(row.queueName, row.divisionName, shared))];
	const byMedia =
		options.showMedia ??
		(options.level === 'hours' ? rows.some(row => row.mediaType !== null) : options.level !== 'queues');
	if (byMedia) fixed.push(textColumn('Media', rows, row => row.mediaType ?? ''));
	const member = options.member;
	if (member) fixed.push(textColumn(member.header, rows, row => member.text(row)));
	if (options.level === 'hours') {
		// Records of `--level hours` carry their weekday, hour and number of such hours.
		const field = (row: QueueRow, name: string) => (row as Record<string, unknown>)[name];
		fixed.push(
			textColumn('Hour', rows, row =>
				typeof field(row, 'weekday') === 'number'
					? cellLabel({weekday: field(row, 'weekday') as number, hour: field(row, 'hour') as number})
					: '',
			),
			{...textColumn('Days', rows, row => String(field(row, 'days') ?? '')), align: 'right'},
		);
	}
	if (options.level === 'intervals') {
		const zone = options.timeZone ?? 'UTC';
		const granularity = options.granularity ?? 'PT30M';
		fixed.push(textColumn('Interval', rows, row => (row.interval ? bucketLabel(row.interval, zone, granularity) : '')));
	}
	const previousTotal = options.previousTotal;
	const previous = (row: QueueRow) => (row === options.total ? previousTotal : previousOf(row));
	const widest = (header: string, text: (row: QueueRow) => string) =>
		all.reduce((most, row) => Math.max(most, textWidth(text(row))), textWidth(header));
	const delta = (metric: Metric): TableColumn => {
		const text = (row: QueueRow) => deltaText(metricDelta(metric, row, previous(row)));
		// Dropped before its value when space runs out.
		return {header: 'Δ', priority: metric.priority - 0.5, align: 'right', text, width: widest('Δ', text)};
	};
	const metrics: TableColumn[] = (options.metrics ?? defaultColumns).map(metricFor).flatMap(metric => {
		const text = (row: QueueRow) => formatMetric(metric, row);
		const value: TableColumn = {
			header: metric.header,
			priority: metric.priority,
			align: 'right',
			text,
			width: widest(metric.header, text),
		};
		return previousTotal && metric.kind !== 'text' ? [value, delta(metric)] : [value];
	});
	const columns = fitToWidth(options.width ?? Infinity, fixed, metrics, gap);
	const line = (cells: (column: TableColumn) => string) =>
		columns
			.map(column => pad(cells(column), column.width, column.align))
			.join(' '.repeat(gap))
			.trimEnd();
	const lines = [
		line(column => column.header),
		line(column => '─'.repeat(column.width)),
		...rows.map(row => line(column => column.text(row))),
	];
	if (options.total) lines.push(line(column => column.text(options.total!)));
	return `${lines.join('\n')}\n`;
}
