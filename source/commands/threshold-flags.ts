// The threshold flags (--min-sl, --max-abandon, --max-wait, --max-acw, --max-break, --max-idle) read one way for gqx check and gqx profiles thresholds.
import {UsageError} from '../errors.js';
import {formatDuration} from '../metrics/format.js';
import type {Thresholds} from '../metrics/thresholds.js';

export const thresholdFlags = {
	'min-sl': {type: 'string'},
	'max-abandon': {type: 'string'},
	'max-wait': {type: 'string'},
	'max-acw': {type: 'string'},
	'max-break': {type: 'string'},
	'max-idle': {type: 'string'},
} as const;

/** The flags that take seconds, and where each goes. */
const secondsFlags = [
	['max-wait', 'maxWaitSeconds', 120],
	['max-acw', 'maxAcwSeconds', 300],
	['max-break', 'maxBreakSeconds', 1200],
	['max-idle', 'maxIdleSeconds', 600],
] as const;

/**
 * 0.8, 80% and 80 are all 80%: a bare number up to 1 is a ratio, from 2 up a percentage. A bare number from 1 to
 * under 2 could be either (`--max-abandon 1`: 1 % or 100 %? `--min-sl 1.5`: 1.5 % or a ratio over 1?), so it is
 * refused with the two ways to say it; so is anything outside 0-100 %.
 */
export function parseRatio(text: string, flag: string): number {
	const trimmed = text.trim();
	const percent = trimmed.endsWith('%');
	const body = percent ? trimmed.slice(0, -1).trim() : trimmed;
	const number = body === '' ? Number.NaN : Number(body);
	const example = `${flag} 0.8, ${flag} 80% or ${flag} 80`;
	if (!Number.isFinite(number))
		throw new UsageError(`${flag} "${text}" is not a ratio.`, `Give a ratio from 0 to 1, or a percentage: ${example}.`);
	if (!percent && number >= 1 && number < 2) {
		const asRatio = Number((number * 100).toFixed(6));
		throw new UsageError(
			asRatio > 100
				? `${flag} ${text} is over 1 as a ratio (${asRatio} %), and as a percentage it needs its sign.`
				: `${flag} ${text} could mean ${number} % or ${asRatio} %.`,
			`Write it with a percent sign: ${flag} ${number}%${asRatio <= 100 ? ` or ${flag} ${asRatio}%` : ''}.`,
		);
	}
	const ratio = percent || number > 1 ? number / 100 : number;
	if (ratio < 0 || ratio > 1)
		throw new UsageError(
			`${flag} ${text} is outside 0-100 %.`,
			`Give a ratio from 0 to 1, or a percentage from 0 to 100: ${example}.`,
		);
	return ratio;
}

/** The thresholds the flags give (only those given), each checked. */
export function parseThresholdFlags(values: Record<string, unknown>): Thresholds {
	const minSl = values['min-sl'] as string | undefined;
	const maxAbandon = values['max-abandon'] as string | undefined;
	const thresholds: Thresholds = {};
	if (minSl !== undefined)
		thresholds.minServiceLevel = minSl.trim().toLowerCase() === 'target' ? 'target' : parseRatio(minSl, '--min-sl');
	if (maxAbandon !== undefined) thresholds.maxAbandon = parseRatio(maxAbandon, '--max-abandon');
	for (const [flag, key, example] of secondsFlags) {
		const text = values[flag] as string | undefined;
		if (text === undefined) continue;
		const seconds = Number(text);
		if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
			throw new UsageError(`--${flag} "${text}" is not a number of seconds.`, `For example --${flag} ${example}.`);
		thresholds[key] = seconds;
	}
	return thresholds;
}

/** A ratio as the percentage it was given as (0.085 -> 8.5%), not rounded to a display precision. */
function percent(ratio: number): string {
	return `${Number((ratio * 100).toFixed(6))}%`;
}

/** One line a threshold, as a person reads them ("(none)" for an absent one). */
export function describeThresholds(thresholds: Thresholds = {}): string {
	const {minServiceLevel, maxAbandon} = thresholds;
	const seconds = (value: number | undefined) =>
		value === undefined ? '(none)' : `${value} s (${formatDuration(value * 1000)})`;
	return [
		`min service level: ${minServiceLevel === undefined ? '(none)' : minServiceLevel === 'target' ? "each queue's own target" : percent(minServiceLevel)}`,
		`max abandon:       ${maxAbandon === undefined ? '(none)' : percent(maxAbandon)}`,
		`max wait:          ${seconds(thresholds.maxWaitSeconds)}`,
		`max ACW:           ${seconds(thresholds.maxAcwSeconds)}`,
		`max break:         ${seconds(thresholds.maxBreakSeconds)}`,
		`max idle:          ${seconds(thresholds.maxIdleSeconds)}`,
	].join('\n');
}
