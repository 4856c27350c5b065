// Every key of the explorer (`?`), from the keymap, in two columns so it fits a 24-line terminal.
import {Box, Text} from 'ink';
import {helpRows} from '../keymap.js';
import {useTheme} from '../theme-context.js';

export function HelpOverlay() {
	const theme = useTheme();
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
