// The keys the app takes whatever the screen: q on the fatal screen, and Ctrl+C typed among other keys.
import {useInput} from 'ink';
import type {Screen} from '../app-state.js';

export function useAppInput(screen: Screen, exit: () => void): void {
	useInput(
		input => {
			if (input === 'q') exit();
		},
		{isActive: screen.kind === 'fatal'},
	);

	// Ink quits on Ctrl+C only when it arrives alone; typed right after other keys it comes in the
	// same read ("eu\u0003") and would be taken as text. Ctrl+C always quits, on every screen.
	useInput(input => {
		if (input.length > 1 && input.includes('\u0003')) exit();
	});
}
