// `gqx check` against the emulator, run in-process: exit 0 when every queue meets each threshold, 1 with the
// breaching queues when any does not, 2 for bad usage.
import path from 'node:path';
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest';
import type {Breach} from '../../source/commands/check.js';
import type {Thresholds} from '../../source/metrics/thresholds.js';
import {ProfileStore} from '../../source/profiles/store.js';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {rollUp} from '../../source/metrics/rows.js';
import {agentStatesOf, currentMembers} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import {emulator, groundTruth, namesOf, testNow} from '../helpers.js';
import {runCommand} from '../run-command.js';
import {scratchDir} from '../run-cli.js';

let emu: Emulator;
let env: Record<string, string>;
const zone = 'UTC';
const day = ['--from', '2026-03-19', '--to', '2026-03-19', '--tz', zone];

beforeAll(async () => {
	emu = await emulator({queues: 40, seed: 3});
	env = {
		GENESYS_CLOUD_REGION: emu.url,
		GENESYS_CLOUD_CLIENT_ID: demoClient.id,
		GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret,
	};
});
afterAll(async () => emu.stop());

function queueRows() {
	const start = DateTime.fromISO('2026-03-19', {zone});
	const end = start.plus({days: 1});
	return rollUp(groundTruth(emu, start, end, zone), 'queues', namesOf(emu), null);
}

/**
 * The queues below their target, as the explorer colours them: a queue's own target, or where its media have
 * different ones (the row's target is unknown), the lowest of them. With the target each is held to.
 */
function belowTarget() {
	const lowest = new Map(
		emu.org.queues.map(queue => [queue.id, Math.min(...queue.media.map(media => media.serviceLevelTarget))]),
	);
	return queueRows().flatMap(row => {
		const target = row.serviceLevelTarget ?? lowest.get(row.queueId ?? '') ?? null;
		return row.serviceLevel !== null && target !== null && row.serviceLevel < target ? [{row, target}] : [];
	});
}

async function check(...args: string[]) {
	const result = await runCommand(['check', ...args, '--format', 'json', '--no-proxy'], {env});
	return {...result, breaches: result.code === 0 || result.code === 1 ? (JSON.parse(result.stdout) as Breach[]) : []};
}

/** A folder whose profiles file holds profile "acme" for the emulator, with `thresholds`. */
function profileWith(thresholds: Thresholds): string {
	const cwd = scratchDir();
	new ProfileStore({cwd: path.join(cwd, 'config')}).save({
		name: 'acme',
		region: emu.url,
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		thresholds,
	});
	return cwd;
}

describe('gqx check', () => {
	it('--min-sl target: exit 1 with exactly the queues below their own target (the lowest of their media where those differ), 0 when none is', async () => {
		const expected = belowTarget();
		expect(expected.length).toBeGreaterThan(0);
		// Some of them have media with different targets: held to the lowest, as the explorer marks them.
		expect(expected.some(({row}) => row.serviceLevelTarget === null)).toBe(true);
		const result = await check('--min-sl', 'target', ...day);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(1);
		expect(result.breaches.map(breach => breach.queueId).sort()).toEqual(expected.map(({row}) => row.queueId).sort());
		for (const breach of result.breaches) {
			const {row, target} = expected.find(each => each.row.queueId === breach.queueId)!;
			expect(breach).toMatchObject({check: 'min-sl', value: row.serviceLevel, threshold: target});
		}
		const none = await check('--min-sl', '0%', ...day);
		expect(none.code).toBe(0);
		expect(none.breaches).toEqual([]);
	});

	it('--max-abandon RATIO: exit 1 with the queues above it, 0 when all are below', async () => {
		const expected = queueRows().filter(row => row.abandonRate !== null && row.abandonRate > 0.08);
		expect(expected.length).toBeGreaterThan(0);
		const result = await check('--max-abandon', '8%', ...day);
		expect(result.code).toBe(1);
		expect(result.breaches.map(breach => breach.queueName)).toEqual(
			expected.map(row => row.queueName).sort(new Intl.Collator().compare),
		);
		expect((await check('--max-abandon', '100%', ...day)).code).toBe(0);
	});

	it('--max-wait SECONDS: the live longest waits, exit 1 over it and 0 under it', async () => {
		const result = await check('--max-wait', '0');
		expect(result.code).toBe(1);
		const served = emu.observationsServed.at(-1)!;
		const waiting = new Set(
			served
				.filter(group => group.data.some(item => item.metric === 'oWaiting' && (item.stats.count ?? 0) > 0))
				.map(group => group.group.queueId),
		);
		expect(new Set(result.breaches.map(breach => breach.queueId))).toEqual(waiting);
		expect((await check('--max-wait', '999999')).code).toBe(0);
	});

	it('--max-acw, --max-break, --max-idle: exit 1 naming each agent over one now, in each of their queues', async () => {
		// An org big enough to have agents idle, in after-call work and on breaks at the clock.
		const emu = await emulator({queues: 60, seed: 3});
		const env = {
			GENESYS_CLOUD_REGION: emu.url,
			GENESYS_CLOUD_CLIENT_ID: demoClient.id,
			GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret,
		};
		const check = async (...args: string[]) => {
			const result = await runCommand(['check', ...args, '--format', 'json', '--no-proxy'], {env});
			return {...result, breaches: result.code === 1 ? (JSON.parse(result.stdout) as Breach[]) : []};
		};
		onTestFinished(() => emu.stop());
		const people = peopleOf(emu.org);
		const states = agentStatesOf(emu.org, emu.model);
		// Each membership's measures at the emulator's clock, as the emulator has the agent's state.
		const memberships = emu.org.queues.flatMap(queue =>
			currentMembers(emu.org, queue).map(index => {
				const state = states.at(index, testNow);
				const session = state.session;
				return {
					queue,
					user: people.users[index]!,
					acw: session?.segmentType === 'wrapup' ? testNow - session.segmentStartMs : null,
					break: state.presence === 'BREAK' || state.presence === 'MEAL' ? testNow - state.presenceSinceMs : null,
					idle: state.routing === 'IDLE' ? testNow - state.routingSinceMs : null,
				};
			}),
		);
		// A limit no measure is within 5 s of (the board is a moment later than the clock it was asked at).
		const limitFor = (measures: number[]) => {
			const sorted = [...measures].sort((a, b) => a - b);
			for (let seconds = Math.floor(sorted[Math.floor(sorted.length / 2)]! / 1000); seconds > 0; seconds--)
				if (sorted.every(ms => Math.abs(ms - seconds * 1000) > 5000)) return seconds;
			return 0;
		};
		for (const [flag, measure] of [
			['--max-acw', 'acw'],
			['--max-break', 'break'],
			['--max-idle', 'idle'],
		] as const) {
			const measured = memberships.filter(each => each[measure] !== null);
			expect(measured.length, flag).toBeGreaterThan(0);
			const limit = limitFor(measured.map(each => each[measure]!));
			const over = measured.filter(each => each[measure]! > limit * 1000);
			expect(over.length, flag).toBeGreaterThan(0);
			const result = await check(flag, String(limit));
			expect(result.code, flag).toBe(1);
			expect(result.breaches.map(breach => `${breach.queueName} ${breach.userName}`).sort()).toEqual(
				over.map(each => `${each.queue.name} ${each.user.name}`).sort(),
			);
			for (const breach of result.breaches) {
				const each = over.find(one => one.queue.id === breach.queueId && one.user.id === breach.userId)!;
				expect(breach.check).toBe(flag.slice(2));
				expect(breach.threshold).toBe(limit);
				expect(Math.abs(breach.value - each[measure]! / 1000)).toBeLessThan(5);
			}
		}
		// A table names the agent beside the queue.
		const table = await runCommand(['check', '--max-idle', '1', '--format', 'table', '--no-proxy'], {env});
		expect(table.code).toBe(1);
		expect(table.stdout.split('\n')[0]).toMatch(/^Queue\s+Agent\s+Check\s+Value\s+Threshold$/);
		expect(table.stdout).toContain('idle above');
		expect((await check('--max-idle', '999999')).code).toBe(0);
		const bad = await runCommand(['check', '--max-break', 'soon', '--no-proxy'], {env});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--max-break "soon" is not a number of seconds');
	});

	it('--division: only the queues of the named divisions, for the range and the live waits', async () => {
		const divisionOf = new Map(emu.org.queues.map(queue => [queue.id, queue.divisionName]));
		const division = [...new Set(divisionOf.values())].sort()[0]!;
		const inDivision = (id: string) => divisionOf.get(id) === division;
		const everywhere = await check('--max-abandon', '0', ...day);
		const expected = everywhere.breaches.filter(breach => inDivision(breach.queueId));
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(everywhere.breaches.length);
		const result = await check('--max-abandon', '0', '--division', division.toUpperCase(), ...day);
		expect(result.code).toBe(1);
		expect(result.breaches).toEqual(expected);
		const waits = await check('--max-wait', '0', '--division', division);
		const asked = emu.observationsServed.at(-1)!.map(group => group.group.queueId);
		expect(asked.length).toBeGreaterThan(0);
		expect(asked.every(inDivision)).toBe(true);
		expect(waits.breaches.every(breach => inDivision(breach.queueId))).toBe(true);
		const unknown = await runCommand(['check', '--max-abandon', '0', '--division', 'Nowhere', ...day], {env});
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain(`"${division}"`);
	});

	it("a profile's thresholds apply without flags, and a flag overrides only its own", async () => {
		const cwd = profileWith({maxAbandon: 0.08, minServiceLevel: 'target'});
		const onProfile = async (...args: string[]) => {
			const result = await runCommand(['check', '--profile', 'acme', ...args, '--format', 'json', ...day], {cwd});
			return {...result, breaches: result.code === 1 ? (JSON.parse(result.stdout) as Breach[]) : []};
		};
		const rows = queueRows();
		const overAbandon = rows.filter(row => row.abandonRate !== null && row.abandonRate > 0.08);
		const below = belowTarget().map(({row}) => row);
		expect(overAbandon.length).toBeGreaterThan(0);
		expect(below.length).toBeGreaterThan(0);
		const ids = (breaches: Breach[], check: Breach['check']) =>
			breaches
				.filter(breach => breach.check === check)
				.map(breach => breach.queueId)
				.sort();

		// No threshold flag: the profile's two, each breaching queue with the profile's threshold.
		const saved = await onProfile();
		expect(saved.stderr).toBe('');
		expect(saved.code).toBe(1);
		expect(ids(saved.breaches, 'max-abandon')).toEqual(overAbandon.map(row => row.queueId).sort());
		expect(ids(saved.breaches, 'min-sl')).toEqual(below.map(row => row.queueId).sort());
		expect(saved.breaches.filter(breach => breach.check === 'max-abandon').every(b => b.threshold === 0.08)).toBe(true);

		// A lenient flag replaces the profile's abandon threshold; its service-level one still applies.
		const lenientAbandon = await onProfile('--max-abandon', '100%');
		expect(lenientAbandon.code).toBe(1);
		expect(ids(lenientAbandon.breaches, 'max-abandon')).toEqual([]);
		expect(ids(lenientAbandon.breaches, 'min-sl')).toEqual(below.map(row => row.queueId).sort());

		// Both overridden leniently: every queue passes.
		const lenient = await onProfile('--max-abandon', '100', '--min-sl', '0');
		expect(lenient.stderr).toBe('');
		expect(lenient.code).toBe(0);
		expect(lenient.stdout).toBe('[]\n');
	});

	it('prints a table on request and refuses a missing or malformed threshold with exit 2', async () => {
		const table = await runCommand(['check', '--max-abandon', '0.08', '--format', 'table', ...day], {env});
		expect(table.code).toBe(1);
		expect(table.stdout.split('\n')[0]).toMatch(/^Queue\s+Check\s+Value\s+Threshold$/);
		expect(table.stdout).toMatch(/abandon above\s+\d+\.\d%\s+8\.0%/);
		const none = await runCommand(['check', ...day], {env});
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/No threshold to check/);
		const bad = await runCommand(['check', '--max-abandon', 'lots'], {env});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--max-abandon "lots" is not a ratio/);
	});

	it('tells same-named queues apart by their division, in the table and the records', async () => {
		const supports = emu.org.queues.filter(queue => queue.name === 'Support');
		expect(supports.map(queue => queue.divisionName).sort()).toEqual(['EMEA', 'Home']);
		const table = await runCommand(['check', '--max-abandon', '0', '--format', 'table', ...day], {env});
		expect(table.code).toBe(1);
		expect(table.stdout).toMatch(/^Support · EMEA\s+abandon above/m);
		expect(table.stdout).toMatch(/^Support · Home\s+abandon above/m);
		expect(table.stdout).not.toMatch(/^Support\s{2,}/m);
		const json = await check('--max-abandon', '0', ...day);
		for (const queue of supports)
			expect(json.breaches.find(breach => breach.queueId === queue.id)).toMatchObject({
				divisionId: queue.divisionId,
				divisionName: queue.divisionName,
			});
	});

	it('reads 0.9, 90% and 90 alike, and refuses an ambiguous or out-of-range ratio with exit 2', async () => {
		const read = await Promise.all(['0.08', '8%', '8'].map(value => check('--max-abandon', value, ...day)));
		expect(read.map(result => result.code)).toEqual([1, 1, 1]);
		expect(read[1]!.breaches).toEqual(read[0]!.breaches);
		expect(read[2]!.breaches).toEqual(read[0]!.breaches);
		for (const [flag, value, said] of [
			['--min-sl', '1.5', /--min-sl 1\.5 is over 1 as a ratio/],
			['--max-abandon', '1', /--max-abandon 1 could mean 1 % or 100 %/],
			['--max-abandon', '150%', /outside 0-100 %/],
			['--min-sl', '-0.5%', /outside 0-100 %/],
			['--min-sl', '101', /outside 0-100 %/],
		] as const) {
			const result = await runCommand(['check', `${flag}=${value}`, ...day], {env});
			expect(result.code, `${flag} ${value}`).toBe(2);
			expect(result.stderr, `${flag} ${value}`).toMatch(said);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
	});

	it('refuses the checks of now on a past range, and says so when a profile’s are left out', async () => {
		const past = await runCommand(['check', '--max-wait', '120', ...day], {env});
		expect(past.code).toBe(2);
		expect(past.stderr).toMatch(
			/--max-wait checks the longest wait now, and 2026-03-19 to 2026-03-19 does not include today/,
		);
		for (const flag of ['--max-acw', '--max-break', '--max-idle']) {
			const agents = await runCommand(['check', flag, '1', ...day], {env});
			expect(agents.code, flag).toBe(2);
			expect(agents.stderr, flag).toMatch(new RegExp(`${flag} checks .* now, and 2026-03-19 to 2026-03-19 does not`));
		}
		// Saved ones (an agent idle for a second now would breach) are left out, each said once; abandon is checked.
		const cwd = profileWith({
			maxWaitSeconds: 120,
			maxAbandon: 1,
			maxIdleSeconds: 1,
			maxBreakSeconds: 1,
			maxAcwSeconds: 1,
		});
		const saved = await runCommand(['check', '--profile', 'acme', '--format', 'json', ...day], {cwd});
		expect(saved.code).toBe(0);
		for (const name of ['wait', 'acw', 'break', 'idle'])
			expect(saved.stderr).toMatch(new RegExp(`max ${name} is not checked: it is a value of now`));
	});
});
