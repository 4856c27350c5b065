// The shape of a row of numbers: what it is of (queue, division, media type, interval) and its derived metrics.
import type {FlowCells} from './flows.js';

/** A queue's division as the queue listing gives it. */
export type Division = {id: string; name: string};

/** The division of a queue, when known (not for a deleted queue). */
export type DivisionLookup = (queueId: string) => Division | undefined;

/** What a row is of: the queue (and its division), the media type, the interval. */
export type RowIdentity = {
	queueId: string | null;
	queueName: string;
	mediaType: string | null;
	interval: string | null;
	division?: Division;
};

export type QueueRow = {
	queueId: string | null;
	queueName: string;
	mediaType: string | null;
	interval: string | null;
	offered: number;
	answered: number;
	abandoned: number;
	flowOuts: number;
	shortAbandoned: number;
	transferred: number;
	overSla: number;
	/** 0..1 */
	answerRate: number | null;
	abandonRate: number | null;
	serviceLevel: number | null;
	serviceLevelTarget: number | null;
	asaMs: number | null;
	avgWaitMs: number | null;
	ahtMs: number | null;
	avgTalkMs: number | null;
	avgHoldMs: number | null;
	avgAcwMs: number | null;
	/** Agent and wrap-up code levels (not in the queue levels' export fields). */
	handled: number;
	notResponding: number;
	/** The row's part of its queue: answered for an agent, handled for a wrap-up code; set by those levels. */
	share: number | null;
	count: number;
	divisionId: string | null;
	divisionName: string | null;
	/** Callbacks (the callback media type's): scheduled, dialed, abandoned while waiting, and their average wait. */
	callbacksScheduled: number;
	callbackAttempts: number;
	callbackAbandoned: number;
	avgCallbackWaitMs: number | null;
	/** Interval records: the bucket is cut by the range's start or end (shorter than its granularity). */
	partial?: boolean;
} & Partial<ConversationCells> &
	Partial<PeopleCells> &
	Partial<FlowCells> &
	Partial<BandCells>;

/** A row of the wait bands level is a band: per outcome its count, share, bar and cumulative share. */
export type BandCells = {
	/** Null when the answers had no views for answered (unavailable, not 0); likewise abandoned. */
	bandAnswered: number | null;
	bandAnsweredShare: number | null;
	bandAnsweredBar: string;
	bandAnsweredCumulative: number | null;
	bandAbandoned: number | null;
	bandAbandonedShare: number | null;
	bandAbandonedBar: string;
	bandAbandonedCumulative: number | null;
};

/** A row of the people-now board is an agent: their state now, in words, and since when. */
export type PeopleCells = {
	routingStatus: string;
	presence: string;
	inStatusMs: number | null;
	/** The names of the board's queues the agent is a member of. */
	memberOf: string;
	/** The media of the agent's conversations now (`voice ACW` in after-call work). */
	activeMedia: string;
	/** How long the agent has been in after-call work, on a break or meal, idle on queue: null when not so. */
	acwMs: number | null;
	breakMs: number | null;
	idleMs: number | null;
	/** A queue's board: the agent's work in it today (null on every queue's board). */
	todayAnswered: number | null;
	todayAhtMs: number | null;
	/** The Routing column's order: status group first (statusGroupRank), then longest in status first. */
	statusOrder: number;
};

/** A row of the conversations level is one conversation's visit to a queue: its cells beside the counts (0 or 1). */
export type ConversationCells = {
	media: string;
	direction: string;
	outcome: string;
	agent: string;
	wrapUp: string;
	disconnect: string;
	/** The last 8 characters of the conversation id. */
	shortId: string;
	waitMs: number | null;
	talkMs: number | null;
	holdMs: number | null;
	acwMs: number | null;
	handleMs: number | null;
	/** A timeline step's: who (customer, IVR, the queue, the agent), what, and for how long. */
	who: string;
	step: string;
	durationMs: number | null;
};
