// Notices wrapped to the terminal's width: every character kept, no line too long.
import {expect, it} from 'vitest';
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
