// Text tables shared by the explorer and `export --format table`: measure, cut, pad and fit columns
// in terminal columns (wide East Asian characters and emoji take two, combining marks none), cutting
// only between graphemes.
import stringWidth from 'string-width';
import {terminalText} from './sanitize.js';

export type Align = 'left' | 'right';

/** A column of a text table: its width in terminal columns and how soon it goes when space runs out. */
export type Fittable = {width: number; priority: number};

const ellipsis = '…';
const plainAscii = /^[\u0020-\u007E]*$/;
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Columns `text` takes in a terminal. The same measure Ink uses (string-width), so the two agree. */
export function textWidth(text: string): number {
	return plainAscii.test(text) ? text.length : stringWidth(text);
}

/**
 * `text` safe to put in one table cell: the one sanitiser's answer (control characters shown, never sent; a
 * newline cannot break the row; bidi controls go).
 */
export function cellText(text: string): string {
	return terminalText(text);
}

type Grapheme = {text: string; width: number};

function splitGraphemes(text: string): Grapheme[] {
	return Array.from(graphemes.segment(text), ({segment}) => ({text: segment, width: stringWidth(segment)}));
}

/**
 * The first graphemes of `text` that fit in `room` columns, read no further than needed (a member of 40 queues
 * has a long list of names, and only its first columns are shown); `whole` when all of `text` fits.
 */
function head(text: string, room: number): {text: string; width: number; whole: boolean} {
	let width = 0;
	let end = 0;
	for (const {segment, index} of graphemes.segment(text)) {
		const each = stringWidth(segment);
		if (width + each > room) return {text: text.slice(0, index), width, whole: false};
		width += each;
		end = index + segment.length;
	}
	return {text: text.slice(0, end), width, whole: true};
}

/** The first graphemes of `text` that fit in `room` columns (no ellipsis). */
export function startOf(text: string, room: number): string {
	return plainAscii.test(text) ? text.slice(0, Math.max(0, room)) : head(text, room).text;
}

/** Two printable ASCII characters in a row: graphemes always break between them. */
const asciiPair = /[\u0020-\u007E][\u0020-\u007E]/;

/**
 * The last graphemes of `text` that fit in `room` columns. A long text is read from a stretch of its end that
 * starts between two ASCII characters (where a grapheme surely starts: a stretch cut elsewhere could pair flags
 * differently); the stretch grows until a grapheme does not fit, and is the whole text where no such place is.
 */
function tail(text: string, room: number): string {
	for (let span = room * 4 + 16; ; span *= 2) {
		const pair = span >= text.length ? -1 : text.slice(text.length - span).search(asciiPair);
		const from = pair < 0 ? 0 : text.length - span + pair + 1;
		const parts = splitGraphemes(text.slice(from));
		let taken = '';
		let width = 0;
		let index = parts.length - 1;
		for (; index >= 0; index--) {
			const part = parts[index]!;
			if (width + part.width > room) break;
			taken = part.text + taken;
			width += part.width;
		}
		if (from === 0 || index >= 0) return taken;
	}
}

/** Padded cells of the last frames: the same names and lists come back on every frame and every refresh. */
const padded = new Map<string, string>();
const paddedLimit = 20_000;

/**
 * `text` in at most `width` columns; a longer one loses its middle (the ellipsis counted), so both
 * ends stay readable. Cuts fall between graphemes: an accent stays on its letter, an emoji whole.
 */
export function cutMiddle(text: string, width: number): string {
	if (plainAscii.test(text)) {
		if (text.length <= width) return text;
		if (width <= 1) return width === 1 ? ellipsis : '';
		const headLength = Math.ceil((width - 1) / 2);
		const tailLength = width - 1 - headLength;
		return `${text.slice(0, headLength)}${ellipsis}${tailLength > 0 ? text.slice(-tailLength) : ''}`;
	}
	const clean = cellText(text);
	if (head(clean, width).whole) return clean;
	if (width <= 1) return width === 1 ? ellipsis : '';
	// A wide character that does not fit the head leaves its column to the tail.
	const first = head(clean, Math.ceil((width - 1) / 2));
	return `${first.text}${ellipsis}${tail(clean, width - 1 - first.width)}`;
}

/** `text` in at most `width` columns, cut at its end (the ellipsis counted). */
export function cutEnd(text: string, width: number): string {
	if (plainAscii.test(text)) {
		if (text.length <= width) return text;
		return width <= 0 ? '' : `${text.slice(0, width - 1)}${ellipsis}`;
	}
	const clean = cellText(text);
	if (head(clean, width).whole) return clean;
	if (width <= 0) return '';
	return `${head(clean, width - 1).text}${ellipsis}`;
}

/**
 * `text` in exactly `width` columns; left-aligned text (names) is cut in the middle, right-aligned
 * (numbers) at the end.
 */
export function pad(text: string, width: number, align: Align): string {
	const key = `${width}${align === 'left' ? '<' : '>'}${text}`;
	const known = padded.get(key);
	if (known !== undefined) return known;
	const fitted = align === 'left' ? cutMiddle(text, width) : cutEnd(text, width);
	const room = Math.max(0, width - textWidth(fitted));
	const result = room === 0 ? fitted : align === 'left' ? fitted + ' '.repeat(room) : ' '.repeat(room) + fitted;
	if (padded.size >= paddedLimit) padded.clear();
	padded.set(key, result);
	return result;
}

/** Where the grapheme that ends at `at` starts (a text field's Backspace and ←): 0 at the start. */
export function graphemeBefore(text: string, at: number): number {
	let start = 0;
	for (const {index} of graphemes.segment(text)) {
		if (index >= at) break;
		start = index;
	}
	return Math.min(start, at);
}

/** Where the grapheme that starts at `at` ends (a text field's → and its cursor cell). */
export function graphemeAfter(text: string, at: number): number {
	for (const {index, segment} of graphemes.segment(text))
		if (index + segment.length > at) return index + segment.length;
	return text.length;
}

/** How many graphemes (what a reader counts as characters) `text` has. */
export function graphemeCount(text: string): number {
	if (plainAscii.test(text)) return text.length;
	let count = 0;
	for (const _ of graphemes.segment(text)) count++;
	return count;
}

/**
 * The `fixed` columns and as many `candidates` as fit `width`, with `gap` columns between them:
 * the candidates with the lowest priority go first, the rest keep their order.
 */
export function fitToWidth<C extends Fittable>(
	width: number,
	fixed: readonly C[],
	candidates: readonly C[],
	gap = 1,
): C[] {
	const kept = [...candidates];
	const used = () =>
		[...fixed, ...kept].reduce((sum, column) => sum + column.width, 0) + gap * (fixed.length + kept.length - 1);
	while (kept.length > 0 && used() > width) {
		let weakest = 0;
		for (let index = 1; index < kept.length; index++)
			if (kept[index]!.priority < kept[weakest]!.priority) weakest = index;
		kept.splice(weakest, 1);
	}
	return [...fixed, ...kept];
}
