// `gqx export --level live`: the snapshot's records as csv, json, ndjson or a table fitted like the other levels'.
import {stringify} from 'csv-stringify/sync';
import {formatLive, liveMetrics} from '../metrics/catalog.js';
import {type LiveRecord, liveRecordFields} from '../metrics/live.js';
import {type Align, fitToWidth, pad} from '../text/columns.js';
import type {Format} from './writers.js';

type TableColumn = {
	header: string;
	width: number;
	priority: number;
	align: Align;
	text: (record: LiveRecord) => string;
};

function liveTable(records: readonly LiveRecord[], width: number | undefined): string {
	if (records.length === 0) return 'No queues to observe.\n';
	const textColumn = (header: string, text: (record: LiveRecord) => string): TableColumn => ({
		header,
		text,
		priority: Infinity,
		align: 'left',
		width: Math.min(
			40,
			records.reduce((most, record) => Math.max(most, text(record).length), header.length),
		),
	});
	const fixed = [
		textColumn('Queue', record => record.queueName),
		textColumn('Media', record => record.mediaType ?? ''),
	];
	const metrics: TableColumn[] = liveMetrics.map(metric => {
		const text = (record: LiveRecord) => formatLive(metric, record);
		return {
			header: metric.header,
			priority: metric.priority,
			align: 'right',
			text,
			width: records.reduce((most, record) => Math.max(most, text(record).length), metric.header.length),
		};
	});
	const columns = fitToWidth(width ?? Infinity, fixed, metrics, 2);
	const line = (cells: (column: TableColumn) => string) =>
		columns
			.map(column => pad(cells(column), column.width, column.align))
			.join('  ')
			.trimEnd();
	return `${[
		line(column => column.header),
		line(column => '─'.repeat(column.width)),
		...records.map(record => line(column => column.text(record))),
	].join('\n')}\n`;
}

export function renderLive(records: readonly LiveRecord[], format: Format, options: {width?: number}): string {
	switch (format) {
		case 'csv':
			return stringify(
				records.map(record => liveRecordFields.map(field => record[field])),
				{header: true, columns: [...liveRecordFields], cast: {number: value => String(value)}},
			);
		case 'json':
			return records.length === 0 ? '[]\n' : `[\n${records.map(record => JSON.stringify(record)).join(',\n')}\n]\n`;
		case 'ndjson':
			return records.map(record => `${JSON.stringify(record)}\n`).join('');
		case 'table':
			return liveTable(records, options.width);
	}
}
