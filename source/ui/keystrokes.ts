// Keys that reach Ink in one read (a fast typist over SSH, `tmux send-keys j j`) taken apart into single keystrokes.
import type {Key} from 'ink';

/** A key event with no flag set: what Ink reports for a plain character. */
export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** The control characters Ink names, as it names them when they come alone. */
const controls: Record<string, 'return' | 'tab' | 'backspace' | 'delete'> = {
	'\r': 'return',
	'\t': 'tab',
	'\b': 'backspace',
	'\u007F': 'delete',
};

/**
 * Ink splits escape sequences (arrows, Home, ...) into events of their own, but hands a run of plain characters
 * over as one input, as it does a paste. Outside text fields each of them is a key: split the run into
 * characters (whole code points), each with the flags Ink would give it alone. Anything else passes unchanged.
 */
export function keystrokes(input: string, key: Key): Array<[string, Key]> {
	const characters = [...input];
	if (characters.length < 2 || key.ctrl || key.meta) return [[input, key]];
	// Other control characters (Escape, Ctrl+letter) are left to Ink, which reads them only one at a time.
	if (characters.some(character => character < ' ' && !(character in controls))) return [[input, key]];
	return characters.map(character => {
		const control = controls[character];
		if (control) return ['', {...noKey, [control]: true}];
		return [character, {...noKey, shift: character !== character.toLowerCase()}];
	});
}
