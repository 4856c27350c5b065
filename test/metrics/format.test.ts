// Counts are written as en-US writes them (Intl's formatter), whole numbers grouped by gqx's own fast path.
import {describe, expect, it} from 'vitest';
import {formatCount} from '../../source/metrics/format.js';

const intl = new Intl.NumberFormat('en-US');

describe('formatCount', () => {
	it('writes every count as Intl en-US does', () => {
		const values = [0, -0, 1, -1, 999, 1000, -1000, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, -1_234_567];
		values.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, 1234.5678, Number.NaN);
		values.push(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
		// Each magnitude from 1 to 16 digits, both signs.
		let state = 11;
		const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31), state / 2 ** 31);
		for (let index = 0; index < 2000; index++) {
			const value = Math.floor(10 ** (next() * 16));
			if (Number.isSafeInteger(value)) values.push(next() < 0.5 ? value : -value);
		}
		for (const value of values) expect(formatCount(value), String(value)).toBe(intl.format(value));
	});
});
