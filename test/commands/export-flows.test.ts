// `gqx export --level flows|flow-outcomes` against the emulator, run in-process: the records in the documented field
// order, their numbers against the emulator's own flow sessions, containment by its formula, --flow and --flow-type.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type FlowCounts, flowCatalogOf, flowCounts, flowSeriesOf, sessionsUpTo} from '../../source/emulator/flows.js';
import type {Emulator} from '../../source/emulator/server.js';
import {flowFields, flowOutcomeFields} from '../../source/metrics/flows.js';
import {credentialsEnv, emulator} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

const dates = ['--from', '2026-03-16', '--to', '2026-03-17', '--tz', 'UTC'];
const startMs = Date.parse('2026-03-16T00:00:00Z');
const endMs = Date.parse('2026-03-18T00:00:00Z');

type Row = Record<string, string | number | null>;

/** What the emulator's own sessions of a flow add up to in the range, counted here from its model. */
function expectedOf(flowId: string): {counts: FlowCounts; outcomes: Array<{started: number; failed: number}>} {
	const total: FlowCounts = {
		sessions: 0,
		hungUp: 0,
		flowDisconnected: 0,
		toQueue: 0,
		elsewhere: 0,
		outcomes: [],
		milestones: [],
	};
	for (const series of flowSeriesOf(emu.org)) {
		if (series.flow.id !== flowId) continue;
		const before = flowCounts(emu.model, series, sessionsUpTo(emu.model, series, startMs));
		const after = flowCounts(emu.model, series, sessionsUpTo(emu.model, series, endMs));
		for (const field of ['sessions', 'hungUp', 'flowDisconnected', 'toQueue', 'elsewhere'] as const)
			total[field] += after[field] - before[field];
		after.outcomes.forEach((outcome, slot) => {
			const into = (total.outcomes[slot] ??= {started: 0, failed: 0});
			into.started += outcome.started - (before.outcomes[slot]?.started ?? 0);
			into.failed += outcome.failed - (before.outcomes[slot]?.failed ?? 0);
		});
	}
	return {counts: total, outcomes: total.outcomes};
}

async function exported(args: string[]): Promise<Row[]> {
	const result = await runCommand(['export', ...dates, '--format', 'json', ...args], {env});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Row[];
}

beforeAll(async () => {
	emu = await emulator({queues: 30, seed: 5});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

describe('gqx export --level flows', () => {
	it('writes every flow with the emulator’s own sessions, entered = disconnected + exited, and containment', async () => {
		const records = await exported(['--level', 'flows']);
		const catalog = flowCatalogOf(emu.org);
		expect(records).toHaveLength(catalog.flows.length);
		for (const record of records) {
			expect(Object.keys(record)).toEqual([...flowFields]);
			const flow = catalog.byId.get(String(record['flowId']))!;
			const {counts} = expectedOf(flow.id);
			const disconnected = counts.hungUp + counts.flowDisconnected;
			expect(record).toMatchObject({
				flowName: flow.name,
				flowType: flow.type.toLowerCase(),
				mediaType: flow.media,
				interval: '2026-03-16T00:00:00.000Z/2026-03-18T00:00:00.000Z',
				entered: counts.sessions,
				disconnected,
				exitedToQueue: counts.toQueue,
				exitedOther: counts.elsewhere,
			});
			expect(record['entered']).toBe(
				Number(record['disconnected']) + Number(record['exitedToQueue']) + Number(record['exitedOther']),
			);
			expect(record['containmentRate']).toBeCloseTo(disconnected / counts.sessions, 12);
			const succeeded = counts.outcomes.reduce((sum, outcome) => sum + outcome.started - outcome.failed, 0);
			expect(record['outcomesSucceeded']).toBe(succeeded);
			expect(record['outcomesFailed']).toBe(counts.outcomes.reduce((sum, outcome) => sum + outcome.failed, 0));
		}
		// The deleted flow is named from the listing's deleted=true lookup; records are in name order.
		expect(records.map(record => record['flowName'])).toContain('Old Main Line IVR');
		const names = records.map(record => String(record['flowName']));
		expect(names).toEqual([...names].sort((a, b) => new Intl.Collator().compare(a, b)));
	});

	it('narrows to --flow (a name in any case, or an id) and --flow-type', async () => {
		const catalog = flowCatalogOf(emu.org);
		const byName = await exported(['--level', 'flows', '--flow', 'main line ivr', '--flow', catalog.flows[6]!.id]);
		expect(byName.map(record => record['flowName'])).toEqual(['Billing Bot', 'Main Line IVR']);
		const bots = await exported(['--level', 'flows', '--flow-type', 'bot', '--flow-type', 'digitalbot']);
		expect(bots.map(record => record['flowType']).sort()).toEqual(['bot', 'bot', 'digitalbot']);
	});

	it('draws --format table with the explorer’s headers and formats, fitted to COLUMNS', async () => {
		const result = await runCommand(['export', ...dates, '--level', 'flows', '--format', 'table'], {
			env: {...env, COLUMNS: '100'},
		});
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Flow\s+Type\s+Entered\s+Ended in\s+To queue\s.*Contain %/);
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
		expect(lines.find(line => line.startsWith('Main Line IVR'))).toMatch(/inboundcall\s+[\d,]+\s.*\d+\.\d%/);
	});

	it('exits 2 with a message for an unknown flow type, an unknown flow name, or --flow on another level', async () => {
		const type = await runCommand(['export', ...dates, '--level', 'flows', '--flow-type', 'ivr'], {env});
		expect(type.code).toBe(2);
		expect(type.stderr).toContain('Unknown flow type "ivr"');
		expect(type.stderr).toContain('inboundcall');
		const name = await runCommand(['export', ...dates, '--level', 'flows', '--flow', 'No Such Flow'], {env});
		expect(name.code).toBe(2);
		expect(name.stderr).toContain('No flow named "No Such Flow"');
		const level = await runCommand(['export', ...dates, '--level', 'queues', '--flow', 'Main Line IVR'], {env});
		expect(level.code).toBe(2);
		expect(level.stderr).toContain('--flow is for --level flows or flow-outcomes');
		for (const result of [type, name, level]) expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('refuses --queue, --division and --media, which do not choose flows, rather than ignore them', async () => {
		for (const [level, flag, value] of [
			['flows', '--queue', 'Support'],
			['flows', '--media', 'voice'],
			['flow-outcomes', '--division', 'Home'],
		] as const) {
			const result = await runCommand(['export', ...dates, '--level', level, flag, value], {env});
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(`${flag} does not choose the records of --level ${level}`);
			expect(result.stderr).toContain('--flow NAME|ID');
			expect(result.stdout).toBe('');
		}
	});
});

describe('gqx export --level flow-outcomes', () => {
	it('writes each outcome of each flow: started = succeeded + failed, per day with --granularity', async () => {
		const records = await exported(['--level', 'flow-outcomes', '--granularity', 'P1D']);
		const catalog = flowCatalogOf(emu.org);
		const expected = catalog.flows.flatMap(flow => flow.outcomes.map(outcome => ({flow, outcome})));
		// Two days, a record each for every outcome of every flow with outcomes.
		expect(records).toHaveLength(expected.length * 2);
		for (const record of records) {
			expect(Object.keys(record)).toEqual([...flowOutcomeFields]);
			expect(record['started']).toBe(Number(record['succeeded']) + Number(record['failed']));
			expect(record['successRate']).toBeCloseTo(Number(record['succeeded']) / Number(record['started']), 12);
		}
		for (const {flow, outcome} of expected) {
			const slot = flow.outcomes.indexOf(outcome);
			const own = records.filter(record => record['flowId'] === flow.id && record['outcomeId'] === outcome.id);
			expect(own.map(record => record['outcomeName'])).toEqual([outcome.name, outcome.name]);
			expect(own.map(record => record['interval'])).toEqual([
				'2026-03-16T00:00:00.000Z/2026-03-17T00:00:00.000Z',
				'2026-03-17T00:00:00.000Z/2026-03-18T00:00:00.000Z',
			]);
			const {outcomes} = expectedOf(flow.id);
			expect(own.reduce((sum, record) => sum + Number(record['started']), 0)).toBe(outcomes[slot]!.started);
			expect(own.reduce((sum, record) => sum + Number(record['failed']), 0)).toBe(outcomes[slot]!.failed);
		}
	});
});
