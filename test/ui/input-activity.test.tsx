// Keys before updates: an update that falls due while someone types goes after the frame of their next key, or after
// a quarter of a second without one; with no one typing it goes at once.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {expect, it} from 'vitest';
import {betweenKeys, useInputActivity} from '../../source/ui/input-activity.js';
import {settled} from './ink.js';
import {until} from '../wait.js';
import {useInput} from 'ink';

/** A screen that counts the keys it was handed, as the explorer does, and tells the updates when keys come. */
function Typed() {
	useInputActivity();
	const [count, setCount] = useState(0);
	useInput(() => setCount(value => value + 1));
	return <Text>keys {count}</Text>;
}

/** Waits until `count` updates ran. */
const updates = async (order: string[], count: number, what: string) =>
	until(
		() => order,
		now => now.length === count,
		now => `${what}; so far ${JSON.stringify(now)}`,
	);

it('runs an update at once when no one types, after the next key while someone does, or after a moment', async () => {
	const screen = render(<Typed />);
	try {
		const order: string[] = [];
		// No key yet: at once.
		betweenKeys(() => order.push('idle update'));
		expect(order).toEqual(['idle update']);

		// A key, then an update falls due: it waits for the next key and goes after that key's frame.
		screen.stdin.write('a');
		await settled();
		betweenKeys(() => order.push(`update after ${screen.lastFrame() ?? ''}`));
		expect(order).toEqual(['idle update']);
		screen.stdin.write('b');
		await updates(order, 2, 'the update after the next key');
		expect(order[1]).toBe('update after keys 2');

		// A key, an update, and no more keys: it goes after a moment anyway.
		screen.stdin.write('c');
		await settled();
		betweenKeys(() => order.push('update without a key'));
		expect(order).toHaveLength(2);
		await updates(order, 3, 'the update without a next key');
		expect(order[2]).toBe('update without a key');

		// Cancelled (the screen left): it never runs.
		screen.stdin.write('d');
		await settled();
		const cancel = betweenKeys(() => order.push('cancelled update'));
		cancel();
		screen.stdin.write('e');
		await settled();
		betweenKeys(() => order.push('last'));
		screen.stdin.write('f');
		await updates(order, 4, 'the last update');
		expect(order).not.toContain('cancelled update');
	} finally {
		screen.unmount();
	}
});
