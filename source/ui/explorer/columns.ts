// The explorer's columns: the level's name column, then metric columns from the catalog, fitted to the width.
import {defaultColumns, formatMetric, type Metric, type MetricField, metrics} from '../../metrics/catalog.js';
import type {QueueRow} from '../../metrics/rows.js';

export type ColumnId = 'name' | MetricField;

export type Column = {
	id: ColumnId;
	header: string;
	width: number;
	/** Lower numbers are dropped first when the terminal is narrow. */
	priority: number;
	align: 'left' | 'right';
	text: (row: QueueRow) => string;
	/** Sort key; null sorts last. */
	value: (row: QueueRow) => number | string | null;
};

function metricColumn(metric: Metric): Column {
	return {
		id: metric.field,
		header: metric.header,
		width: metric.width,
		priority: metric.priority,
		align: 'right',
		text: row => formatMetric(metric, row),
		value: row => row[metric.field],
	};
}

const metricColumns = new Map(metrics.map(metric => [metric.field, metricColumn(metric)]));

/** The metric columns shown when the user has not picked any. */
export const defaultMetricFields: readonly MetricField[] = defaultColumns;

export function nameColumn(header: string): Column {
	return {
		id: 'name',
		header,
		width: 24,
		priority: 100,
		align: 'left',
		text: row => row.queueName,
		value: row => row.queueName.toLowerCase(),
	};
}

/** The column of a metric field, for sorting by a column that may not be on screen. */
export function columnFor(id: MetricField): Column {
	return metricColumns.get(id)!;
}

/**
 * The name column and `fields` (in that order) that fit `width` with one space between, dropping
 * the lowest priority first, never wrapping; the name column takes what is left.
 */
export function fitColumns(
	width: number,
	nameHeader: string,
	fields: readonly MetricField[] = defaultMetricFields,
): Column[] {
	const kept = [nameColumn(nameHeader), ...fields.map(field => columnFor(field))];
	const used = (list: Column[]) => list.reduce((sum, column) => sum + column.width + 1, 0) + 2;
	while (used(kept) > width && kept.length > 2) {
		let weakest = 1;
		for (let index = 1; index < kept.length; index++)
			if ((kept[index]?.priority ?? 0) < (kept[weakest]?.priority ?? 0)) weakest = index;
		kept.splice(weakest, 1);
	}
	const name = kept[0]!;
	name.width = Math.max(12, width - used(kept) + name.width);
	return kept;
}

export function pad(text: string, width: number, align: 'left' | 'right'): string {
	const clipped = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
	return align === 'left' ? clipped.padEnd(width) : clipped.padStart(width);
}
