// The first line of every explorer screen: where you are (profile, dates, queue, media).
import {Text} from 'ink';
import {cutMiddle} from '../../text/columns.js';
import {useTheme} from '../theme-context.js';

const separator = ' › ';
/** A shortened name keeps at least this much of its two ends. */
const shortest = 8;

/**
 * The parts fitted to `width`: the longest names (a queue, the profile) lose their middle first, so the
 * last part (the media type at the interval level) and the dates stay whole. Part 1, the dates, is never cut.
 */
export function fitCrumbs(parts: readonly string[], width: number): string[] {
	const fitted = [...parts];
	const length = () => fitted.join(separator).length;
	for (;;) {
		const excess = length() - width;
		if (excess <= 0) return fitted;
		let longest = -1;
		for (let index = 0; index < fitted.length; index++) {
			if (index === 1 || fitted[index]!.length <= shortest) continue;
			if (longest < 0 || fitted[index]!.length > fitted[longest]!.length) longest = index;
		}
		if (longest < 0) return fitted;
		const part = fitted[longest]!;
		fitted[longest] = cutMiddle(part, Math.max(shortest, part.length - excess));
	}
}

export function Breadcrumb({parts, width}: {parts: string[]; width?: number}) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end" color={theme.accent} bold>
			{(width ? fitCrumbs(parts, width) : parts).join(separator)}
		</Text>
	);
}
