// The few keys that act on the current screen, from the keymap, fitted to the width: the least important go first
// (the help and quit keys always show), the rest stay in keymap order.
import {Text} from 'ink';
import type {Hint, KeyAction} from '../keymap.js';

/** The footer's keys from the most to the least important; a level's own keys (`open:…`) rank at `open` unless listed. */
const importance: readonly string[] = [
	'help',
	'quit',
	'drill',
	'cancel',
	'back',
	'heat-next',
	'live',
	// The way from queues to flows and back: on the flows level it is the way back to the queues.
	'open:flows',
	'refresh',
	'filter',
	'open',
	'sort',
	'compare',
	'dates',
	'export',
	'column-toggle',
	'column-earlier',
	'column-later',
	'columns-reset',
	'close',
];

function rank(action: KeyAction): number {
	const own = importance.indexOf(action);
	const at = own !== -1 ? own : importance.indexOf(action.startsWith('open:') ? 'open' : action);
	return at === -1 ? importance.length : at;
}

const size = (hint: Hint) => hint.keys.length + 1 + hint.description.length;

/** The hints that fit `width` (two spaces between), in the order given: the least important are left out first. */
export function fitHints(hints: readonly Hint[], width: number): Hint[] {
	const used = (list: readonly Hint[]) => list.reduce((sum, hint) => sum + size(hint), 0) + 2 * (list.length - 1);
	const shown = [...hints];
	// Among hints of one rank (a level's keys), the later goes first.
	const leastFirst = [...hints].reverse().sort((a, b) => rank(b.action) - rank(a.action));
	for (const hint of leastFirst) {
		if (used(shown) <= width) break;
		if (hint.action === 'help' || hint.action === 'quit') continue;
		shown.splice(shown.indexOf(hint), 1);
	}
	return shown;
}

export function Footer({hints, width}: {hints: readonly Hint[]; width: number}) {
	const fitted = fitHints(hints, width);
	return (
		<Text wrap="truncate-end">
			{fitted.map((binding, index) => (
				<Text key={binding.keys}>
					{index > 0 ? '  ' : ''}
					<Text bold>{binding.keys}</Text> {binding.description}
				</Text>
			))}
		</Text>
	);
}
