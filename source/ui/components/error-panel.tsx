// A failure drawn the one way: a badge, the cause, the failed part, the hint and the next key to press.
import {Box, Text} from 'ink';
import type {GqxError} from '../../errors.js';
import {terminalText} from '../../text/sanitize.js';
import {useTheme} from '../theme-context.js';

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

export function ErrorPanel({error}: {error: GqxError}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.error} paddingX={1}>
			<Text>
				<Text inverse color={theme.error} bold>
					{' ERROR '}
				</Text>{' '}
				{terminalText(error.message)}
			</Text>
			{error.part ? <Text>Failed part: {terminalText(error.part)}. No partial numbers are shown.</Text> : null}
			{error.hint ? <Text>{terminalText(error.hint)}</Text> : null}
			<Text dimColor={theme.dim}>{nextSteps[error.kind] ?? 'Press r to retry.'}</Text>
		</Box>
	);
}
