// gqx watch's state file in the config folder: the conditions followed (so a restart neither repeats an open breach
// nor forgets one) and the events not yet delivered, written whole (a temporary file renamed into place), and a lock
// beside it so two watches on one state file refuse rather than both announce. A lock whose process is gone (or
// whose pid is this process's own: a leftover from before a restart) is taken.
import fs from 'node:fs';
import path from 'node:path';
import {UsageError} from '../errors.js';
import {writeFileAtomic} from '../export/output.js';
import {configFolder, processAlive} from '../profiles/store.js';
import {terminalText} from '../text/sanitize.js';
import type {Queued} from './deliver.js';
import type {Tracked, WatchEvent} from './hold.js';

export type WatchState = {
	version: 1;
	tracked: Tracked[];
	/** Undelivered events by destination id (a hash: a webhook's URL is never written here). */
	outbox: Record<string, Queued[]>;
	/** Events held back by --quiet, for the digest when the quiet hours end. */
	digest: WatchEvent[];
	seq: number;
};

const empty = (): WatchState => ({version: 1, tracked: [], outbox: {}, digest: [], seq: 0});

/** `watch-<profile>.json` (`watch-demo.json`, `watch.json` without a profile) in the config folder. */
export function defaultStatePath(env: NodeJS.ProcessEnv, profile: string | undefined, demo: boolean): string {
	const name = demo ? 'demo' : profile;
	const safe = name?.replace(/[^\w.-]/g, '_');
	return path.join(configFolder(env), safe ? `watch-${safe}.json` : 'watch.json');
}

function readState(file: string): WatchState {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
		throw new UsageError(`Cannot read the watch state file ${file}: ${(error as Error).message}.`, '');
	}
	try {
		const state = JSON.parse(text) as WatchState;
		if (state.version !== 1 || !Array.isArray(state.tracked)) throw new Error('not a state file of this gqx');
		return {...empty(), ...state};
	} catch (error) {
		throw new UsageError(
			`The watch state file ${file} cannot be read (${(error as Error).message}).`,
			'Move it aside to start afresh (open breaches will be announced again), or give another with --state.',
		);
	}
}

/** Why a state file's path cannot be used, as a usage error (exit 2) where it is the path's fault. */
function unusable(file: string, error: unknown): unknown {
	const code = (error as NodeJS.ErrnoException).code;
	const why: Record<string, string> = {
		ENOENT: 'its folder does not exist',
		ENOTDIR: 'a part of its path is not a folder',
		EACCES: 'permission denied',
		EPERM: 'operation not permitted',
		EROFS: 'the file system is read-only',
		EISDIR: 'it is a folder',
		ELOOP: 'too many symbolic links',
		ENAMETOOLONG: 'the name is too long',
	};
	if (error instanceof UsageError || code === undefined || !(code in why)) return error;
	return new UsageError(
		`Cannot use the watch state file ${terminalText(file)}: ${why[code]}.`,
		'Give a file in an existing folder you can write with --state PATH.',
	);
}

export class StateFile {
	readonly path: string;
	readonly #lock: string;
	state: WatchState;

	private constructor(file: string) {
		this.path = file;
		this.#lock = `${file}.lock`;
		this.state = empty();
	}

	/**
	 * Takes the lock (or refuses: another watch holds it) and reads the state. The folder must exist, unless it is the
	 * config folder (`createFolder`), which is made: a --state path is never made folders for (it may be anywhere,
	 * /proc included). A path that cannot be used (not a folder, no permission) is a usage error.
	 */
	static open(file: string, options: {createFolder?: boolean} = {}): StateFile {
		const opened = new StateFile(path.resolve(file));
		const folder = path.dirname(opened.path);
		try {
			if (options.createFolder) fs.mkdirSync(folder, {recursive: true, mode: 0o700});
			else if (!fs.statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), {code: 'ENOTDIR'});
			opened.#takeLock();
		} catch (error) {
			throw unusable(opened.path, error);
		}
		try {
			opened.state = readState(opened.path);
		} catch (error) {
			opened.release();
			throw error;
		}
		return opened;
	}

	#takeLock(): void {
		for (let attempt = 0; ; attempt++) {
			try {
				fs.writeFileSync(this.#lock, String(process.pid), {flag: 'wx', mode: 0o600});
				return;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
			}
			// Our own pid is a leftover: in a container a restarted watch often has the pid the last one had.
			const pid = Number(fs.readFileSync(this.#lock, 'utf8'));
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
				throw new UsageError(
					`Another gqx watch (pid ${pid}) is using the state file ${this.path}.`,
					'Stop that one first, or give this one its own state file with --state PATH.',
				);
			// Its process is gone (killed, crashed): the lock is stale.
			fs.rmSync(this.#lock, {force: true});
		}
	}

	save(): void {
		writeFileAtomic(this.path, `${JSON.stringify(this.state)}\n`);
	}

	release(): void {
		try {
			if (Number(fs.readFileSync(this.#lock, 'utf8')) === process.pid) fs.rmSync(this.#lock, {force: true});
		} catch {
			// Gone already.
		}
	}
}
