// Live columns in a real terminal (tmux) against an emulator of the test's own (real clock, so today has data; its
// business day set so that it is late morning there, whatever the time the test runs):
// they appear and update, `l` pauses, failures turn them stale without an error panel, a 429 is absorbed, and the
// selection survives every refresh. The polling path (`--live poll`); push is in test/ui/live-push.test.tsx.
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {runObservationQuery} from '../../source/emulator/observations.js';
import {type Emulator, startEmulator} from '../../source/emulator/server.js';
import {businessOffsetFor, credentialsEnv} from '../helpers.js';
import {scratchDir} from '../run-cli.js';
import {until} from '../wait.js';
import {gqx, killTerms, pickPreset, startTerm, stopServer, type Term} from './tmux.js';

const observations = '/api/v2/analytics/queues/observations/query';
let emu: Emulator;

/** Queues where someone waits and no member is available, as the emulator would answer at `at`. */
function unstaffedQueues(target: Emulator, at: number): number {
	const {results} = runObservationQuery(
		target.org,
		target.model,
		{
			queueIds: target.org.queues.map(queue => queue.id),
			mediaTypes: undefined,
			metrics: ['oWaiting', 'oOnQueueUsers'],
			details: [],
		},
		at,
		0,
	);
	const waiting = new Set<string>();
	const idle = new Set<string>();
	for (const result of results)
		for (const item of result.data) {
			if (item.metric === 'oWaiting' && (item.stats.count ?? 0) > 0) waiting.add(result.group.queueId);
			if (item.metric === 'oOnQueueUsers' && item.qualifier === 'IDLE' && (item.stats.count ?? 0) > 0)
				idle.add(result.group.queueId);
		}
	return [...waiting].filter(id => !idle.has(id)).length;
}

/**
 * An emulator where it is late morning to afternoon, at the first ten minutes from 10:00 on where several queues have
 * people waiting and nobody available, now and a minute on (a test reads its screen within that minute). Agents' states
 * follow their shifts, so on some days and hours every queue has someone free: failing that, the best minute found.
 */
async function busyEmulator(): Promise<Emulator> {
	const start = (minute: number) =>
		startEmulator({queues: 40, seed: 9, rateLimitPerMinute: 0, businessOffsetMinutes: businessOffsetFor(minute)});
	let best = {minute: 10 * 60, unstaffed: -1};
	for (let minute = 10 * 60; minute <= 16 * 60; minute += 10) {
		const candidate = await start(minute);
		const unstaffed = Math.min(unstaffedQueues(candidate, Date.now()), unstaffedQueues(candidate, Date.now() + 60_000));
		await candidate.stop();
		if (unstaffed > best.unstaffed) best = {minute, unstaffed};
		if (unstaffed >= 6) break;
	}
	return start(best.minute);
}

beforeAll(async () => {
	emu = await busyEmulator();
});
afterAll(async () => {
	stopServer();
	await emu.stop();
});
afterEach(() => {
	killTerms();
	emu.clearFaults();
});

/** gqx on the emulator's credentials (environment), at the Today table (live). */
async function openLive(width: number, height: number, env: Record<string, string> = {}): Promise<Term> {
	const dir = scratchDir();
	const term = startTerm(`${gqx} --refresh 5 --live poll`, {
		width,
		height,
		cwd: dir,
		env: {
			GQX_CONFIG_DIR: path.join(dir, 'config'),
			...credentialsEnv(emu.url),
			...env,
		},
	});
	await term.waitFor('Dates · days in');
	await pickPreset(term, 'Today');
	await term.waitFor(/live \(polling: --live poll\), updated \d+ s ago/, 20_000);
	return term;
}

/**
 * Waits until the emulator has answered `count` more observation queries and the last answer is on the screen: the
 * next refresh starts 5 s after the one before ended, so an age under 4 s is the new answer.
 */
async function refreshes(term: Term, count: number): Promise<void> {
	const target = emu.counts.observations + count;
	await until(
		() => emu.counts.observations,
		served => served >= target,
		served => `${target} observation queries (${served} answered)`,
		{timeoutMs: 30_000, everyMs: 50},
	);
	await term.waitFor(/live \(polling: --live poll\), updated [0-3] s ago/);
}

const selectedName = (screen: string) => /^› (.+?)\s{2,}/m.exec(screen)?.[1];

describe('live columns in a real terminal', () => {
	it('shows Waiting, Interacting, Longest, On queue and Available, updating, with the selection kept', async () => {
		const term = await openLive(120, 30);
		const screen = term.screen();
		expect(screen).toMatch(/Queue\s+Waiting\s+Interact\s+Longest\s+On queue\s+Avail/);
		for (const line of screen.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
		// One key at a time, each seen to move the selection (keys that arrive together are one input to Ink).
		const selectedRow = (screen: string) => screen.split('\n').findIndex(line => line.startsWith('›'));
		for (let step = 0; step < 3; step++) {
			const from = selectedRow(term.screen());
			term.keys('j');
			await term.waitUntil(screen => selectedRow(screen) !== from, `the selection to move from row ${from}`);
		}
		const chosen = selectedName(term.screen());
		expect(chosen).not.toBe(selectedName(screen));
		expect(chosen).toBeTruthy();
		const before = term.screen();
		await refreshes(term, 2);
		const after = term.screen();
		// The numbers move, the selection stays on the same queue and on screen.
		expect(after).not.toBe(before);
		expect(selectedName(after), `${before}\n-----\n${after}`).toBe(chosen);
		// The media level carries the conversation columns, not the agents.
		term.keys('Enter');
		const media = await term.waitFor(/Media\s+Waiting\s+Interact\s+Longest\s+Offered/);
		expect(media).not.toMatch(/On queue/);
		term.keys('q');
	}, 90_000);

	it('marks out-of-bounds cells ! and ~ under NO_COLOR, and colours them otherwise', async () => {
		// Chosen anew: the tests before took some of the minute the first one was chosen for.
		await emu.stop();
		emu = await busyEmulator();
		const plain = await openLive(140, 40, {NO_COLOR: '1'});
		await refreshes(plain, 1);
		const screen = plain.screen();
		const header = screen.split('\n').find(line => line.startsWith('  Queue'))!;
		const rows = screen.split('\n').filter(line => /^[› ] \S/.test(line) && !line.startsWith('  Queue'));
		const cell = (line: string, title: string, width: number) => {
			const end = header.indexOf(title) + title.length;
			return line.slice(end - width, end + 1).trim();
		};
		// Someone waits and nobody is available: the Waiting cell is marked.
		const unstaffed = rows.filter(
			line => /^0$/.test(cell(line, 'Avail', 6)) && !/^(0|-)$/.test(cell(line, 'Waiting', 8)),
		);
		expect(unstaffed.length).toBeGreaterThan(0);
		for (const line of unstaffed) expect(cell(line, 'Waiting', 8)).toMatch(/^!\d+$/);
		// A service level below or near the target is marked; one well above it is not.
		expect(rows.some(line => /^[!~]\d+\.\d%$/.test(cell(line, 'SL %', 7)))).toBe(true);
		const escapes = plain.styledScreen();
		// No red (31) or yellow (33) without colour.
		expect(escapes.includes('\u001B[31m') || escapes.includes('\u001B[33m')).toBe(false);
		plain.keys('q');

		const coloured = await openLive(140, 40);
		await refreshes(coloured, 1);
		expect(coloured.styledScreen().includes('\u001B[31m')).toBe(true);
		expect(coloured.screen()).not.toMatch(/ ![\d]/);
		coloured.keys('q');
	}, 90_000);

	it('pauses and resumes with l', async () => {
		const term = await openLive(100, 24);
		term.keys('l');
		await term.waitFor('live paused (l resumes)');
		const asked = emu.counts.observations;
		// No refresh is the point, so there is nothing to wait for: watch longer than a refresh period (5 s), in
		// which a running loop would have asked again. The only fixed time in these tests.
		await new Promise(resolve => setTimeout(resolve, 7000));
		expect(emu.counts.observations).toBe(asked);
		term.keys('l');
		await refreshes(term, 1);
		await term.waitFor(/live \(polling: --live poll\), updated \d+ s ago/);
		term.keys('q');
	}, 90_000);

	it('absorbs a 429: the refresh is late, the table stays, no error panel', async () => {
		const term = await openLive(100, 24);
		emu.inject({kind: 'status', status: 429, retryAfter: 1, path: observations, times: 2});
		await refreshes(term, 1);
		const screen = await term.waitFor(/live \(polling: --live poll\), updated [0-4] s ago/);
		expect(screen).toMatch(/Total\s+\d+/);
		expect(screen).not.toMatch(/STALE|Rate limit|✗/);
		term.keys('q');
	}, 90_000);

	it('says the live values are stale, and why, after three failed refreshes, keeping the table', async () => {
		const term = await openLive(100, 24);
		emu.inject({kind: 'status', status: 400, path: observations, times: 3});
		const stale = await term.waitFor(/live STALE \(Genesys Cloud answered HTTP 400\)/, 40_000);
		expect(stale).toMatch(/Total\s+\d+/);
		expect(stale).toMatch(/Waiting\s+Interact/);
		// The next good refresh clears it.
		await term.waitFor(/live \(polling: --live poll\), updated \d+ s ago/, 20_000);
		term.keys('q');
	}, 90_000);
});
