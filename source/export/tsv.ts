// Rows as tab-separated text with a header line: what `y`/`Y` copy, ready to paste into a spreadsheet.
import {
	formatMetric,
	isLiveField,
	type LiveField,
	liveMetricFor,
	type LiveValues,
	type MetricField,
	type MetricKind,
	metricFor,
	metricValue,
} from '../metrics/catalog.js';
import {metricDelta} from '../metrics/delta.js';
import type {QueueRow} from '../metrics/rows.js';
import {terminalText} from '../text/sanitize.js';
import {formulaSafe} from './formulas.js';

/**
 * Tabs and line breaks inside a name would split its cell or its row, and the clipboard is pasted into terminals
 * too: control characters are shown, never copied (the one sanitiser), bidi controls go. A name a spreadsheet
 * would run as a formula gets a leading apostrophe; numbers are written by gqx and never need one.
 */
function cell(text: string): string {
	return formulaSafe(terminalText(text));
}

/** Durations as h:mm:ss (spreadsheets read m:ss as hours and minutes), rates as percentages, counts plain. */
function value(field: MetricField | LiveField, row: QueueRow, live: LiveValues | undefined): string {
	if (isLiveField(field)) return numberCell(liveMetricFor(field).kind, live?.[field] ?? null);
	const metric = metricFor(field);
	if (metric.kind === 'text') return cell(formatMetric(metric, row));
	return numberCell(metric.kind, metricValue(metric, row));
}

function numberCell(kind: Exclude<MetricKind, 'text'>, number: number | null): string {
	if (number === null) return '';
	if (kind === 'rate') return `${(number * 100).toFixed(1)}%`;
	if (kind === 'count') return String(number);
	const seconds = Math.round(number / 1000);
	const hours = Math.floor(seconds / 3600);
	const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
	return `${hours}:${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A change as on screen (`+12%`, `-1.5pp`, `+0:42`, `new`), empty where the table shows none. */
function change(field: MetricField, row: QueueRow, previous: QueueRow | undefined): string {
	const delta = metricDelta(metricFor(field), row, previous);
	return delta.value === null ? '' : delta.text;
}

type CopiedRow = {label: string; row: QueueRow; live?: LiveValues; previous?: {row: QueueRow}};

/** A number column's change, as the table shows it beside the value while comparing (the arrow left out). */
type Change = {delta: MetricField};
type Column = MetricField | LiveField | Change;

/**
 * A header line (the name column, then the columns' table headers), then one line per row, each ending in a
 * newline. Live fields (what is happening now) read the row's `live` values, as the table does. While comparing
 * (rows with a `previous` side), each number column is followed by its change, `Δ`, as on screen.
 */
export function toTsv(
	nameHeader: string,
	rows: readonly CopiedRow[],
	fields: ReadonlyArray<MetricField | LiveField>,
): string {
	const comparing = rows.some(row => row.previous);
	const columns: Column[] = fields.flatMap((field): Column[] =>
		comparing && !isLiveField(field) && metricFor(field).kind !== 'text' ? [field, {delta: field}] : [field],
	);
	const header = (column: Column) =>
		typeof column === 'object'
			? `Δ ${metricFor(column.delta).header}`
			: isLiveField(column)
				? liveMetricFor(column).header
				: metricFor(column).header;
	const lines = [[nameHeader, ...columns.map(header)].map(cell).join('\t')];
	for (const {label, row, live, previous} of rows)
		lines.push(
			[
				cell(label),
				...columns.map(column =>
					typeof column === 'object' ? change(column.delta, row, previous?.row) : value(column, row, live),
				),
			].join('\t'),
		);
	return `${lines.join('\n')}\n`;
}
