// The few keys that matter on the current screen, from the keymap, fitted to the width: the help and
// quit keys always show whole; the others go from the end of the list first.
import {Text} from 'ink';
import {footerFor, type KeyContext} from '../keymap.js';

type Hint = {keys: string; description: string};

const kept = new Set(['?', 'q']);

/** The hints that fit `width` (two spaces between), in keymap order. */
export function fitHints(hints: readonly Hint[], width: number): Hint[] {
	const size = (hint: Hint) => hint.keys.length + 1 + hint.description.length;
	const used = (list: readonly Hint[]) => list.reduce((sum, hint) => sum + size(hint), 0) + 2 * (list.length - 1);
	const shown = [...hints];
	for (let index = shown.length - 1; index >= 0 && used(shown) > width; index--) {
		if (!kept.has(shown[index]!.keys)) shown.splice(index, 1);
	}
	return shown;
}

export function Footer({context, width}: {context: KeyContext; width: number}) {
	const hints = fitHints(footerFor(context), width);
	return (
		<Text wrap="truncate-end">
			{hints.map((binding, index) => (
				<Text key={binding.keys}>
					{index > 0 ? '  ' : ''}
					<Text bold>{binding.keys}</Text> {binding.description}
				</Text>
			))}
		</Text>
	);
}
