// The bounded map of recent entries: keeps the most recently used, drops the oldest, makes missing ones anew.
import {describe, expect, it} from 'vitest';
import {RecentCache} from '../../source/levels/recent-cache.js';

describe('RecentCache', () => {
	it('keeps at most its capacity, dropping the least recently set', () => {
		const cache = new RecentCache<string, number>(3);
		for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) cache.set(key, index);
		expect(cache.size).toBe(3);
		expect(cache.get('a')).toBeUndefined();
		expect(cache.get('b')).toBeUndefined();
		expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([2, 3, 4]);
	});

	it('counts a read as a use: the entry read last is dropped last', () => {
		const cache = new RecentCache<string, number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1);
		cache.set('c', 3);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe(1);
		expect(cache.get('c')).toBe(3);
	});

	it('replaces a value set again without growing, and makes it the most recent', () => {
		const cache = new RecentCache<string, number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		cache.set('a', 10);
		expect(cache.size).toBe(2);
		cache.set('c', 3);
		expect(cache.get('a')).toBe(10);
		expect(cache.get('b')).toBeUndefined();
	});

	it('forgets a deleted entry; a miss does not count as a use', () => {
		const cache = new RecentCache<string, number>(2);
		cache.set('a', 1);
		cache.delete('a');
		cache.delete('never there');
		expect(cache.size).toBe(0);
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('makes a missing entry once and gives back the same one while it is kept', () => {
		const cache = new RecentCache<string, {made: number}>(2);
		let made = 0;
		const make = () => ({made: ++made});
		const first = cache.getOrCreate('a', make);
		expect(cache.getOrCreate('a', make)).toBe(first);
		expect(made).toBe(1);
		cache.getOrCreate('b', make);
		cache.getOrCreate('c', make);
		// 'a' was the oldest: dropped, so it is made anew.
		const again = cache.getOrCreate('a', make);
		expect(again).not.toBe(first);
		expect(again.made).toBe(4);
		expect(cache.size).toBe(2);
	});
});
