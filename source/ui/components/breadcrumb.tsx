// The first line of every explorer screen: where you are (profile, dates, queue, media).
import {Text} from 'ink';
import type {Theme} from '../theme.js';

export function Breadcrumb({parts, theme}: {parts: string[]; theme: Theme}) {
	return (
		<Text wrap="truncate-end" color={theme.accent} bold>
			{parts.join(' › ')}
		</Text>
	);
}
