// Conversation details as records and timelines, read from the shape Genesys answers (the reference's real voice
// fragment, and an abandoned chat): one record per queue visit, outcomes, waits, agents and codes named, addresses
// masked.
import {describe, expect, it} from 'vitest';
import type {Conversation} from '../../source/genesys/details.js';
import {
	disconnectText,
	matchesOutcome,
	type Names,
	outcomeText,
	timelineOf,
	visitsOf,
} from '../../source/metrics/conversations.js';

const queue = '39988345-a7c5-4ce5-851e-334cb54efc79';
const agent = '2eb54224-120e-47b0-aab1-8c2daeac20d9';

/** The reference's real fragment (A.5): voice, IVR, queue for 12 s, answered, wrap-up by timeout. */
const answered: Conversation = {
	conversationId: '32d23263-e5bd-4567-bff3-143e38f7b095',
	conversationStart: '2024-04-29T17:30:43.090Z',
	conversationEnd: '2024-04-29T17:38:17.974Z',
	originatingDirection: 'inbound',
	participants: [
		{
			purpose: 'customer',
			participantName: '51•••••880',
			sessions: [
				{
					mediaType: 'voice',
					direction: 'inbound',
					ani: 'tel:+5511999999880',
					dnis: 'tel:+5511333338562',
					metrics: [{emitDate: '2024-04-29T17:30:43.320Z', name: 'nConnected', value: 1}],
					segments: [
						{
							segmentType: 'interact',
							disconnectType: 'endpoint',
							queueId: queue,
							segmentStart: '2024-04-29T17:30:43.320Z',
							segmentEnd: '2024-04-29T17:38:14.971Z',
						},
					],
				},
			],
		},
		{
			purpose: 'acd',
			sessions: [
				{
					mediaType: 'voice',
					metrics: [
						{emitDate: '2024-04-29T17:31:47.652Z', name: 'nOffered', value: 1},
						{emitDate: '2024-04-29T17:32:00.063Z', name: 'tAcd', value: 12411},
					],
					segments: [
						{
							segmentType: 'interact',
							disconnectType: 'transfer',
							queueId: queue,
							segmentStart: '2024-04-29T17:31:47.652Z',
							segmentEnd: '2024-04-29T17:32:00.063Z',
						},
					],
				},
			],
		},
		{
			purpose: 'agent',
			userId: agent,
			sessions: [
				{
					mediaType: 'voice',
					metrics: [
						{emitDate: '2024-04-29T17:32:00.080Z', name: 'tAnswered', value: 12411},
						{emitDate: '2024-04-29T17:38:14.974Z', name: 'tTalkComplete', value: 374894},
						{emitDate: '2024-04-29T17:38:17.974Z', name: 'tHandle', value: 377894},
					],
					segments: [
						{
							segmentType: 'alert',
							queueId: queue,
							segmentStart: '2024-04-29T17:32:00.063Z',
							segmentEnd: '2024-04-29T17:32:00.080Z',
						},
						{
							segmentType: 'interact',
							disconnectType: 'peer',
							segmentStart: '2024-04-29T17:32:00.080Z',
							segmentEnd: '2024-04-29T17:38:14.974Z',
						},
						{
							segmentType: 'wrapup',
							disconnectType: 'peer',
							wrapUpCode: 'ININ-WRAP-UP-TIMEOUT',
							segmentStart: '2024-04-29T17:38:14.974Z',
							segmentEnd: '2024-04-29T17:38:17.974Z',
						},
					],
				},
			],
		},
	],
};

const abandoned: Conversation = {
	conversationId: 'aaaaaaaa-0000-4000-8000-000000000001',
	conversationStart: '2024-04-29T17:40:00.000Z',
	conversationEnd: '2024-04-29T17:40:50.000Z',
	participants: [
		{
			purpose: 'customer',
			sessions: [
				{
					mediaType: 'chat',
					direction: 'inbound',
					addressFrom: 'jane.doe@example.com',
					segments: [
						{
							segmentType: 'interact',
							disconnectType: 'endpoint',
							segmentStart: '2024-04-29T17:40:00.000Z',
							segmentEnd: '2024-04-29T17:40:50.000Z',
						},
					],
				},
			],
		},
		{
			purpose: 'acd',
			sessions: [
				{
					mediaType: 'chat',
					metrics: [
						{name: 'nOffered', value: 1, emitDate: '2024-04-29T17:40:00.000Z'},
						{name: 'tAbandon', value: 50000, emitDate: '2024-04-29T17:40:50.000Z'},
						{name: 'nOverSla', value: 1, emitDate: '2024-04-29T17:40:50.000Z'},
					],
					segments: [
						{
							segmentType: 'interact',
							queueId: queue,
							disconnectType: 'peer',
							segmentStart: '2024-04-29T17:40:00.000Z',
							segmentEnd: '2024-04-29T17:40:50.000Z',
						},
					],
				},
			],
		},
	],
};

const names: Names = {
	queueName: id => (id === queue ? 'Support' : `(queue ${id.slice(0, 8)})`),
	userName: id => (id === agent ? 'Ava Smith' : id),
	wrapUpName: id => id,
};

const wholeDay = {
	queueIds: new Set([queue]),
	startMs: Date.parse('2024-04-29T00:00:00Z'),
	endMs: Date.parse('2024-04-30T00:00:00Z'),
};

describe('conversation records', () => {
	it('reads an answered call as Genesys gives it: the wait, talk, handle, agent, code and who hung up', () => {
		const [visit, ...more] = visitsOf(answered, wholeDay, names, false);
		expect(more).toEqual([]);
		expect(visit).toMatchObject({
			conversationId: answered.conversationId,
			queueId: queue,
			queueName: 'Support',
			mediaType: 'voice',
			direction: 'inbound',
			outcome: 'answered',
			waitMs: 12411,
			talkMs: 374894,
			handleMs: 377894,
			holdMs: null,
			acwMs: null,
			transferred: false,
			userId: agent,
			userName: 'Ava Smith',
			wrapUpCodeId: 'ININ-WRAP-UP-TIMEOUT',
			disconnectType: 'peer',
			ani: '+55•••••9880',
			dnis: '+55•••••8562',
			enteredMs: Date.parse('2024-04-29T17:31:47.652Z'),
			overSla: false,
		});
		// The agent's interact ended by `peer`: the customer hung up.
		expect(disconnectText(visit!)).toBe('customer');
		expect(outcomeText(visit!.outcome)).toBe('answered');
	});

	it('reads an abandoned chat: the wait until the customer left, no agent, the e-mail masked', () => {
		const [visit] = visitsOf(abandoned, wholeDay, names, false);
		expect(visit).toMatchObject({outcome: 'abandoned', waitMs: 50000, userId: null, handleMs: null, overSla: true});
		expect(visit!.ani).toBe('j•••@example.com');
		expect(disconnectText(visit!)).toBe('customer');
		expect(matchesOutcome(visit!, 'abandoned')).toBe(true);
		expect(matchesOutcome(visit!, 'overSla')).toBe(true);
		expect(matchesOutcome(visit!, 'answered')).toBe(false);
		expect(visitsOf(abandoned, wholeDay, names, true)[0]!.ani).toBe('jane.doe@example.com');
	});

	it('keeps only visits to the queues, media, range, agent and code asked for', () => {
		const noon = Date.parse('2024-04-29T12:00:00Z');
		expect(visitsOf(answered, {...wholeDay, queueIds: new Set(['other'])}, names, false)).toEqual([]);
		expect(visitsOf(answered, {...wholeDay, mediaTypes: new Set(['chat'])}, names, false)).toEqual([]);
		// Counted where it entered the queue (17:31:47), not where the conversation started.
		expect(
			visitsOf(answered, {...wholeDay, startMs: noon, endMs: Date.parse('2024-04-29T17:31:47Z')}, names, false),
		).toEqual([]);
		expect(visitsOf(answered, {...wholeDay, userId: 'someone else'}, names, false)).toEqual([]);
		expect(
			visitsOf(answered, {...wholeDay, userId: agent, wrapUpCode: 'ININ-WRAP-UP-TIMEOUT'}, names, false),
		).toHaveLength(1);
		expect(visitsOf(abandoned, {...wholeDay, wrapUpCode: 'ININ-WRAP-UP-TIMEOUT'}, names, false)).toEqual([]);
	});

	it('credits each visit to the same queue to the agent who answered that visit, and (no wrap-up) only answered work', () => {
		const second = 'bbbbbbbb-0000-4000-8000-000000000002';
		const back: Conversation = {
			...answered,
			participants: [
				...answered.participants!,
				{
					purpose: 'acd',
					sessions: [
						{
							mediaType: 'voice',
							metrics: [{name: 'nOffered', value: 1, emitDate: '2024-04-29T17:38:20.000Z'}],
							segments: [
								{
									segmentType: 'interact',
									queueId: queue,
									segmentStart: '2024-04-29T17:38:20.000Z',
									segmentEnd: '2024-04-29T17:38:30.000Z',
								},
							],
						},
					],
				},
				{
					purpose: 'agent',
					userId: second,
					sessions: [
						{
							mediaType: 'voice',
							metrics: [
								{name: 'tAnswered', value: 10000},
								{name: 'tHandle', value: 60000},
							],
							segments: [
								{segmentType: 'alert', queueId: queue, segmentStart: '2024-04-29T17:38:30.000Z'},
								{segmentType: 'interact', segmentStart: '2024-04-29T17:38:31.000Z', disconnectType: 'peer'},
							],
						},
					],
				},
			],
		};
		const visits = visitsOf(back, wholeDay, names, false);
		expect(visits.map(visit => [visit.userId, visit.waitMs, visit.handleMs])).toEqual([
			[agent, 12411, 377894],
			[second, 10000, 60000],
		]);
		expect(visitsOf(back, {...wholeDay, userId: second}, names, false)).toHaveLength(1);
		// An abandon has no code, and is not "(no wrap-up)" work either.
		expect(visitsOf(abandoned, {...wholeDay, wrapUpCode: ''}, names, false)).toEqual([]);
	});

	it('tells a conversation as steps in time order: customer, queue wait, alerting, talking, wrap-up', () => {
		const steps = timelineOf(answered, names);
		expect(steps.map(step => `${step.who}: ${step.what}`)).toEqual([
			'Customer: connected',
			'Support: waiting in queue',
			'Ava Smith: alerting',
			'Ava Smith: talking',
			'Ava Smith: wrap-up',
		]);
		expect(steps[1]).toMatchObject({durationMs: 12411, queueName: 'Support', disconnect: 'transfer'});
		expect(steps[4]).toMatchObject({durationMs: 3000, wrapUpName: 'ININ-WRAP-UP-TIMEOUT'});
	});
});
