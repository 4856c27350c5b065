// Keys typed faster than the screens follow (a fast typist, a terminal multiplexer, `tmux send-keys`) reach Ink one
// keystroke at a time, each once React has handled the one before and the screen it led to reads keys. Ink hands a
// read of several keys to the handlers of that moment as one input, so `Enter c` on the dates menu was neither a
// pick nor a comparison; shells and editors buffer what is typed ahead, and so does this.
import {createRequire} from 'node:module';
import {PassThrough} from 'node:stream';

type Scheduler = {
	unstable_scheduleCallback(priority: number, callback: () => void): unknown;
	unstable_IdlePriority: number;
};

/**
 * React's scheduler, as Ink's reconciler resolves it (the same instance): a task of idle priority runs only after a
 * key's update and the effects after it (a new screen's input handler), which is when the next key may go.
 */
const scheduler = ((): Scheduler | undefined => {
	try {
		const fromInk = createRequire(createRequire(import.meta.url).resolve('ink'));
		return createRequire(fromInk.resolve('react-reconciler'))('scheduler') as Scheduler;
	} catch {
		return undefined;
	}
})();

/** Runs `callback` once React has handled what is pending now (a key's update and the effects after it). */
export function afterReact(callback: () => void): void {
	setImmediate(() => {
		if (scheduler) scheduler.unstable_scheduleCallback(scheduler.unstable_IdlePriority, callback);
		else setTimeout(callback, 5);
	});
}

/** A run of printable characters this long in one read is a paste: it goes whole, to the text field it is for. */
const pasteLength = 16;

/**
 * A read taken apart into keystrokes: escape sequences whole (CSI `ESC [ … final`, SS3 `ESC O x`, Alt+key `ESC x`),
 * a lone Escape, and single characters; a long run of printable characters (a paste) stays one piece.
 */
export function splitKeystrokes(text: string): string[] {
	const pieces: string[] = [];
	const characters = [...text];
	for (let at = 0; at < characters.length;) {
		const character = characters[at]!;
		if (character === '\u001B') {
			const next = characters[at + 1];
			let end = at + 1;
			if (next === '[') {
				end = at + 2;
				while (end < characters.length && !/[@-~]/.test(characters[end]!)) end++;
				end = Math.min(end + 1, characters.length);
			} else if (next === 'O' && at + 2 < characters.length) end = at + 3;
			else if (next !== undefined && next !== '\u001B') end = at + 2;
			pieces.push(characters.slice(at, end).join(''));
			at = end;
			continue;
		}
		let run = at;
		while (run < characters.length && characters[run]! >= ' ' && characters[run] !== '\u007F') run++;
		if (run - at >= pasteLength) {
			pieces.push(characters.slice(at, run).join(''));
			at = run;
			continue;
		}
		pieces.push(character);
		at++;
	}
	return pieces;
}

/**
 * A stdin for Ink that hands it what the terminal sends a keystroke at a time, each after React has handled the one
 * before, and only while Ink reads (between two screens nothing is read, and nothing is lost). Ctrl+C jumps the queue.
 */
export function pacedInput(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
	const paced = new PassThrough() as PassThrough & {
		isTTY: boolean;
		isRaw: boolean;
		setRawMode(mode: boolean): unknown;
		ref(): unknown;
		unref(): unknown;
	};
	const queue: string[] = [];
	let waiting = false;
	const reading = () => paced.listenerCount('readable') > 0 || paced.listenerCount('data') > 0;
	const pump = () => {
		if (waiting || queue.length === 0 || !reading()) return;
		waiting = true;
		paced.write(queue.shift()!);
		afterReact(() => {
			waiting = false;
			pump();
		});
	};
	stdin.on('data', (chunk: Buffer | string) => {
		const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		if (text.includes('\u0003')) {
			queue.length = 0;
			paced.write('\u0003');
			return;
		}
		queue.push(...splitKeystrokes(text));
		pump();
	});
	paced.on('newListener', (event: string) => {
		if (event === 'readable') setImmediate(pump);
	});
	paced.isTTY = stdin.isTTY;
	Object.defineProperty(paced, 'isRaw', {get: () => stdin.isRaw});
	paced.setRawMode = (mode: boolean) => {
		stdin.setRawMode(mode);
		// The terminal is read while Ink reads it; otherwise it is left alone (and the process may exit).
		if (mode) stdin.resume();
		else stdin.pause();
		return paced;
	};
	paced.ref = () => {
		stdin.ref();
		return paced;
	};
	paced.unref = () => {
		stdin.unref();
		return paced;
	};
	return paced as unknown as NodeJS.ReadStream;
}
