// One line of status under the breadcrumb: what is shown, a spinner while loading, and the latest notice.
import {Text} from 'ink';
import Spinner from 'ink-spinner';
import type {Theme} from '../theme.js';

export function StatusBar({
	items,
	busy,
	notice,
	theme,
}: {
	items: string[];
	busy: string | undefined;
	notice: string | undefined;
	theme: Theme;
}) {
	// One line, always: what does not fit is cut, never wrapped onto the table.
	return (
		<Text wrap="truncate-end">
			<Text dimColor={theme.dim}>{items.join('  │  ')}</Text>
			{busy ? (
				<Text color={theme.accent}>
					{'  '}
					<Spinner type="dots" /> {busy}
				</Text>
			) : null}
			{notice ? <Text color={theme.warning}>{`  ${notice}`}</Text> : null}
		</Text>
	);
}
