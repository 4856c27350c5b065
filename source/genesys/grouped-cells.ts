// Aggregate queries cut into chunks of the range (and batches of ids), run in parallel, each answer read a result at
// a time and merged exactly into one cell per group and interval: the drills' and the flows' shared engine.
import type {DateTime} from 'luxon';
import {GqxError} from '../errors.js';
import {type Granularity, isoInterval, planChunks, type WeekStart} from '../range/range.js';
import {aggregatesReader} from './aggregates-reader.js';
import {describePart, type Progress} from './analytics.js';
import type {GenesysClient} from './client.js';
import {runPool} from './pool.js';
import {mergeMetric, type StatsBag} from './stats.js';

/** One cell: the group's values of the dimensions asked (null where the answer has none), an interval, statistics. */
export type GroupedCell = {group: Record<string, string | null>; interval: string; stats: StatsBag};

export type GroupedQuery<Batch> = {
	path: string;
	start: DateTime;
	end: DateTime;
	granularity?: Granularity;
	weekStart?: WeekStart;
	/** The parts of the ids filtered by (one request each per chunk); [undefined] for none. */
	batches: readonly Batch[];
	/** The request body of a chunk's interval and a batch. */
	body(interval: string, batch: Batch): Record<string, unknown>;
	/** The dimensions a cell is keyed by. */
	dimensions: readonly string[];
	/** A result left out (groups without a queue id, for the drills). */
	keep?: (group: Record<string, string> | undefined) => boolean;
};

export async function fetchGroupedCells<Batch>(
	client: GenesysClient,
	query: GroupedQuery<Batch>,
	options: {signal?: AbortSignal; onProgress?: (progress: Progress) => void; concurrency?: number} = {},
): Promise<GroupedCell[]> {
	const chunks = planChunks(query.start, query.end, query.granularity, undefined, query.weekStart);
	// Without a granularity every chunk's answer is the whole range's: they merge into one cell.
	const wholeRange = query.granularity ? undefined : isoInterval(query.start, query.end);
	const cells = new Map<string, GroupedCell>();
	const total = chunks.length * query.batches.length;
	let done = 0;
	options.onProgress?.({done, total});
	const tasks = chunks.flatMap(([start, end]) =>
		query.batches.map((batch, batchIndex) => async (signal: AbortSignal) => {
			try {
				await client.post(
					query.path,
					query.body(isoInterval(start, end), batch),
					aggregatesReader(result => {
						if (query.keep && !query.keep(result.group)) return;
						const group: Record<string, string | null> = {};
						for (const dimension of query.dimensions) group[dimension] = result.group?.[dimension] ?? null;
						const groupKey = query.dimensions.map(dimension => group[dimension] ?? '').join('\u0000');
						for (const data of result.data ?? []) {
							const interval = wholeRange ?? data.interval;
							const key = `${groupKey}\u0000${interval}`;
							let cell = cells.get(key);
							if (!cell) {
								cell = {group, interval, stats: {}};
								cells.set(key, cell);
							}
							for (const metric of data.metrics ?? []) {
								const existing = cell.stats[metric.metric];
								cell.stats[metric.metric] = existing ? mergeMetric(existing, metric.stats) : metric.stats;
							}
						}
					}),
					signal,
				);
			} catch (error) {
				if (error instanceof GqxError && total > 1)
					error.part ??= describePart(start, end, batchIndex, query.batches.length);
				throw error;
			}
			done++;
			options.onProgress?.({done, total});
		}),
	);
	await runPool(tasks, options.concurrency ?? 6, options.signal);
	return [...cells.values()];
}
