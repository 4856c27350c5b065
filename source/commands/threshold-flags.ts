// The threshold flags (--min-sl, --max-abandon, --max-wait) read one way for gqx check and gqx profiles thresholds.
import {UsageError} from '../errors.js';
import {formatDuration} from '../metrics/format.js';
import type {Thresholds} from '../metrics/thresholds.js';

export const thresholdFlags = {
	'min-sl': {type: 'string'},
	'max-abandon': {type: 'string'},
	'max-wait': {type: 'string'},
} as const;

/** 0.8, 80% or 80 (over 1 read as percent) -> 0.8. */
function parseRatio(text: string, flag: string): number {
	const trimmed = text.trim();
	const percent = trimmed.endsWith('%');
	const number = Number(percent ? trimmed.slice(0, -1) : trimmed);
	const ratio = percent || number > 1 ? number / 100 : number;
	if (trimmed === '' || !Number.isFinite(number) || ratio < 0 || ratio > 1)
		throw new UsageError(
			`${flag} "${text}" is not a ratio.`,
			`Give a ratio from 0 to 1, or a percentage: ${flag} 0.8 or ${flag} 80%.`,
		);
	return ratio;
}

/** The thresholds the flags give (only those given), each checked. */
export function parseThresholdFlags(values: Record<string, unknown>): Thresholds {
	const minSl = values['min-sl'] as string | undefined;
	const maxAbandon = values['max-abandon'] as string | undefined;
	const maxWait = values['max-wait'] as string | undefined;
	const thresholds: Thresholds = {};
	if (minSl !== undefined)
		thresholds.minServiceLevel = minSl.trim().toLowerCase() === 'target' ? 'target' : parseRatio(minSl, '--min-sl');
	if (maxAbandon !== undefined) thresholds.maxAbandon = parseRatio(maxAbandon, '--max-abandon');
	if (maxWait !== undefined) {
		const seconds = Number(maxWait);
		if (maxWait.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
			throw new UsageError(`--max-wait "${maxWait}" is not a number of seconds.`, 'For example --max-wait 120.');
		thresholds.maxWaitSeconds = seconds;
	}
	return thresholds;
}

/** A ratio as the percentage it was given as (0.085 -> 8.5%), not rounded to a display precision. */
function percent(ratio: number): string {
	return `${Number((ratio * 100).toFixed(6))}%`;
}

/** One line a threshold, as a person reads them ("(none)" for an absent one). */
export function describeThresholds(thresholds: Thresholds = {}): string {
	const {minServiceLevel, maxAbandon, maxWaitSeconds} = thresholds;
	return [
		`min service level: ${minServiceLevel === undefined ? '(none)' : minServiceLevel === 'target' ? "each queue's own target" : percent(minServiceLevel)}`,
		`max abandon:       ${maxAbandon === undefined ? '(none)' : percent(maxAbandon)}`,
		`max wait:          ${maxWaitSeconds === undefined ? '(none)' : `${maxWaitSeconds} s (${formatDuration(maxWaitSeconds * 1000)})`}`,
	].join('\n');
}
