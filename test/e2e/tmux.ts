// A real terminal for end-to-end tests: gqx runs under tmux, and tests read the screen as a user sees it.
import {execFileSync} from 'node:child_process';
import {cliPath} from '../run-cli.js';
import {until} from '../wait.js';

/** The built gqx, as a shell command line. */
export const gqx = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)}`;

let counter = 0;
/** The terminals started since killTerms last ran. */
const running: Term[] = [];
/** A tmux server of the tests' own (-L), so a user's tmux sessions are never touched. */
const socket = `gqx-e2e-${process.pid}`;

export type Term = {
	name: string;
	screen(): string;
	/** The screen with its colours and styles as escape sequences (tmux capture-pane -e). */
	styledScreen(): string;
	/** tmux's own view: is the alternate screen on, is the cursor visible. */
	state(): {alternate: boolean; cursorVisible: boolean};
	keys(...keys: string[]): void;
	type(text: string): void;
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Waits until `done` holds for the screen, and returns that screen. */
	waitUntil(done: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	/** Waits until the screen is another than `before`, and returns it. */
	waitForChange(before: string, timeoutMs?: number): Promise<string>;
	kill(): void;
};

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
}

/**
 * Opens a session. The tests' server is kept alive while it has no session (exit-empty off: stopServer ends it),
 * since a session started just as the last one ends can meet a server on its way out ("server exited
 * unexpectedly"); that message, should it still come, is retried.
 */
function newSession(name: string, width: number, height: number, script: string): void {
	for (let attempt = 1; ; attempt++) {
		try {
			tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), script);
			tmux('set-option', '-s', 'exit-empty', 'off');
			return;
		} catch (error) {
			if (attempt >= 5 || !/server exited unexpectedly|no server running|lost server/.test(String(error))) throw error;
		}
	}
}

/** Ends the tests' tmux server and every session left on it. */
export function stopServer(): void {
	try {
		tmux('kill-server');
	} catch {
		// Not running.
	}
}

export function hasTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/**
 * Starts `command` in a new tmux window of `width` x `height`. After the command ends the shell
 * prints `EXIT:<code>` and whether the terminal echoes again, then waits, so tests can look.
 */
export function startTerm(
	command: string,
	options: {width: number; height: number; env?: Record<string, string>; cwd?: string},
): Term {
	const name = `gqx-e2e-${process.pid}-${counter++}`;
	const env = Object.entries({NO_COLOR: '', GQX_CHECK_FRAMES: '1', ...options.env})
		.map(([key, value]) => `${key}=${JSON.stringify(value)}`)
		.join(' ');
	const script = `${options.cwd ? `cd ${JSON.stringify(options.cwd)} && ` : ''}env -u CI ${env} ${command}; echo "EXIT:$?"; stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo' | sed 's/^/ECHO:/'; sleep 120`;
	newSession(name, options.width, options.height, script);
	const term: Term = {
		name,
		screen: () => tmux('capture-pane', '-p', '-t', name),
		styledScreen: () => tmux('capture-pane', '-p', '-e', '-t', name),
		state: () => {
			const [alternate, cursor] = tmux('display-message', '-p', '-t', name, '#{alternate_on} #{cursor_flag}')
				.trim()
				.split(' ');
			return {alternate: alternate === '1', cursorVisible: cursor === '1'};
		},
		keys: (...keys) => {
			tmux('send-keys', '-t', name, ...keys);
		},
		type: text => {
			tmux('send-keys', '-t', name, '-l', text);
		},
		waitFor: (text, timeoutMs) =>
			term.waitUntil(
				screen => (typeof text === 'string' ? screen.includes(text) : text.test(screen)),
				String(text),
				timeoutMs,
			),
		waitUntil: (done, what, timeoutMs = 15_000) =>
			until(term.screen, done, last => `${what} in ${name}. Screen:\n${last}`, {timeoutMs, everyMs: 50}),
		// Changed, and the same on two captures in a row: a capture can land in the middle of a frame being written.
		waitForChange: (before, timeoutMs) => {
			let last: string | undefined;
			return term.waitUntil(
				screen => {
					const settled = screen !== before && screen === last;
					last = screen;
					return settled;
				},
				'the screen to change',
				timeoutMs,
			);
		},
		kill: () => {
			try {
				tmux('kill-session', '-t', name);
			} catch {
				// Already gone.
			}
		},
	};
	running.push(term);
	return term;
}

/** Ends every terminal started since the last call: after each test. */
export function killTerms(): void {
	for (const term of running.splice(0)) term.kill();
}

/**
 * Walks the dates menu down to `label` (a preset, Custom range, Time zone) and picks it. One key at a time, looking
 * after each: the menu applies keys that arrive in one read to a stale index.
 */
export async function pickPreset(term: Term, label: string): Promise<void> {
	const cursor = () =>
		term
			.screen()
			.split('\n')
			.find(line => line.includes('❯'));
	for (let step = 0; step < 30 && !term.screen().includes(`❯ ${label}`); step++) {
		const from = cursor();
		term.keys('Down');
		await term.waitUntil(() => cursor() !== from, `the menu cursor to move from ${String(from)}`);
	}
	await term.waitFor(`❯ ${label}`);
	term.keys('Enter');
}

/** A command to the tests' tmux server itself: its options (`set -g set-clipboard on`), its paste buffer. */
export function serverCommand(...args: string[]): string {
	return tmux(...args);
}
