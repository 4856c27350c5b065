// When a cell is out of bounds: service level against the row's own target, abandon rate and longest wait against
// the profile's thresholds, the longest wait against the queue's service-level time, waiting with nobody available.
import type {LiveValues} from './catalog.js';
import type {QueueRow} from './rows.js';

/** `bad` is red (or marked `!` under NO_COLOR), `near` is yellow (`~`): within 5 points above the target. */
export type Tone = 'bad' | 'near';

/** Thresholds a profile may keep (the same as gqx check's); absent ones are not checked. */
export type Thresholds = {
	minServiceLevel?: number | 'target';
	maxAbandon?: number;
	maxWaitSeconds?: number;
	/** People now: an agent in after-call work, on a break or meal, or idle on queue longer than this many seconds. */
	maxAcwSeconds?: number;
	maxBreakSeconds?: number;
	maxIdleSeconds?: number;
};

/** How close above the target still counts as near it. */
export const nearTargetPoints = 0.05;

/**
 * The lowest service-level target of a queue's media settings (reference §E): the target of a row whose media have
 * different ones.
 */
export function lowestTarget(
	serviceLevels: Readonly<Record<string, {target?: number}>> | undefined,
): number | undefined {
	const targets = Object.values(serviceLevels ?? {})
		.map(level => level.target)
		.filter((target): target is number => target !== undefined);
	return targets.length > 0 ? Math.min(...targets) : undefined;
}

/**
 * The service level a row is held to: the threshold's ratio, else the row's own target, else `fallbackTarget` (the
 * target when the row's own is unknown: a queue whose media have different ones); null when none is known.
 */
export function serviceLevelTarget(row: QueueRow, thresholds: Thresholds = {}, fallbackTarget?: number): number | null {
	return typeof thresholds.minServiceLevel === 'number'
		? thresholds.minServiceLevel
		: (row.serviceLevelTarget ?? fallbackTarget ?? null);
}

/** Bad below the target, near within 5 points above it. The explorer's colours and `gqx check --min-sl` alike. */
export function serviceLevelTone(
	row: QueueRow,
	thresholds: Thresholds = {},
	fallbackTarget?: number,
): Tone | undefined {
	const target = serviceLevelTarget(row, thresholds, fallbackTarget);
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

/** The agent thresholds, each with the row's measure of it (ms at the board's moment; null when not in that state). */
export const agentChecks = [
	{key: 'maxAcwSeconds', measure: 'acwMs'},
	{key: 'maxBreakSeconds', measure: 'breakMs'},
	{key: 'maxIdleSeconds', measure: 'idleMs'},
] as const;

/** An agent over an agent threshold (people now): `bad`. */
export function agentTone(
	row: QueueRow,
	thresholds: Thresholds,
	key: (typeof agentChecks)[number]['key'],
): Tone | undefined {
	const check = agentChecks.find(each => each.key === key)!;
	const limit = thresholds[key];
	const measured = row[check.measure];
	return limit !== undefined && measured !== null && measured !== undefined && measured > limit * 1000
		? 'bad'
		: undefined;
}
