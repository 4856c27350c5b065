// The people-now board's data: the members of the chosen queues (all of them by default) with their state now, named:
// agents by the users API (kept per session), queues by the listing, presences by the org's own labels.
import {
	type AgentsNow,
	fetchAgentsNow,
	fetchPresenceLabels,
	fetchSessionsNow,
	type SessionsNow,
} from '../genesys/activity.js';
import type {GenesysClient} from '../genesys/client.js';
import {listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {fetchUserNames} from '../genesys/users.js';
import {selectQueueIds} from './queue-match.js';
import {isLoggedIn} from '../metrics/people.js';
import {DateTime} from 'luxon';
import {fetchDrillCells} from '../genesys/drills.js';
import {mergeBags, type StatsBag} from '../genesys/stats.js';

export type Board = AgentsNow & {
	/** The server's clock when the board was complete (names looked up): times in status are counted to it. */
	completedAt: number;
	/** The queues asked about. */
	queueIds: string[];
	userName: (id: string) => string;
	queueName: (id: string) => string;
	labels: ReadonlyMap<string, string>;
	/** The conversations of the agents who are on any (media, after-call work), when the permission allows. */
	sessions: SessionsNow;
	/** A queue's board: its agents' work in it today (Answered, AHT), when it could be asked. */
	today?: TodayByAgent;
	/**
	 * The board as loaded when this one is it with pushed changes: times are still counted to its `completedAt` (the
	 * screen ages them from its arrival), and rows of agents without changes are its rows.
	 */
	pushedFrom?: Board;
};

/**
 * `queueIds`: the queues of the board; without them, those of --queue and --division (`filter`), or every queue.
 * `known`: the queue listing when the caller has it already.
 */
export async function fetchBoard(
	client: GenesysClient,
	choice: {queueIds?: readonly string[]; queues?: readonly string[]; divisions?: readonly string[]},
	options: {signal?: AbortSignal; known?: readonly QueueInfo[]; todayIn?: string} = {},
): Promise<Board> {
	// What a refresh costs of the limit: the queries every refresh makes (members, media, today's numbers when they
	// are asked again). Names and the queue listing are asked once and kept: they do not pace the refreshes.
	const startedAt = client.serverNow();
	const {signal} = options;
	const listed =
		options.known ?? (choice.queueIds && choice.queueIds.length > 0 ? undefined : await queueListing(client, signal));
	const queueIds =
		choice.queueIds && choice.queueIds.length > 0
			? [...choice.queueIds]
			: (selectQueueIds({queues: choice.queues ?? [], divisions: choice.divisions ?? []}, listed ?? []) ??
				(listed ?? []).map(queue => queue.id));
	const [now, labels] = await Promise.all([
		fetchAgentsNow(client, queueIds, {signal}),
		fetchPresenceLabels(client, signal),
	]);
	// Only agents at work have conversations: the agent status query answers 50 agents a query.
	const busy = now.agents.filter(
		agent => agent.routingStatus === 'INTERACTING' || agent.routingStatus === 'COMMUNICATING',
	);
	const todayOf = queueIds.length === 1 && options.todayIn ? queueIds[0] : undefined;
	const [userName, sessions, today] = await Promise.all([
		fetchUserNames(
			client,
			now.agents.map(agent => agent.userId),
			{signal},
		),
		fetchSessionsNow(
			client,
			busy.map(agent => agent.userId),
			{
				signal,
				// An agent may go on a break in the middle of after-call work: the longest of those are asked too.
				...(now.agents.some(agent => agent.routingStatus === 'OFF_QUEUE' && isLoggedIn(agent))
					? {offQueueWrapups: queueIds.length === 1 ? {queueId: queueIds[0]!} : {}}
					: {}),
			},
		),
		todayOf && options.todayIn ? fetchTodayByAgent(client, todayOf, options.todayIn, signal) : undefined,
	]);
	const names = new Map((listed ?? []).map(queue => [queue.id, queue.name]));
	return {
		...now,
		requests: now.requests + sessions.requests + (today && today.asOf >= startedAt ? 1 : 0),
		sessions,
		...(today ? {today} : {}),
		completedAt: now.observedAt + (Date.now() - now.receivedAt),
		queueIds,
		userName,
		queueName: id => names.get(id) ?? id,
		labels,
	};
}

/** The org's queues, listed once in ten minutes per client: a board of every queue refreshes every 10 s. */
const listings = new WeakMap<GenesysClient, {at: number; queues: QueueInfo[]}>();
const listingMaxAgeMs = 10 * 60_000;

async function queueListing(client: GenesysClient, signal?: AbortSignal): Promise<QueueInfo[]> {
	const kept = listings.get(client);
	if (kept && Date.now() - kept.at < listingMaxAgeMs) return kept.queues;
	const queues = await listAllQueues(client, {signal});
	listings.set(client, {at: Date.now(), queues});
	return queues;
}

/** Each agent's work in one queue today: their statistics, merged over media types. */
export type TodayByAgent = {stats: ReadonlyMap<string, StatsBag>; asOf: number};

/** Kept a minute per client, queue, zone and day: Answered and AHT need not move every refresh of the board. */
const todays = new WeakMap<GenesysClient, Map<string, TodayByAgent>>();
const todayMaxAgeMs = 60_000;
const todayStaleMs = 5 * 60_000;

/**
 * The queue's agents' work today in `timeZone` (from its midnight to the server's now): one aggregates query by
 * agent, the agents drill's. Kept a minute; on a failure none (the board shows its statuses without them).
 */
export async function fetchTodayByAgent(
	client: GenesysClient,
	queueId: string,
	timeZone: string,
	signal?: AbortSignal,
): Promise<TodayByAgent | undefined> {
	const now = client.serverNow();
	const end = DateTime.fromMillis(now, {zone: timeZone});
	const start = end.startOf('day');
	// One day in one zone: after midnight, or in another zone, it is another day's work.
	const key = `${queueId}\u0000${timeZone}\u0000${start.toMillis()}`;
	const kept = todays.get(client)?.get(key);
	if (kept && now - kept.asOf < todayMaxAgeMs) return kept;
	if (end.startOf('second') <= start) return {stats: new Map(), asOf: now};
	try {
		const cells = await fetchDrillCells(
			client,
			{start, end: end.startOf('second'), timeZone, queueIds: [queueId], dimension: 'userId'},
			{signal},
		);
		const stats = new Map<string, StatsBag>();
		for (const cell of cells)
			if (cell.member) stats.set(cell.member, mergeBags([stats.get(cell.member) ?? {}, cell.stats]));
		const today = {stats, asOf: now};
		let byQueue = todays.get(client);
		if (!byQueue) {
			byQueue = new Map();
			todays.set(client, byQueue);
		}
		byQueue.set(key, today);
		return today;
	} catch (error) {
		if (signal?.aborted) throw error;
		// A failed ask keeps the last numbers of the same day a while; older ones are not shown as now.
		return kept && now - kept.asOf < todayStaleMs ? kept : undefined;
	}
}
