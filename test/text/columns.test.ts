// The width helper every table uses: terminal columns, not characters; cuts between graphemes only.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cutEnd, cutMiddle, pad, textWidth} from '../../source/text/columns.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const graphemesOf = (text: string) => Array.from(segmenter.segment(text), each => each.segment);

/** Names as real organizations write them: each kind of character that is not one column wide. */
export const worldNames = [
	'サポート窓口（東京）',
	'상담 센터 Cafe\u0301',
	'客户服务中心（上海）',
	'Family 👨‍👩‍👧 Plans',
	'Re\u0301servations (FR)',
	'Sales - Overflow (EN)',
];

describe('text width', () => {
	it('measures terminal columns: wide characters two, combining marks and joiners none', () => {
		expect(textWidth('サポート窓口（東京）')).toBe(20);
		expect(textWidth('상담 센터 Cafe\u0301')).toBe(14);
		expect(textWidth('👨‍👩‍👧')).toBe(2);
		expect(textWidth('Re\u0301servations')).toBe(12);
		expect(textWidth('Sales')).toBe(5);
	});

	it('pads every kind of name to exactly the width, at every width', () => {
		for (const name of worldNames)
			for (let width = 0; width <= 30; width++) {
				expect(textWidth(pad(name, width, 'left')), `${name} at ${width}`).toBe(width);
				expect(textWidth(pad(name, width, 'right')), `${name} at ${width}`).toBe(width);
			}
	});

	it('cuts in the middle between graphemes, the ellipsis counted, and keeps both ends', () => {
		expect(cutMiddle('サポート窓口（東京）', 9)).toBe('サポ…京）');
		expect(textWidth(cutMiddle('サポート窓口（東京）', 9))).toBe(9);
		expect(cutMiddle('Family 👨‍👩‍👧 Plans', 9)).toBe('Fami…lans');
		expect(cutMiddle('Family 👨‍👩‍👧 Plans', 15)).toBe('Family 👨‍👩‍👧 Plans');
		expect(cutMiddle('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5)).toBe('👨‍👩‍👧…👨‍👩‍👧');
		expect(cutMiddle('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 4)).toBe('👨‍👩‍👧…');
		expect(cutMiddle('상담 센터 Cafe\u0301', 6)).toBe('상…afe\u0301');
		expect(cutEnd('客户服务中心', 6)).toBe('客户…');
		expect(cutMiddle('客户服务中心', 12)).toBe('客户服务中心');
	});

	it('never cuts inside a grapheme nor goes past the width (property)', () => {
		const piece = fc.constantFrom('a', 'Z', ' ', '中', '（', 'e\u0301', '👨‍👩‍👧', '🇯🇵', '한', 'é', 'ß');
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 20}), fc.integer({min: 0, max: 30}), (parts, width) => {
				const text = parts.join('');
				const source = new Set(graphemesOf(text));
				for (const cut of [cutMiddle(text, width), cutEnd(text, width)]) {
					expect(textWidth(cut)).toBeLessThanOrEqual(width);
					for (const grapheme of graphemesOf(cut)) expect(grapheme === '…' || source.has(grapheme)).toBe(true);
				}
				if (textWidth(text) <= width) expect(cutMiddle(text, width)).toBe(text);
			}),
			{numRuns: 500, seed: 17},
		);
	});

	it('cuts a long list of names exactly as cutting it grapheme by grapheme does (property)', () => {
		// A member of many queues: a long text of which only the ends are shown, read from its ends only.
		const piece = fc.constantFrom(
			'a',
			', ',
			' ',
			'中',
			'（',
			'e\u0301',
			'👨‍👩‍👧',
			'🇯🇵',
			'🇫🇷',
			'한',
			'Café',
			'サポート窓口',
		);
		/** The cut as the definition says it: every grapheme measured, the head and the tail taken whole. */
		const expected = (text: string, width: number) => {
			const parts = graphemesOf(text).map(each => ({each, width: textWidth(each)}));
			if (parts.reduce((sum, part) => sum + part.width, 0) <= width) return text;
			if (width <= 1) return width === 1 ? '…' : '';
			let head = '';
			let used = 0;
			for (const part of parts) {
				if (used + part.width > Math.ceil((width - 1) / 2)) break;
				head += part.each;
				used += part.width;
			}
			let tail = '';
			let room = width - 1 - used;
			for (const part of parts.toReversed()) {
				if (part.width > room) break;
				tail = part.each + tail;
				room -= part.width;
			}
			return `${head}…${tail}`;
		};
		fc.assert(
			fc.property(fc.array(piece, {minLength: 20, maxLength: 400}), fc.integer({min: 0, max: 60}), (parts, width) => {
				const text = parts.join('');
				expect(cutMiddle(text, width)).toBe(expected(text, width));
			}),
			{numRuns: 300, seed: 29},
		);
		// Only flags after the last ASCII pair: the stretch cannot start inside the run, so the pairs stay.
		for (const flags of [`${'🇯🇵'.repeat(40)}x${'🇫🇷'.repeat(41)}`, `x${'🇫🇷'.repeat(41)}y`, `ab${'🇫🇷'.repeat(41)}y`])
			for (const width of [9, 10, 11, 12]) expect(cutMiddle(flags, width)).toBe(expected(flags, width));
	});

	it('puts control characters of a name on one line and drops bidi overrides', () => {
		expect(pad('Sales\nEMEA\t2', 16, 'left')).toBe('Sales^JEMEA^I2  ');
		expect(pad('Ventes\u202E (FR) é', 16, 'left')).toBe('Ventes (FR) é   ');
	});
});
