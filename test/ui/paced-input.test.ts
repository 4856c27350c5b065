// The paced stdin takes a read apart into the keystrokes Ink would see one by one, keeping sequences and pastes whole.
import {expect, it} from 'vitest';
import {splitKeystrokes} from '../../source/ui/paced-input.js';

it('splits keys, keeps escape sequences, a lone Escape and a paste whole', () => {
	expect(splitKeystrokes('\rc')).toEqual(['\r', 'c']);
	expect(splitKeystrokes('jj\u001B[Ac')).toEqual(['j', 'j', '\u001B[A', 'c']);
	expect(splitKeystrokes('\u001B[5~\u001BOH\u001B')).toEqual(['\u001B[5~', '\u001BOH', '\u001B']);
	expect(splitKeystrokes('\u001B\u001B[B')).toEqual(['\u001B', '\u001B[B']);
	expect(splitKeystrokes('é\u007F')).toEqual(['é', '\u007F']);
	const pasted = 'https://login.example.com/abc';
	expect(splitKeystrokes(`${pasted}\r`)).toEqual([pasted, '\r']);
});
