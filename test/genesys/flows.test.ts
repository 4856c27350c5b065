// The flows client against the emulator over HTTP: aggregates chunked and merged exactly, names listed once per
// client with deleted flows looked up by id, and ids shown when a listing is refused.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {flowCatalogOf} from '../../source/emulator/flows.js';
import {fetchFlowCells, fetchFlowNames, fetchFlowsNow, fetchOutcomeNames} from '../../source/genesys/flows.js';
import {clientFor, emulator, loginTo} from '../helpers.js';
import {demoClient} from '../../source/emulator/server.js';

let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 20, maxPageSize: 5});
});
afterAll(async () => emu.stop());

/** The emulator's own answer to one unchunked request, per flow: nFlow and tFlow's count. */
async function oneRequest(interval: string): Promise<Map<string, {entered: number; ended: number}>> {
	const token = await loginTo(emu, demoClient.id, demoClient.secret);
	const response = await fetch(`${emu.url}/api/v2/analytics/flows/aggregates/query`, {
		method: 'POST',
		headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'},
		body: JSON.stringify({interval, groupBy: ['flowId'], metrics: ['nFlow', 'tFlow']}),
	});
	const {results} = (await response.json()) as {
		results: Array<{group: {flowId: string}; data: Array<{metrics: Array<{metric: string; stats: {count: number}}>}>}>;
	};
	return new Map(
		results.map(result => {
			const count = (metric: string) =>
				result.data.flatMap(data => data.metrics).find(each => each.metric === metric)?.stats.count ?? 0;
			return [result.group.flowId, {entered: count('nFlow'), ended: count('tFlow')}];
		}),
	);
}

describe('fetchFlowCells', () => {
	it('reads a 40-day range in chunks and merges them into the one answer the emulator gives for it', async () => {
		const start = DateTime.fromISO('2026-02-01T00:00:00Z', {zone: 'UTC'});
		const end = DateTime.fromISO('2026-03-13T00:00:00Z', {zone: 'UTC'});
		const cells = await fetchFlowCells(clientFor(emu), {start, end, timeZone: 'UTC', groupBy: ['flowId']});
		const truth = await oneRequest(`${start.toISO()}/${end.toISO()}`);
		expect(
			new Map(
				cells.map(cell => [
					cell.group['flowId'],
					{entered: cell.stats['nFlow']?.count ?? 0, ended: cell.stats['tFlow']?.count ?? 0},
				]),
			),
		).toEqual(truth);
		expect(new Set(cells.map(cell => cell.interval))).toEqual(new Set([`${start.toISO()}/${end.toISO()}`]));
	});
});

describe('fetchFlowNames and fetchOutcomeNames', () => {
	it('lists every page once per client, looks a deleted flow up by id, and shows an unknown id shortened', async () => {
		const client = clientFor(emu);
		const catalog = flowCatalogOf(emu.org);
		const deleted = catalog.flows.find(flow => flow.deleted)!;
		const unknown = '0badf00d-0000-4000-8000-000000000000';
		const before = emu.counts.flows;
		const names = await fetchFlowNames(client, [deleted.id, unknown]);
		for (const flow of catalog.flows) expect(names.nameOf(flow.id)).toBe(flow.name);
		expect(names.nameOf(unknown)).toBe('(flow 0badf00d)');
		expect(names.flows.get(deleted.id)?.deleted).toBe(true);
		const asked = emu.counts.flows - before;
		// 11 live flows at 5 a page, then one lookup by id.
		expect(asked).toBe(4);
		await fetchFlowNames(client, [deleted.id, unknown]);
		expect(emu.counts.flows - before).toBe(asked);
		const outcomes = await fetchOutcomeNames(client);
		for (const outcome of catalog.outcomes) expect(outcomes.nameOf(outcome.id)).toBe(outcome.name);
	});

	it('says which permission is missing and shows ids when the listings are refused', async () => {
		emu.addClient({id: 'analytics-only', secret: 's', permissions: ['analytics:flowAggregate:view']});
		const client = clientFor(emu, {clientId: 'analytics-only', clientSecret: 's'});
		const flow = flowCatalogOf(emu.org).flows[0]!;
		const names = await fetchFlowNames(client, [flow.id]);
		expect(names.missingPermission).toBe('architect:flow:view');
		expect(names.nameOf(flow.id)).toBe(`(flow ${flow.id.slice(0, 8)})`);
		expect((await fetchOutcomeNames(client)).missingPermission).toBe('architect:flowOutcome:view');
	});
});

describe('fetchFlowsNow', () => {
	it('counts the conversations in each flow now', async () => {
		const ids = flowCatalogOf(emu.org).flows.map(flow => flow.id);
		const now = await fetchFlowsNow(clientFor(emu), ids);
		expect([...now.keys()].sort()).toEqual([...ids].sort());
	});
});
