// Timer averages as Genesys defines them, shared by every level that shows them (queues, media, agents).

/**
 * Avg talk and Avg hold per interaction, as Genesys' performance views define them: talk time per
 * interaction with talk, hold time per interaction that was held. The `*Complete` timers count
 * interactions; `tTalk` and `tHeld` count segments (a held call has two talk segments), so dividing by
 * their counts gives a smaller, unfamiliar number.
 */
export const talkTimer = 'tTalkComplete';
export const holdTimer = 'tHeldComplete';

/** A timer's sum and count as the API gives them. */
export type TimerStats = {count?: number; sum?: number};

/**
 * sum / count in whole milliseconds; null (an empty cell) when nothing was counted, or when a count
 * comes without its sum: an average of 0 would be a number the answer never gave.
 */
export function averageMs(timer: TimerStats | undefined): number | null {
	if (!timer?.count || timer.sum === undefined) return null;
	return Math.round(timer.sum / timer.count);
}
