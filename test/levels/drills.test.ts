// The agent and wrap-up code levels against the emulator, from a queue row and from a media row: their
// rows add up to the queue's numbers, names are found (deleted agents too), Enter opens intervals that add
// up to the row, and without the wrap-up code permission the codes show as ids with a notice.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {demoClient} from '../../source/emulator/server.js';
import {peopleOf} from '../../source/emulator/people.js';
import {levels} from '../../source/levels/registry.js';
import {createLevelSource, RetryHub} from '../../source/levels/source.js';
import type {LevelId, LevelRef, LevelRows} from '../../source/levels/types.js';
import {noWrapupLabel} from '../../source/metrics/drill-rows.js';
import {resolveRange} from '../../source/range/range.js';
import {levelView} from '../../source/ui/explorer/view.js';
import {clientFor, emulator, testNow} from '../helpers.js';
import type {GenesysClient} from '../../source/genesys/client.js';

let emu: Emulator;
beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5});
});
afterAll(async () => emu.stop());

const range = resolveRange({from: '2026-03-09', to: '2026-03-15'}, 'Europe/Paris', DateTime.fromMillis(testNow));

async function rowsOf(client: GenesysClient, ref: LevelRef): Promise<LevelRows> {
	const level = levels[ref.id];
	const source = createLevelSource(client, range, new RetryHub());
	const loaded = await source.load(level.request(ref, 'P1D'), {});
	return level.rows(loaded.data, ref, {timeZone: range.timeZone, granularity: 'P1D'});
}

/** The queue's own row (queue level) or media row (media level), as the explorer shows it. */
async function queueRow(client: GenesysClient, queueId: string, mediaType?: string) {
	const queue = emu.org.byId.get(queueId)!;
	if (!mediaType) {
		const rows = await rowsOf(client, {id: 'queues', context: {}});
		return rows.rows.find(row => row.key === queueId)!.row;
	}
	const rows = await rowsOf(client, {id: 'media', context: {queueId, queueName: queue.name}});
	return rows.rows.find(row => row.key === mediaType)!.row;
}

function sum(rows: LevelRows, field: 'answered' | 'handled' | 'count'): number {
	return rows.rows.reduce((total, row) => total + row.row[field], 0);
}

/** Opens `via` from a queue row or a media row, as the reducer does. */
function opened(via: 'agents' | 'wrapups', queueIndex: number, mediaType?: string): LevelRef {
	const queue = emu.org.queues[queueIndex]!;
	const from: LevelId = mediaType ? 'media' : 'queues';
	const parent: LevelRef = mediaType
		? {id: 'media', context: {queueId: queue.id, queueName: queue.name}}
		: {id: 'queues', context: {}};
	const row = mediaType ? {key: mediaType, label: mediaType} : {key: queue.id, label: queue.name};
	return {id: levels[from].opens[via]!, context: levels[from].openContext(row, parent)};
}

describe('agents level', () => {
	for (const media of [undefined, 'voice']) {
		it(`adds up to the queue's answered and handled, opened from a ${media ? 'media' : 'queue'} row`, async () => {
			const client = clientFor(emu);
			const ref = opened('agents', 2, media);
			expect(ref.id).toBe('agents');
			expect(ref.context.mediaType).toBe(media);
			const agents = await rowsOf(client, ref);
			const queue = await queueRow(client, ref.context.queueId!, media);
			expect(agents.rows.length).toBeGreaterThan(2);
			expect(queue.answered).toBeGreaterThan(0);
			expect(sum(agents, 'answered')).toBe(queue.answered);
			expect(sum(agents, 'handled')).toBe(queue.answered);
			// Shares are of the queue's answered: they add up to the whole, and so does the totals row.
			const shares = agents.rows.reduce((total, row) => total + (row.row.share ?? 0), 0);
			expect(shares).toBeCloseTo(1, 9);
			const view = levelView(agents, levels.agents, '', levels.agents.defaultSort);
			expect(view.total.answered).toBe(queue.answered);
			expect(view.total.share).toBeCloseTo(1, 9);
			expect(agents.note).toBe('agents: 100.0% of handled');
			// Every agent is named, deleted ones too (state=any).
			const people = peopleOf(emu.org);
			for (const row of agents.rows) expect(row.label).toBe(people.userById.get(row.key)!.name);
		});
	}

	it('names deleted agents, and an id no user has as (user 1a2b3c4d)', async () => {
		const people = peopleOf(emu.org);
		// A queue one of whose agents has been deleted since.
		const index = emu.org.queues.findIndex(queue =>
			people.membersOf(queue).some(user => people.users[user]!.state === 'deleted'),
		);
		expect(index).toBeGreaterThanOrEqual(0);
		const ref = opened('agents', index);
		const first = await rowsOf(clientFor(emu), ref);
		const deleted = first.rows.find(row => people.userById.get(row.key)?.state === 'deleted');
		expect(deleted?.label).toBe(people.userById.get(deleted!.key)!.name);
		const gone = first.rows.find(row => people.userById.get(row.key)?.state === 'active')!;
		emu.purgeUser(gone.key);
		const again = await rowsOf(clientFor(emu), ref);
		expect(again.rows.find(row => row.key === gone.key)?.label).toBe(`(user ${gone.key.slice(0, 8)})`);
		expect(again.rows.find(row => row.key === deleted!.key)?.label).toBe(deleted!.label);
	});

	it('asks for names once per session, in batches, following every page', async () => {
		// Small pages: a batch of up to 100 ids takes several.
		const small = await emulator({queues: 12, seed: 5, maxPageSize: 5});
		try {
			const client = clientFor(small);
			const ref = {
				id: 'agents',
				context: {queueId: small.org.queues[1]!.id, queueName: small.org.queues[1]!.name},
			} as const;
			const rows = await rowsOf(client, ref);
			const pages = small.counts.users;
			expect(pages).toBe(Math.ceil(rows.rows.length / 5));
			for (const row of rows.rows) expect(row.label).not.toMatch(/^\(user /);
			// A second source of the same client (another date range) asks no names again.
			await rowsOf(client, ref);
			expect(small.counts.users).toBe(pages);
		} finally {
			await small.stop();
		}
	});

	it("opens an agent's intervals with Enter; they add up to the agent's row", async () => {
		const client = clientFor(emu);
		const ref = opened('agents', 2, 'voice');
		const agents = await rowsOf(client, ref);
		const agent = agents.rows[0]!;
		const next: LevelRef = {id: levels.agents.opens.drill!, context: levels.agents.openContext(agent, ref)};
		expect(next.id).toBe('agent-intervals');
		expect(levels[next.id].crumb(next)).toBe(agent.label);
		const intervals = await rowsOf(client, next);
		expect(intervals.rows.length).toBe(7);
		expect(sum(intervals, 'answered')).toBe(agent.row.answered);
		expect(sum(intervals, 'handled')).toBe(agent.row.handled);
		const view = levelView(intervals, levels['agent-intervals'], '', levels['agent-intervals'].defaultSort);
		expect(view.total.share).toBeCloseTo(agent.row.share!, 9);
	});
});

describe('wrap-up codes level', () => {
	for (const media of [undefined, 'voice']) {
		it(`counts add up to the queue's handled, opened from a ${media ? 'media' : 'queue'} row`, async () => {
			const client = clientFor(emu);
			const ref = opened('wrapups', 3, media);
			expect(ref.id).toBe('wrapups');
			const codes = await rowsOf(client, ref);
			const queue = await queueRow(client, ref.context.queueId!, media);
			expect(sum(codes, 'count')).toBe(queue.answered);
			const labels = codes.rows.map(row => row.label);
			expect(labels).toContain(noWrapupLabel);
			// A system code is not in the listing: it shows as its id.
			expect(labels).toContain('ININ-WRAP-UP-TIMEOUT');
			const people = peopleOf(emu.org);
			for (const row of codes.rows) {
				const code = people.codes.find(each => each.id === row.key);
				if (code && !code.system && !code.deleted) expect(row.label).toBe(code.name);
				if (code?.deleted) expect(row.label).toBe(`(code ${code.id.slice(0, 8)})`);
			}
			expect(codes.note).toBeUndefined();
			const shares = codes.rows.reduce((total, row) => total + (row.row.share ?? 0), 0);
			expect(shares).toBeCloseTo(1, 9);
		});
	}

	it("shortens a deleted code's id as an unknown agent's is: (code 1a2b3c4d)", async () => {
		const people = peopleOf(emu.org);
		const client = clientFor(emu);
		const deleted = new Set(people.codes.filter(code => code.deleted).map(code => code.id));
		let seen = 0;
		for (let index = 0; index < emu.org.queues.length && seen === 0; index++) {
			for (const row of (await rowsOf(client, opened('wrapups', index))).rows)
				if (deleted.has(row.key)) {
					seen++;
					expect(row.label).toBe(`(code ${row.key.slice(0, 8)})`);
				}
		}
		expect(seen).toBeGreaterThan(0);
	});

	it('shows ids and names the missing permission without routing:wrapupCode:view; the level still works', async () => {
		const client = {
			id: 'no-codes',
			secret: 'no-codes-secret',
			permissions: demoClient.permissions.filter(permission => permission !== 'routing:wrapupCode:view'),
		};
		emu.addClient(client);
		const limited = clientFor(emu, {clientId: client.id, clientSecret: client.secret});
		const codes = await rowsOf(limited, opened('wrapups', 3));
		expect(codes.note).toBe('ids shown: needs routing:wrapupCode:view');
		const named = await rowsOf(clientFor(emu), opened('wrapups', 3));
		expect(codes.rows.map(row => row.key).sort()).toEqual(named.rows.map(row => row.key).sort());
		for (const row of codes.rows) expect(row.label).toBe(row.key === '' ? noWrapupLabel : row.key);
	});

	it("opens a code's intervals with Enter, the (no wrap-up) row's too; they add up to the row", async () => {
		const client = clientFor(emu);
		const ref = opened('wrapups', 3);
		const codes = await rowsOf(client, ref);
		for (const code of [codes.rows.find(row => row.key === '')!, codes.rows.find(row => row.key !== '')!]) {
			const next: LevelRef = {id: levels.wrapups.opens.drill!, context: levels.wrapups.openContext(code, ref)};
			expect(next.id).toBe('wrapup-intervals');
			const intervals = await rowsOf(client, next);
			expect(sum(intervals, 'count')).toBe(code.row.count);
		}
	});
});
