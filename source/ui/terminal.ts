// Full-screen mode: the alternate screen on start, and the terminal given back on quit, crash or signal.
import {terminalLines} from '../text/sanitize.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

export type TerminalGuard = {restore: () => void};

/** Enters the alternate screen and makes sure it is left however the process ends. */
export function takeOverTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalGuard {
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		try {
			if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
		} catch {
			// The stream may be gone already at exit.
		}
		stdout.write(leaveAlternateScreen + showCursor);
	};
	stdout.write(enterAlternateScreen);
	process.once('exit', restore);
	const onCrash = (error: unknown) => {
		restore();
		process.stderr.write(
			`gqx: unexpected internal error; please report it.\n${terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
		);
		process.exit(70);
	};
	process.once('uncaughtException', onCrash);
	process.once('unhandledRejection', onCrash);
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			restore();
			process.exit(128 + (signal === 'SIGTERM' ? 15 : 1));
		});
	}
	return {restore};
}
