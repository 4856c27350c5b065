// The names of the wait views, apart from the client so the explorer's math can read them without loading it.

export type WaitOutcome = 'answered' | 'abandoned';

/** The name of the view that counts an outcome's waits under `boundMs`: a statistic of that name in the answer. */
export function underViewName(outcome: WaitOutcome, boundMs: number): string {
	return `${outcome}Under${boundMs}`;
}
