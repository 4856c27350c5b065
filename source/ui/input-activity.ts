// Keys before updates: a screen update from outside (live values by push, the people board's changes) that falls due
// while someone is typing goes right after the frame of their next key, when the screen has nothing else to do before
// the key after it, instead of in the middle of a key, which it would keep waiting for its whole time (10 to 20 ms at
// 5,000 queues). It waits for that key at most a quarter of a second.
import {useStdin} from 'ink';
import {useEffect} from 'react';
import {afterReact} from './paced-input.js';

/** A key this recent means someone is typing. */
const typingMs = 300;
/** The longest an update waits for the next key. */
const longestWaitMs = 250;

let lastKeyAt = Number.NEGATIVE_INFINITY;
const waiting = new Set<() => void>();

function keyed(): void {
	lastKeyAt = performance.now();
	if (waiting.size === 0) return;
	afterReact(() => {
		const due = [...waiting];
		waiting.clear();
		for (const update of due) update();
	});
}

/** Tells the updates of this process when a key comes in (any key, to any screen). Used once, by the app's root. */
export function useInputActivity(): void {
	const {internal_eventEmitter: keys} = useStdin();
	useEffect(() => {
		keys.on('input', keyed);
		return () => {
			keys.off('input', keyed);
		};
	}, [keys]);
}

/**
 * Runs `update` now, or, while someone types, after the frame of their next key (at most longestWaitMs from now).
 * Returns a function that cancels it.
 */
export function betweenKeys(update: () => void): () => void {
	if (performance.now() - lastKeyAt > typingMs) {
		update();
		return () => {};
	}
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		clearTimeout(timer);
		waiting.delete(once);
		update();
	};
	const timer = setTimeout(once, longestWaitMs);
	waiting.add(once);
	return () => {
		done = true;
		clearTimeout(timer);
		waiting.delete(once);
	};
}
