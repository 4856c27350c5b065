// The names of the wait views, apart from the client so the explorer's math can read them without loading it.

export type WaitOutcome = 'answered' | 'abandoned';

/** The name of the view that counts an outcome's waits under `boundMs`: a statistic of that name in the answer. */
export function underViewName(outcome: WaitOutcome, boundMs: number): string {
	return `${outcome}Under${boundMs}`;
}

export function isUnderViewName(outcome: WaitOutcome, name: string): boolean {
	return name.startsWith(`${outcome}Under`);
}

/**
 * Beside the views, in the same statistics: the outcome's total as the answer with its views says it (so a band never
 * comes from two moments of a day still running), and how many of its views the answers had (none: unavailable).
 */
export function viewsTotalName(outcome: WaitOutcome): string {
	return `${outcome}ViewsTotal`;
}

export function viewsReadName(outcome: WaitOutcome): string {
	return `${outcome}ViewsRead`;
}

/** How many answers with the outcome lacked the view every conversation of it is under: any means unavailable. */
export function viewsMissingName(outcome: WaitOutcome): string {
	return `${outcome}ViewsMissing`;
}
