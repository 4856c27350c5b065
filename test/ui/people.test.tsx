// People now through the whole app against the emulator: `n` on a queue row lists its members who are logged in,
// with the emulator's states, a summary that counts the rows and an On queue / Available that equal the queue's live
// columns; `o` cycles who is listed; the board refreshes as the clock moves; Enter opens an agent's intervals; `n` on
// the totals row lists every queue's agents once, with their queues.
import {cleanup, render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {currentMembers, type AgentState} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {type Emulator} from '../../source/emulator/server.js';
import {App} from '../../source/ui/app.js';
import type {Thresholds} from '../../source/metrics/thresholds.js';
import {demoClient} from '../../source/emulator/server.js';
import {clientFor, emulator, fileSecrets, loginTo, testNow} from '../helpers.js';
import {makeClient, now, renderExplorer, saveProfile, tableShown} from './app-on-profile.js';
import {resolveRange} from '../../source/range/range.js';
import {keys, press, ready, waitFor, waitForText} from './ink.js';
import {membersAt} from './members-now.js';
import {until} from '../wait.js';

let emu: Emulator;
let clock = testNow;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5, now: () => clock});
});
afterAll(async () => emu.stop());
afterEach(() => {
	cleanup();
	clock = testNow;
});

const today = '2026-03-20';

/** The app on a saved profile for today, refreshing live values every `refreshMs`. */
async function openToday(refreshMs = 60_000, thresholds?: Thresholds, from = today, to = today) {
	const {dir, store} = saveProfile(emu, {from, to});
	if (thresholds) store.update('acme', profile => ({...profile, thresholds}));
	const app = render(
		<App
			start={{kind: 'profile', name: 'acme'}}
			secrets={fileSecrets(store)}
			cwd={dir}
			env={{NO_COLOR: '1', COLUMNS: '160'}}
			now={now}
			makeClient={makeClient}
			liveRefreshMs={refreshMs}
		/>,
	);
	const table = await waitForText(app, tableShown);
	await ready(app, tableShown);
	return {app, table};
}

/** Each agent's answered count and AHT in a queue today (UTC midnight to the clock), as the emulator answers them. */
async function agentsToday(queueName: string): Promise<Map<string, {answered: number; ahtMs: number | null}>> {
	const queue = emu.org.queues.find(each => each.name === queueName)!;
	const token = await loginTo(emu, demoClient.id, demoClient.secret);
	const response = await fetch(`${emu.url}/api/v2/analytics/conversations/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		body: JSON.stringify({
			interval: `${today}T00:00:00.000Z/${new Date(clock).toISOString()}`,
			groupBy: ['userId'],
			filter: {type: 'or', predicates: [{dimension: 'queueId', value: queue.id}]},
			metrics: ['tAnswered', 'tHandle'],
		}),
	});
	type Stats = {count?: number; sum?: number};
	const answer = (await response.json()) as {
		results?: Array<{group: {userId?: string}; data: Array<{metrics: Array<{metric: string; stats: Stats}>}>}>;
	};
	const byUser = new Map<string, {answered: number; ahtMs: number | null}>();
	for (const result of answer.results ?? []) {
		if (!result.group.userId) continue;
		const metric = (name: string) =>
			result.data
				.flatMap(data => data.metrics)
				.filter(each => each.metric === name)
				.map(each => each.stats);
		const answered = metric('tAnswered').reduce((sum, stats) => sum + (stats.count ?? 0), 0);
		const handle = metric('tHandle');
		const count = handle.reduce((sum, stats) => sum + (stats.count ?? 0), 0);
		const total = handle.reduce((sum, stats) => sum + (stats.sum ?? 0), 0);
		byUser.set(result.group.userId, {answered, ahtMs: count > 0 ? total / count : null});
	}
	return byUser;
}

/** The emulator's members of a queue (by name) with their states at the clock. */
function membersNow(queueName: string): Array<{name: string; id: string; state: AgentState}> {
	return membersAt(
		emu,
		emu.org.queues.find(each => each.name === queueName)!,
		clock,
	);
}

const rowsOf = (frame: string) =>
	frame.split('\n').filter(line => /^[› ] \S/.test(line) && !/^\s+Agent\s/.test(line) && !/\d+ agents?\s/.test(line));

function selectedQueue(frame: string): string {
	return /^› (.+?)\s{2,}/m.exec(frame)![1]!;
}

describe('people now in the app', () => {
	it('n lists the logged-in members of the queue as the emulator has them, counted in a summary', async () => {
		const {app, table} = await openToday();
		const queue = selectedQueue(table);
		const header = table.split('\n').find(line => /^\s+Queue\s/.test(line))!;
		const selected = table.split('\n').find(line => line.startsWith('›'))!;
		const liveCell = (title: string) =>
			selected
				.slice(0, header.indexOf(title) + title.length)
				.trim()
				.split(/\s+/)
				.at(-1)!;
		await press(app, 'n');
		const board = await waitForText(app, /On queue [\d,]+/);
		expect(board).toContain('people now');
		// Sorted by Routing (▲): the status groups in order, the longest in status first within each.
		expect(board).toMatch(/Agent\s+Routing▲\s+Presence\s+In status/);
		const members = membersNow(queue);
		const loggedIn = members.filter(member => member.state.presence !== 'OFFLINE');
		const rows = rowsOf(board);
		expect(rows.map(line => line.slice(2).split(/\s{2,}/)[0]).sort()).toEqual(
			loggedIn.map(member => member.name).sort(),
		);
		const groups = ['Not responding', 'Interacting', 'Communicating', 'Idle', 'Off queue'];
		const order = rows.map(line => {
			const cells = line.slice(2).split(/\s{2,}/);
			const group = groups.findIndex(group => cells[1]!.replace(/^!/, '') === group);
			const time = /\s(\d+:\d\d(?::\d\d)?)\s/
				.exec(line)![1]!
				.split(':')
				.reduce((sum, part) => sum * 60 + Number(part), 0);
			return {group, time};
		});
		expect(order.every(each => each.group >= 0)).toBe(true);
		for (const [index, each] of order.entries()) {
			const before = order[index - 1];
			if (!before) continue;
			expect(before.group <= each.group).toBe(true);
			if (before.group === each.group) expect(before.time).toBeGreaterThanOrEqual(each.time);
		}
		// Each row's routing status and presence are the emulator's, in words.
		for (const member of loggedIn) {
			const line = rows.find(each => each.slice(2).startsWith(`${member.name}  `))!;
			const routing = {
				IDLE: 'Idle',
				INTERACTING: 'Interacting',
				COMMUNICATING: 'Communicating',
				NOT_RESPONDING: 'Not responding',
				OFF_QUEUE: 'Off queue',
			}[member.state.routing];
			expect(line).toContain(routing);
			// Not responding is marked without colour.
			if (member.state.routing === 'NOT_RESPONDING') expect(line).toContain('!Not responding');
			// The media of the conversation they are on, ACW while in its after-call work.
			const session = member.state.session;
			if (session)
				expect(line).toMatch(new RegExp(`\\s${session.media}${session.segmentType === 'wrapup' ? ' ACW' : ''}\\s`));
			else expect(line).not.toMatch(/\s(voice|chat|message|email)(\s|$)/);
		}
		// Answered and AHT today in this queue: the emulator's own aggregates by agent, from midnight (UTC) to now.
		const today = await agentsToday(queue);
		const boardHeader = board.split('\n').find(line => /^\s+Agent\s/.test(line))!;
		expect(boardHeader).toMatch(/Media now\s+Ans today\s+AHT today$/);
		const cellAt = (line: string, title: string) =>
			line
				.slice(0, boardHeader.indexOf(title) + title.length)
				.trim()
				.split(/\s+/)
				.at(-1)!;
		let worked = 0;
		for (const member of loggedIn) {
			const line = rows.find(each => each.slice(2).startsWith(`${member.name}  `))!;
			const work = today.get(member.id);
			expect(cellAt(line, 'Ans today'), member.name).toBe(String(work?.answered ?? 0));
			if (work?.ahtMs) {
				worked++;
				const [minutes, seconds] = cellAt(line, 'AHT today').split(':').map(Number);
				expect(Math.abs(minutes! * 60 + seconds! - work.ahtMs / 1000), member.name).toBeLessThanOrEqual(0.5);
			}
		}
		expect(worked).toBeGreaterThan(0);
		const onQueue = members.filter(member => member.state.routing !== 'OFF_QUEUE');
		const idle = members.filter(member => member.state.routing === 'IDLE');
		expect(board).toMatch(new RegExp(`On queue ${onQueue.length}(?!\\d)`));
		expect(board).toMatch(new RegExp(`Offline ${members.length - loggedIn.length}(?!\\d)`));
		// The summary's counts per routing status are the rows'.
		const summary = board.split('\n').find(line => line.startsWith('On queue'))!;
		const counted = new Map(
			[...summary.split(' · ')[0]!.matchAll(/([a-z ]+) (\d+)(?:,|$)/g)].map(match => [
				match[1]!.trim(),
				Number(match[2]),
			]),
		);
		for (const [status, count] of counted)
			expect(rows.filter(line => line.toLowerCase().includes(` ${status} `)).length, status).toBe(count);
		expect([...counted.values()].reduce((sum, count) => sum + count, 0)).toBe(onQueue.length);
		// The board and the queue's live columns say the same at the same clock.
		expect(liveCell('On queue')).toBe(String(onQueue.length));
		expect(liveCell('Avail')).toBe(String(idle.length));
		expect(onQueue.length).toBeGreaterThan(0);

		// In status goes on counting between refreshes (the emulator's clock stands still here; one refresh a minute).
		const inStatus = (frame: string) => /\s(\d+:\d\d(?::\d\d)?)\s/.exec(rowsOf(frame)[0]!)![1]!;
		const firstTime = inStatus(board);
		const ticked = await waitFor(app, frame => inStatus(frame) !== firstTime, 'In status to tick');
		const seconds = (text: string) => text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
		expect(seconds(inStatus(ticked)) - seconds(firstTime)).toBeGreaterThanOrEqual(1);
		expect(seconds(inStatus(ticked)) - seconds(firstTime)).toBeLessThan(5);

		// o: everyone, logged out too.
		await press(app, 'o');
		const all = await waitForText(app, 'agents: all');
		expect(all).toContain(`  ${members.length} rows  `);
	});

	it('refreshes as the clock moves, and Enter opens the agent’s intervals in the queue', async () => {
		const {app, table} = await openToday(400);
		const queue = selectedQueue(table);
		await press(app, 'n');
		await waitForText(app, /On queue [\d,]+/);
		// An agent whose routing status the moved clock changes: the refresh shows the new one.
		const before = new Map(membersNow(queue).map(member => [member.name, member.state.routing]));
		clock = testNow + 9 * 60_000;
		const changed = membersNow(queue).find(
			member => member.state.presence !== 'OFFLINE' && member.state.routing !== before.get(member.name),
		)!;
		expect(changed).toBeDefined();
		const words = {
			IDLE: 'Idle',
			INTERACTING: 'Interacting',
			COMMUNICATING: 'Communicating',
			NOT_RESPONDING: 'Not responding',
			OFF_QUEUE: 'Off queue',
		}[changed.state.routing];
		const later = await waitFor(
			app,
			frame => rowsOf(frame).some(line => line.slice(2).startsWith(`${changed.name}  `) && line.includes(words)),
			`${changed.name} ${words} after a refresh`,
		);
		expect(later).toContain('people now');

		const name = rowsOf(later)[0]!
			.slice(2)
			.split(/\s{2,}/)[0]!;
		await press(app, keys.enter);
		const intervals = await waitForText(app, `people now › ${name}`);
		expect(intervals).toMatch(/Interval/);
	});

	it('l pauses and resumes the board on a range without today too (it is of now all the same)', async () => {
		const {app} = await openToday(200, undefined, '2026-03-16', '2026-03-19');
		await press(app, 'n');
		await waitForText(app, /On queue [\d,]+/);
		await press(app, 'l');
		const paused = await waitForText(app, 'paused: l resumes');
		expect(paused).not.toContain('live updates are for ranges');
		const asked = emu.counts.activity;
		await press(app, 'l');
		await waitFor(app, frame => !frame.includes('paused: l resumes'), 'the pause ended');
		// Asked again once resumed.
		await until(
			() => emu.counts.activity,
			count => count > asked,
			'a refresh after resuming',
		);
	});

	it('Enter on an agent opens their intervals of today whatever the range, its answered the board’s Ans today', async () => {
		// Five days up to today: the board is of now, and so is the agent opened from it.
		const {app, table} = await openToday(60_000, undefined, '2026-03-16');
		const queue = selectedQueue(table);
		await press(app, 'n');
		const board = await waitForText(app, /On queue [\d,]+/);
		const worked = await agentsToday(queue);
		const member = membersNow(queue).find(each => (worked.get(each.id)?.answered ?? 0) > 0)!;
		expect(member).toBeDefined();
		const rows = rowsOf(board);
		// Down to the agent's row, then Enter.
		const at = rows.findIndex(line => line.slice(2).startsWith(`${member.name}  `));
		expect(at).toBeGreaterThanOrEqual(0);
		for (let step = 0; step < at; step++) await press(app, keys.down);
		await waitFor(app, frame => frame.includes(`› ${member.name}  `), member.name);
		await press(app, keys.enter);
		await waitForText(app, `people now › ${member.name} today`);
		const intervals = await waitForText(app, /\n\s+Total\s/);
		// By day, as the five-day range is: today's row only, none of the days before it.
		expect(intervals).toContain('Fri 20 Mar 2026');
		expect(intervals).not.toContain('Thu 19 Mar 2026');
		expect(intervals).not.toContain('Mon 16 Mar 2026');
		const header = intervals.split('\n').find(line => /^\s+Interval/.test(line))!;
		const total = intervals.split('\n').find(line => /^\s+Total\s/.test(line))!;
		const answeredAt = header.indexOf('Answered') + 'Answered'.length;
		expect(Number(total.slice(0, answeredAt).trim().split(/\s+/).at(-1)!.replaceAll(',', ''))).toBe(
			worked.get(member.id)!.answered,
		);
		// c says there is nothing to compare, and compares nothing.
		await press(app, 'c');
		const told = await waitForText(app, /nothing to\s+compare/);
		expect(told).not.toContain('comparing with');
	});

	it('n on the totals row lists every queue’s agents once, with their queues; Enter there says why it does nothing', async () => {
		const {app} = await openToday();
		await press(app, 'G');
		await press(app, 'n');
		await waitForText(app, 'people now (all queues)');
		const board = await waitForText(app, /On queue [\d,]+/);
		await press(app, 'o');
		const all = await waitForText(app, 'agents: all');
		const active = peopleOf(emu.org).users.filter(user => user.state === 'active');
		const inQueues = new Set(emu.org.queues.flatMap(queue => currentMembers(emu.org, queue)));
		const names = rowsOf(all).map(line => line.slice(2).split(/\s{2,}/)[0]);
		// Each agent once: no name twice on screen, and as many rows as agents in some queue.
		expect(new Set(names).size).toBe(names.length);
		expect(all).toContain(`  ${active.filter(user => inQueues.has(user.index)).length} rows  `);
		expect(board).toMatch(/Queues/);
		await press(app, keys.enter);
		await waitForText(app, 'opens an agent from a queue’s board');
	});

	it('N opens every queue’s board from a level below, and Esc comes back there', async () => {
		const {app, table} = await openToday();
		const queue = selectedQueue(table);
		await press(app, keys.enter);
		const media = await waitForText(app, new RegExp(`› ${queue}\\b`));
		expect(media).toMatch(/Media/);
		await press(app, 'N');
		const board = await waitForText(app, 'people now (all queues)');
		await waitForText(app, /On queue [\d,]+/);
		expect(board).toContain(`› ${queue} › people now (all queues)`);
		await press(app, 'o');
		const all = await waitForText(app, 'agents: all');
		const inQueues = new Set(emu.org.queues.flatMap(each => currentMembers(emu.org, each)));
		expect(all).toContain(`  ${inQueues.size} rows  `);
		// N on the board itself stacks nothing: one Esc goes back to the media types.
		await press(app, 'N');
		await press(app, keys.escape);
		const back = await waitFor(app, frame => !frame.includes('people now'), 'back from the board');
		expect(back).toMatch(/Media/);
		expect(back).toContain(`› ${queue}`);
	});

	it('marks the agents over the profile’s ACW, break and idle thresholds, and no one else', async () => {
		const {app, table} = await openToday(60_000, {maxAcwSeconds: 30, maxBreakSeconds: 30, maxIdleSeconds: 30});
		const queue = selectedQueue(table);
		await press(app, 'n');
		const board = await waitForText(app, /On queue [\d,]+/);
		let marked = 0;
		for (const member of membersNow(queue).filter(each => each.state.presence !== 'OFFLINE')) {
			const line = rowsOf(board).find(each => each.slice(2).startsWith(`${member.name}  `))!;
			const {state} = member;
			// The board is a moment later than the clock: a measure within 3 s of the limit could go either way.
			const over = (since: number) => clock - since > 30_000;
			const near = (since: number) => Math.abs(clock - since - 30_000) < 3000;
			if ([state.routingSinceMs, state.presenceSinceMs, state.session?.segmentStartMs ?? 0].some(near)) continue;
			const session = state.session;
			const idle = state.routing === 'IDLE' && over(state.routingSinceMs);
			const onBreak = (state.presence === 'BREAK' || state.presence === 'MEAL') && over(state.presenceSinceMs);
			const acw = session?.segmentType === 'wrapup' && over(session.segmentStartMs);
			expect(line.includes('!Idle'), `${line}: idle`).toBe(idle);
			expect(/!(Break|Meal|Coffee break)/.test(line), `${line}: break`).toBe(onBreak);
			expect(/!\w+ ACW/.test(line), `${line}: ACW`).toBe(acw);
			if (idle || onBreak || acw) marked++;
		}
		expect(marked).toBeGreaterThan(0);
	});

	it('names the permission a client lacks: the board’s in an error, the media’s in the status line', async () => {
		const range = resolveRange({from: today, to: today}, 'UTC');
		const open = async (id: string, permissions: string[]) => {
			emu.clients.set(id, {id, secret: `${id}-secret`, permissions});
			const app = renderExplorer(emu, range, {width: 120, height: 30}, 'acme', {
				client: clientFor(emu, {clientId: id, clientSecret: `${id}-secret`}),
			});
			await waitForText(app, tableShown);
			await ready(app, tableShown);
			await press(app, 'n');
			return app;
		};
		const aggregates = ['analytics:conversationAggregate:view', 'routing:queue:view'];
		const refused = await open('no-observations', aggregates);
		const error = await waitForText(refused, 'analytics:queueObservation:view');
		expect(error).not.toMatch(/On queue \d+/);
		cleanup();
		const noMedia = await open('no-agent-state', [...aggregates, 'analytics:queueObservation:view']);
		const board = await waitForText(noMedia, /On queue \d+/);
		expect(board.replace(/\s+/g, ' ')).toContain('no media or after-call work: needs analytics:agentState:view');
	});
});
