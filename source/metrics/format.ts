// Human formats for table cells: durations as m:ss or h:mm:ss, ratios as percentages.

/**
 * A cell without a value. ASCII on purpose: Ink measures every line of every frame, and string-width measures a line
 * of printable ASCII at once but one with a single en dash grapheme by grapheme (0.1 ms a 160-column row, 5-6 ms a
 * frame of 5,000-row tables, where many cells of a day in progress are empty).
 */
export const missing = '-';

export function formatDuration(ms: number | null): string {
	if (ms === null) return missing;
	const totalSeconds = Math.round(ms / 1000);
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	const ss = String(seconds).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * A duration as h:mm:ss even without hours (`39:50` -> `0:39:50`), for a column where another value has hours: one
 * format down a column. Other text (no value, a count) as it is.
 */
export function withHours(text: string): string {
	const match = /^(\d+):(\d\d)$/.exec(text);
	return match ? `0:${match[1]!.padStart(2, '0')}:${match[2]}` : text;
}

export function formatPercent(ratio: number | null): string {
	if (ratio === null) return missing;
	return `${(ratio * 100).toFixed(1)}%`;
}

// One formatter for all counts: toLocaleString builds a new one on every call, which is slow in tables.
const countFormat = new Intl.NumberFormat('en-US');

/**
 * A count as en-US writes it (`1,234,567`). Whole numbers, nearly all a table has, are grouped here: Intl's formatter
 * takes a microsecond or two a number, and the widths of thousands of rows are measured before the first frame.
 */
export function formatCount(value: number): string {
	if (!Number.isSafeInteger(value) || Object.is(value, -0)) return countFormat.format(value);
	if (value > -1000 && value < 1000) return String(value);
	const digits = String(Math.abs(value));
	let text = digits.slice(0, digits.length % 3 || 3);
	for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`;
	return value < 0 ? `-${text}` : text;
}
