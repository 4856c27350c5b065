// The few keys that matter on the current screen, from the keymap.
import {Text} from 'ink';
import {footerFor, type KeyContext} from '../keymap.js';

export function Footer({
	context,
	extra = [],
}: {
	context: KeyContext;
	extra?: Array<{keys: string; description: string}>;
}) {
	const keys = [...footerFor(context), ...extra];
	return (
		<Text wrap="truncate-end">
			{keys.map((binding, index) => (
				<Text key={binding.keys}>
					{index > 0 ? '  ' : ''}
					<Text bold>{binding.keys}</Text> {binding.description}
				</Text>
			))}
		</Text>
	);
}
