// A one-line text field. Unlike ink-text-input it keeps the text in a ref and applies every key to
// the latest text: a paste, a held Backspace or a typed-ahead Enter can arrive in one read, and Ink
// then hands all those keys to the handlers of one render, which lost keys in ink-text-input.
import {Text, useInput} from 'ink';
import {graphemeAfter, graphemeBefore, graphemeCount} from '../../text/columns.js';
import {useRef, useState} from 'react';

type Props = {
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	/** Draws each character as this one (secrets); the value itself is unchanged. */
	mask?: string;
	/** Draws the text through this (same length out as in): hides a part, as a password inside a URL. */
	conceal?: (text: string) => string;
	placeholder?: string;
	focus?: boolean;
};

export function TextField({value, onChange, onSubmit, mask, conceal, placeholder, focus = true}: Props) {
	const text = useRef(value);
	const cursor = useRef(value.length);
	const seen = useRef(value);
	const [, redraw] = useState(0);
	// Ink attaches a new input handler in an effect after the frame is drawn, so a key typed right after
	// a step change can reach the previous handler: it must still call the callbacks of the field now shown.
	const callbacks = useRef({onChange, onSubmit});
	callbacks.current = {onChange, onSubmit};
	// A value set from outside (a reset, a prefill) replaces what the field holds.
	if (seen.current !== value) {
		seen.current = value;
		if (text.current !== value) {
			text.current = value;
			cursor.current = value.length;
		}
	}

	useInput(
		(input, key) => {
			if (
				key.upArrow ||
				key.downArrow ||
				key.tab ||
				key.escape ||
				(key.ctrl && input === 'c') ||
				key.pageUp ||
				key.pageDown
			)
				return;
			const {onChange, onSubmit} = callbacks.current;
			if (key.return) {
				onSubmit?.(text.current);
				return;
			}
			let next = text.current;
			let at = cursor.current;
			let submit = false;
			// The cursor moves and deletes a grapheme at a time: an accent stays on its letter, an emoji whole.
			if (key.leftArrow) at = graphemeBefore(next, at);
			else if (key.rightArrow) at = graphemeAfter(next, at);
			else if (key.home || (key.ctrl && input === 'a')) at = 0;
			else if (key.end || (key.ctrl && input === 'e')) at = next.length;
			else if (key.ctrl && input === 'u') {
				next = next.slice(at);
				at = 0;
			} else if (key.backspace || key.delete) {
				if (at > 0) {
					const start = graphemeBefore(next, at);
					next = next.slice(0, start) + next.slice(at);
					at = start;
				}
			} else if (input && !key.ctrl && !key.meta) {
				// Typed or pasted text. A held Backspace can arrive as one string of DEL characters,
				// which Ink does not split: each one deletes. Line breaks inside have no place in a
				// one-line field; one at the very end is Enter typed right after the text.
				for (const character of input) {
					if (character === '\u007F' || character === '\b') {
						if (at > 0) {
							const start = graphemeBefore(next, at);
							next = next.slice(0, start) + next.slice(at);
							at = start;
						}
					} else if (character >= ' ') {
						next = next.slice(0, at) + character + next.slice(at);
						at += character.length;
					}
				}
				submit = /[\r\n]$/.test(input);
			} else {
				return;
			}
			cursor.current = at;
			if (next !== text.current) {
				text.current = next;
				seen.current = next;
				onChange(next);
			}
			redraw(count => count + 1);
			if (submit) onSubmit?.(next);
		},
		{isActive: focus},
	);

	// A mask shows one mark a grapheme, so the cursor is counted in graphemes there.
	const shown = mask ? mask.repeat(graphemeCount(text.current)) : conceal ? conceal(text.current) : text.current;
	if (shown === '' && placeholder) {
		return (
			<Text>
				{focus ? <Text inverse>{placeholder[0] ?? ' '}</Text> : null}
				<Text dimColor>{focus ? placeholder.slice(1) : placeholder}</Text>
			</Text>
		);
	}
	if (!focus) return <Text>{shown}</Text>;
	const at = Math.min(
		mask ? graphemeCount(text.current.slice(0, cursor.current)) * mask.length : cursor.current,
		shown.length,
	);
	const end = graphemeAfter(shown, at);
	return (
		<Text>
			{shown.slice(0, at)}
			<Text inverse>{shown.slice(at, end) || ' '}</Text>
			{shown.slice(end)}
		</Text>
	);
}
