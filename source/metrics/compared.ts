// Records of two periods side by side (export --compare): each record gets the comparison period's value
// of every metric as `<field>Prev` and the period or bucket it came from as `comparedInterval`.
import {callbackFields, type MetricField, numericMetrics} from './catalog.js';

/** The numbers of a queue level's record (not the agent and wrap-up code levels' own): what has a comparison side. */
const compared = numericMetrics.filter(metric => metric.onQueueLevels !== false);
import {compareRows, type QueueRow, type RowField, rowFields, toRow} from './rows.js';
import {shiftInterval} from '../range/compare.js';

/** Only numbers have a comparison side: text columns (the division) are identity. */
export type PrevField = `${Exclude<MetricField, 'divisionName'>}Prev`;

export type ComparedRecord = QueueRow & Record<PrevField, number | null> & {comparedInterval: string | null};

const isCallback = (field: string) => (callbackFields as readonly string[]).includes(field);

/**
 * A record's fields with what an export adds, in order: the level's own, the comparison side of its numbers and the
 * compared interval (when `compared`), `after` (the live values), then the fields added later (the callbacks) with
 * their comparison side, so readers by position keep working.
 */
export function withAddedFields(
	own: readonly string[],
	{compared: comparing, after = []}: {compared: boolean; after?: readonly string[]},
): string[] {
	const first = own.filter(field => !isCallback(field));
	const later = own.filter(isCallback);
	const prev = (fields: readonly string[]) =>
		comparing ? compared.filter(metric => fields.includes(metric.field)).map(metric => `${metric.field}Prev`) : [];
	return [...first, ...prev(first), ...(comparing ? ['comparedInterval'] : []), ...after, ...later, ...prev(later)];
}

/** Every field of a compared record in order (see withAddedFields). */
export const comparedFields = withAddedFields(rowFields, {compared: true}) as ReadonlyArray<
	RowField | PrevField | 'comparedInterval'
>;

type Options = {
	/** How many calendar days earlier the comparison period lies. */
	days: number;
	timeZone: string;
	/** The whole range and the whole comparison range (`start/end` UTC): the intervals of the queues and media levels. */
	range: string;
	comparedRange: string;
	/** Buckets are matched by their place in the range: the comparison's bucket moved `days` later. */
	byBucket: boolean;
};

function identityKey(row: QueueRow, interval: string | null): string {
	return `${row.queueId ?? ''}\u0000${row.mediaType ?? ''}\u0000${interval ?? ''}`;
}

function empty(row: QueueRow, interval: string | null): QueueRow {
	const division = row.divisionId ? {id: row.divisionId, name: row.divisionName ?? ''} : undefined;
	return toRow({queueId: row.queueId, queueName: row.queueName, mediaType: row.mediaType, interval, division}, {});
}

function joined(current: QueueRow, previous: QueueRow, comparedInterval: string | null): ComparedRecord {
	const record = {...current} as ComparedRecord;
	for (const metric of compared) record[`${metric.field}Prev` as PrevField] = previous[metric.field] as number | null;
	record.comparedInterval = comparedInterval;
	return record;
}

/**
 * The current records joined with the comparison's by queue, media type and (for buckets) place in
 * the range. A record with data in only one period is kept: the other side has counts 0 and rates
 * and times null.
 */
export function compareRecords(
	current: readonly QueueRow[],
	previous: readonly QueueRow[],
	options: Options,
): ComparedRecord[] {
	const earlier = new Map<string, QueueRow>();
	// A bucket moved into the hour daylight saving skips lands on the next one's twin: the later (the
	// exact twin) pairs, the other stays a record of its own.
	const displaced: QueueRow[] = [];
	for (const row of previous) {
		const interval = options.byBucket
			? shiftInterval(row.interval ?? '', options.days, options.timeZone)
			: row.interval;
		const key = identityKey(row, options.byBucket ? interval : null);
		const taken = earlier.get(key);
		if (taken) displaced.push(taken);
		earlier.set(key, row);
	}
	const records: ComparedRecord[] = [];
	for (const row of current) {
		const key = identityKey(row, options.byBucket ? row.interval : null);
		const before = earlier.get(key);
		earlier.delete(key);
		const comparedInterval = options.byBucket
			? (before?.interval ?? shiftInterval(row.interval ?? '', -options.days, options.timeZone))
			: options.comparedRange;
		records.push(joined(row, before ?? empty(row, comparedInterval), comparedInterval));
	}
	for (const before of [...earlier.values(), ...displaced]) {
		const interval = options.byBucket
			? shiftInterval(before.interval ?? '', options.days, options.timeZone)
			: options.range;
		records.push(joined(empty(before, interval), before, options.byBucket ? before.interval : options.comparedRange));
	}
	return records.sort(compareRows);
}

/** The comparison period's side of a compared record, as a row (for its deltas). */
export function previousOf(record: QueueRow): QueueRow | undefined {
	const fields = record as Partial<ComparedRecord>;
	if (!('comparedInterval' in fields)) return undefined;
	const previous = {...record, interval: fields.comparedInterval ?? null};
	for (const metric of compared) previous[metric.field] = fields[`${metric.field}Prev` as PrevField] as never;
	return previous;
}
