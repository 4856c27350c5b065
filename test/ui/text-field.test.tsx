// The text field applies every key to the latest text, however keys are grouped into reads.
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {TextField} from '../../source/ui/components/text-field.js';
import {keys, press, type Rendered, ready, waitFor, waitForText} from './ink.js';

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function Harness({mask, onSubmit}: {mask?: string; onSubmit: (value: string) => void}) {
	const [value, setValue] = useState('');
	return (
		<Box flexDirection="column">
			<Text>ready</Text>
			<TextField value={value} onChange={setValue} onSubmit={onSubmit} mask={mask} />
			<Text>value=[{value}]</Text>
		</Box>
	);
}

describe('TextField', () => {
	it('submits a paste followed by Enter in the same read', async () => {
		const submitted: string[] = [];
		rendered = render(<Harness onSubmit={value => submitted.push(value)} />);
		await ready(rendered, 'ready');
		rendered.stdin.write('pasted-secret\r');
		await waitForText(rendered, 'value=[pasted-secret]');
		expect(submitted).toEqual(['pasted-secret']);
	});

	it('deletes once per Backspace when several arrive in one read', async () => {
		rendered = render(<Harness onSubmit={() => {}} />);
		await ready(rendered, 'ready');
		await press(rendered, 'abcdef');
		rendered.stdin.write('\u007F\u007F\u007F');
		await waitForText(rendered, 'value=[abc]');
	});

	it('moves and deletes a grapheme at a time: wide characters, an emoji, an accent', async () => {
		rendered = render(<Harness onSubmit={() => {}} />);
		await ready(rendered, 'ready');
		await press(rendered, 'サポ👨‍👩‍👧e\u0301');
		await waitForText(rendered, 'value=[サポ👨‍👩‍👧e\u0301]');
		// Backspace takes the accented letter whole, not its accent alone.
		await press(rendered, keys.backspace);
		await waitForText(rendered, 'value=[サポ👨‍👩‍👧]');
		// ← steps over the whole emoji; the cursor cell holds it unbroken.
		await press(rendered, '\u001B[D');
		await waitFor(rendered, frame => frame.split('\n')[1] === 'サポ👨‍👩‍👧', 'the cursor on the emoji');
		await press(rendered, 'X');
		await waitForText(rendered, 'value=[サポX👨‍👩‍👧]');
		await press(rendered, keys.backspace, '\u001B[C', keys.backspace);
		await waitForText(rendered, 'value=[サポ]');
		// A held Backspace in one read: a grapheme each.
		rendered.stdin.write('\u007F');
		await waitForText(rendered, 'value=[サ]');
	});

	it('edits in the middle with the arrows, and masks what it shows', async () => {
		rendered = render(<Harness mask="*" onSubmit={() => {}} />);
		await ready(rendered, 'ready');
		await press(rendered, 'acd', '\u001B[D', '\u001B[D', 'b');
		const frame = await waitForText(rendered, 'value=[abcd]');
		expect(frame).toContain('****');
		expect(frame.split('\n')[1]).not.toContain('abcd');
		await press(rendered, keys.enter);
	});
});
