// `gqx export --level agent-status` against the emulator, run in-process: a record per agent and queue, with the
// states the emulator has at its clock, in the field order; --queue narrows it; a client without the
// observation permission is told which one it needs; without the agent state permission, the records come without
// media and a notice says why.
import {parse} from 'csv-parse/sync';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {agentStatesOf, currentMembers, presenceDefinitions} from '../../source/emulator/agent-states.js';
import {peopleOf} from '../../source/emulator/people.js';
import type {Emulator} from '../../source/emulator/server.js';
import {type AgentStatusRecord, agentStatusFields} from '../../source/metrics/people.js';
import {credentialsEnv, emulator, testNow} from '../helpers.js';
import {runCommand} from '../run-command.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
	emu = await emulator({queues: 130, seed: 8});
	env = credentialsEnv(emu.url);
});
afterAll(async () => emu.stop());

describe('gqx export --level agent-status', () => {
	it('writes every member of every queue with the state the emulator has, in the documented field order', async () => {
		const before = emu.counts.activity;
		const statusQueries = emu.counts.agentStatus;
		const result = await runCommand(['export', '--level', 'agent-status', '--format', 'json'], {env});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		// 130 queues: two queries of at most 100; the first page is full (100 queues), so its next page is asked too.
		expect(emu.counts.activity - before).toBe(3);
		const records = JSON.parse(result.stdout) as AgentStatusRecord[];
		// The field order, written out.
		const fields = [
			'userId',
			'userName',
			'queueId',
			'queueName',
			'routingStatus',
			'routingStatusSince',
			'presence',
			'presenceLabel',
			'presenceSince',
			'activeMedia',
			'observedAt',
		];
		expect([...agentStatusFields]).toEqual(fields);
		for (const record of records) expect(Object.keys(record)).toEqual(fields);
		const people = peopleOf(emu.org);
		const states = agentStatesOf(emu.org, emu.model);
		const expected = emu.org.queues.flatMap(queue => currentMembers(emu.org, queue).map(index => ({queue, index})));
		expect(records).toHaveLength(expected.length);
		const labels = new Map(presenceDefinitions.map(definition => [definition.id, definition.languageLabels['en_US']]));
		for (const {queue, index} of expected) {
			const user = people.users[index]!;
			const state = states.at(index, testNow);
			const record = records.find(each => each.queueId === queue.id && each.userId === user.id)!;
			expect(record).toMatchObject({
				userName: user.name,
				queueName: queue.name,
				routingStatus: state.routing,
				routingStatusSince: new Date(state.routingSinceMs).toISOString(),
				presence: state.presence,
				presenceLabel: labels.get(state.presenceId),
				presenceSince: new Date(state.presenceSinceMs).toISOString(),
				// The media of the conversation the agent is on now (interacting, or on a direct call), else none.
				activeMedia: state.session ? state.session.media : '',
			});
			if (state.routing === 'INTERACTING') expect(record.activeMedia).not.toBe('');
			// The server's clock (its Date header) and the time since it answered.
			expect(Date.parse(record.observedAt) - testNow).toBeGreaterThanOrEqual(0);
			expect(Date.parse(record.observedAt) - testNow).toBeLessThan(60_000);
		}
		// The agents at work were asked about, 50 a query (the agent status query's most)...
		const busy = new Set(
			expected
				.filter(({index}) => ['INTERACTING', 'COMMUNICATING'].includes(states.at(index, testNow).routing))
				.map(({index}) => index),
		);
		expect(busy.size).toBeGreaterThan(0);
		// And one for the longest in after-call work among those gone off queue, when any are logged in off queue.
		const offQueue = expected.some(({index}) => {
			const state = states.at(index, testNow);
			return state.routing === 'OFF_QUEUE' && state.presence !== 'OFFLINE';
		});
		expect(offQueue).toBe(true);
		expect(emu.counts.agentStatus - statusQueries).toBe(Math.ceil(busy.size / 50) + 1);
		// Sorted by queue, then agent.
		const order = records.map(record => `${record.queueName}\u0000${record.userName}`);
		const collator = new Intl.Collator();
		expect(order).toEqual(
			[...records]
				.sort((a, b) => collator.compare(a.queueName, b.queueName) || collator.compare(a.userName, b.userName))
				.map(record => `${record.queueName}\u0000${record.userName}`),
		);
	});

	it('narrows to --queue, as CSV with the same header', async () => {
		const queue = emu.org.queues[7]!;
		const result = await runCommand(['export', '--level', 'agent-status', '--queue', queue.name, '--format', 'csv'], {
			env,
		});
		expect(result.code).toBe(0);
		const rows = parse(result.stdout, {columns: true}) as Array<Record<string, string>>;
		expect(Object.keys(rows[0]!)).toEqual([...agentStatusFields]);
		expect(rows).toHaveLength(currentMembers(emu.org, queue).length);
		expect(new Set(rows.map(row => row['queueName']))).toEqual(new Set([queue.name]));
	});

	it('names the permission a client without it lacks, exit 1, no stack trace', async () => {
		const bare = await emulator({
			queues: 5,
			clients: [{id: 'bare', secret: 'bare-secret', permissions: ['routing:queue:view']}],
		});
		try {
			const result = await runCommand(['export', '--level', 'agent-status'], {
				env: {
					GENESYS_CLOUD_REGION: bare.url,
					GENESYS_CLOUD_CLIENT_ID: 'bare',
					GENESYS_CLOUD_CLIENT_SECRET: 'bare-secret',
				},
			});
			expect(result.code).not.toBe(0);
			expect(result.stderr).toContain('analytics:queueObservation:view');
			expect(result.stderr).not.toMatch(/\n\s+at /);
			// With the observation permission but not the agent state one: every record, no media, said once.
			bare.clients.set('no-state', {
				id: 'no-state',
				secret: 'no-state-secret',
				permissions: ['routing:queue:view', 'analytics:queueObservation:view'],
			});
			const partial = await runCommand(['export', '--level', 'agent-status', '--format', 'json'], {
				env: {
					GENESYS_CLOUD_REGION: bare.url,
					GENESYS_CLOUD_CLIENT_ID: 'no-state',
					GENESYS_CLOUD_CLIENT_SECRET: 'no-state-secret',
				},
			});
			expect(partial.code).toBe(0);
			const records = JSON.parse(partial.stdout) as AgentStatusRecord[];
			expect(records.length).toBe(
				bare.org.queues.reduce((sum, queue) => sum + currentMembers(bare.org, queue).length, 0),
			);
			expect(records.every(record => record.activeMedia === '')).toBe(true);
			expect(partial.stderr.match(/analytics:agentState:view/g)).toHaveLength(1);
		} finally {
			await bare.stop();
		}
	});
});
