// Work asked again while it runs: one run at a time, and at most one more waiting behind it, which every asker while
// it waits shares. The run behind starts after the running one, so it sees all that happened before it was asked.

/** `run` wrapped so that calls made while it runs share one later run; each call resolves with a run that began after it. */
export function oneBehind<Args extends unknown[]>(
	run: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
	let running: Promise<void> | undefined;
	let waiting: Promise<void> | undefined;
	const start = (...args: Args): Promise<void> => {
		const started = run(...args).finally(() => {
			if (running === started) running = undefined;
		});
		running = started;
		return started;
	};
	return (...args: Args) => {
		if (!running) return start(...args);
		waiting ??= running
			.catch(() => undefined)
			.then(() => {
				waiting = undefined;
				return start(...args);
			});
		return waiting;
	};
}
