// The wait bands level against the emulator: for every queue, media and interval row its bands add up to the row's
// Answered and Abandoned (the emulator's own aggregates), and the what-if at the queue's own SL time is its SL %.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {levels} from '../../source/levels/registry.js';
import type {LevelContext} from '../../source/levels/types.js';
import {formatPercent} from '../../source/metrics/format.js';
import {rollUp} from '../../source/metrics/rows.js';
import {resolveRange} from '../../source/range/range.js';
import {clientFor, conversationsIn, emulator, groundTruth, namesOf, testNow} from '../helpers.js';
import {handlerOfConversation} from '../../source/emulator/conversations.js';
import {peopleOf} from '../../source/emulator/people.js';
import {currentFrame, initialExplorer} from '../../source/ui/explorer/state.js';
import {apply} from '../ui/explorer/apply.js';
import {underViewName} from '../../source/genesys/wait-views.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 10, seed: 21});
});
afterAll(async () => emu.stop());

const range = resolveRange({preset: 'last-7-days'}, 'Europe/Paris', DateTime.fromMillis(testNow));

async function bandsOf(context: LevelContext, on = emu, within = range) {
	const ref = {id: 'bands' as const, context};
	const data = await levels.bands.request(ref, 'P1D').load(clientFor(on), within, {});
	const rows = levels.bands.rows(data, ref, {timeZone: range.timeZone, granularity: 'P1D'});
	const sum = (field: 'bandAnswered' | 'bandAbandoned') =>
		rows.rows.reduce((all, row) => all + (row.row[field] ?? 0), 0);
	return {rows, answered: sum('bandAnswered'), abandoned: sum('bandAbandoned')};
}

describe('the wait bands level', () => {
	it('adds up to Answered and Abandoned on every queue and media row; at the SL time it is the SL %', async () => {
		const truth = groundTruth(emu, range.start, range.end, range.timeZone);
		const names = namesOf(emu);
		const queueRows = rollUp(truth, 'queues', names, null);
		const mediaRows = rollUp(truth, 'media', names, null);
		expect(queueRows.length).toBeGreaterThan(5);
		for (const row of [...queueRows, ...mediaRows]) {
			const where = `${row.queueName} ${row.mediaType ?? 'all media'}`;
			const bands = await bandsOf({queueId: row.queueId!, ...(row.mediaType ? {mediaType: row.mediaType} : {})});
			expect(bands.answered, where).toBe(row.answered);
			expect(bands.abandoned, where).toBe(row.abandoned);
			// The cumulative share of the open band is all of them; shares add up to 100 %.
			const last = bands.rows.rows.at(-1)?.row;
			if (row.answered > 0) expect(last?.bandAnsweredCumulative, where).toBe(1);
			expect(bands.rows.footline, where).toContain(`(SL % ${formatPercent(row.serviceLevel)})`);
			const atTarget = /target[^◆]*? (\S+%) \(SL %/.exec(bands.rows.footline ?? '')?.[1];
			expect(atTarget, where).toBe(formatPercent(row.serviceLevel));
		}
	});

	it('counts an interval row’s own bucket', async () => {
		const truth = groundTruth(emu, range.start, range.end, range.timeZone, 'P1D');
		const cells = truth.filter(cell => cell.mediaType === 'voice').slice(0, 6);
		expect(cells.length).toBe(6);
		for (const cell of cells) {
			const bands = await bandsOf({queueId: cell.queueId, mediaType: 'voice', interval: cell.interval});
			expect(bands.answered, cell.interval).toBe(cell.stats['tAnswered']?.count ?? 0);
			expect(bands.abandoned, cell.interval).toBe(cell.stats['tAbandon']?.count ?? 0);
			// `e` writes each band as its numbers, where it is first (the bars are drawn, not data).
			for (const row of bands.rows.rows) {
				const record = row.record as Record<string, unknown>;
				expect(Object.keys(record)).toEqual(levels.bands.exportFields);
				expect(record).toMatchObject({
					queueId: cell.queueId,
					mediaType: 'voice',
					interval: cell.interval,
					bandAnswered: row.row.bandAnswered,
					bandAbandonedCumulative: row.row.bandAbandonedCumulative,
				});
			}
		}
	});

	it('asks the session’s bands, carried in the context from the first level to the bands of a media row', async () => {
		const [queue] = emu.org.queues;
		const opened = apply(
			initialExplorer('P1D', {}, false, {bandEdges: [5, 15]}),
			{type: 'open', via: 'drill', rows: [{key: queue!.id, label: queue!.name}]},
			{type: 'open', via: 'bands', rows: [{key: 'voice', label: 'voice'}]},
		);
		const {level} = currentFrame(opened);
		expect(level).toMatchObject({id: 'bands', context: {queueId: queue!.id, mediaType: 'voice', bandEdges: [5, 15]}});
		const bands = await bandsOf(level.context);
		expect(bands.rows.rows.map(row => row.label)).toEqual(['0-5 s', '5-15 s', '15+ s']);
		// Another session, without bands of its own, has the default ones: nothing is left over from the last.
		const other = currentFrame(
			apply(initialExplorer('P1D'), {type: 'open', via: 'bands', rows: [{key: queue!.id, label: queue!.name}]}),
		);
		expect(other.level.context.bandEdges).toBeUndefined();
		expect((await bandsOf(other.level.context)).rows.rows).toHaveLength(7);
	});

	it('never shows a negative band on today’s range, the traffic growing between the queries', async () => {
		// Every aggregates query sees two more hours of the day: the answers of one row are of different moments.
		const start = DateTime.fromISO('2026-03-20T00:00:00Z');
		const clock = {queries: () => 0};
		const live = await emulator({
			queues: 4,
			seed: 5,
			now: () => start.plus({hours: 8 + 2 * clock.queries()}).toMillis(),
		});
		clock.queries = () => live.counts.aggregates;
		try {
			const today = resolveRange({preset: 'today'}, 'UTC', start.plus({hours: 23}));
			for (const queue of live.org.queues) {
				const bands = await bandsOf({queueId: queue.id, mediaType: 'voice'}, live, today);
				for (const row of bands.rows.rows) {
					expect(row.row.bandAnswered, row.label).toBeGreaterThanOrEqual(0);
					expect(row.row.bandAbandoned, row.label).toBeGreaterThanOrEqual(0);
				}
			}
		} finally {
			await live.stop();
		}
	});

	it('says the bands are unavailable when the answer has the outcome but none of its views; none is 0', () => {
		const ref = {id: 'bands' as const, context: {queueId: 'q', mediaType: 'voice'}};
		const data = (bag: Record<string, {count: number}>) => ({
			byMedia: new Map([['voice', bag]]),
			targets: new Map(),
			edges: [10, 20],
		});
		const lacking = levels.bands.rows(data({tAnswered: {count: 5}, tAbandon: {count: 0}}), ref, {
			timeZone: 'UTC',
			granularity: 'P1D',
		});
		expect(lacking.rows.map(row => [row.row.bandAnswered, row.row.bandAbandoned])).toEqual([
			[null, 0],
			[null, 0],
			[null, 0],
		]);
		expect(lacking.note).toMatch(/^Wait bands unavailable for answered: /);
		expect(lacking.footline).toMatch(/^SL what-if unavailable/);
		// Views left out where they are empty: the others came, so the missing one is 0.
		const partly = levels.bands.rows(
			data({tAnswered: {count: 5}, [underViewName('answered', 20_000)]: {count: 3}}),
			ref,
			{timeZone: 'UTC', granularity: 'P1D'},
		);
		expect(partly.rows.map(row => row.row.bandAnswered)).toEqual([0, 3, 2]);
		expect(partly.note).toBeUndefined();
	});

	it('counts an agent’s and a wrap-up code’s answered waits from the conversations they handled', async () => {
		const week = resolveRange({from: '2026-03-09', to: '2026-03-15'}, 'UTC', DateTime.fromMillis(testNow));
		const people = peopleOf(emu.org);
		// Each agent's and code's answered voice waits of the first queue with traffic, from its own conversations.
		const [queue] = emu.org.queues;
		const waits = new Map<string, number[]>();
		for (const conversation of conversationsIn(emu, week.start.toMillis(), week.end.toMillis())) {
			if (conversation.series.queueId !== queue!.id || conversation.series.mediaType !== 'voice') continue;
			const handler = handlerOfConversation(emu.org, conversation);
			if (!handler) continue;
			const code = handler.codeIndex === undefined ? undefined : people.codes[handler.codeIndex]!.id;
			for (const key of [`agents:${people.users[handler.userIndex]!.id}`, ...(code ? [`wrapups:${code}`] : [])])
				waits.set(key, [...(waits.get(key) ?? []), conversation.queueMs]);
		}
		const members = [...waits.keys()].filter(key => key.startsWith('agents:')).slice(0, 2);
		members.push(...[...waits.keys()].filter(key => key.startsWith('wrapups:')).slice(0, 2));
		expect(members).toHaveLength(4);
		for (const key of members) {
			const [kind, member] = key.split(':') as ['agents' | 'wrapups', string];
			const asked = emu.counts.aggregates;
			const bands = await bandsOf({queueId: queue!.id, mediaType: 'voice', member, memberKind: kind}, emu, week);
			// One query of the answered views: an agent or a code has no abandons to ask about.
			expect(emu.counts.aggregates - asked, key).toBe(1);
			const expected = [0, 10, 20, 30, 60, 120, 300].map(
				(from, index, all) =>
					waits
						.get(key)!
						.filter(wait => wait >= from * 1000 && (index === all.length - 1 || wait < all[index + 1]! * 1000)).length,
			);
			expect(
				bands.rows.rows.map(row => row.row.bandAnswered),
				key,
			).toEqual(expected);
			// Abandons have no agent and no code.
			expect(bands.abandoned, key).toBe(0);
			expect(bands.rows.note, key).toBeUndefined();
		}
	});
});
