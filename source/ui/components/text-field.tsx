// A one-line text field. Unlike ink-text-input it keeps the text in a ref and applies every key to
// the latest text: a paste, a held Backspace or a typed-ahead Enter can arrive in one read, and Ink
// then hands all those keys to the handlers of one render, which lost keys in ink-text-input.
import {Text, useInput} from 'ink';
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
			if (key.leftArrow) at = Math.max(0, at - 1);
			else if (key.rightArrow) at = Math.min(next.length, at + 1);
			else if (key.home || (key.ctrl && input === 'a')) at = 0;
			else if (key.end || (key.ctrl && input === 'e')) at = next.length;
			else if (key.ctrl && input === 'u') {
				next = next.slice(at);
				at = 0;
			} else if (key.backspace || key.delete) {
				if (at > 0) {
					next = next.slice(0, at - 1) + next.slice(at);
					at--;
				}
			} else if (input && !key.ctrl && !key.meta) {
				// Typed or pasted text. A held Backspace can arrive as one string of DEL characters,
				// which Ink does not split: each one deletes. Line breaks inside have no place in a
				// one-line field; one at the very end is Enter typed right after the text.
				for (const character of input) {
					if (character === '\u007F' || character === '\b') {
						if (at > 0) {
							next = next.slice(0, at - 1) + next.slice(at);
							at--;
						}
					} else if (character >= ' ') {
						next = next.slice(0, at) + character + next.slice(at);
						at++;
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

	const shown = mask ? mask.repeat(text.current.length) : conceal ? conceal(text.current) : text.current;
	if (shown === '' && placeholder) {
		return (
			<Text>
				{focus ? <Text inverse>{placeholder[0] ?? ' '}</Text> : null}
				<Text dimColor>{focus ? placeholder.slice(1) : placeholder}</Text>
			</Text>
		);
	}
	if (!focus) return <Text>{shown}</Text>;
	const at = Math.min(cursor.current, shown.length);
	return (
		<Text>
			{shown.slice(0, at)}
			<Text inverse>{shown[at] ?? ' '}</Text>
			{shown.slice(at + 1)}
		</Text>
	);
}
