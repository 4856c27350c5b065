// The frame around every screen: breadcrumb, status bar, footer keys, help overlay and error panel.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {GqxError} from '../../errors.js';
import {footerFor, helpRows, type KeyContext} from '../keymap.js';
import type {Theme} from '../theme.js';

export function Breadcrumb({parts, theme}: {parts: string[]; theme: Theme}) {
	return (
		<Text wrap="truncate-end" color={theme.accent} bold>
			{parts.join(' › ')}
		</Text>
	);
}

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

export function HelpOverlay({theme}: {theme: Theme}) {
	const rows = helpRows();
	const width = Math.max(...rows.map(row => row.keys.length));
	// Two columns, so every key fits on a 24-line terminal.
	const half = Math.ceil(rows.length / 2);
	const column = (part: typeof rows) => (
		<Box flexDirection="column" marginRight={3}>
			{part.map(row => (
				<Text key={row.keys}>
					<Text bold>{row.keys.padEnd(width)}</Text> {row.description}
				</Text>
			))}
		</Box>
	);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold>Keys</Text>
			<Box>
				{column(rows.slice(0, half))}
				{column(rows.slice(half))}
			</Box>
			<Text dimColor={theme.dim}>Press any key to close.</Text>
		</Box>
	);
}

const nextSteps: Record<string, string> = {
	auth: 'Press p to edit or switch the profile.',
	permission: 'Ask an admin to add the permission to the OAuth client’s role, then press r.',
	'rate-limit': 'Press r to retry once the wait is over.',
	network: 'Check the connection, then press r.',
	api: 'Press r to retry.',
	response: 'Press p to check the region of the profile.',
	usage: 'Press d to pick other dates.',
	config: 'Press p to pick a profile.',
};

export function ErrorPanel({error, theme}: {error: GqxError; theme: Theme}) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.error} paddingX={1}>
			<Text>
				<Text inverse color={theme.error} bold>
					{' ERROR '}
				</Text>{' '}
				{error.message}
			</Text>
			{error.part ? <Text>Failed part: {error.part}. No partial numbers are shown.</Text> : null}
			{error.hint ? <Text>{error.hint}</Text> : null}
			<Text dimColor={theme.dim}>{nextSteps[error.kind] ?? 'Press r to retry.'}</Text>
		</Box>
	);
}
