// The one catalog of metric columns: every table, export field order and the README's metric table come from it.
import {formatCount, formatDuration, formatPercent} from './format.js';
import type {QueueRow} from './queue-row.js';
import type {FlowField} from './flows.js';

/** The fields of a row the catalog shows as columns: numbers in export order, then text (the division). */
export type MetricField =
	| 'offered'
	| 'answered'
	| 'abandoned'
	| 'flowOuts'
	| 'shortAbandoned'
	| 'transferred'
	| 'overSla'
	| 'answerRate'
	| 'abandonRate'
	| 'serviceLevel'
	| 'serviceLevelTarget'
	| 'asaMs'
	| 'avgWaitMs'
	| 'ahtMs'
	| 'avgTalkMs'
	| 'avgHoldMs'
	| 'avgAcwMs'
	| 'handled'
	| 'notResponding'
	| 'share'
	| 'count'
	| 'divisionName'
	| CallbackField
	| ConversationField
	| PeopleField
	| FlowField
	| BandField;

/** Callback columns of the queue levels, off by default (in the column picker), written after the other fields. */
export type CallbackField = 'callbacksScheduled' | 'callbackAttempts' | 'callbackAbandoned' | 'avgCallbackWaitMs';

export const callbackFields: readonly CallbackField[] = [
	'callbacksScheduled',
	'callbackAttempts',
	'callbackAbandoned',
	'avgCallbackWaitMs',
];

/** The columns of the wait bands level (a row is a band of wait time): per outcome, count, share, bar, cumulative. */
export type BandField =
	| 'bandAnswered'
	| 'bandAnsweredShare'
	| 'bandAnsweredBar'
	| 'bandAnsweredCumulative'
	| 'bandAbandoned'
	| 'bandAbandonedShare'
	| 'bandAbandonedBar'
	| 'bandAbandonedCumulative';

/** The columns of the people-now board (an agent's state now). */
export type PeopleField =
	'routingStatus' | 'presence' | 'inStatusMs' | 'activeMedia' | 'todayAnswered' | 'todayAhtMs' | 'memberOf';

/** The columns of the conversations level (a conversation's own values, not aggregates). */
export type ConversationField =
	| 'outcome'
	| 'waitMs'
	| 'agent'
	| 'media'
	| 'handleMs'
	| 'talkMs'
	| 'holdMs'
	| 'acwMs'
	| 'wrapUp'
	| 'disconnect'
	| 'direction'
	| 'shortId'
	| 'who'
	| 'step'
	| 'durationMs';

/**
 * Counts add up, rates are ratios 0..1 shown as %, durations are milliseconds shown as m:ss; text
 * (the division) is no number: it is shown left-aligned, sorted by name, and never added up.
 */
export type MetricKind = 'count' | 'rate' | 'duration' | 'text';

export type Metric = {
	/** The column's id and its CSV/JSON field name. */
	field: MetricField;
	/** Table header, short enough for narrow terminals. */
	header: string;
	/** Full name: the column picker and the README. */
	title: string;
	/** How it is computed from the Genesys metrics (the README's metric table). */
	source: string;
	kind: MetricKind;
	/** true: up is good (service level); false: up is bad (abandon %); null: neither (offered). */
	higherIsBetter: boolean | null;
	/** Columns with a lower priority are dropped first when the terminal is narrow. */
	priority: number;
	/** Table width in terminal columns, header included. */
	width: number;
	/**
	 * false: a column of the agent and wrap-up code levels only; the queue, media and interval levels
	 * (their tables and export fields) do not offer it.
	 */
	onQueueLevels?: boolean;
	/** Offered by the column picker but not shown until picked. */
	hiddenByDefault?: boolean;
	/** A value of now (In flow now): no other period has one, so no change (Δ) beside it while comparing. */
	ofNow?: boolean;
};

const formatters: Record<Exclude<MetricKind, 'text'>, (value: number | null) => string> = {
	count: value => (value === null ? formatPercent(null) : formatCount(value)),
	rate: formatPercent,
	duration: formatDuration,
};

export const metrics: readonly Metric[] = [
	{
		field: 'offered',
		header: 'Offered',
		title: 'Offered',
		source: '`nOffered.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 90,
		width: 9,
	},
	{
		field: 'answered',
		header: 'Answered',
		title: 'Answered',
		source: '`tAnswered.count`',
		kind: 'count',
		higherIsBetter: true,
		priority: 60,
		width: 9,
	},
	{
		field: 'abandoned',
		header: 'Abandoned',
		title: 'Abandoned',
		source: '`tAbandon.count` (short abandons included)',
		kind: 'count',
		higherIsBetter: false,
		priority: 70,
		width: 10,
	},
	{
		field: 'flowOuts',
		header: 'Flow-outs',
		title: 'Flow-outs',
		source: '`tFlowOut.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 22,
		width: 9,
	},
	{
		field: 'shortAbandoned',
		header: 'Short ab.',
		title: 'Short abandons',
		source: '`tShortAbandon.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 12,
		width: 9,
	},
	{
		field: 'transferred',
		header: 'Transf.',
		title: 'Transferred',
		source: '`nTransferred.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 30,
		width: 8,
	},
	{
		field: 'overSla',
		header: 'Over SLA',
		title: 'Over SLA',
		source: '`nOverSla.count`',
		kind: 'count',
		higherIsBetter: false,
		priority: 18,
		width: 8,
	},
	{
		field: 'answerRate',
		header: 'Answer %',
		title: 'Answer %',
		source: 'answered / offered',
		kind: 'rate',
		higherIsBetter: true,
		priority: 25,
		width: 8,
	},
	{
		field: 'abandonRate',
		header: 'Aband %',
		title: 'Abandon %',
		source: 'abandoned / offered',
		kind: 'rate',
		higherIsBetter: false,
		priority: 75,
		width: 8,
	},
	{
		field: 'serviceLevel',
		header: 'SL %',
		title: 'Service level %',
		source: '`oServiceLevel` numerator / denominator (answered within the queue’s SL time, of offered less flow-outs)',
		kind: 'rate',
		higherIsBetter: true,
		priority: 85,
		width: 7,
	},
	{
		field: 'serviceLevelTarget',
		header: 'SL target',
		title: 'Service level target',
		source: '`oServiceLevel.target`; empty for a roll-up whose parts differ',
		kind: 'rate',
		higherIsBetter: null,
		priority: 15,
		width: 9,
	},
	{
		field: 'asaMs',
		header: 'ASA',
		title: 'Average speed of answer',
		source: '`tAnswered.sum / tAnswered.count`',
		kind: 'duration',
		higherIsBetter: false,
		priority: 80,
		width: 8,
	},
	{
		field: 'avgWaitMs',
		header: 'Avg wait',
		title: 'Average wait',
		source: '`tWait.sum / tWait.count` (abandons included)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 20,
		width: 8,
	},
	{
		field: 'ahtMs',
		header: 'AHT',
		title: 'Average handle time',
		source: '`tHandle.sum / tHandle.count`',
		kind: 'duration',
		higherIsBetter: null,
		priority: 78,
		width: 8,
	},
	{
		field: 'avgTalkMs',
		header: 'Avg talk',
		title: 'Average talk per interaction',
		source: '`tTalkComplete.sum / tTalkComplete.count` (talk time per interaction with talk)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 40,
		width: 9,
	},
	{
		field: 'avgHoldMs',
		header: 'Avg hold',
		title: 'Average hold per held interaction',
		source: '`tHeldComplete.sum / tHeldComplete.count` (hold time per interaction that was held)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 35,
		width: 9,
	},
	{
		field: 'avgAcwMs',
		header: 'Avg ACW',
		title: 'Average after-call work',
		source: '`tAcw.sum / tAcw.count`',
		kind: 'duration',
		higherIsBetter: false,
		priority: 50,
		width: 8,
	},
	{
		field: 'handled',
		header: 'Handled',
		title: 'Handled',
		source: '`tHandle.count` (agent and wrap-up code levels)',
		kind: 'count',
		higherIsBetter: null,
		priority: 72,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'notResponding',
		header: 'Not resp.',
		title: 'Not responding',
		source: '`tNotResponding.count`: alerts the agent let time out (agent levels)',
		kind: 'count',
		higherIsBetter: false,
		priority: 45,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'share',
		header: 'Share',
		title: 'Share %',
		source: 'agents: the agent’s answered of the queue’s; wrap-up codes: the code’s count of the queue’s handled',
		kind: 'rate',
		higherIsBetter: null,
		priority: 74,
		width: 7,
		onQueueLevels: false,
	},
	{
		field: 'count',
		header: 'Count',
		title: 'Count',
		source: '`tHandle.count` grouped by `wrapUpCode` (wrap-up code levels)',
		kind: 'count',
		higherIsBetter: null,
		priority: 88,
		width: 7,
		onQueueLevels: false,
	},
	{
		field: 'divisionName',
		header: 'Division',
		title: 'Division',
		source: 'the queue’s `division.name` from the queue listing (not a metric)',
		kind: 'text',
		higherIsBetter: null,
		// Shown only when picked, and then wanted: it gives way after the minor metrics, not first.
		priority: 65,
		width: 14,
		hiddenByDefault: true,
	},
	{
		field: 'callbacksScheduled',
		header: 'CB sched.',
		title: 'Callbacks scheduled',
		source: '`nCallbackScheduled.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 11,
		width: 9,
		hiddenByDefault: true,
	},
	{
		field: 'callbackAttempts',
		header: 'CB tries',
		title: 'Callback attempts',
		source: '`nCallbackAttempts.count`',
		kind: 'count',
		higherIsBetter: null,
		priority: 10,
		width: 8,
		hiddenByDefault: true,
	},
	{
		field: 'callbackAbandoned',
		header: 'CB aband.',
		title: 'Callback abandons',
		source: '`tCallbackAbandon.count`: callbacks abandoned while waiting',
		kind: 'count',
		higherIsBetter: false,
		priority: 10,
		width: 9,
		hiddenByDefault: true,
	},
	{
		field: 'avgCallbackWaitMs',
		header: 'CB wait',
		title: 'Average callback wait',
		source: '`tCallbackVirtualWait.sum / tCallbackVirtualWait.count`: a callback’s time in the queue',
		kind: 'duration',
		higherIsBetter: false,
		priority: 10,
		width: 8,
		hiddenByDefault: true,
	},
	{
		field: 'outcome',
		header: 'Outcome',
		title: 'Outcome',
		source: 'answered, abandoned, short abandon, flow-out (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 95,
		width: 13,
		onQueueLevels: false,
	},
	{
		field: 'waitMs',
		header: 'Wait',
		title: 'Wait',
		source: '`tAnswered`, `tAbandon` or `tFlowOut` of the queue visit (conversations level)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 90,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'agent',
		header: 'Agent',
		title: 'Agent',
		source: 'the answering agent (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 85,
		width: 16,
		onQueueLevels: false,
	},
	{
		field: 'media',
		header: 'Media',
		title: 'Media type',
		source: 'the session’s `mediaType` (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 80,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'handleMs',
		header: 'Handle',
		title: 'Handle time',
		source: 'the agent’s `tHandle` (conversations level)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 75,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'talkMs',
		header: 'Talk',
		title: 'Talk time',
		source: 'the agent’s `tTalkComplete` (conversations level)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 60,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'wrapUp',
		header: 'Wrap-up',
		title: 'Wrap-up code',
		source: 'the agent’s wrap-up segment’s `wrapUpCode` (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 55,
		width: 14,
		onQueueLevels: false,
	},
	{
		field: 'disconnect',
		header: 'Ended by',
		title: 'Ended by',
		source: '`disconnectType` read as customer, agent, system or transfer (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 50,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'holdMs',
		header: 'Hold',
		title: 'Hold time',
		source: 'the agent’s `tHeldComplete` (conversations level)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 40,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'acwMs',
		header: 'ACW',
		title: 'After-call work',
		source: 'the agent’s `tAcw` (conversations level)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 35,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'direction',
		header: 'Dir.',
		title: 'Direction',
		source: 'the customer session’s `direction` (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 30,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'shortId',
		header: 'Id',
		title: 'Conversation id',
		source: 'the last 8 characters of `conversationId` (conversations level)',
		kind: 'text',
		higherIsBetter: null,
		priority: 70,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'who',
		header: 'Who',
		title: 'Participant',
		source: 'the customer, IVR, queue or agent of a timeline step',
		kind: 'text',
		higherIsBetter: null,
		priority: 95,
		width: 18,
		onQueueLevels: false,
	},
	{
		field: 'step',
		header: 'Step',
		title: 'Step',
		source: 'the segment’s `segmentType` in words (timeline)',
		kind: 'text',
		higherIsBetter: null,
		priority: 92,
		width: 16,
		onQueueLevels: false,
	},
	{
		field: 'durationMs',
		header: 'Duration',
		title: 'Duration',
		source: '`segmentEnd` − `segmentStart` (timeline)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 90,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'routingStatus',
		header: 'Routing',
		title: 'Routing status',
		source:
			'`routingStatus` of the routing activity query: idle, interacting, communicating, not responding, off queue (people now)',
		kind: 'text',
		higherIsBetter: null,
		priority: 95,
		width: 15,
		onQueueLevels: false,
	},
	{
		field: 'presence',
		header: 'Presence',
		title: 'Presence',
		source: 'the org’s label of `organizationPresenceId` (presence definitions), else `systemPresence` (people now)',
		kind: 'text',
		higherIsBetter: null,
		priority: 90,
		width: 14,
		onQueueLevels: false,
	},
	{
		field: 'inStatusMs',
		header: 'In status',
		title: 'In status',
		source: 'time since the later of `routingStatusDate` and `presenceDate` (people now)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 85,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'activeMedia',
		header: 'Media now',
		title: 'Media now',
		source:
			'`mediaType` of the agent’s `sessions` in the agent status query; `ACW` when one is in its `wrapup` segment (people now)',
		kind: 'text',
		higherIsBetter: null,
		priority: 45,
		width: 11,
		onQueueLevels: false,
	},
	{
		field: 'todayAnswered',
		header: 'Ans today',
		title: 'Answered today',
		source: '`tAnswered.count` of the agent in the queue today, by `userId` (people now of a queue)',
		kind: 'count',
		higherIsBetter: true,
		priority: 44,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'todayAhtMs',
		header: 'AHT today',
		title: 'AHT today',
		source: '`tHandle.sum / tHandle.count` of the agent in the queue today (people now of a queue)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 43,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'memberOf',
		header: 'Queues',
		title: 'Queues',
		source: 'the queues of the board the agent is a member of (people now, all queues)',
		kind: 'text',
		higherIsBetter: null,
		priority: 40,
		width: 24,
		onQueueLevels: false,
	},
	{
		field: 'inFlowNow',
		header: 'In flow',
		title: 'In flow now',
		source:
			'`oFlow` of `POST /api/v2/analytics/flows/observations/query`: conversations in the flow now, asked every live refresh (flows, a range with today)',
		kind: 'count',
		higherIsBetter: null,
		priority: 96,
		width: 8,
		onQueueLevels: false,
		ofNow: true,
	},
	{
		field: 'entered',
		header: 'Entered',
		title: 'Entered',
		source: '`nFlow.count`: sessions that entered the flow (flows)',
		kind: 'count',
		higherIsBetter: null,
		priority: 95,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'disconnected',
		header: 'Ended in',
		title: 'Disconnected in flow',
		source: '`tFlowDisconnect.count`: sessions that ended in the flow, by a hang-up or a Disconnect action (flows)',
		kind: 'count',
		higherIsBetter: null,
		priority: 88,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'exitedToQueue',
		header: 'To queue',
		title: 'Exited to queue',
		source: '`tFlowExit.count` grouped by `transferType` = `ACD`: sessions the flow transferred to a queue (flows)',
		kind: 'count',
		higherIsBetter: null,
		priority: 90,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'exitedOther',
		header: 'Elsewhere',
		title: 'Exited elsewhere',
		source: '`tFlowExit.count` of every other `transferType` (a number, a user, another flow, voicemail) (flows)',
		kind: 'count',
		higherIsBetter: null,
		priority: 80,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'containmentRate',
		header: 'Contain %',
		title: 'Containment %',
		source:
			'`tFlowDisconnect.count` ÷ `tFlow.count` (= disconnected + exited to queue + exited elsewhere): the sessions that ended in the flow (flows)',
		kind: 'rate',
		higherIsBetter: true,
		priority: 92,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'avgFlowMs',
		header: 'Avg flow',
		title: 'Avg time in flow',
		source: '`tFlow.sum` ÷ `tFlow.count` (flows)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 85,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'outcomesStarted',
		header: 'Started',
		title: 'Outcomes started',
		source: '`nFlowOutcome.count` (flow outcomes)',
		kind: 'count',
		higherIsBetter: null,
		priority: 95,
		width: 9,
		onQueueLevels: false,
	},
	{
		field: 'outcomesSucceeded',
		header: 'Succeeded',
		title: 'Outcomes succeeded',
		source: '`tFlowOutcome.count`: outcomes that ended in success (flows, flow outcomes)',
		kind: 'count',
		higherIsBetter: true,
		priority: 75,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'outcomesFailed',
		header: 'Failed',
		title: 'Outcomes failed',
		source: '`nFlowOutcomeFailed.count` (flows, flow outcomes)',
		kind: 'count',
		higherIsBetter: false,
		priority: 70,
		width: 8,
		onQueueLevels: false,
	},
	{
		field: 'successRate',
		header: 'Success %',
		title: 'Success %',
		source: '`tFlowOutcome.count` ÷ `nFlowOutcome.count` (flow outcomes)',
		kind: 'rate',
		higherIsBetter: true,
		priority: 90,
		width: 10,
		onQueueLevels: false,
	},
	{
		field: 'avgOutcomeMs',
		header: 'Avg outcome',
		title: 'Avg time to outcome',
		source: '`tFlowOutcome.sum` ÷ `tFlowOutcome.count`: from the outcome’s start to its success (flow outcomes)',
		kind: 'duration',
		higherIsBetter: null,
		priority: 80,
		width: 12,
		onQueueLevels: false,
	},
	{
		field: 'bandAnswered',
		header: 'Ans',
		title: 'Answered in the band',
		source: 'a `rangeBound` view of `tAnswered`: the answered whose wait is in the band (wait bands)',
		kind: 'count',
		higherIsBetter: null,
		priority: 80,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAnsweredShare',
		header: 'Ans %',
		title: 'Answered share of the band',
		source: 'the band’s answered of all answered (wait bands)',
		kind: 'rate',
		higherIsBetter: null,
		priority: 60,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAnsweredBar',
		header: 'Ans ▇',
		title: 'Answered share as a bar',
		source: 'the share drawn in block characters, the largest band six cells (wait bands)',
		kind: 'text',
		higherIsBetter: null,
		priority: 30,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAnsweredCumulative',
		header: 'Ans cum',
		title: 'Answered cumulative share',
		source: 'the answered who waited less than the band’s end, of all answered (wait bands)',
		kind: 'rate',
		higherIsBetter: null,
		priority: 50,
		width: 7,
		onQueueLevels: false,
	},
	{
		field: 'bandAbandoned',
		header: 'Ab',
		title: 'Abandoned in the band',
		source: 'a `rangeBound` view of `tAbandon`: the abandoned whose wait is in the band (wait bands)',
		kind: 'count',
		higherIsBetter: null,
		priority: 78,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAbandonedShare',
		header: 'Ab %',
		title: 'Abandoned share of the band',
		source: 'the band’s abandoned of all abandoned (wait bands)',
		kind: 'rate',
		higherIsBetter: null,
		priority: 58,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAbandonedBar',
		header: 'Ab ▇',
		title: 'Abandoned share as a bar',
		source: 'the share drawn in block characters, the largest band six cells (wait bands)',
		kind: 'text',
		higherIsBetter: null,
		priority: 28,
		width: 6,
		onQueueLevels: false,
	},
	{
		field: 'bandAbandonedCumulative',
		header: 'Ab cum',
		title: 'Abandoned cumulative share',
		source: 'the abandoned who waited less than the band’s end, of all abandoned (wait bands)',
		kind: 'rate',
		higherIsBetter: null,
		priority: 48,
		width: 7,
		onQueueLevels: false,
	},
];

/** The flows level's columns, and a flow's outcomes'. */
export const flowColumns: readonly FlowField[] = [
	'inFlowNow',
	'entered',
	'disconnected',
	'exitedToQueue',
	'exitedOther',
	'containmentRate',
	'avgFlowMs',
	'outcomesSucceeded',
	'outcomesFailed',
];
export const flowOutcomeColumns: readonly FlowField[] = [
	'outcomesStarted',
	'outcomesSucceeded',
	'outcomesFailed',
	'successRate',
	'avgOutcomeMs',
];
/** The wait bands level's columns. */
export const bandColumns: readonly BandField[] = [
	'bandAnswered',
	'bandAnsweredShare',
	'bandAnsweredBar',
	'bandAnsweredCumulative',
	'bandAbandoned',
	'bandAbandonedShare',
	'bandAbandonedBar',
	'bandAbandonedCumulative',
];

/** The people-now board's columns. */
export const peopleColumns: readonly PeopleField[] = [
	'routingStatus',
	'presence',
	'inStatusMs',
	'activeMedia',
	'todayAnswered',
	'todayAhtMs',
	'memberOf',
];
/** The conversations level's columns, in their order on screen. */
export const conversationColumns: readonly ConversationField[] = [
	'media',
	'direction',
	'waitMs',
	'talkMs',
	'holdMs',
	'acwMs',
	'handleMs',
	'outcome',
	'agent',
	'wrapUp',
	'disconnect',
	'shortId',
];

/** A conversation's timeline's columns. */
export const timelineColumns: readonly ConversationField[] = ['who', 'step', 'durationMs', 'wrapUp', 'disconnect'];

/** The metrics of the queue, media and interval levels (and their export fields), in catalog order. */
export const queueMetricFields: readonly MetricField[] = metrics
	.filter(metric => metric.onQueueLevels !== false)
	.map(metric => metric.field);

/** The order of columns on screen: the ten that matter most to a queue analyst, then the rest. */
const leadingColumns: readonly MetricField[] = [
	'offered',
	'answered',
	'abandoned',
	'abandonRate',
	'serviceLevel',
	'asaMs',
	'ahtMs',
	'avgTalkMs',
	'avgAcwMs',
	'transferred',
];

/**
 * The columns a table offers unless the user picks others, in their order on screen; those that do
 * not fit the width are dropped by priority.
 */
export const defaultColumns: readonly MetricField[] = [
	...leadingColumns,
	...metrics
		.filter(metric => metric.onQueueLevels !== false && !metric.hiddenByDefault)
		.map(metric => metric.field)
		.filter(field => !leadingColumns.includes(field)),
];

/** The catalog's numeric columns, in export order, that have a change while comparing (text columns are identity, not metrics; a value of now has no other period). */
export const numericMetrics: readonly Metric[] = metrics.filter(metric => metric.kind !== 'text' && !metric.ofNow);

const byField = new Map(metrics.map(metric => [metric.field, metric]));

export function metricFor(field: MetricField): Metric {
	return byField.get(field)!;
}

export function isMetricField(value: string): value is MetricField {
	return byField.has(value as MetricField);
}

/** The number a metric has in a row; null for a text column. */
export function metricValue(metric: Metric, row: QueueRow): number | null {
	const value = row[metric.field];
	return typeof value === 'number' ? value : null;
}

export function formatMetric(metric: Metric, row: QueueRow): string {
	const value = row[metric.field];
	if (metric.kind === 'text') return typeof value === 'string' ? value : '';
	return formatters[metric.kind](typeof value === 'number' ? value : null);
}

/** The README's metric table, generated from the catalog (a test keeps the README in sync). */
export function metricsMarkdown(): string {
	const direction = (metric: Metric) =>
		metric.higherIsBetter === null ? '' : metric.higherIsBetter ? 'higher' : 'lower';
	return [
		'| column | header | field | from the Genesys metrics | better |',
		'| --- | --- | --- | --- | --- |',
		...metrics.map(
			metric =>
				`| ${metric.title} | ${metric.header} | \`${metric.field}\` | ${metric.source} | ${direction(metric)} |`,
		),
	].join('\n');
}

/** The live columns (queue observations, not aggregates): what is happening now, at the queue and media levels. */
export type LiveField = 'waiting' | 'interacting' | 'longestWaitingMs' | 'onQueueAgents' | 'availableAgents';

/** A live column; `queueOnly`: agent counts exist per queue, not per media type (Genesys groups them so). */
export type LiveMetric = Omit<Metric, 'field' | 'kind'> & {
	field: LiveField;
	kind: Exclude<MetricKind, 'text'>;
	queueOnly: boolean;
};

/** A row's live values; null where the value does not exist (agents of a media row, nobody waiting). */
export type LiveValues = Readonly<Record<LiveField, number | null>>;

export const liveMetrics: readonly LiveMetric[] = [
	{
		field: 'waiting',
		header: 'Waiting',
		title: 'Waiting now',
		source: '`oWaiting.count` (observations)',
		kind: 'count',
		higherIsBetter: false,
		priority: 95,
		width: 8,
		queueOnly: false,
	},
	{
		field: 'interacting',
		header: 'Interact',
		title: 'Interacting now',
		source: '`oInteracting.count` (observations)',
		kind: 'count',
		higherIsBetter: null,
		priority: 88,
		width: 8,
		queueOnly: false,
	},
	{
		field: 'longestWaitingMs',
		header: 'Longest',
		title: 'Longest wait now',
		source: 'now − `oLongestWaiting.calculatedMetricValue` (the oldest waiter’s start)',
		kind: 'duration',
		higherIsBetter: false,
		priority: 94,
		width: 8,
		queueOnly: false,
	},
	{
		field: 'onQueueAgents',
		header: 'On queue',
		title: 'Agents on queue',
		source: '`oOnQueueUsers.count`, all routing statuses (queue rows only)',
		kind: 'count',
		higherIsBetter: true,
		priority: 87,
		width: 8,
		queueOnly: true,
	},
	{
		field: 'availableAgents',
		header: 'Avail',
		title: 'Agents available',
		source: '`oOnQueueUsers.count` with qualifier `IDLE` (queue rows only)',
		kind: 'count',
		higherIsBetter: true,
		priority: 92,
		width: 6,
		queueOnly: true,
	},
];

export function isLiveField(value: string): value is LiveField {
	return liveMetrics.some(metric => metric.field === value);
}

export function liveMetricFor(field: LiveField): LiveMetric {
	return liveMetrics.find(metric => metric.field === field)!;
}

export function formatLive(metric: LiveMetric, values: LiveValues | undefined): string {
	return formatters[metric.kind](values ? values[metric.field] : null);
}

/** The README's table of live columns, generated from the catalog. */
export function liveMetricsMarkdown(): string {
	return [
		'| column | header | field | from the observations | rows |',
		'| --- | --- | --- | --- | --- |',
		...liveMetrics.map(
			metric =>
				`| ${metric.title} | ${metric.header} | \`${metric.field}\` | ${metric.source} | ${metric.queueOnly ? 'queue' : 'queue, media'} |`,
		),
	].join('\n');
}
