// The range's aggregates of every queue by media type, with names: the data of the queue and media levels.
import type {QueueInfo} from '../genesys/queues.js';
import type {DivisionLookup} from '../metrics/rows.js';
import type {AggregateCell} from '../genesys/analytics.js';
import type {StatsBag} from '../genesys/stats.js';
import type {DataRequest} from './types.js';
import {rowDimensions, type RowsBy} from '../genesys/row-dimensions.js';

/** `running`, when there, is the cells added up per queue and over all (the queue level without names). */
export type Totals = {
	cells: AggregateCell[];
	running?: Running;
	nameOf: (queueId: string) => string;
	/** The queues whose names were learned, so a refresh need not list them again. */
	queues?: ReadonlyMap<string, QueueInfo>;
	divisionOf?: DivisionLookup;
	/** Rows named by their ids for want of this permission (skills without routing:skill:view). */
	missingPermission?: string;
};
export type Running = {
	byQueue: ReadonlyMap<string, StatsBag>;
	all: StatsBag;
	/** Per queue and media type (the media level), when the cells were not kept. */
	byMedia?: {mediaOf(queueId: string): Array<{mediaType: string | null; stats: StatsBag}>};
};

/**
 * The range's totals; `known` names the queues learned before (a refresh need not list them again); `rowsBy`: by
 * requested skill or language instead of queue.
 */
export function loadTotals(known?: ReadonlyMap<string, QueueInfo>, rowsBy?: RowsBy): DataRequest['load'] {
	return async (client, range, {signal, onProgress, onDrop}): Promise<Totals> => {
		// The query code loads with the first request, not with the first frame.
		const {fetchReport} = await import('../reports/report.js');
		// Running sums only, no cells: the levels read nothing else, and the cells were the bulk of the memory.
		const report = await fetchReport(
			client,
			{start: range.start, end: range.end, timeZone: range.timeZone, ...(rowsBy ? {rowsBy} : {})},
			{signal, onProgress, onDrop, sumsOnly: true, ...(known ? {knownQueues: known} : {})},
		);
		return {
			cells: report.cells,
			running: report.totals,
			nameOf: report.nameOf,
			divisionOf: report.divisionOf,
			queues: report.queues,
			...(report.missingPermission ? {missingPermission: report.missingPermission} : {}),
		};
	};
}

/** One request for the queue and media levels: asked once, shared by both. */
export const totalsRequest: DataRequest = {
	key: 'totals',
	label: 'loading queues',
	load: loadTotals(),
};

/** The same by requested skill or language (`t`), when the rows are those: a request of their own. */
export function totalsRequestFor(rowsBy: RowsBy | undefined): DataRequest {
	if (!rowsBy || rowsBy === 'queue') return totalsRequest;
	return {
		key: `totals\u0000${rowsBy}`,
		label: `loading ${rowDimensions[rowsBy].many}`,
		load: loadTotals(undefined, rowsBy),
	};
}
