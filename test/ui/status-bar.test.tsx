// The status bar's live word: its age ticks on its own clock, and a notice keeps its line whatever the age.
import {render} from 'ink-testing-library';
import {expect, it} from 'vitest';
import {liveStatus, noticeLines, StatusBar} from '../../source/ui/components/status-bar.js';
import type {LiveState} from '../../source/ui/explorer/state.js';
import {waitForText} from './ink.js';

const live = (updatedAt: number, extra: Partial<LiveState> = {}): LiveState => ({
	paused: false,
	queues: new Map(),
	updatedAt,
	failures: 0,
	...extra,
});

it('counts the seconds since the last refresh on its own, and while paused says how old the values are', async () => {
	const since = Date.now() - 3000;
	const rendered = render(
		<StatusBar items={['as of 10:00:00']} live={live(since)} busy={undefined} notice={undefined} width={80} />,
	);
	await waitForText(rendered, /live, updated [34] s ago {2}│ {2}as of 10:00:00/);
	await waitForText(rendered, /live, updated [56] s ago/);
	rendered.rerender(
		<StatusBar
			items={['as of 10:00:00']}
			live={live(since, {paused: true})}
			busy={undefined}
			notice={undefined}
			width={80}
		/>,
	);
	await waitForText(rendered, /live paused \(l resumes\), values [5-9] s old {2}│ {2}as of 10:00:00/);
	rendered.unmount();
});

it('says STALE after twice the refresh period without one, whatever the cause (issue #29, 4)', async () => {
	// Rate limited: no refresh failed (the client waits), but none came in for 25 s at a 10 s period.
	const late = live(Date.now() - 25_000, {reason: undefined});
	expect(liveStatus(late, Date.now(), 10_000)).toMatch(/^live STALE \(refreshes late\), updated 2[56] s ago$/);
	expect(liveStatus(late, Date.now(), 60_000)).toMatch(/^live, updated 2[56] s ago$/);
	expect(liveStatus(live(Date.now(), {failures: 3, reason: 'rate limited'}), Date.now(), 10_000)).toMatch(
		/^live STALE \(rate limited\)/,
	);
	const rendered = render(
		<StatusBar
			items={['as of 10:00:00']}
			live={late}
			busy={undefined}
			notice={undefined}
			width={80}
			refreshMs={10_000}
		/>,
	);
	await waitForText(rendered, /live STALE \(refreshes late\), updated \d+ s ago {2}│ {2}as of 10:00:00/);
	// Reverse video and bold, not dim, need a real terminal to be seen (Ink's test output has no styles).
	rendered.unmount();
});

it('puts a notice on the same line or below as for the longest age, so the table never moves as the age ticks', () => {
	const items = ['as of 10:00:00', '40 rows', 'sorted by Queue'];
	// Fits after "updated 0 s ago" but not after "updated 999 min ago": it goes below from the start.
	const fresh = liveStatus(live(0), 0);
	const room = 80 - [fresh, ...items].join('  │  ').length - 2;
	const notice = 'x'.repeat(room);
	const now = noticeLines(items, undefined, notice, 80, live(Date.now()));
	const later = noticeLines(items, undefined, notice, 80, live(Date.now() - 500_000));
	expect(now).toEqual([notice]);
	expect(later).toEqual(now);
	// Past 999 s the age is said in minutes, then hours: never wider than the width the notice was placed for.
	expect(liveStatus(live(0), 1_000_000, Infinity)).toBe('live, updated 16 min ago');
	expect(liveStatus(live(0), 999 * 60_000, Infinity)).toBe('live, updated 999 min ago');
	expect(liveStatus(live(0), 1000 * 60_000, Infinity)).toBe('live, updated 16 h ago');
	const stale = noticeLines(items, undefined, notice, 80, live(Date.now() - 50_000_000));
	expect(stale).toEqual(now);
	// Without live columns the same notice fits on the first line.
	expect(noticeLines(items, undefined, 'x'.repeat(room + 20), 80)).toEqual([]);
});
