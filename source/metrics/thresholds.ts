// When a cell is out of bounds: service level against the row's own target, abandon rate and longest wait against
// the profile's thresholds, the longest wait against the queue's service-level time, waiting with nobody available.
import type {LiveValues} from './catalog.js';
import type {QueueRow} from './rows.js';

/** `bad` is red (or marked `!` under NO_COLOR), `near` is yellow (`~`): within 5 points above the target. */
export type Tone = 'bad' | 'near';

/** Thresholds a profile may keep (the same as gqx check's); absent ones are not checked. */
export type Thresholds = {minServiceLevel?: number | 'target'; maxAbandon?: number; maxWaitSeconds?: number};

/** How close above the target still counts as near it. */
export const nearTargetPoints = 0.05;

/** `fallbackTarget`: the target when the row's own is unknown (a queue whose media have different ones). */
export function serviceLevelTone(
	row: QueueRow,
	thresholds: Thresholds = {},
	fallbackTarget?: number,
): Tone | undefined {
	const target =
		typeof thresholds.minServiceLevel === 'number'
			? thresholds.minServiceLevel
			: (row.serviceLevelTarget ?? fallbackTarget ?? null);
	if (row.serviceLevel === null || target === null) return undefined;
	if (row.serviceLevel < target) return 'bad';
	return row.serviceLevel < target + nearTargetPoints ? 'near' : undefined;
}

export function abandonTone(row: QueueRow, thresholds: Thresholds = {}): Tone | undefined {
	return thresholds.maxAbandon !== undefined && row.abandonRate !== null && row.abandonRate > thresholds.maxAbandon
		? 'bad'
		: undefined;
}

/** Someone waits and nobody on the queue is free (queue rows: media rows have no agent counts). */
export function waitingTone(live: LiveValues | undefined): Tone | undefined {
	return live?.waiting && live.availableAgents === 0 ? 'bad' : undefined;
}

/** `limitMs`: the service-level time of the media type waited on longest. */
export function longestWaitTone(
	live: LiveValues | undefined,
	limitMs: number | undefined,
	thresholds: Thresholds = {},
): Tone | undefined {
	const longest = live?.longestWaitingMs;
	if (longest === null || longest === undefined) return undefined;
	if (limitMs !== undefined && longest > limitMs) return 'bad';
	if (thresholds.maxWaitSeconds !== undefined && longest > thresholds.maxWaitSeconds * 1000) return 'bad';
	return undefined;
}
