// A terminal for benchmarks: stdin you can type into and a TTY-like stdout that records when frames are written.
import {EventEmitter} from 'node:events';
import {Writable} from 'node:stream';

export class FakeStdin extends EventEmitter {
	isTTY = true;
	#data: string | null = null;
	write(data: string): void {
		this.#data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read(): string | null {
		const data = this.#data;
		this.#data = null;
		return data;
	}
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export class FakeStdout extends Writable {
	isTTY = true;
	columns: number;
	rows: number;
	/** Time of the last write, when a text was first seen, and waiters for the next write. */
	lastWriteAt = 0;
	readonly seen = new Map<string, number>();
	watch: string[] = [];
	#waiters: Array<() => void> = [];

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
		this.lastWriteAt = performance.now();
		if (this.watch.length > 0) {
			const text = String(chunk);
			for (const word of this.watch)
				if (!this.seen.has(word) && text.includes(word)) this.seen.set(word, this.lastWriteAt);
		}
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const waiter of waiters) waiter();
		callback();
	}

	nextWrite(): Promise<number> {
		return new Promise(resolve => this.#waiters.push(() => resolve(this.lastWriteAt)));
	}
}
