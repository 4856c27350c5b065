// Status under the breadcrumb: what is shown, a spinner while loading, and the latest notice, read whole.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {wrapWords} from '../../text/wrap.js';
import type {Theme} from '../theme.js';

const separator = '  │  ';

/**
 * The notice's own lines: none when it fits after the status items on the first line, else the notice
 * wrapped to the width (a notice is never cut: "Wrote … to <path>" must be read to the end).
 */
export function noticeLines(
	items: readonly string[],
	busy: string | undefined,
	notice: string | undefined,
	width: number,
): string[] {
	if (!notice) return [];
	const first = items.join(separator).length + (busy ? busy.length + 4 : 0);
	if (first + 2 + notice.length <= width) return [];
	return wrapWords(notice, width);
}

export function StatusBar({
	items,
	busy,
	notice,
	width,
	theme,
}: {
	items: string[];
	busy: string | undefined;
	notice: string | undefined;
	width: number;
	theme: Theme;
}) {
	const below = noticeLines(items, busy, notice, width);
	// The status items stay on one line, cut if need be; never wrapped onto the table.
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text dimColor={theme.dim}>{items.join(separator)}</Text>
				{busy ? (
					<Text color={theme.accent}>
						{'  '}
						<Spinner type="dots" /> {busy}
					</Text>
				) : null}
				{notice && below.length === 0 ? <Text color={theme.warning}>{`  ${notice}`}</Text> : null}
			</Text>
			{below.map((line, index) => (
				<Text key={index} color={theme.warning}>
					{line}
				</Text>
			))}
		</Box>
	);
}
