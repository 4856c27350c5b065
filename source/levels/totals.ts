// The range's aggregates of every queue by media type, with names: the data of the queue and media levels.
import type {Cell} from '../metrics/rows.js';
import type {StatsBag} from '../metrics/stats.js';
import type {DataRequest} from './types.js';

/** `running`, when there, is the cells added up per queue and over all (the queue level without names). */
export type Totals = {cells: Cell[]; running?: Running; nameOf: (queueId: string) => string};
export type Running = {byQueue: ReadonlyMap<string, StatsBag>; all: StatsBag};

/** One request for the queue and media levels: asked once, shared by both. */
export const totalsRequest: DataRequest = {
	key: 'totals',
	label: 'loading queues',
	async load(client, range, {signal, onProgress}): Promise<Totals> {
		// The query code loads with the first request, not with the first frame.
		const {fetchReport} = await import('../genesys/report.js');
		const report = await fetchReport(
			client,
			{start: range.start, end: range.end, timeZone: range.timeZone},
			{signal, onProgress},
		);
		return {cells: report.cells, running: report.totals, nameOf: report.nameOf};
	},
};
