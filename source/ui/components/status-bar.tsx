// Status under the breadcrumb: what is shown, a spinner while loading, and the latest notice, read whole.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {defaultLiveRefreshMs, staleAfterFailures} from '../../levels/live.js';
import {wrapWords} from '../../text/wrap.js';
import type {LiveState} from '../explorer/state.js';
import {useNow} from '../hooks/use-now.js';
import {useTheme} from '../theme-context.js';

const separator = '  │  ';

/** Seconds up to 999, then minutes up to 999, then hours: never wider than "999 min". */
function ageText(seconds: number): string {
	if (seconds < 1000) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	return minutes < 1000 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
}

function ageOf(live: LiveState, now: number): number | undefined {
	return live.updatedAt === undefined ? undefined : Math.max(0, Math.round((now - live.updatedAt) / 1000));
}

/**
 * Stale, whatever the cause: three refreshes failed in a row, or none came in for twice the refresh period (a
 * rate-limited refresh does not fail, it waits: its values still get old).
 */
export function isStale(live: LiveState, now: number, refreshMs: number = defaultLiveRefreshMs): boolean {
	if (live.paused) return false;
	if (live.failures >= staleAfterFailures || (live.feed?.push && live.feed.down)) return true;
	return live.updatedAt !== undefined && now - live.updatedAt > 2 * refreshMs;
}

/**
 * The status bar's word on live columns: "live (push), updated 4 s ago" (or polling and why), paused with the
 * values' age, or stale and why.
 */
export function liveStatus(live: LiveState, now: number, refreshMs: number = defaultLiveRefreshMs): string {
	const age = ageOf(live, now);
	if (live.paused)
		return age === undefined ? 'live paused (l resumes)' : `live paused (l resumes), values ${ageText(age)} old`;
	const updated = age === undefined ? 'not updated yet' : `updated ${ageText(age)} ago`;
	const down = live.feed?.push ? live.feed.down : undefined;
	if (isStale(live, now, refreshMs)) return `live STALE (${down ?? live.reason ?? 'refreshes late'}), ${updated}`;
	const word = !live.feed ? 'live' : live.feed.push ? 'live (push)' : `live (polling: ${live.feed.reason})`;
	return age === undefined ? `${word}, first update…` : `${word}, ${updated}`;
}

/**
 * The items of the first line with the live word at its widest (an age of "999 min"): where the notice goes is
 * decided on it, so the ticking age never moves the notice to another line and the table's height stays put.
 */
function widestItems(items: readonly string[], live: LiveState | undefined): readonly string[] {
	return live ? [liveStatus(live, (live.updatedAt ?? 0) + 999 * 60_000), ...items] : items;
}

/**
 * The notice's own lines: none when it fits after the status items on the first line, else the notice
 * wrapped to the width (a notice is never cut: "Wrote … to <path>" must be read to the end).
 */
export function noticeLines(
	items: readonly string[],
	busy: string | undefined,
	notice: string | undefined,
	width: number,
	live?: LiveState,
): string[] {
	if (!notice) return [];
	const first = widestItems(items, live).join(separator).length + (busy ? busy.length + 4 : 0);
	if (first + 2 + notice.length <= width) return [];
	return wrapWords(notice, width);
}

/**
 * The status line. With live columns it keeps its own clock: the age ticks once a second by redrawing this
 * line alone, not the explorer and its 5,000-row table.
 */
export function StatusBar({
	items,
	live,
	busy,
	notice,
	width,
	refreshMs = defaultLiveRefreshMs,
}: {
	items: string[];
	live?: LiveState | undefined;
	busy: string | undefined;
	notice: string | undefined;
	width: number;
	/** How often live values refresh: past twice that without one they are stale. */
	refreshMs?: number;
}) {
	const theme = useTheme();
	// The age ticks while paused too: the values get older.
	const now = useNow(1000, live !== undefined);
	const below = noticeLines(items, busy, notice, width, live);
	const word = live ? liveStatus(live, now, refreshMs) : undefined;
	const stale = live ? isStale(live, now, refreshMs) : false;
	const rest = items.join(separator);
	// The status items stay on one line, cut if need be; never wrapped onto the table. Stale stands out (reverse and
	// bold, not dim), so a wallboard's old numbers are not taken for today's.
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				{word && stale ? (
					<Text bold inverse>
						{word}
					</Text>
				) : null}
				<Text dimColor={theme.dim}>
					{word && !stale ? word : ''}
					{word && rest ? separator : ''}
					{rest}
				</Text>
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
