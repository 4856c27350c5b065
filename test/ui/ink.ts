// Helpers for ink-testing-library: wait for what the user would see, or for React to have handled a key; never for a
// fixed time.
import {createRequire} from 'node:module';
import type {render} from 'ink-testing-library';
import {until} from '../wait.js';

export type Rendered = ReturnType<typeof render>;

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	home: '\u001B[H',
	end: '\u001B[F',
	left: '\u001B[D',
	right: '\u001B[C',
};

type Scheduler = {
	unstable_scheduleCallback(priority: number, callback: () => void): unknown;
	unstable_IdlePriority: number;
};

/** The scheduler React runs Ink's effects on: resolved as Ink's reconciler resolves it, so it is the same instance. */
const scheduler = (() => {
	const fromInk = createRequire(createRequire(import.meta.url).resolve('ink'));
	return createRequire(fromInk.resolve('react-reconciler'))('scheduler') as Scheduler;
})();

/**
 * Resolves once React has nothing left to do: a key's update, and the effects after it (a new screen's input
 * handler, a handler that sees the new state), run as work on React's scheduler. A task of idle priority runs only
 * after all of that; the first turn lets Ink hand on an Escape it holds back to tell it from a sequence.
 */
export function settled(): Promise<void> {
	return new Promise(resolve => {
		setImmediate(() => scheduler.unstable_scheduleCallback(scheduler.unstable_IdlePriority, resolve));
	});
}

export async function waitFor(
	rendered: Rendered,
	predicate: (frame: string) => boolean,
	what: string,
	timeoutMs = 10_000,
): Promise<string> {
	return until(
		() => rendered.lastFrame() ?? '',
		predicate,
		last => `${what}. Last frame:\n${last}`,
		{timeoutMs},
	);
}

export function waitForText(rendered: Rendered, text: string | RegExp, timeoutMs?: number): Promise<string> {
	return waitFor(
		rendered,
		frame => (typeof text === 'string' ? frame.includes(text) : text.test(frame)),
		String(text),
		timeoutMs,
	);
}

/**
 * Types keys one write at a time, each after React has handled the one before (keys written together would reach
 * handlers that still hold the state before the first).
 */
export async function press(rendered: Rendered, ...sequence: string[]): Promise<void> {
	await settled();
	for (const key of sequence) {
		rendered.stdin.write(key);
		await settled();
	}
}

/**
 * Waits for the first screen and for its input handlers: Ink attaches them in effects after the first frame, so
 * keys written at once would be lost.
 */
export async function ready(rendered: Rendered, text: string | RegExp): Promise<void> {
	await waitFor(
		rendered,
		frame =>
			(typeof text === 'string' ? frame.includes(text) : text.test(frame)) &&
			rendered.stdin.listenerCount('readable') > 0,
		`${String(text)} with Ink reading keys`,
	);
	await settled();
}

/**
 * On the dates menu, walks down to "Custom range" one key at a time (the menu applies keys handled before a
 * re-render to a stale entry) and opens it.
 */
export async function openCustomRange(rendered: Rendered): Promise<void> {
	await waitForText(rendered, '❯ Last 7 days');
	const chosen = (frame: string | undefined) => frame?.split('\n').find(line => line.includes('❯')) ?? '';
	while (!chosen(rendered.lastFrame()).includes('Custom range')) {
		const before = chosen(rendered.lastFrame());
		await press(rendered, keys.down);
		await waitFor(rendered, frame => chosen(frame) !== before, 'the menu to move');
	}
	await press(rendered, keys.enter);
	await waitForText(rendered, 'From (YYYY-MM-DD):');
}
