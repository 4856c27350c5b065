// What the explorer says of the impossible statistics left out of a level's answers, and which cells they touch.
import {DateTime} from 'luxon';
import {describeDropped, type DroppedStatistic} from '../../genesys/dropped-statistics.js';
import {fieldsMissing, rowHolds} from '../../metrics/dropped.js';
import type {MetricField} from '../../metrics/catalog.js';
import type {QueueRow} from '../../metrics/rows.js';

/**
 * Put after a number whose cell misses a dropped statistic, as a footnote mark: seen without colour, copied with the
 * text, and not the `!` that marks a threshold breach under NO_COLOR.
 */
export const droppedMarker = '*';

/** An answer's interval as the user reads times: its start in the range's time zone. */
function localStart(interval: string, timeZone: string): string {
	const start = DateTime.fromISO(interval.split('/')[0] ?? '', {zone: timeZone});
	return start.isValid ? start.toFormat('yyyy-MM-dd HH:mm') : interval;
}

/** The status bar's line: how many were left out, and the first in full (queue, media, interval, metric). */
export function droppedNotice(
	dropped: readonly DroppedStatistic[],
	nameOf: (queueId: string) => string,
	timeZone: string,
): string | undefined {
	const first = dropped[0];
	if (!first) return undefined;
	const where = describeDropped(
		{...first, interval: first.interval === null ? null : localStart(first.interval, timeZone)},
		nameOf,
	);
	const count = dropped.length === 1 ? 'an impossible statistic' : `${dropped.length} impossible statistics`;
	return `Left out ${count} (cells marked ${droppedMarker}): ${where}${dropped.length > 1 ? '; and more' : ''}`;
}

/** The columns of `row` whose numbers miss a dropped statistic. */
export function droppedFields(row: QueueRow, dropped: readonly DroppedStatistic[] | undefined): Set<MetricField> {
	const fields = new Set<MetricField>();
	for (const entry of dropped ?? [])
		if (rowHolds(row, entry)) for (const field of fieldsMissing(entry)) fields.add(field);
	return fields;
}
