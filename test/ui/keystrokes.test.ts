// A run of keys read at once is split into the keystrokes Ink would have reported one by one.
import {describe, expect, it} from 'vitest';
import {keystrokes, noKey as none} from '../../source/ui/keystrokes.js';

describe('keystrokes', () => {
	it('passes a single key through unchanged', () => {
		expect(keystrokes('j', none)).toEqual([['j', none]]);
	});

	it('splits plain characters, marking capitals as shifted and Enter, Tab and Delete as Ink names them', () => {
		const split = keystrokes('jG\r\t\u007F', none);
		expect(split.map(([input]) => input)).toEqual(['j', 'G', '', '', '']);
		expect(split.map(([, key]) => key.shift)).toEqual([false, true, false, false, false]);
		expect(split[2]![1].return).toBe(true);
		expect(split[3]![1].tab).toBe(true);
		expect(split[4]![1].delete).toBe(true);
	});

	it('keeps emoji and other astral characters whole', () => {
		expect(keystrokes('😀j', none).map(([input]) => input)).toEqual(['😀', 'j']);
	});

	it('leaves runs with other control characters or modifiers to Ink', () => {
		expect(keystrokes('a\u0001', none)).toHaveLength(1);
		expect(keystrokes('ab', {...none, meta: true})).toHaveLength(1);
	});
});
