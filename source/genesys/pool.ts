// A bounded pool of async tasks sharing one abort signal.
import {setMaxListeners} from 'node:events';
import {CancelledError} from '../errors.js';

/** Runs `tasks` with at most `limit` in flight; the first failure aborts the rest. */
export async function runPool<T>(
	tasks: Array<(signal: AbortSignal) => Promise<T>>,
	limit: number,
	signal?: AbortSignal,
): Promise<T[]> {
	// A load cancelled before its requests start asks nothing ('abort' has fired already).
	if (signal?.aborted) throw new CancelledError();
	const controller = new AbortController();
	// Every request in flight listens on this signal (got adds one listener each): allow the pool's
	// own number, or Node warns on stderr (over the TUI) from 11 on.
	setMaxListeners(Math.max(10, limit * 2), controller.signal);
	const onAbort = () => controller.abort();
	signal?.addEventListener('abort', onAbort, {once: true});
	const results: T[] = new Array<T>(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			const task = tasks[index];
			if (!task) continue;
			results[index] = await task(controller.signal);
		}
	};
	try {
		await Promise.all(
			Array.from({length: Math.min(limit, tasks.length)}, () =>
				worker().catch((error: unknown) => {
					controller.abort();
					throw error;
				}),
			),
		);
		return results;
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}
