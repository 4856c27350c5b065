// Helpers for ink-testing-library: wait for what the user would see, never for a fixed time.
import type {render} from 'ink-testing-library';

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

export async function waitFor(
	rendered: Rendered,
	predicate: (frame: string) => boolean,
	what: string,
	timeoutMs = 10_000,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = rendered.lastFrame() ?? '';
		if (predicate(frame)) return frame;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Last frame:\n${frame}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

export function waitForText(rendered: Rendered, text: string | RegExp, timeoutMs?: number): Promise<string> {
	return waitFor(
		rendered,
		frame => (typeof text === 'string' ? frame.includes(text) : text.test(frame)),
		String(text),
		timeoutMs,
	);
}

/** Types keys one write at a time, letting Ink handle each (input right after render is lost otherwise). */
export async function press(rendered: Rendered, ...sequence: string[]): Promise<void> {
	for (const key of sequence) {
		await new Promise(resolve => setTimeout(resolve, 15));
		rendered.stdin.write(key);
	}
	await new Promise(resolve => setTimeout(resolve, 15));
}

/**
 * Waits for the first screen and for its input handlers: Ink attaches them in an effect after the
 * first frame, so keys written at once would be lost.
 */
export async function ready(rendered: Rendered, text: string | RegExp): Promise<void> {
	await waitForText(rendered, text);
	await new Promise(resolve => setTimeout(resolve, 100));
}
