// A conversation as the details endpoints answer it (the reference's A.4/A.5 shape): customer, acd and agent
// participants with their sessions, segments and metrics, each metric emitted at its instant (A.8). What happens after
// the emulator's clock is left out: a conversation still going has no conversationEnd and no later metrics.
import {type Conversation, conversationIdOf, handlerOfConversation} from './conversations.js';
import {peopleOf} from './people.js';
import type {Org} from './org.js';
import {hash, stableUuid} from './random.js';

type Metric = {name: string; value: number; emitDate: string};
type Segment = Record<string, unknown> & {segmentStart: string; segmentEnd?: string; segmentType: string};

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** Digits from a hash: fake numbers in the 555 range, as films use. */
function digits(value: number, count: number): string {
	return String(value % 10 ** count).padStart(count, '0');
}

/** The customer's and the queue's addresses for the session's media type. */
export function addressesOf(org: Org, conversation: Conversation): {session: Record<string, string>; name: string} {
	const {queueIndex, mediaIndex} = conversation.series.key;
	const caller = hash(org.seed, 810, queueIndex, mediaIndex, conversation.n);
	switch (conversation.series.mediaType) {
		case 'voice':
		case 'callback': {
			const ani = `+1555${digits(caller, 7)}`;
			return {session: {ani: `tel:${ani}`, dnis: `tel:+1800555${digits(queueIndex, 4)}`}, name: ani};
		}
		case 'email': {
			const from = `customer${digits(caller, 6)}@example.com`;
			return {session: {addressFrom: from, addressTo: `queue${queueIndex}@example.com`}, name: from};
		}
		case 'message': {
			const from = `+1555${digits(caller, 7)}`;
			return {
				session: {addressFrom: from, addressTo: `+1800555${digits(queueIndex, 4)}`, messageType: 'sms'},
				name: from,
			};
		}
		default:
			return {session: {remote: `Web visitor ${digits(caller, 5)}`}, name: `Web visitor ${digits(caller, 5)}`};
	}
}

/** The details record of a conversation, as seen at `nowMs`. */
export function conversationRecord(org: Org, conversation: Conversation, nowMs: number): Record<string, unknown> {
	const {series, n} = conversation;
	const conversationId = conversationIdOf(org.seed, series, n);
	const idOf = (role: number) =>
		stableUuid(org.seed, 820 + role, hash(series.key.queueIndex, series.key.mediaIndex, n));
	const seen = (ms: number) => ms <= nowMs;
	const metric = (name: string, value: number, ms: number): Metric[] =>
		seen(ms) ? [{name, value, emitDate: iso(ms)}] : [];
	const segment = (
		segmentType: string,
		fromMs: number,
		toMs: number,
		extra: Record<string, unknown> = {},
	): Segment[] =>
		seen(fromMs)
			? [{segmentStart: iso(fromMs), ...(seen(toMs) ? {segmentEnd: iso(toMs)} : {}), segmentType, ...extra}]
			: [];
	const mediaType = series.mediaType;
	const queueId = series.queueId;
	const {startMs, exitMs, talkEndMs, endMs} = conversation;
	const answered = conversation.outcome === 'answered';
	const {session, name} = addressesOf(org, conversation);

	const customerEnd = answered ? talkEndMs : exitMs;
	const customer = {
		participantId: idOf(0),
		participantName: name,
		purpose: 'customer',
		sessions: [
			{
				sessionId: idOf(1),
				mediaType,
				direction: 'inbound',
				...session,
				metrics: [...metric('nConnected', 1, startMs), ...metric('tConnected', customerEnd - startMs, customerEnd)],
				segments: segment('interact', startMs, customerEnd, {
					queueId,
					disconnectType: answered && conversation.agentEnded ? 'peer' : 'endpoint',
				}),
			},
		],
	};

	const acdMetrics = [...metric('nOffered', 1, startMs), ...metric('tAcd', exitMs - startMs, exitMs)];
	if (conversation.outcome === 'abandoned') acdMetrics.push(...metric('tAbandon', conversation.queueMs, exitMs));
	if (conversation.shortAbandoned) acdMetrics.push(...metric('tShortAbandon', conversation.shortAbandonMs, exitMs));
	if (conversation.outcome === 'flowOut') acdMetrics.push(...metric('tFlowOut', conversation.queueMs, exitMs));
	if (conversation.overSla) acdMetrics.push(...metric('nOverSla', 1, exitMs));
	const acd = {
		participantId: idOf(2),
		participantName: series.queue.name,
		purpose: 'acd',
		sessions: [
			{
				sessionId: idOf(3),
				mediaType,
				direction: 'inbound',
				metrics: acdMetrics,
				// What the conversation asked the queue for: the series' requested skills and language (skills.ts).
				segments: segment('interact', startMs, exitMs, {
					queueId,
					...(series.skillIds?.length ? {requestedRoutingSkillIds: [...series.skillIds]} : {}),
					...(series.languageId ? {requestedLanguageId: series.languageId} : {}),
					disconnectType: conversation.outcome === 'abandoned' ? 'peer' : 'transfer',
				}),
			},
		],
	};

	const participants: unknown[] = [customer, acd];
	if (answered)
		participants.push(...missedParticipant(org, conversation, nowMs), agentParticipant(org, conversation, nowMs));
	return {
		conversationId,
		conversationStart: iso(startMs),
		...(seen(endMs) ? {conversationEnd: iso(endMs)} : {}),
		originatingDirection: 'inbound',
		divisionIds: [series.queue.divisionId],
		participants: participants.filter(
			participant => (participant as {sessions: Array<{segments: unknown[]}>}).sessions[0]!.segments.length > 0,
		),
	};
}

/** Splits `total` into `parts` whole pieces that add up to it. */
function pieces(total: number, parts: number): number[] {
	const base = Math.floor(total / parts);
	return Array.from({length: parts}, (_, index) => (index === parts - 1 ? total - base * (parts - 1) : base));
}

/** The agent alerted first who did not answer (tNotResponding), where the model says one was. */
function missedParticipant(org: Org, conversation: Conversation, nowMs: number): Array<Record<string, unknown>> {
	const handler = handlerOfConversation(org, conversation)!;
	const missed = conversation.notRespondingMs;
	if (missed === 0 || handler.otherIndex === undefined) return [];
	const user = peopleOf(org).users[handler.otherIndex]!;
	const {series, n} = conversation;
	// Just before the answering agent's alert, within the wait where it fits.
	const endMs = Math.max(conversation.exitMs - conversation.alertMs, conversation.startMs + missed);
	const startMs = endMs - missed;
	const seen = (ms: number) => ms <= nowMs;
	const idOf = (role: number) =>
		stableUuid(org.seed, 840 + role, hash(series.key.queueIndex, series.key.mediaIndex, n));
	const metrics = seen(endMs)
		? [
				{name: 'tAlert', value: missed, emitDate: iso(endMs)},
				{name: 'tNotResponding', value: missed, emitDate: iso(endMs)},
			]
		: [];
	return [
		{
			participantId: idOf(0),
			participantName: user.name,
			purpose: 'agent',
			userId: user.id,
			sessions: [
				{
					sessionId: idOf(1),
					mediaType: series.mediaType,
					direction: 'inbound',
					metrics,
					segments: seen(startMs)
						? [
								{
									segmentStart: iso(startMs),
									...(seen(endMs) ? {segmentEnd: iso(endMs)} : {}),
									segmentType: 'alert',
									queueId: series.queueId,
									...(seen(endMs) ? {disconnectType: 'noAnswerTransfer'} : {}),
								},
							]
						: [],
				},
			],
		},
	];
}

function agentParticipant(org: Org, conversation: Conversation, nowMs: number): Record<string, unknown> {
	const people = peopleOf(org);
	const handler = handlerOfConversation(org, conversation)!;
	const user = people.users[handler.userIndex]!;
	const code = handler.codeIndex === undefined ? undefined : people.codes[handler.codeIndex];
	const {series, n, exitMs, talkEndMs, endMs, holdSegments} = conversation;
	const queueId = series.queueId;
	const seen = (ms: number) => ms <= nowMs;
	const metrics: Metric[] = [];
	const metric = (name: string, value: number, ms: number) => {
		if (seen(ms)) metrics.push({name, value, emitDate: iso(ms)});
	};
	const segments: Segment[] = [];
	const segment = (segmentType: string, fromMs: number, toMs: number, extra: Record<string, unknown> = {}) => {
		if (seen(fromMs))
			segments.push({segmentStart: iso(fromMs), ...(seen(toMs) ? {segmentEnd: iso(toMs)} : {}), segmentType, ...extra});
	};
	const disconnectType = conversation.transferred ? 'transfer' : conversation.agentEnded ? 'client' : 'peer';
	segment('alert', exitMs - conversation.alertMs, exitMs, {queueId});
	metric('tAlert', conversation.alertMs, exitMs);
	// The wait until answer, as the real payloads give it (tAnswered = tAcd).
	metric('tAnswered', conversation.queueMs, exitMs);
	// Talk is cut by each hold: one more talk segment per hold, as the aggregates count tTalk and tHeld.
	const talks = pieces(conversation.talkMs, holdSegments + 1);
	const holds = holdSegments > 0 ? pieces(conversation.heldMs, holdSegments) : [];
	let at = exitMs;
	talks.forEach((talk, index) => {
		const last = index === talks.length - 1;
		segment('interact', at, at + talk, {queueId, ...(last ? {disconnectType} : {})});
		at += talk;
		metric('tTalk', talk, at);
		const hold = holds[index];
		if (hold !== undefined) {
			segment('hold', at, at + hold, {queueId});
			at += hold;
			metric('tHeld', hold, at);
			if (index === holds.length - 1) metric('tHeldComplete', conversation.heldMs, at);
		}
	});
	metric('tTalkComplete', conversation.talkMs, talkEndMs);
	if (conversation.transferred) metric('nTransferred', 1, talkEndMs);
	segment('wrapup', talkEndMs, endMs, {queueId, ...(code ? {wrapUpCode: code.id} : {}), disconnectType});
	if (conversation.acw) metric('tAcw', conversation.acwMs, endMs);
	metric('tHandle', conversation.handleMs, endMs);
	const idOf = (role: number) =>
		stableUuid(org.seed, 830 + role, hash(series.key.queueIndex, series.key.mediaIndex, n));
	return {
		participantId: idOf(0),
		participantName: user.name,
		purpose: 'agent',
		userId: user.id,
		sessions: [{sessionId: idOf(1), mediaType: series.mediaType, direction: 'inbound', metrics, segments}],
	};
}
