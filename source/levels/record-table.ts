// How a level's records read as a text table (`export --format table`): the queue, its media, the agent or code,
// the hour or the interval, then the level's metric columns from the catalog (and while comparing, each one's change
// beside it), dropped by priority to fit.
import {defaultColumns, formatMetric, type Metric, metricFor, type MetricField} from '../metrics/catalog.js';
import {previousOf} from '../metrics/compared.js';
import {deltaText, metricDelta} from '../metrics/delta.js';
import type {QueueRow} from '../metrics/rows.js';
import {bucketLabel, type Granularity} from '../range/range.js';
import {cellLabel} from '../range/weekday-hours.js';
import type {RecordTable} from '../text/records.js';
import type {TextColumn} from '../text/table.js';
import {queueLabel, sharedNames} from './queue-labels.js';

/** What the mark after a partial bucket's label means (the table's legend): it reads the same without colour. */
export const partialLegend = '* partial interval (the range cuts it)';

/** A bucket's label, with ` *` when the range cuts it (`partial`). */
export function intervalLabel(
	row: Pick<QueueRow, 'interval' | 'partial'>,
	timeZone: string,
	granularity: Granularity,
): string {
	const label = bucketLabel(row.interval ?? '', timeZone, granularity);
	return row.partial ? `${label} *` : label;
}

export type RecordTableOptions = {
	/** Extra name columns: `intervals` a bucket's, `hours` a weekday-hour's and its days. */
	by?: 'intervals' | 'hours';
	/** The media column: always, never, or when a record has a media type (default: always). */
	media?: boolean | 'when-any';
	timeZone?: string;
	granularity?: Granularity;
	/** A name column after the media (the agent, the wrap-up code). */
	member?: {header: string; text: (row: QueueRow) => string};
	/** The metric columns, in order; default the queue levels'. */
	metrics?: readonly MetricField[];
	/** Records with a comparison side (`<field>Prev`): each number has its change beside it. */
	comparing?: boolean;
};

/** The widest a name column gets: longer names are cut in the middle. */
const nameCap = 40;

function nameColumn<R>(header: string, text: (row: R) => string): TextColumn<R> {
	return {header, align: 'left', cap: nameCap, text};
}

export function queueRecordTable<R extends QueueRow>(options: RecordTableOptions = {}): RecordTable<R> {
	return {
		empty: 'No queue traffic in this range.\n',
		columns(records) {
			// Same-named queues (in different divisions) show their division.
			const names = new Map<string, string>();
			for (const row of records) if (row.queueId) names.set(row.queueId, row.queueName);
			const shared = sharedNames(names.values());
			const columns: Array<TextColumn<R>> = [
				nameColumn('Queue', row => queueLabel(row.queueName, row.divisionName, shared)),
			];
			const media = options.media ?? true;
			if (media === true || (media === 'when-any' && records.some(row => row.mediaType !== null)))
				columns.push(nameColumn('Media', row => row.mediaType ?? ''));
			const member = options.member;
			if (member) columns.push(nameColumn(member.header, row => member.text(row)));
			if (options.by === 'hours') {
				// Records of `--level hours` carry their weekday, hour and number of such hours.
				const field = (row: R, name: string) => (row as Record<string, unknown>)[name];
				columns.push(
					nameColumn('Hour', row =>
						typeof field(row, 'weekday') === 'number'
							? cellLabel({weekday: field(row, 'weekday') as number, hour: field(row, 'hour') as number})
							: '',
					),
					{...nameColumn('Days', row => String(field(row, 'days') ?? '')), align: 'right'},
				);
			}
			if (options.by === 'intervals') {
				const zone = options.timeZone ?? 'UTC';
				const granularity = options.granularity ?? 'PT30M';
				columns.push(nameColumn('Interval', row => (row.interval ? intervalLabel(row, zone, granularity) : '')));
			}
			const delta = (metric: Metric): TextColumn<R> => ({
				header: 'Δ',
				// Dropped before its value when space runs out.
				priority: metric.priority - 0.5,
				align: 'right',
				text: row => deltaText(metricDelta(metric, row, previousOf(row))),
			});
			for (const metric of (options.metrics ?? defaultColumns).map(metricFor)) {
				columns.push({
					header: metric.header,
					priority: metric.priority,
					align: 'right',
					text: row => formatMetric(metric, row),
				});
				if (options.comparing && metric.kind !== 'text') columns.push(delta(metric));
			}
			return columns;
		},
	};
}
