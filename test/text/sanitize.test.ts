// The one sanitiser for outside text: controls shown (caret notation, U+FFFD for C1), bidi controls removed,
// printable text of any script untouched.
import {expect, it} from 'vitest';
import {describeError} from '../../source/commands/errors.js';
import {terminalLines, terminalText} from '../../source/text/sanitize.js';
import {hostile, rawHostile} from '../hostile.js';

it('shows C0 controls in caret notation, C1 as U+FFFD, and drops bidi controls', () => {
	for (const {raw, shown} of hostile) expect(terminalText(raw)).toBe(shown);
	expect(terminalText('a\tb\u007Fc\u0000')).toBe('a^Ib^?c^@');
	expect(terminalText('\u009D8;;https://evil\u009C')).toBe('\uFFFD8;;https://evil\uFFFD');
	expect(terminalText('\u200Eleft\u200F \u061Cx\u2066y\u2069')).toBe('left xy');
	for (const {raw} of hostile) expect(rawHostile(terminalText(raw))).toEqual([]);
});

it('keeps printable text of every script as it is', () => {
	for (const name of [
		'Billing - Tier 2',
		'サポート窓口（東京）',
		'Family Plans 👨‍👩‍👧',
		'Re\u0301servations (FR)',
		'Ünïcödé ±',
	])
		expect(terminalText(name)).toBe(name);
});

it('keeps the lines of a stack trace apart and cleans each, so a bug report cannot carry escapes either', () => {
	expect(terminalLines('one\u001B[2J\ntwo\u202E\r')).toBe('one^[[2J\ntwo^M');
	const {text, exitCode} = describeError(new Error('unexpected \u001B]52;c;eA==\u0007 token'));
	expect(exitCode).toBe(70);
	expect(text).toContain('unexpected ^[]52;c;eA==^G token');
	expect(rawHostile(text)).toEqual([]);
});
