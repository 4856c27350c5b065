// Where the explorer's numbers come from: one cached aggregates query for levels 1 and 2, and one per
// queue, media and granularity for level 3. No Ink here; tests can give the screen any source.
// The API client and the query code (got, zod) load with the first request, not with the first frame.
import type {Progress} from '../../genesys/analytics.js';
import type {GenesysClient} from '../../genesys/client.js';
import type {RetryNotice} from '../../errors.js';
import type {Cell} from '../../metrics/rows.js';
import type {StatsBag} from '../../metrics/stats.js';
import type {DateRange, Granularity} from '../../range/range.js';

/** `running`, when there, is the cells added up per queue and over all (the queue level without names). */
export type Totals = {cells: Cell[]; running?: Running; nameOf: (queueId: string) => string; asOf: Date};
export type Running = {byQueue: ReadonlyMap<string, StatsBag>; all: StatsBag};
export type Intervals = {cells: Cell[]; asOf: Date};

export type ExplorerSource = {
	totals(options: {signal?: AbortSignal; onProgress?: (progress: Progress) => void; fresh?: boolean}): Promise<Totals>;
	intervals(
		queueId: string,
		mediaType: string,
		granularity: Granularity,
		options: {signal?: AbortSignal; onProgress?: (progress: Progress) => void; fresh?: boolean},
	): Promise<Intervals>;
	/** Retry waits of the requests behind this source; returns the unsubscribe function. */
	onRetry(listener: (notice: RetryNotice) => void): () => void;
};

/** Fans the client's single onRetry callback out to whichever screen listens. */
export class RetryHub {
	readonly #listeners = new Set<(notice: RetryNotice) => void>();
	emit = (notice: RetryNotice): void => {
		for (const listener of this.#listeners) listener(notice);
	};
	subscribe(listener: (notice: RetryNotice) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

export function createSource(
	client: GenesysClient | Promise<GenesysClient>,
	range: DateRange,
	hub: RetryHub,
): ExplorerSource {
	const cache = new Map<string, Promise<Totals | Intervals>>();
	function cached<T extends Totals | Intervals>(
		key: string,
		fresh: boolean | undefined,
		load: () => Promise<T>,
	): Promise<T> {
		if (!fresh) {
			const hit = cache.get(key);
			if (hit) return hit as Promise<T>;
		}
		const promise = load();
		cache.set(key, promise);
		// A failed or cancelled request is not remembered: the next try asks again.
		promise.catch(() => {
			if (cache.get(key) === promise) cache.delete(key);
		});
		return promise;
	}
	return {
		totals: ({signal, onProgress, fresh}) =>
			cached('totals', fresh, async () => {
				const [{fetchReport}, ready] = await Promise.all([import('../../genesys/report.js'), client]);
				const report = await fetchReport(
					ready,
					{start: range.start, end: range.end, timeZone: range.timeZone},
					{signal, onProgress},
				);
				return {cells: report.cells, running: report.totals, nameOf: report.nameOf, asOf: new Date()};
			}),
		intervals: (queueId, mediaType, granularity, {signal, onProgress, fresh}) =>
			cached(`intervals\u0000${queueId}\u0000${mediaType}\u0000${granularity}`, fresh, async () => {
				const [{fetchQueueAggregates}, ready] = await Promise.all([import('../../genesys/analytics.js'), client]);
				const cells = await fetchQueueAggregates(
					ready,
					{
						start: range.start,
						end: range.end,
						timeZone: range.timeZone,
						granularity,
						queueIds: [queueId],
						mediaTypes: [mediaType],
					},
					{signal, onProgress},
				);
				return {cells, asOf: new Date()};
			}),
		onRetry: listener => hub.subscribe(listener),
	};
}
