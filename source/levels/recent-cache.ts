// A map that keeps only the most recently used entries, so a long session does not keep every range it visited.

export class RecentCache<K, V> {
	readonly #entries = new Map<K, V>();
	readonly capacity: number;

	constructor(capacity: number) {
		this.capacity = capacity;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** The entry, now the most recent one. */
	get(key: K): V | undefined {
		const value = this.#entries.get(key);
		if (value !== undefined) {
			this.#entries.delete(key);
			this.#entries.set(key, value);
		}
		return value;
	}

	/** The entry, leaving its place in the order as it is. */
	peek(key: K): V | undefined {
		return this.#entries.get(key);
	}

	set(key: K, value: V): void {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
	}

	delete(key: K): void {
		this.#entries.delete(key);
	}

	/** The entry, made by `make` when missing. */
	getOrCreate(key: K, make: () => V): V {
		let value = this.get(key);
		if (value === undefined) {
			value = make();
			this.set(key, value);
		}
		return value;
	}
}
