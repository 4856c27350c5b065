// The people board by push (reference part 3 §B.7): one `v2.users.{id}.activity` topic per agent on the board, on the
// same channels and sockets as the live columns' (notifications.ts PushChannels), events parsed leniently and handed
// to the board in batches; the media of agents who start an interaction asked by the agent status query, batched.
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {fetchSessionsNow, normalisePresence, type SessionsNow} from './activity.js';
import {type PushOptions, PushChannels} from './notifications.js';

export const userActivityTopic = (userId: string): string => `v2.users.${userId}.activity`;
/** The activity topic, and the two a combined `v2.users.{id}?presence&routingStatus` subscription sends (§B.7). */
const userTopic = /^v2\.users\.([^.?]+)\.(activity|presence|routingStatus)$/;

const routingSchema = z.object({status: z.string().nullish(), startTime: z.string().nullish()}).nullish();
const presenceSchema = z.object({
	presenceDefinition: z.object({id: z.string().nullish(), systemPresence: z.string().nullish()}).nullish(),
	modifiedDate: z.string().nullish(),
});
/** An activity event has both; a `.presence` event is the presence itself, a `.routingStatus` one has the routing. */
const userEventSchema = presenceSchema.extend({
	id: z.string().nullish(),
	routingStatus: routingSchema,
	presence: presenceSchema.nullish(),
});

/** What an event says of an agent: their routing status or presence (or both) and since when (epoch ms). */
export type AgentChange = {
	routing?: {status: string; since: number};
	presence?: {presence: string; presenceId: string | null; since: number};
};

export type AgentPushHandlers = {
	/** The agents whose state changed since the last batch, by user id. */
	onChanges(changes: ReadonlyMap<string, AgentChange>): void;
	/** The conversations of agents who began interacting or communicating (every agent asked is in it). */
	onSessions(sessions: SessionsNow, asked: readonly string[]): void;
	/** The whole board again: after the start and after any gap. */
	reconcile(signal: AbortSignal): Promise<void>;
	onHealthy?(): void;
	onDown(reason: string): void;
	/** Each change as read, with the instant it happened (epoch ms, the server's clock): for the bench. */
	onEvent?(userId: string, changedMs: number): void;
};

export type AgentPushOptions = PushOptions & {
	/** Events of this long go to the board together. Default 150 ms. */
	batchMs?: number;
	/** Agents who began interacting in this long have their media asked together. Default 1.5 s. */
	mediaBatchMs?: number;
};

/** A date an event may give: a real one, not after a day from now (a clock can be off, not by days). */
function dateOf(text: string | null | undefined, now: number): number | undefined {
	const ms = text ? Date.parse(text) : Number.NaN;
	return Number.isFinite(ms) && ms > 0 && ms <= now + 86_400_000 ? ms : undefined;
}

/** A status or presence id is a word or an id: one longer than this is no status (and would freeze the screen). */
const maxStatusLength = 100;
const believable = (text: string | null | undefined): text is string =>
	typeof text === 'string' && text.length > 0 && text.length <= maxStatusLength;

export class AgentPush {
	readonly #client: GenesysClient;
	readonly #handlers: AgentPushHandlers;
	readonly #channels: PushChannels;
	readonly #batchMs: number;
	readonly #mediaBatchMs: number;
	readonly #controller = new AbortController();
	#pending = new Map<string, AgentChange>();
	#media = new Set<string>();
	#batch: NodeJS.Timeout | undefined;
	#mediaBatch: NodeJS.Timeout | undefined;

	constructor(client: GenesysClient, handlers: AgentPushHandlers, options: AgentPushOptions = {}) {
		this.#client = client;
		this.#handlers = handlers;
		this.#batchMs = options.batchMs ?? 150;
		this.#mediaBatchMs = options.mediaBatchMs ?? 1500;
		this.#channels = new PushChannels(
			client,
			{
				topicOf: userActivityTopic,
				keyOf: topic => userTopic.exec(topic)?.[1],
				onEvent: (userId, topic, body) => this.#read(userId, topic, body),
				reconcile: async (_userIds, signal) => handlers.reconcile(signal),
				...(handlers.onHealthy ? {onHealthy: () => handlers.onHealthy?.()} : {}),
				onDown: reason => handlers.onDown(reason),
			},
			options,
		);
	}

	/** REST requests for channels and subscriptions, sockets opened, events read: for tests and the bench. */
	get counts(): PushChannels['counts'] {
		return this.#channels.counts;
	}

	/** Channels (of at most 1,000 agents each) in use. */
	get channels(): number {
		return this.#channels.channels;
	}

	get healthy(): boolean {
		return this.#channels.healthy;
	}

	/** Subscribes the agents, connects, then reconciles once. Throws PushUnavailable when push cannot be used. */
	async start(userIds: readonly string[]): Promise<void> {
		await this.#channels.start(userIds, 'agents');
	}

	/**
	 * Agents on the board since the start (one who joined a queue): their topics too, from now on; those subscribed
	 * already are skipped, and those that cannot be added now are added by a later call.
	 */
	async watch(userIds: readonly string[]): Promise<void> {
		await this.#channels.add(userIds);
	}

	stop(): void {
		clearTimeout(this.#batch);
		clearTimeout(this.#mediaBatch);
		this.#controller.abort();
		this.#channels.stop();
	}

	#read(userId: string, topic: string, raw: unknown): void {
		const parsed = userEventSchema.safeParse(raw);
		if (!parsed.success) return;
		const body = parsed.data;
		// An event about someone else on this agent's topic is not believed.
		if (body.id && body.id !== userId) return;
		const kind = topic.slice(topic.lastIndexOf('.') + 1);
		const now = this.#client.serverNow();
		const change: AgentChange = {};
		const routing = kind === 'presence' ? undefined : body.routingStatus;
		const routingSince = dateOf(routing?.startTime, now);
		if (believable(routing?.status) && routingSince !== undefined)
			change.routing = {status: normalisePresence(routing.status), since: routingSince};
		const presence = kind === 'presence' ? body : kind === 'activity' ? body.presence : undefined;
		const presenceSince = dateOf(presence?.modifiedDate, now);
		const system = presence?.presenceDefinition?.systemPresence;
		const presenceId = presence?.presenceDefinition?.id;
		if (believable(system) && presenceSince !== undefined && (!presenceId || believable(presenceId)))
			change.presence = {
				presence: normalisePresence(system),
				presenceId: presenceId ?? null,
				since: presenceSince,
			};
		if (!change.routing && !change.presence) return;
		this.counts.events++;
		this.#handlers.onEvent?.(userId, Math.max(change.routing?.since ?? 0, change.presence?.since ?? 0));
		// Events of one batch may come out of order: the later state of each kind is kept, not the last read.
		const before = this.#pending.get(userId);
		if (before?.routing && change.routing && change.routing.since < before.routing.since) delete change.routing;
		if (before?.presence && change.presence && change.presence.since < before.presence.since) delete change.presence;
		this.#pending.set(userId, {...before, ...change});
		if (change.routing?.status === 'INTERACTING' || change.routing?.status === 'COMMUNICATING') this.#askMedia(userId);
		this.#batch ??= setTimeout(() => {
			this.#batch = undefined;
			const changes = this.#pending;
			this.#pending = new Map();
			if (!this.#channels.stopped) this.#handlers.onChanges(changes);
		}, this.#batchMs);
	}

	/** The agent status query (50 agents a query) for the agents who began interacting in the last second or two. */
	#askMedia(userId: string): void {
		this.#media.add(userId);
		this.#mediaBatch ??= setTimeout(() => {
			this.#mediaBatch = undefined;
			const asked = [...this.#media];
			this.#media = new Set();
			fetchSessionsNow(this.#client, asked, {signal: this.#controller.signal}).then(
				sessions => {
					if (!this.#channels.stopped) this.#handlers.onSessions(sessions, asked);
				},
				// Media are a part of the board: the next reconcile asks them again.
				() => undefined,
			);
		}, this.#mediaBatchMs);
	}
}
