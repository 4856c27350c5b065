// Who is doing what now: queue members with their routing status and presence, and since when, from
// POST /api/v2/analytics/routing/activity/query with details (reference part 3 §B.2; the same permission as queue
// observations), and the org's presence labels from GET /api/v2/presence/definitions (§B.5).
import {z} from 'zod';
import {PermissionError} from '../errors.js';
import type {GenesysClient} from './client.js';
import {runPool} from './pool.js';

export const activityPath = '/api/v2/analytics/routing/activity/query';
export const presenceDefinitionsPath = '/api/v2/presence/definitions';
/** Queue ids per query: the cap of the observations query, taken for this one too (UNCONFIRMED). */
export const activityChunk = 100;
/** Pages one chunk may take before the answer is taken as broken (a server that pages forever). */
const maxPages = 100;

/** One agent in one queue now. Times are epoch ms; null when the answer gave none. */
export type AgentNow = {
	userId: string;
	queueId: string;
	/** Genesys' value: IDLE, INTERACTING, COMMUNICATING, NOT_RESPONDING, OFF_QUEUE (or what else it says). */
	routingStatus: string;
	routingStatusSince: number | null;
	/** The system presence, in the analytics casing (ON_QUEUE) whatever casing the answer used. */
	presence: string;
	/** The organization presence id (the org's own definition, when the agent chose one). */
	presenceId: string | null;
	presenceSince: number | null;
};

export type AgentsNow = {
	agents: AgentNow[];
	/** Queues whose member list the server cut (the counts still count everyone). */
	truncated: string[];
	/** When the answers arrived (epoch ms, the server's clock). */
	observedAt: number;
	/** The same moment on this machine's clock, for counting on from it. */
	receivedAt: number;
	/** Queries it took (pages included): what a refresh costs of the rate limit. */
	requests: number;
};

// Every field may be absent or null: an entity without a user id is skipped, one field missing is not fatal.
const entitySchema = z.object({
	userId: z.string().nullish(),
	queueId: z.string().nullish(),
	queueMembershipStatus: z.string().nullish(),
	routingStatus: z.string().nullish(),
	routingStatusDate: z.string().nullish(),
	systemPresence: z.string().nullish(),
	organizationPresenceId: z.string().nullish(),
	presenceDate: z.string().nullish(),
	activityDate: z.string().nullish(),
});
const activitySchema = z.object({
	results: z
		.array(
			z.object({
				group: z.object({queueId: z.string().nullish()}).nullish(),
				truncated: z.boolean().nullish(),
				entities: z.array(entitySchema).nullish(),
			}),
		)
		.optional(),
});

/** ON_QUEUE, "On Queue", OnQueue and on_queue are one presence: upper case, words apart by `_`. */
export function normalisePresence(value: string): string {
	const spaced = value
		.trim()
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.replace(/[\s-]+/g, '_');
	return spaced.toUpperCase();
}

function time(text: string | null | undefined): number | null {
	if (!text) return null;
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? null : ms;
}

/** The queues' active members (as the real request of reference §B.2 asks), with routing status and presence. */
export function activityBody(queueIds: readonly string[]): unknown {
	return {
		metrics: [
			{metric: 'oUserRoutingStatuses', details: true},
			{metric: 'oUserPresences', details: true},
		],
		groupBy: ['queueId'],
		filter: {
			type: 'and',
			predicates: [{dimension: 'queueMembershipStatus', value: 'active'}],
			clauses: [{type: 'or', predicates: queueIds.map(value => ({dimension: 'queueId', value}))}],
		},
	};
}

/**
 * The members of one chunk of queues. Pages are taken to page the queue groups (the reference leaves it open): a full
 * page (as many groups as asked per page) may have a next one, so it is asked; members are merged by queue and user
 * across pages, so a server that pages members instead loses none either. A membership switched off for the queue
 * (`inactive`) is not a member there.
 */
async function fetchChunk(
	client: GenesysClient,
	chunk: readonly string[],
	signal: AbortSignal,
): Promise<{agents: AgentNow[]; truncated: string[]; requests: number}> {
	const agents: AgentNow[] = [];
	let requests = 0;
	const truncated = new Set<string>();
	const members = new Map<string, Set<string>>();
	for (let page = 1; page <= maxPages; page++) {
		requests++;
		const answer = await client.post(
			`${activityPath}?pageSize=${activityChunk}&pageNumber=${page}`,
			activityBody(chunk),
			activitySchema,
			signal,
		);
		const results = answer.results ?? [];
		let added = 0;
		for (const result of results) {
			const queueId = result.group?.queueId;
			if (!queueId) continue;
			if (result.truncated) truncated.add(queueId);
			let known = members.get(queueId);
			if (!known) {
				known = new Set();
				members.set(queueId, known);
			}
			for (const entity of result.entities ?? []) {
				// A member listed twice (the halves of a cut list meet, or pages overlap) is one member.
				if (!entity.userId || known.has(entity.userId) || entity.queueMembershipStatus === 'inactive') continue;
				known.add(entity.userId);
				added++;
				agents.push({
					userId: entity.userId,
					queueId: entity.queueId ?? queueId,
					routingStatus: entity.routingStatus ? normalisePresence(entity.routingStatus) : 'OFF_QUEUE',
					routingStatusSince: time(entity.routingStatusDate),
					presence: entity.systemPresence ? normalisePresence(entity.systemPresence) : 'OFFLINE',
					presenceId: entity.organizationPresenceId ?? null,
					presenceSince: time(entity.presenceDate),
				});
			}
		}
		if (results.length < activityChunk || added === 0) break;
	}
	return {agents, truncated: [...truncated], requests};
}

/** The members of the given queues now: 100 queues a query, a few queries at a time. */
export async function fetchAgentsNow(
	client: GenesysClient,
	queueIds: readonly string[],
	options: {signal?: AbortSignal; concurrency?: number} = {},
): Promise<AgentsNow> {
	const unique = [...new Set(queueIds)];
	const chunks: string[][] = [];
	for (let index = 0; index < unique.length; index += activityChunk)
		chunks.push(unique.slice(index, index + activityChunk));
	const answers = await runPool(
		chunks.map(chunk => async (signal: AbortSignal) => fetchChunk(client, chunk, signal)),
		options.concurrency ?? 4,
		options.signal,
	);
	return {
		agents: answers.flatMap(answer => answer.agents),
		truncated: answers.flatMap(answer => answer.truncated),
		observedAt: client.serverNow(),
		receivedAt: Date.now(),
		requests: answers.reduce((sum, answer) => sum + answer.requests, 0),
	};
}

const definitionsSchema = z.object({
	entities: z
		.array(
			z.object({
				id: z.string().min(1),
				name: z.string().optional(),
				systemPresence: z.string().optional(),
				languageLabels: z.record(z.string(), z.string()).optional(),
			}),
		)
		.optional(),
});

/** The org's label of each presence definition id (its English label, else its name); kept per client. */
const labelCache = new WeakMap<GenesysClient, Map<string, string>>();

/**
 * Presence labels by organization presence id. Without the permission (asked only for definitions assigned to a
 * division) or on any failure, none: the board then names presences by their system presence.
 */
export async function fetchPresenceLabels(
	client: GenesysClient,
	signal?: AbortSignal,
): Promise<ReadonlyMap<string, string>> {
	const cached = labelCache.get(client);
	if (cached) return cached;
	const labels = new Map<string, string>();
	try {
		const answer = await client.get(
			presenceDefinitionsPath,
			new URLSearchParams({deactivated: 'false'}),
			definitionsSchema,
			signal,
		);
		for (const definition of answer.entities ?? []) {
			const label =
				definition.languageLabels?.['en_US'] ??
				Object.values(definition.languageLabels ?? {})[0] ??
				definition.name ??
				undefined;
			if (label) labels.set(definition.id, label);
		}
	} catch (error) {
		if (signal?.aborted) throw error;
		// Asked once a session: without the permission the board names system presences, and does not ask again.
	}
	labelCache.set(client, labels);
	return labels;
}

export const agentStatusPath = '/api/v2/analytics/agents/status/query';
/** Agents one agent status query answers ("the top 50 agents"): the user ids asked per query. */
export const agentStatusChunk = 50;
export const agentStatePermission = 'analytics:agentState:view';

/** An agent's conversation now: its media type, and its current segment (`wrapup` is after-call work) since when. */
export type SessionNow = {
	mediaType: string;
	/** Genesys' segment type in lower case: interact, hold, wrapup, alert, ... */
	segmentType: string;
	segmentSince: number | null;
	/** The queue that routed it; null for a conversation not from a queue. */
	queueId: string | null;
};

export type SessionsNow = {
	/** The conversations of each agent asked about who has any. */
	byUser: Map<string, SessionNow[]>;
	requests: number;
	/** Why some or all are missing ("needs analytics:agentState:view"), when they are. */
	unavailable?: string;
};

const sessionSchema = z.object({
	mediaType: z.string().nullish(),
	segmentType: z.string().nullish(),
	segmentStart: z.string().nullish(),
	routedQueueId: z.string().nullish(),
});
const agentStatusSchema = z.object({
	entities: z.array(z.object({userId: z.string().nullish(), sessions: z.array(sessionSchema).nullish()})).nullish(),
});

/** Clients the agent status query refused, and why: not asked again in the session. */
const refusals = new WeakMap<GenesysClient, string>();

/**
 * The conversations of the given agents now, from POST /api/v2/analytics/agents/status/query (reference part 3 §B.3),
 * 50 user ids a query (its answer holds 50 agents at most). Asked only for agents who may have any (interacting,
 * communicating). Without the permission it says so once and returns none: the board works without media then.
 */
export async function fetchSessionsNow(
	client: GenesysClient,
	userIds: readonly string[],
	options: {
		signal?: AbortSignal;
		concurrency?: number;
		/**
		 * Also the 50 longest in after-call work among agents gone off queue (a break in the middle of it), of this
		 * queue or (`{}`) anywhere: one query more.
		 */
		offQueueWrapups?: {queueId?: string};
	} = {},
): Promise<SessionsNow> {
	const byUser = new Map<string, SessionNow[]>();
	let unnamed = 0;
	const refused = refusals.get(client);
	if (refused) return {byUser, requests: 0, unavailable: refused};
	const unique = [...new Set(userIds)];
	const chunks: string[][] = [];
	for (let index = 0; index < unique.length; index += agentStatusChunk)
		chunks.push(unique.slice(index, index + agentStatusChunk));
	const bodies: unknown[] = chunks.map(chunk => ({
		userFilter: {type: 'or', predicates: chunk.map(value => ({dimension: 'userId', value}))},
	}));
	const wrapups = options.offQueueWrapups;
	if (wrapups)
		bodies.push({
			userFilter: {
				type: 'and',
				predicates: [
					{dimension: 'routingStatus', value: 'OFF_QUEUE'},
					...(wrapups.queueId ? [{dimension: 'queueId', value: wrapups.queueId}] : []),
				],
			},
			sessionFilter: {type: 'and', predicates: [{dimension: 'segmentType', value: 'wrapup'}]},
			userOrderBy: 'segmentStart',
			userOrder: 'asc',
		});
	try {
		const answers = await runPool(
			bodies.map(body => async (signal: AbortSignal) => client.post(agentStatusPath, body, agentStatusSchema, signal)),
			options.concurrency ?? 4,
			options.signal,
		);
		for (const answer of answers)
			for (const entity of answer.entities ?? []) {
				// Without the permission for agents' names of their division, entities come without a user id.
				if (!entity.userId) {
					unnamed++;
					continue;
				}
				const sessions = (entity.sessions ?? []).map(session => ({
					mediaType: session.mediaType?.toLowerCase() ?? 'unknown',
					segmentType: session.segmentType?.toLowerCase() ?? '',
					segmentSince: time(session.segmentStart),
					queueId: session.routedQueueId ?? null,
				}));
				byUser.set(entity.userId, [...(byUser.get(entity.userId) ?? []), ...sessions]);
			}
	} catch (error) {
		if (options.signal?.aborted) throw error;
		// Media are a part of the board, not the board: any failure leaves them out and says why. A refusal is
		// final for the session (the board refreshes every few seconds); anything else is asked again next time.
		if (error instanceof PermissionError) {
			refusals.set(client, `needs ${agentStatePermission}`);
			return {byUser, requests: 1, unavailable: `needs ${agentStatePermission}`};
		}
		return {byUser, requests: bodies.length, unavailable: 'the agent status query failed'};
	}
	return {
		byUser,
		requests: bodies.length,
		...(unnamed > 0 ? {unavailable: `the agent status query named no agent for ${unnamed} of them`} : {}),
	};
}
