// Queues a batch at a time, in order: a few batches fetched ahead in parallel, each handed over in its turn and let go
// once written, so memory stays flat however many queues there are. The streams of every export level run on it.
import {CancelledError} from '../errors.js';
import type {Progress} from '../genesys/analytics.js';

export type BatchOptions<Row> = {
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	batchSize?: number;
	/** Batches fetched at once. */
	concurrency?: number;
	/** A batch's rows, in order; `signal` aborts when the stream fails or is cancelled. */
	fetchBatch: (queueIds: string[], signal: AbortSignal) => Promise<Row[]>;
	onRows: (rows: Row[]) => Promise<void>;
};

/** Streams the rows of `ids` (in that order) a batch at a time; returns how many were handed over. */
export async function streamBatches<Row>(ids: readonly string[], options: BatchOptions<Row>): Promise<number> {
	const batchSize = options.batchSize ?? 25;
	const batches: string[][] = [];
	for (let index = 0; index < ids.length; index += batchSize) batches.push(ids.slice(index, index + batchSize));
	const concurrency = options.concurrency ?? 4;
	if (options.signal?.aborted) throw new CancelledError();
	const controller = new AbortController();
	options.signal?.addEventListener('abort', () => controller.abort(), {once: true});
	const pending: Array<Promise<Row[]>> = [];
	const start = (index: number) => {
		const batch = batches[index];
		if (!batch || pending[index]) return;
		pending[index] = options.fetchBatch(batch, controller.signal);
		// Failures surface when their turn comes; until then they must not count as unhandled.
		pending[index].catch(() => {});
	};
	let written = 0;
	options.onProgress?.({done: 0, total: batches.length});
	try {
		for (let index = 0; index < batches.length; index++) {
			for (let ahead = index; ahead < Math.min(batches.length, index + concurrency); ahead++) start(ahead);
			const rows = await pending[index]!;
			// Let go of the batch as soon as it is written.
			pending[index] = Promise.resolve([]);
			await options.onRows(rows);
			written += rows.length;
			options.onProgress?.({done: index + 1, total: batches.length});
		}
	} catch (error) {
		controller.abort();
		throw error;
	}
	return written;
}
