// Waiting with a deadline on something a test can look at (a frame, a screen, a file, a count): a slow machine
// makes the test slower, never wrong, and a wait that runs out says what it waited for and what it last saw.

export type Until = {
	/** How long to keep looking; 10 s unless told. */
	timeoutMs?: number;
	/** How often to look. */
	everyMs?: number;
};

/**
 * Looks until `done` holds for what `look` returns, and returns that; past the deadline, throws with `what` and the
 * last value seen.
 */
export async function until<T>(
	look: () => T,
	done: (value: T) => boolean,
	what: string | ((last: T) => string),
	{timeoutMs = 10_000, everyMs = 10}: Until = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = look();
		if (done(value)) return value;
		if (Date.now() > deadline)
			throw new Error(
				`Timed out waiting for ${typeof what === 'string' ? `${what}; last seen:\n${String(value)}` : what(value)}`,
			);
		await new Promise(resolve => setTimeout(resolve, everyMs));
	}
}
