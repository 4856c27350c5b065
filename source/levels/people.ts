// People now: `n` on a queue row lists its members with their routing status, presence and time in status; `n` on
// the totals row, every queue's members once each, with the queues they belong to. Enter on an agent of a queue's
// board opens their intervals in that queue. `gqx export --level agent-status` writes an agent-and-queue record each.
import {peopleColumns} from '../metrics/catalog.js';
import type {AgentNow} from '../genesys/activity.js';
import {formatCount, formatDuration} from '../metrics/format.js';
import {
	type AgentStatusRecord,
	agentStatusFields,
	acwSince,
	agentMeasures,
	agentStatusRecord,
	isLoggedIn,
	mediaText,
	presenceText,
	routingText,
	statusOrder,
	statusSince,
	summaryLine,
} from '../metrics/people.js';
import type {QueueRow} from '../metrics/queue-row.js';
import {toRow} from '../metrics/rows.js';
import {compareText} from '../text/collate.js';
import type {Board} from '../reports/people.js';
import type {DisplayRow, LevelExport, LevelModule, LevelRef, PushedAgents, QuickFilter} from './types.js';

/** An agent on the board: their state (the first queue's, the same in every queue) and the queues they are in. */
type Person = {agent: AgentNow; queueIds: string[]};

/** Where each agent is in a loaded board's list (one entry per queue of theirs): a pushed board keeps the order. */
type Grouping = {persons: Array<{first: number; queueIds: string[]}>; entries: Map<string, number[]>};
const groupings = new WeakMap<Board, Grouping>();

function groupingOf(board: Board): Grouping {
	const base = board.pushedFrom ?? board;
	let grouping = groupings.get(base);
	if (!grouping) {
		const persons: Grouping['persons'] = [];
		const entries = new Map<string, number[]>();
		for (const [index, agent] of base.agents.entries()) {
			const indexes = entries.get(agent.userId);
			if (indexes) indexes.push(index);
			else entries.set(agent.userId, [index]);
		}
		for (const indexes of entries.values())
			persons.push({first: indexes[0]!, queueIds: indexes.map(index => base.agents[index]!.queueId)});
		grouping = {persons, entries};
		groupings.set(base, grouping);
	}
	return grouping;
}

function peopleOf(board: Board): Person[] {
	return groupingOf(board).persons.map(({first, queueIds}) => ({agent: board.agents[first]!, queueIds}));
}

export function personRow(person: Person, board: Board): DisplayRow {
	const {agent} = person;
	const name = board.userName(agent.userId);
	const since = statusSince(agent);
	const sessions = board.sessions.byUser.get(agent.userId);
	// A pushed change may come after the board's time: counted back from it, the screen's ageing makes it right.
	const pushed = board.pushedFrom !== undefined;
	const inStatusMs =
		since === null ? null : pushed ? board.completedAt - since : Math.max(0, board.completedAt - since);
	const routingStatus = routingText(agent.routingStatus);
	const presence = presenceText(agent, board.labels);
	// The agent's queues by name, their ids in the same order (the export record lists both).
	const queues = person.queueIds
		.map(id => ({id, name: board.queueName(id)}))
		.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
	const memberOf = queues.map(queue => queue.name).join(', ');
	const today = board.today?.stats.get(agent.userId) ?? {};
	const counted = toRow({queueId: null, queueName: name, mediaType: null, interval: null}, today);
	const row: QueueRow = {
		...counted,
		todayAnswered: board.today ? counted.answered : null,
		todayAhtMs: counted.ahtMs,
		routingStatus,
		presence,
		inStatusMs,
		memberOf,
		activeMedia: mediaText(sessions),
		...agentMeasures(agent, acwSince(sessions), board.completedAt, !pushed),
		statusOrder: statusOrder(agent, inStatusMs),
	};
	// What `e` writes: the agent-status record, of the agent's queues on the board (comma-separated on every queue's).
	const record = agentStatusRecord(
		agent,
		{user: board.userName, queue: board.queueName, labels: board.labels},
		board.observedAt,
		sessions,
	);
	return {
		key: agent.userId,
		label: name,
		search: name.toLowerCase(),
		searchAlso: `${routingStatus} ${presence} ${row.activeMedia ?? ''} ${memberOf}`.toLowerCase(),
		row,
		stats: today,
		record: {...record, queueId: queues.map(queue => queue.id).join(','), queueName: memberOf},
		item: agent,
	};
}

/** Rows made for a loaded board, by user: a pushed board makes again only those of the agents that changed. */
const rowMemo = new WeakMap<Board, Map<string, {agent: AgentNow; sessions: unknown; row: DisplayRow}>>();

function boardRows(board: Board, persons: readonly Person[]): DisplayRow[] {
	const base = board.pushedFrom ?? board;
	let memo = rowMemo.get(base);
	if (!memo) {
		memo = new Map();
		rowMemo.set(base, memo);
	}
	const kept = memo;
	return persons.map(person => {
		const userId = person.agent.userId;
		const sessions = board.sessions.byUser.get(userId);
		const before = kept.get(userId);
		if (before && before.agent === person.agent && before.sessions === sessions) return before.row;
		const row = personRow(person, board);
		kept.set(userId, {agent: person.agent, sessions, row});
		return row;
	});
}

/** Ongoing conversations of an agent who is none of these any more are over. */
const withoutConversations = new Set(['IDLE', 'NOT_RESPONDING']);

/**
 * The board with pushed changes: the changed agents' routing status, presence and since-times (in every queue of
 * theirs), and the media asked for those who began interacting. Its times stay counted to the loaded board's.
 */
export function applyPushed(board: Board, update: PushedAgents): Board {
	const changes = update.changes;
	let byUser = board.sessions.byUser;
	const own = () => {
		if (byUser === board.sessions.byUser) byUser = new Map(byUser);
		return byUser;
	};
	let agents = board.agents;
	const {entries} = groupingOf(board);
	if (changes && changes.size > 0) {
		// Only the changed agents' entries (one per queue of theirs), found by the loaded board's index.
		agents = agents.slice();
		for (const [userId, change] of changes)
			for (const index of entries.get(userId) ?? []) {
				const agent = agents[index]!;
				// Events may come out of order, and a batch may be older than the board a reconcile just loaded: a state
				// older than the one shown does not take it back.
				const routing =
					change.routing && !(change.routing.since < (agent.routingStatusSince ?? 0)) ? change.routing : undefined;
				const presence =
					change.presence && !(change.presence.since < (agent.presenceSince ?? 0)) ? change.presence : undefined;
				if (!routing && !presence) continue;
				agents[index] = {
					...agent,
					...(routing ? {routingStatus: routing.status, routingStatusSince: routing.since} : {}),
					...(presence
						? {presence: presence.presence, presenceId: presence.presenceId, presenceSince: presence.since}
						: {}),
				};
			}
	}
	// The agent's routing status now, the changes applied (an older one skipped changes nothing).
	const idleNow = (userId: string) => {
		const index = entries.get(userId)?.[0];
		const status = index === undefined ? undefined : agents[index]?.routingStatus;
		return status !== undefined && withoutConversations.has(status);
	};
	for (const [userId, change] of changes ?? [])
		if (change.routing && idleNow(userId) && byUser.has(userId)) own().delete(userId);
	if (update.sessions)
		for (const userId of update.asked ?? []) {
			const sessions = update.sessions.byUser.get(userId);
			// Asked when they began interacting: one idle or not responding since then has none any more.
			if (sessions && !idleNow(userId)) own().set(userId, sessions);
			else own().delete(userId);
		}
	return {
		...board,
		agents,
		sessions: byUser === board.sessions.byUser ? board.sessions : {...board.sessions, byUser},
		pushedFrom: board.pushedFrom ?? board,
	};
}

/** The agent a row stands for: the quick filter's and the totals row's. */

const agentOf = (row: DisplayRow) => row.item as AgentNow;

const quickFilter: QuickFilter = {
	key: 'o',
	title: 'agents',
	always: true,
	choices: [
		{label: 'logged in', test: row => isLoggedIn(agentOf(row))},
		{label: 'all', test: () => true},
		{label: 'not responding', test: row => agentOf(row).routingStatus === 'NOT_RESPONDING'},
		{label: 'on queue', test: row => isLoggedIn(agentOf(row)) && agentOf(row).routingStatus !== 'OFF_QUEUE'},
		{label: 'off queue', test: row => isLoggedIn(agentOf(row)) && agentOf(row).routingStatus === 'OFF_QUEUE'},
	],
};

/** What the status line says of the data: the queues whose member lists the server cut, by name. */
function boardNote(board: Board): string | undefined {
	if (board.truncated.length === 0) return undefined;
	const names = board.truncated.slice(0, 3).map(board.queueName).join(', ');
	const more = board.truncated.length > 3 ? ` and ${formatCount(board.truncated.length - 3)} more` : '';
	return `the server cut the member lists of ${names}${more}: some agents are missing`;
}

/** Said in the headline (it wraps: the permission's name is never cut) when media could not be asked. */
const mediaUnavailable = (why: string) => `no media or after-call work: ${why}`;

const allQueues = (ref: LevelRef) => !ref.context.queueId;

export const peopleLevel: LevelModule = {
	id: 'people',
	description:
		'people now: a queue’s members (every queue’s on the totals row) with routing status, presence and time in status',
	nameHeader: 'Agent',
	emptyText: 'Nobody to list: o shows everyone, logged out too.',
	// Status groups (not responding first), the longest in status first within each.
	defaultSort: {column: 'routingStatus', descending: false},
	byKey: false,
	usesGranularity: false,
	columns: peopleColumns,
	// A queue's board: its agents' work in it today, and no Queues column (it is that queue); every queue's board: the
	// queues each agent is in, and no work today (Answered and AHT are of one queue).
	omitColumns: (ref: LevelRef) => (ref.context.queueId ? ['memberOf'] : ['todayAnswered', 'todayAhtMs']),
	exportFields: agentStatusFields,
	quickFilter,
	uncompared: true,
	// At most 150 requests a minute (the share of the rate limit the live views have; the live columns pause behind
	// the board), as many as the last refresh took.
	refreshes: {
		everyMs: data => (data as Board).requests * (60_000 / 150),
		ages: true,
		// By push (README "people now"): every agent's activity topic; the whole board again every 5 minutes, a queue's
		// every minute (a few requests), so its Answered and AHT today move as their one-minute cache does.
		push: {
			users: data => [...new Set((data as Board).agents.map(agent => agent.userId))],
			apply: (data, update) => applyPushed(data as Board, update),
			reconcileMs: data => ((data as Board).today ? 60_000 : 5 * 60_000),
		},
	},
	request: ref => ({
		key: `people\u0000${ref.context.queueId ?? ''}`,
		label: 'asking who is doing what',
		async load(client, range, {signal}): Promise<Board> {
			const {fetchBoard} = await import('../reports/people.js');
			const {queueId, queueName} = ref.context;
			// A queue's board has its agents' Answered and AHT in the queue today (in the range's time zone).
			const board = await fetchBoard(client, queueId ? {queueIds: [queueId]} : {}, {
				signal,
				...(queueId ? {todayIn: range.timeZone} : {}),
			});
			return queueId ? {...board, queueName: id => (id === queueId ? (queueName ?? id) : board.queueName(id))} : board;
		},
	}),
	rows(data) {
		const board = data as Board;
		const note = boardNote(board);
		const persons = peopleOf(board);
		return {
			rows: boardRows(board, persons),
			...(note ? {note} : {}),
			// The headline wraps to the width: a permission's name is never cut there, as it would be in the status line.
			headline: [
				summaryLine(
					persons.map(person => person.agent),
					board.labels,
				),
				...(board.sessions.unavailable ? [mediaUnavailable(board.sessions.unavailable)] : []),
			].join(' · '),
		};
	},
	total: (total, rows) => ({
		...total,
		todayAnswered: rows.some(row => row.row.todayAnswered !== null) ? total.answered : null,
		todayAhtMs: total.ahtMs,
		queueName: `${formatCount(rows.length)} agent${rows.length === 1 ? '' : 's'}`,
		routingStatus: `${formatCount(rows.filter(row => agentOf(row).routingStatus !== 'OFF_QUEUE').length)} on queue`,
	}),
	opens: {drill: 'agent-intervals'},
	cannotOpen: ref =>
		allQueues(ref) ? 'opens an agent from a queue’s board (n on a queue row), not from every queue’s' : undefined,
	// Their intervals of today: the board is of now, whatever the range.
	openContext: ({key, label}, ref) => ({
		...ref.context,
		member: key,
		memberName: label,
		memberKind: 'agents',
		today: true,
	}),
	crumb: ref => (allQueues(ref) ? 'people now (all queues)' : 'people now'),
	key: {
		action: 'people',
		key: 'n',
		short: 'people now',
		description: 'people now: who is doing what in the row’s queue (on the totals row: in every queue)',
		footer: true,
		onTotal: true,
	},
	export: agentStatusExport(),
};

/** `gqx export --level agent-status`: a record per agent and queue they are a member of, now. */
function agentStatusExport(): LevelExport<AgentStatusRecord> {
	return {
		name: 'agent-status',
		help: 'now, no dates: a record per agent and queue they are a member of (routing status, presence, since when)',
		dated: false,
		granularity: 'no',
		byMedia: false,
		compare: false,
		spec: () => ({
			fields: agentStatusFields,
			table: {
				empty: 'No queue members to list.\n',
				columns: () => [
					{header: 'Agent', align: 'left', cap: 28, text: record => record.userName},
					{header: 'Queue', align: 'left', cap: 30, text: record => record.queueName},
					{header: 'Routing', align: 'left', text: record => routingText(record.routingStatus)},
					{header: 'Presence', align: 'left', cap: 20, text: record => record.presenceLabel},
					{header: 'Media', align: 'left', cap: 16, text: record => record.activeMedia.replace(/,/g, ', ')},
					{
						header: 'In status',
						align: 'right',
						text: record => {
							const since = statusSince({
								routingStatusSince: record.routingStatusSince ? Date.parse(record.routingStatusSince) : null,
								presenceSince: record.presenceSince ? Date.parse(record.presenceSince) : null,
							});
							return formatDuration(since === null ? null : Date.parse(record.observedAt) - since);
						},
					},
				],
			},
		}),
		async stream(client, request, callbacks) {
			const {fetchBoard} = await import('../reports/people.js');
			const board = await fetchBoard(
				client,
				{
					...(request.queueIds ? {queueIds: request.queueIds} : {}),
					queues: request.queues,
					divisions: request.divisions,
				},
				request.knownQueues ? {known: [...request.knownQueues.values()]} : {},
			);
			const records = board.agents
				.map(agent =>
					agentStatusRecord(
						agent,
						{user: board.userName, queue: board.queueName, labels: board.labels},
						board.observedAt,
						board.sessions.byUser.get(agent.userId),
					),
				)
				.sort((a, b) => compareText(a.queueName, b.queueName) || compareText(a.userName, b.userName));
			if (board.sessions.unavailable)
				callbacks.onNotice?.(`activeMedia may be empty: ${mediaUnavailable(board.sessions.unavailable)}.`);
			if (board.truncated.length > 0)
				callbacks.onNotice?.(
					`The server cut the member list of ${formatCount(board.truncated.length)} queue${board.truncated.length === 1 ? '' : 's'}: some agents are missing.`,
				);
			await callbacks.onRecords(records);
			return {nameOf: board.queueName};
		},
	};
}
