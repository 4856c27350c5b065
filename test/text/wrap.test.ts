// Notices wrapped to the terminal's width: every character kept, no line too long.
import {expect, it} from 'vitest';
import stringWidth from 'string-width';
import {wrapWords} from '../../source/text/wrap.js';

it('breaks at spaces, keeps every word, and splits only a word longer than a line', () => {
	const path = '/home/someone/quarterly-reports-for-the-operations-team/queue-performance/gqx-queues-2026-03-01.csv';
	const text = `Wrote 1,204 rows to ${path}`;
	const lines = wrapWords(text, 40);
	for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
	expect(lines[0]).toBe('Wrote 1,204 rows to');
	expect(lines.slice(1).join('')).toBe(path);
	expect(wrapWords('short notice', 80)).toEqual(['short notice']);
	expect(wrapWords('one two three', 7)).toEqual(['one two', 'three']);
});

it('measures in terminal columns: a path with wide characters is split to fit, between graphemes', () => {
	const path = '/tmp/gqx-agents-サポート窓口（東京）-Cafe\u0301-2026-02-19_2026-03-20.csv';
	const lines = wrapWords(`Wrote 24 rows to ${path}`, 30);
	for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(30);
	expect(lines[0]).toBe('Wrote 24 rows to');
	expect(lines.slice(1).join('')).toBe(path);
	// The decomposed é stays on its e.
	expect(lines.some(line => line.startsWith('\u0301'))).toBe(false);
});
