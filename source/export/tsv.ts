// Rows as tab-separated text with a header line: what `y`/`Y` copy, ready to paste into a spreadsheet.
import {formatMetric, type MetricField, metricFor, metricValue} from '../metrics/catalog.js';
import type {QueueRow} from '../metrics/rows.js';

/** Tabs and line breaks inside a name would split its cell or its row. */
function cell(text: string): string {
	return text.replace(/[\t\r\n]+/g, ' ');
}

/** Durations as h:mm:ss (spreadsheets read m:ss as hours and minutes), rates as percentages, counts plain. */
function value(field: MetricField, row: QueueRow): string {
	const metric = metricFor(field);
	const {kind} = metric;
	if (kind === 'text') return cell(formatMetric(metric, row));
	const number = metricValue(metric, row);
	if (number === null) return '';
	if (kind === 'rate') return `${(number * 100).toFixed(1)}%`;
	if (kind === 'count') return String(number);
	const seconds = Math.round(number / 1000);
	const hours = Math.floor(seconds / 3600);
	const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
	return `${hours}:${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A header line (the name column, then the metrics' table headers), then one line per row, each ending in a newline. */
export function toTsv(
	nameHeader: string,
	rows: ReadonlyArray<{label: string; row: QueueRow}>,
	fields: readonly MetricField[],
): string {
	const lines = [[nameHeader, ...fields.map(field => metricFor(field).header)].map(cell).join('\t')];
	for (const {label, row} of rows) lines.push([cell(label), ...fields.map(field => value(field, row))].join('\t'));
	return `${lines.join('\n')}\n`;
}
