// Deterministic hashing: every generated number is a pure function of the seed and its coordinates.

/** 32-bit mix of any number of integers (murmur3 finalizer over a running hash). */
export function hash(...parts: number[]): number {
	let h = 0x9e3779b9;
	for (const part of parts) {
		let k = Math.imul(part | 0, 0xcc9e2d51);
		k = (k << 15) | (k >>> 17);
		k = Math.imul(k, 0x1b873593);
		h ^= k;
		h = (h << 13) | (h >>> 19);
		h = (Math.imul(h, 5) + 0xe6546b64) | 0;
		// High bits of large inputs (minute indexes) matter too.
		h ^= Math.floor(part / 4_294_967_296) | 0;
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** Uniform in [0, 1). */
export function unit(...parts: number[]): number {
	return hash(...parts) / 4_294_967_296;
}

/** A UUID-shaped id that is stable for (seed, kind, index). */
export function stableUuid(seed: number, kind: number, index: number): string {
	const hex = [0, 1, 2, 3].map(part => hash(seed, kind, index, part).toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[hash(seed, kind, index, 9) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Standard normal from two uniforms (Box–Muller). */
export function normal(u1: number, u2: number): number {
	return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
}
