// Conversation details as gqx's records: one per conversation and queue it was offered to (a conversation moved to
// another queue is a record in each), with its outcome, times, agent, wrap-up code and how it ended; and a
// conversation as its timeline of steps. Customer addresses are masked unless revealed. Pure: no client, no schemas.
import {DateTime} from 'luxon';
import type {Conversation, OutcomeFilter, Participant, Segment, Session} from '../genesys/details.js';
import {showAddress} from '../text/mask.js';

/** How a queue visit ended: `abandoned` counts short abandons too in the aggregates (Abandoned). */
export type Outcome = 'answered' | 'abandoned' | 'shortAbandoned' | 'flowOut';

/** A record of `gqx export --level conversations`, in the field order the export writes. */
export type ConversationRecord = {
	conversationId: string;
	conversationStart: string;
	conversationEnd: string | null;
	queueId: string;
	queueName: string;
	mediaType: string | null;
	direction: string | null;
	/** null while it is still waiting or talking (no outcome yet). */
	outcome: Outcome | null;
	waitMs: number | null;
	talkMs: number | null;
	holdMs: number | null;
	acwMs: number | null;
	handleMs: number | null;
	transferred: boolean;
	userId: string | null;
	userName: string | null;
	wrapUpCodeId: string | null;
	wrapUpCodeName: string | null;
	disconnectType: string | null;
	ani: string | null;
	dnis: string | null;
};

/** What the explorer needs beside the record: when it entered the queue, and whether it waited past the SL time. */
export type ConversationVisit = ConversationRecord & {enteredMs: number; overSla: boolean};

export const conversationFields: ReadonlyArray<keyof ConversationRecord> = [
	'conversationId',
	'conversationStart',
	'conversationEnd',
	'queueId',
	'queueName',
	'mediaType',
	'direction',
	'outcome',
	'waitMs',
	'talkMs',
	'holdMs',
	'acwMs',
	'handleMs',
	'transferred',
	'userId',
	'userName',
	'wrapUpCodeId',
	'wrapUpCodeName',
	'disconnectType',
	'ani',
	'dnis',
];

export type VisitFilter = {
	/** Undefined: every queue. */
	queueIds?: ReadonlySet<string>;
	mediaTypes?: ReadonlySet<string>;
	/** Queue entry in [startMs, endMs). */
	startMs: number;
	endMs: number;
	userId?: string;
	wrapUpCode?: string;
};

export type Names = {
	queueName(id: string): string;
	userName(id: string): string;
	wrapUpName(id: string): string;
};

function metricOf(session: Session | undefined, name: string): number | undefined {
	return session?.metrics?.find(metric => metric.name === name)?.value;
}

function ms(instant: string | undefined): number {
	return instant ? Date.parse(instant) : Number.NaN;
}

export function sessionsOf(
	conversation: Conversation,
	purpose: string,
): Array<{participant: Participant; session: Session}> {
	return (conversation.participants ?? [])
		.filter(participant => participant.purpose === purpose)
		.flatMap(participant => (participant.sessions ?? []).map(session => ({participant, session})));
}

function lastSegment(session: Session | undefined, type?: string): Segment | undefined {
	const segments = (session?.segments ?? []).filter(segment => !type || segment.segmentType === type);
	return segments[segments.length - 1];
}

/**
 * The agent who answered this visit: an answered agent session that starts at or after the visit's entry and before
 * the next visit's (a conversation back in the same queue is answered again, maybe by another agent), naming the
 * queue, or naming none.
 */
function answeringAgent(
	conversation: Conversation,
	queueId: string,
	enteredMs: number,
	nextEntryMs: number,
): {participant: Participant; session: Session} | undefined {
	const startOf = (session: Session) => Math.min(...(session.segments ?? []).map(segment => ms(segment.segmentStart)));
	const answered = sessionsOf(conversation, 'agent').filter(({session}) => {
		if (metricOf(session, 'tAnswered') === undefined) return false;
		const start = startOf(session);
		return start >= enteredMs && start < nextEntryMs;
	});
	return (
		answered.find(({session}) => session.segments?.some(segment => segment.queueId === queueId)) ??
		answered.find(({session}) => !session.segments?.some(segment => segment.queueId))
	);
}

function outcomeOf(acd: Session, agent: Session | undefined): Outcome | null {
	if (metricOf(acd, 'tAbandon') !== undefined)
		return metricOf(acd, 'tShortAbandon') !== undefined ? 'shortAbandoned' : 'abandoned';
	if (metricOf(acd, 'tFlowOut') !== undefined) return 'flowOut';
	if (agent) return 'answered';
	return null;
}

/** Each visit of the conversation to a queue of the filter, entered in its range, as a record. */
export function visitsOf(
	conversation: Conversation,
	filter: VisitFilter,
	names: Names,
	reveal: boolean,
): ConversationVisit[] {
	const customer = sessionsOf(conversation, 'customer')[0]?.session;
	const visits: ConversationVisit[] = [];
	// Every queue entry of the conversation, in order: a visit's agent answered before the next one.
	const entries = sessionsOf(conversation, 'acd')
		.map(({session}) => ms(session.segments?.find(segment => segment.queueId)?.segmentStart))
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
	for (const {session: acd} of sessionsOf(conversation, 'acd')) {
		const segments = (acd.segments ?? []).filter(segment => segment.queueId);
		const queueId = segments[0]?.queueId;
		if (!queueId || (filter.queueIds && !filter.queueIds.has(queueId))) continue;
		const mediaType = acd.mediaType ?? customer?.mediaType ?? null;
		if (filter.mediaTypes && (!mediaType || !filter.mediaTypes.has(mediaType))) continue;
		const enteredMs = ms(segments[0]?.segmentStart);
		if (!(enteredMs >= filter.startMs && enteredMs < filter.endMs)) continue;
		const nextEntryMs = entries.find(entry => entry > enteredMs) ?? Number.POSITIVE_INFINITY;
		const agentSide = answeringAgent(conversation, queueId, enteredMs, nextEntryMs);
		const agent = agentSide?.session;
		const outcome = outcomeOf(acd, agent);
		const userId = outcome === 'answered' ? (agentSide?.participant.userId ?? null) : null;
		const wrapUpCodeId = outcome === 'answered' ? (lastSegment(agent, 'wrapup')?.wrapUpCode ?? null) : null;
		if (filter.userId !== undefined && userId !== filter.userId) continue;
		// "(no wrap-up)" is answered work without a code: never a visit nobody answered.
		if (filter.wrapUpCode !== undefined && (outcome !== 'answered' || (wrapUpCodeId ?? '') !== filter.wrapUpCode))
			continue;
		const wait =
			outcome === 'answered'
				? metricOf(agent, 'tAnswered')
				: outcome === 'abandoned' || outcome === 'shortAbandoned'
					? metricOf(acd, 'tAbandon')
					: outcome === 'flowOut'
						? metricOf(acd, 'tFlowOut')
						: metricOf(acd, 'tAcd');
		const transferred =
			metricOf(agent, 'nTransferred') !== undefined ||
			(agent?.segments ?? []).some(segment => /transfer/i.test(segment.disconnectType ?? ''));
		const disconnectType =
			(outcome === 'answered'
				? (lastSegment(agent, 'interact')?.disconnectType ?? lastSegment(agent)?.disconnectType)
				: (lastSegment(customer)?.disconnectType ?? lastSegment(acd)?.disconnectType)) ?? null;
		visits.push({
			conversationId: conversation.conversationId,
			conversationStart: conversation.conversationStart,
			conversationEnd: conversation.conversationEnd ?? null,
			queueId,
			queueName: names.queueName(queueId),
			mediaType,
			direction: customer?.direction ?? conversation.originatingDirection ?? null,
			outcome,
			waitMs: wait ?? null,
			talkMs: metricOf(agent, 'tTalkComplete') ?? metricOf(agent, 'tTalk') ?? null,
			holdMs: metricOf(agent, 'tHeldComplete') ?? metricOf(agent, 'tHeld') ?? null,
			acwMs: metricOf(agent, 'tAcw') ?? null,
			handleMs: metricOf(agent, 'tHandle') ?? null,
			transferred,
			userId,
			userName: userId ? names.userName(userId) : null,
			wrapUpCodeId,
			wrapUpCodeName: wrapUpCodeId ? names.wrapUpName(wrapUpCodeId) : null,
			disconnectType,
			ani: showAddress(customer?.ani ?? customer?.addressFrom, reveal),
			dnis: showAddress(customer?.dnis ?? customer?.addressTo, reveal),
			enteredMs,
			overSla: metricOf(acd, 'nOverSla') !== undefined,
		});
	}
	return visits;
}

/** The agents and wrap-up codes a page of conversations names (to look their names up before making records). */
export function membersOf(conversations: readonly Conversation[]): {userIds: Set<string>; codes: Set<string>} {
	const userIds = new Set<string>();
	const codes = new Set<string>();
	for (const conversation of conversations)
		for (const {participant, session} of sessionsOf(conversation, 'agent')) {
			if (participant.userId) userIds.add(participant.userId);
			for (const segment of session.segments ?? []) if (segment.wrapUpCode) codes.add(segment.wrapUpCode);
		}
	return {userIds, codes};
}

/** The outcome in words for the table. */
export function outcomeText(outcome: Outcome | null): string {
	switch (outcome) {
		case 'answered':
			return 'answered';
		case 'abandoned':
			return 'abandoned';
		case 'shortAbandoned':
			return 'short abandon';
		case 'flowOut':
			return 'flow-out';
		default:
			return 'in progress';
	}
}

/** Who ended it, in words: Genesys' disconnect types read from the side they are on. */
export function disconnectText(record: Pick<ConversationRecord, 'disconnectType' | 'outcome' | 'transferred'>): string {
	const type = record.disconnectType;
	if (!type) return '';
	if (/transfer/i.test(type)) return 'transfer';
	if (record.outcome === 'answered') {
		if (type === 'peer') return 'customer';
		if (type === 'client' || type === 'endpoint') return 'agent';
	} else if (type === 'endpoint' || type === 'client' || type === 'peer') return 'customer';
	if (['system', 'error', 'timeout', 'transportFailure', 'sessionExpired', 'inactivity'].includes(type))
		return 'system';
	return type;
}

/** One step of a conversation's timeline. */
export type TimelineStep = {
	startMs: number;
	durationMs: number | null;
	/** Who: Customer, IVR, the queue's name, the agent's name. */
	who: string;
	/** What: IVR, waiting in queue, alerting, not responding, talking, hold, wrap-up, ... */
	what: string;
	queueName: string | null;
	wrapUpName: string | null;
	disconnect: string | null;
};

const stepWords: Record<string, string> = {
	interact: 'interact',
	alert: 'alerting',
	hold: 'hold',
	wrapup: 'wrap-up',
	ivr: 'IVR',
	dialing: 'dialing',
	contacting: 'contacting',
	callback: 'callback',
	voicemail: 'voicemail',
	system: 'system',
};

/** Every segment of every participant, in time order, as steps. */
export function timelineOf(conversation: Conversation, names: Names): TimelineStep[] {
	const steps: TimelineStep[] = [];
	const endMs = conversation.conversationEnd ? ms(conversation.conversationEnd) : Number.NaN;
	for (const participant of conversation.participants ?? []) {
		const purpose = participant.purpose ?? '';
		for (const session of participant.sessions ?? []) {
			const answered = metricOf(session, 'tAnswered') !== undefined;
			for (const segment of session.segments ?? []) {
				const startMs = ms(segment.segmentStart);
				const until = segment.segmentEnd ? ms(segment.segmentEnd) : endMs;
				const queueName = segment.queueId ? names.queueName(segment.queueId) : null;
				const who =
					purpose === 'agent' || purpose === 'user'
						? participant.userId
							? names.userName(participant.userId)
							: (participant.participantName ?? 'agent')
						: purpose === 'acd'
							? (queueName ?? 'queue')
							: purpose === 'customer' || purpose === 'external'
								? 'Customer'
								: purpose === 'ivr'
									? 'IVR'
									: purpose || 'participant';
				const type = segment.segmentType ?? '';
				const what =
					purpose === 'acd' && type === 'interact'
						? 'waiting in queue'
						: purpose === 'customer' && type === 'interact'
							? 'connected'
							: (purpose === 'agent' || purpose === 'user') && type === 'alert' && !answered
								? 'not responding'
								: (purpose === 'agent' || purpose === 'user') && type === 'interact'
									? 'talking'
									: (stepWords[type] ?? type) || 'segment';
				steps.push({
					startMs,
					durationMs: Number.isFinite(until) && Number.isFinite(startMs) ? Math.max(0, until - startMs) : null,
					who,
					what,
					queueName,
					wrapUpName: segment.wrapUpCode ? names.wrapUpName(segment.wrapUpCode) : null,
					disconnect: segment.disconnectType ?? null,
				});
			}
		}
	}
	return steps.sort((a, b) => a.startMs - b.startMs);
}

/** A start instant in the range's zone, for the table: `Mon 06 10:04:31`. */
export function startText(instant: string | number, timeZone: string): string {
	const time = typeof instant === 'number' ? DateTime.fromMillis(instant) : DateTime.fromISO(instant);
	return time.setZone(timeZone).toFormat('ccc dd HH:mm:ss');
}

/** Whether a visit is of the outcome asked for (`o`, `--outcome`): abandoned counts short abandons too. */
export function matchesOutcome(visit: ConversationVisit, outcome: OutcomeFilter): boolean {
	switch (outcome) {
		case 'abandoned':
			return visit.outcome === 'abandoned' || visit.outcome === 'shortAbandoned';
		case 'answered':
			return visit.outcome === 'answered';
		case 'flowOut':
			return visit.outcome === 'flowOut';
		case 'overSla':
			return visit.overSla;
	}
}
