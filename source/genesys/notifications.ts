// Push (reference §B): notification channels of at most 1,000 topics each, one WebSocket a channel through the API's
// proxy and CA, heartbeats watched, reconnects with jittered backoff and a reconcile after any gap, a new socket on
// socket_closing and a new channel when the old one is gone (token renewed, 24 h). PushChannels is that machinery for
// any feed (a topic per key, an event handler, a reconcile); QueuePush feeds the live queue columns with it, and
// agent-push.ts the people board.
import {WebSocket} from 'ws';
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {refusedSocketAddress} from './socket-address.js';
import {applyObservationGroup, countable, emptyQueue, fetchObservations, type LiveQueue} from './observations.js';

export const channelsPath = '/api/v2/notifications/channels';
/** Topics one channel (one socket) may carry (§B.2). */
export const topicsPerChannel = 1000;
/** Channels one client may have (§B.2): past 20,000 queues push is not possible. */
export const maxChannels = 20;
/** The largest socket message read; an observation event is a few kB. */
const maxMessageBytes = 1024 * 1024;
export const queueTopic = (queueId: string): string => `v2.analytics.queues.${queueId}.observations`;
const topicQueue = /^v2\.analytics\.queues\.([^.]+)\.observations$/;

const channelSchema = z.object({id: z.string(), connectUri: z.string(), expires: z.string().nullish()});
const topicsSchema = z.object({
	entities: z
		.array(
			z.object({
				id: z.string().nullish(),
				state: z.string().nullish(),
				rejectionReason: z.string().nullish(),
				missingPermissions: z.array(z.string()).nullish(),
			}),
		)
		.nullish(),
});
const metricSchema = z.object({
	metric: z.string().nullish(),
	qualifier: z.string().nullish(),
	stats: z.record(z.string(), z.number().nullish()).nullish(),
});
/** A message on the socket: heartbeats, pongs, socket_closing and a feed's events (§B.3); the body is the feed's. */
const messageSchema = z.object({
	topicName: z.string().nullish(),
	eventBody: z.unknown(),
});
/** A queue observation event's body (§B.4). */
const queueEventSchema = z.object({
	group: z.object({queueId: z.string().nullish(), mediaType: z.string().nullish()}).nullish(),
	data: z.array(z.object({interval: z.string().nullish(), metrics: z.array(metricSchema).nullish()})).nullish(),
});

/** The client's health check (§B.3): the service answers with a `pong` on channel.metadata. */
const ping = JSON.stringify({message: 'ping'});

/** Push cannot be used (now): the reason goes to the status bar, and the live columns poll. */
export class PushUnavailable extends Error {
	// By name, so that the screen can tell it without loading this module (and ws, zod) first.
	override name = 'PushUnavailable';
}

export type PushHandlers = {
	/** Queues whose values changed: by events, or by the query that fills or reconciles them. */
	onQueues(queues: Map<string, LiveQueue>): void;
	/** The sockets are all up and heard from (a heartbeat, a pong, an event): the values are current. */
	onHealthy?(): void;
	/** Push gave up (a socket stayed down): the caller polls instead. */
	onDown(reason: string): void;
	/** Each queue event as read, with the instant it observed (its interval's start, epoch ms): for the bench. */
	onEvent?(queueId: string, observedMs: number): void;
};

export type PushOptions = {
	/** The service's heartbeat period; a socket silent for two of them is dead. Default 30 s (§B.3). */
	heartbeatMs?: number;
	/** Reconnect attempts of one socket before push gives up. Default 4. */
	reconnectAttempts?: number;
	/** First reconnect wait, doubled each time, jittered. Default 1 s. */
	backoffBaseMs?: number;
	/** A new channel this long before the old one expires, or the token it was made with. Default 10 minutes. */
	renewBeforeMs?: number;
	/** A socket silent this long is sent `{"message":"ping"}`. Default half a heartbeat period (§B.3). */
	pingAfterMs?: number;
	/** A ping unanswered this long means a dead socket (half open: no close ever comes). Default 10 s. */
	pongWaitMs?: number;
};

/** What one feed subscribes and does with its events: the machinery (PushChannels) is the same for every feed. */
export type Feed = {
	/** The topic of a key (a queue id, a user id). */
	topicOf(key: string): string;
	/** The key an event's topic name is about, when it is one of this feed's topics. */
	keyOf(topicName: string): string | undefined;
	/** An event for a subscribed key (the body as received: the feed parses it). */
	onEvent(key: string, topicName: string, body: unknown): void;
	/** The values now of these keys, after a start or a gap (a query; the signal ends it when the feed stops). */
	reconcile(keys: readonly string[], signal: AbortSignal): Promise<void>;
	/** The sockets are all up and heard from (a heartbeat, a pong, an event): the values are current. */
	onHealthy?(): void;
	/** Push gave up (a socket stayed down): the caller polls instead. */
	onDown(reason: string): void;
};

/** How long the messages of a burst are read before the terminal's input is let in (see PushChannels#receive). */
const readSliceMs = 3;

type Shard = {
	keys: string[];
	/** The same keys, to tell at once whether an event is for one of them. */
	subscribed: Set<string>;
	/** `tokenBound`: it ends with the token it was made with (before its own expiry): a new one needs a new token. */
	channel: {id: string; connectUri: string; expiresAt: number; renewAt: number; tokenBound: boolean};
	socket: WebSocket | undefined;
	lastHeardAt: number;
	/** When a ping went out unanswered (nothing heard since). */
	pingedAt?: number | undefined;
	/** Reconnecting or replacing: a close of the old socket is expected. */
	busy: boolean;
};

/** A topic the service rejected means push cannot serve every key (a permission missing, most often). */
function rejectedTopic(answer: z.infer<typeof topicsSchema>): void {
	const rejected = (answer.entities ?? []).find(topic => topic.state === 'Rejected');
	if (rejected)
		throw new PushUnavailable(rejected.missingPermissions?.length ? 'topic rejected, permission' : 'topic rejected');
}

/**
 * Channels and sockets for a feed's topics: start() subscribes, connects and reconciles; events then go to the feed.
 * Rejects with PushUnavailable when push cannot be used.
 */
export class PushChannels {
	/** REST requests for channels and subscriptions, sockets opened, and events read: for tests and the bench. */
	readonly counts = {channelRequests: 0, sockets: 0, events: 0, reconnects: 0, reconciles: 0};
	readonly #client: GenesysClient;
	readonly #feed: Feed;
	readonly #options: Required<PushOptions>;
	readonly #shards: Shard[] = [];
	readonly #controller = new AbortController();
	readonly #timers = new Set<NodeJS.Timeout>();
	/** Sockets whose handshake runs: stop() ends them too. */
	readonly #opening = new Set<WebSocket>();
	#stopped = false;
	/** The login that renews the token for channels about to end with theirs. */
	#renewing: Promise<void> | undefined;
	/** Messages received and not read yet, in order, from `#next` on (see #receive). */
	#inbox: Array<{shard: Shard; data: WebSocket.RawData}> = [];
	#next = 0;
	#reading: NodeJS.Immediate | undefined;
	/** add() calls, one after another. */
	#adding: Promise<void> = Promise.resolve();

	constructor(client: GenesysClient, feed: Feed, options: PushOptions = {}) {
		this.#client = client;
		this.#feed = feed;
		this.#options = {
			heartbeatMs: options.heartbeatMs ?? 30_000,
			reconnectAttempts: options.reconnectAttempts ?? 4,
			backoffBaseMs: options.backoffBaseMs ?? 1000,
			renewBeforeMs: options.renewBeforeMs ?? 600_000,
			pingAfterMs: options.pingAfterMs ?? (options.heartbeatMs ?? 30_000) / 2,
			pongWaitMs: options.pongWaitMs ?? 10_000,
		};
	}

	/**
	 * Channels and topics for the keys, a socket each, then the feed's reconcile (after the subscriptions, so no change
	 * falls between the two).
	 */
	async start(keys: readonly string[], what = 'queues'): Promise<void> {
		const unique = [...new Set(keys)];
		if (unique.length > topicsPerChannel * maxChannels)
			throw new PushUnavailable(`over ${topicsPerChannel * maxChannels} ${what}`);
		// Whatever fails on the way (a channel, a socket, the fill) leaves nothing open behind it.
		try {
			for (let index = 0; index < unique.length; index += topicsPerChannel) {
				const ids = unique.slice(index, index + topicsPerChannel);
				this.#shards.push(await this.#shardOf(ids, false));
			}
			await Promise.all(this.#shards.map(async shard => this.#connect(shard)));
			this.#every(Math.max(50, this.#options.heartbeatMs / 4), () => this.#watch());
			await this.#reconcile(unique);
		} catch (error) {
			this.stop();
			throw error;
		}
	}

	/**
	 * More keys on the running feed (an agent who joined a queue since the start): their topics added to channels with
	 * room (a POST adds to a channel's topics, §B.2), a new channel past them; keys subscribed already are skipped. What
	 * cannot be added now (a channel reconnecting, a failed request, every channel taken) is left out, for the caller's
	 * next call to add again; a topic rejected ends push, as it does at the start. Calls run one after another.
	 */
	add(keys: readonly string[]): Promise<void> {
		const run = async () => {
			if (this.#stopped) return;
			const known = new Set<string>();
			for (const shard of this.#shards) for (const key of shard.keys) known.add(key);
			let fresh = [...new Set(keys)].filter(key => !known.has(key));
			// A channel with room that is reconnecting takes them next time: no new channel while one has room.
			let waiting = false;
			try {
				for (const shard of this.#shards) {
					const room = topicsPerChannel - shard.keys.length;
					if (fresh.length === 0 || this.#stopped) return;
					if (room <= 0) continue;
					if (shard.busy) {
						waiting = true;
						continue;
					}
					const ids = fresh.slice(0, room);
					fresh = fresh.slice(ids.length);
					await this.#addTo(shard, ids);
				}
				while (fresh.length > 0 && !waiting && this.#shards.length < maxChannels && !this.#stopped) {
					const ids = fresh.slice(0, topicsPerChannel);
					fresh = fresh.slice(ids.length);
					const shard = await this.#shardOf(ids, true);
					this.#shards.push(shard);
					try {
						await this.#connect(shard);
					} finally {
						shard.busy = false;
					}
				}
			} catch (error) {
				if (this.#stopped) return;
				if (error instanceof PushUnavailable && error.message.startsWith('topic rejected')) {
					this.stop();
					this.#feed.onDown(error.message);
				}
				// Anything else: the next call adds them (a shard whose socket failed reconnects on the watch).
			}
		};
		this.#adding = this.#adding.then(run);
		return this.#adding;
	}

	/** Topics added to a shard's channel; its keys hear events from the moment the request goes. */
	async #addTo(shard: Shard, ids: string[]): Promise<void> {
		shard.keys.push(...ids);
		for (const id of ids) shard.subscribed.add(id);
		try {
			this.counts.channelRequests++;
			const answer = await this.#client.post(
				`${channelsPath}/${encodeURIComponent(shard.channel.id)}/subscriptions?ignoreErrors=true`,
				ids.map(id => ({id: this.#feed.topicOf(id)})),
				topicsSchema,
				this.#controller.signal,
			);
			rejectedTopic(answer);
		} catch (error) {
			const added = new Set(ids);
			shard.keys = shard.keys.filter(key => !added.has(key));
			for (const id of ids) shard.subscribed.delete(id);
			throw error;
		}
	}

	/** Every socket open and none reconnecting: the values are as current as the service's. */
	get healthy(): boolean {
		return !this.#stopped && this.#shards.every(shard => !shard.busy && shard.socket?.readyState === WebSocket.OPEN);
	}

	get stopped(): boolean {
		return this.#stopped;
	}

	/** The channels (one a shard), for tests and the bench. */
	get channels(): number {
		return this.#shards.length;
	}

	stop(): void {
		this.#stopped = true;
		this.#controller.abort();
		for (const timer of this.#timers) clearTimeout(timer);
		this.#timers.clear();
		for (const socket of this.#opening) socket.terminate();
		clearImmediate(this.#reading);
		this.#inbox = [];
		for (const shard of this.#shards) {
			shard.busy = true;
			shard.socket?.terminate();
		}
	}

	/** A shard of these keys: their channel subscribed, no socket yet. */
	async #shardOf(keys: string[], busy: boolean): Promise<Shard> {
		const channel = await this.#subscribe(keys);
		return {keys, subscribed: new Set(keys), channel, socket: undefined, lastHeardAt: Date.now(), busy};
	}

	/** A channel with these keys' topics; a rejected topic means push cannot serve them all. */
	async #subscribe(keys: string[]): Promise<Shard['channel']> {
		const signal = this.#controller.signal;
		this.counts.channelRequests += 2;
		const channel = await this.#client.post(channelsPath, {}, channelSchema, signal);
		const answer = await this.#client.post(
			`${channelsPath}/${encodeURIComponent(channel.id)}/subscriptions?ignoreErrors=true`,
			keys.map(id => ({id: this.#feed.topicOf(id)})),
			topicsSchema,
			signal,
		);
		rejectedTopic(answer);
		const expires = channel.expires ? Date.parse(channel.expires) : Number.NaN;
		// The channel's expiry is on the server's clock; ours may differ.
		const expiresAt = Number.isNaN(expires) ? Date.now() + 86_400_000 : Date.now() + expires - this.#client.serverNow();
		// A channel stops with the token it was made with (§B.5): a client-credentials token often ends first.
		const tokenEndsAt = this.#client.tokenExpiresAt() ?? Number.POSITIVE_INFINITY;
		const endsAt = Math.min(expiresAt, tokenEndsAt);
		// Replaced renewBeforeMs ahead, or a quarter of its life ahead when that is shorter (a 5-minute token).
		const renewAt = endsAt - Math.min(this.#options.renewBeforeMs, Math.max(0, endsAt - Date.now()) / 4);
		return {
			id: channel.id,
			connectUri: channel.connectUri,
			expiresAt: endsAt,
			renewAt,
			tokenBound: tokenEndsAt < expiresAt,
		};
	}

	/** Opens the shard's socket; resolves once it is open, rejects with PushUnavailable when it cannot be. */
	async #connect(shard: Shard): Promise<void> {
		const refused = refusedSocketAddress(shard.channel.connectUri);
		if (refused) throw new PushUnavailable(refused);
		const agent = this.#client.socketAgent(shard.channel.connectUri);
		// An event is a few kB: a message of megabytes (ws takes up to 100 MiB) is not read whole; the socket closes and
		// reconnects.
		const socket = new WebSocket(shard.channel.connectUri, {
			...(agent ? {agent} : {}),
			handshakeTimeout: 15_000,
			maxPayload: maxMessageBytes,
		});
		// A socket's errors end in its close (handled below) or in the rejection here: never an uncaught one.
		socket.on('error', () => undefined);
		this.#opening.add(socket);
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('unexpected-response', (_request, response) => {
				socket.terminate();
				reject(new PushUnavailable(`WebSocket refused (HTTP ${response.statusCode ?? '?'})`));
			});
			socket.once('error', (error: Error & {code?: string}) =>
				reject(new PushUnavailable(`WebSocket failed (${error.code ?? error.message})`)),
			);
		}).finally(() => this.#opening.delete(socket));
		// Stopped while the handshake ran (`l`, the screen left, push given up): nothing may keep this socket.
		if (this.#stopped) {
			socket.terminate();
			throw new PushUnavailable('stopped');
		}
		this.counts.sockets++;
		const previous = shard.socket;
		shard.socket = socket;
		shard.lastHeardAt = Date.now();
		// A ping the old socket left unanswered is not this one's: held against it, the watch would end every new
		// socket before it is heard from (a heartbeat is 30 s away), reconnecting and reconciling for ever.
		shard.pingedAt = undefined;
		socket.on('message', data => this.#receive(shard, data));
		socket.on('close', () => {
			if (shard.socket === socket && !shard.busy && !this.#stopped) void this.#reconnect(shard);
		});
		// The old socket of a replaced channel: the server closes it, or we do.
		if (previous && previous !== socket) previous.close();
	}

	/**
	 * A message is heard at once and read soon after: the service sends a second's changes together (hundreds of events
	 * in one burst at 5,000 queues), and read in one go they would keep a keypress waiting for tens of milliseconds.
	 * They are read in slices of readSliceMs, in order, with the terminal's input let in between.
	 */
	#receive(shard: Shard, data: WebSocket.RawData): void {
		shard.lastHeardAt = Date.now();
		shard.pingedAt = undefined;
		this.#inbox.push({shard, data});
		this.#reading ??= setImmediate(() => this.#readSome());
	}

	#readSome(): void {
		this.#reading = undefined;
		const until = performance.now() + readSliceMs;
		while (this.#next < this.#inbox.length && !this.#stopped) {
			const {shard, data} = this.#inbox[this.#next]!;
			this.#inbox[this.#next++] = undefined as never;
			this.#read(shard, String(data));
			if (performance.now() >= until) break;
		}
		if (this.#next < this.#inbox.length && !this.#stopped) this.#reading = setImmediate(() => this.#readSome());
		else {
			this.#inbox = [];
			this.#next = 0;
		}
	}

	#read(shard: Shard, text: string): void {
		let parsed: z.infer<typeof messageSchema>;
		try {
			const result = messageSchema.safeParse(JSON.parse(text));
			if (!result.success) return;
			parsed = result.data;
		} catch {
			return;
		}
		const topic = parsed.topicName ?? '';
		if (topic === 'channel.metadata') {
			this.#feed.onHealthy?.();
			return;
		}
		// Maintenance ahead: a new socket now (it takes over the channel, §B.2), so no event falls in a gap.
		if (topic === 'v2.system.socket_closing') {
			void this.#replace(shard);
			return;
		}
		const key = this.#feed.keyOf(topic);
		// Only the keys this socket subscribed: an event for another (unasked, a stray id) is not this feed's.
		if (key === undefined || !shard.subscribed.has(key) || parsed.eventBody === undefined) return;
		this.#feed.onEvent(key, topic, parsed.eventBody);
	}

	/**
	 * A socket silent for a while is pinged (§B.3); one that leaves the ping unanswered, or is silent for two heartbeat
	 * periods, is dead (half open: no close comes); one that closed while its shard was busy (its close went unanswered)
	 * reconnects; channels about to expire, or whose token is, are replaced.
	 */
	#watch(): void {
		const now = Date.now();
		for (const shard of this.#shards) {
			if (shard.busy) continue;
			const {socket} = shard;
			if (!socket || socket.readyState === WebSocket.CLOSED) void this.#reconnect(shard);
			else if (
				now - shard.lastHeardAt > 2 * this.#options.heartbeatMs ||
				(shard.pingedAt !== undefined && now - shard.pingedAt > this.#options.pongWaitMs)
			)
				socket.terminate();
			else if (now >= shard.channel.renewAt) void this.#replace(shard, true);
			else if (
				shard.pingedAt === undefined &&
				now - shard.lastHeardAt > this.#options.pingAfterMs &&
				socket.readyState === WebSocket.OPEN
			) {
				shard.pingedAt = now;
				socket.send(ping);
			}
		}
	}

	/**
	 * A fresh token for the channels made with one about to end: one login for every shard (they were made together),
	 * none when another shard's renewal already brought a token that ends later.
	 */
	async #renewToken(shard: Shard): Promise<void> {
		if (!shard.channel.tokenBound) return;
		if ((this.#client.tokenExpiresAt() ?? 0) > shard.channel.expiresAt) return;
		this.#renewing ??= this.#client.verify(this.#controller.signal).finally(() => (this.#renewing = undefined));
		await this.#renewing;
	}

	/** A new socket on the channel (socket_closing), or a new channel and socket (expiry), without a gap. */
	async #replace(shard: Shard, newChannel = false): Promise<void> {
		if (shard.busy || this.#stopped) return;
		shard.busy = true;
		try {
			if (newChannel) {
				await this.#renewToken(shard);
				shard.channel = await this.#subscribe(shard.keys);
			}
			await this.#connect(shard);
			if (newChannel) await this.#reconcile(shard.keys);
		} catch {
			shard.busy = false;
			if (!this.#stopped) void this.#reconnect(shard);
			return;
		}
		shard.busy = false;
	}

	/**
	 * After a drop: the same channel again, or a new one when it is gone (its token renewed, expired, evicted), with
	 * jittered backoff; then one query for the values that changed in the gap. Gives up after a few attempts.
	 */
	async #reconnect(shard: Shard): Promise<void> {
		if (shard.busy || this.#stopped) return;
		shard.busy = true;
		this.counts.reconnects++;
		let reason = 'WebSocket down';
		for (let attempt = 1; attempt <= this.#options.reconnectAttempts && !this.#stopped; attempt++) {
			const wait = this.#options.backoffBaseMs * 2 ** (attempt - 1);
			await new Promise<void>(resolve => this.#after(wait / 2 + (Math.random() * wait) / 2, resolve));
			if (this.#stopped) return;
			try {
				try {
					await this.#connect(shard);
				} catch (error) {
					// 404: the channel is gone; anything else may pass with a new one too.
					if (error instanceof PushUnavailable && error.message.includes('HTTP 403')) throw error;
					shard.channel = await this.#subscribe(shard.keys);
					await this.#connect(shard);
				}
				shard.busy = false;
				await this.#reconcile(shard.keys);
				return;
			} catch (error) {
				reason = error instanceof PushUnavailable ? error.message : 'WebSocket down';
			}
		}
		if (this.#stopped) return;
		this.stop();
		this.#feed.onDown(reason);
	}

	/** The feed's values now, after a start or a gap. */
	async #reconcile(keys: readonly string[]): Promise<void> {
		this.counts.reconciles++;
		await this.#feed.reconcile(keys, this.#controller.signal);
		if (!this.#stopped) this.#feed.onHealthy?.();
	}

	#after(ms: number, run: () => void): void {
		const timer = setTimeout(() => {
			this.#timers.delete(timer);
			run();
		}, ms);
		this.#timers.add(timer);
	}

	#every(ms: number, run: () => void): void {
		const timer = setInterval(run, ms);
		this.#timers.add(timer);
	}
}

/** The live columns' push feed: start() subscribes, connects and fills; events then update the queues. */
export class QueuePush {
	readonly #client: GenesysClient;
	readonly #handlers: PushHandlers;
	readonly #channels: PushChannels;
	readonly #queues = new Map<string, LiveQueue>();
	#changed = new Set<string>();
	#flushing: NodeJS.Timeout | undefined;

	constructor(client: GenesysClient, handlers: PushHandlers, options: PushOptions = {}) {
		this.#client = client;
		this.#handlers = handlers;
		this.#channels = new PushChannels(
			client,
			{
				topicOf: queueTopic,
				keyOf: topic => topicQueue.exec(topic)?.[1],
				onEvent: (queueId, _topic, body) => this.#read(queueId, body),
				// One observations query per 100 queues: the values now, after a start or a gap.
				reconcile: async (queueIds, signal) => {
					const fresh = await fetchObservations(this.#client, queueIds, {signal});
					if (this.#channels.stopped) return;
					for (const [id, queue] of fresh) this.#queues.set(id, queue);
					this.#handlers.onQueues(fresh);
				},
				...(handlers.onHealthy ? {onHealthy: () => handlers.onHealthy?.()} : {}),
				onDown: reason => handlers.onDown(reason),
			},
			options,
		);
	}

	/** REST requests for channels and subscriptions, sockets opened, and events read: for tests and the bench. */
	get counts(): PushChannels['counts'] {
		return this.#channels.counts;
	}

	/**
	 * Channels and topics for the queues, a socket each, then one query per 100 queues for their values now. Throws
	 * PushUnavailable when push cannot be used.
	 */
	async start(queueIds: readonly string[]): Promise<void> {
		await this.#channels.start(queueIds);
	}

	get healthy(): boolean {
		return this.#channels.healthy;
	}

	stop(): void {
		clearTimeout(this.#flushing);
		this.#channels.stop();
	}

	/**
	 * The queues with someone waiting, their longest waits aged to now: an oldest waiter who is still waiting sends no
	 * event (its start does not change), but the wait on screen must grow as it would by polling.
	 */
	agedNow(): Map<string, LiveQueue> {
		const now = this.#client.serverNow();
		const aged = new Map<string, LiveQueue>();
		for (const [id, queue] of this.#queues) {
			if (queue.longestWaitingMs === null) continue;
			const since = Math.max(0, now - queue.observedAt);
			const grown = (ms: number | null) => (ms === null ? null : ms + since);
			const next: LiveQueue = {
				...queue,
				longestWaitingMs: grown(queue.longestWaitingMs),
				media: queue.media.map(media => ({...media, longestWaitingMs: grown(media.longestWaitingMs)})),
				observedAt: now,
			};
			this.#queues.set(id, next);
			aged.set(id, next);
		}
		return aged;
	}

	#read(queueId: string, raw: unknown): void {
		const parsed = queueEventSchema.safeParse(raw);
		if (!parsed.success) return;
		const body = parsed.data;
		if (body.group?.queueId !== queueId) return;
		// An event is a whole group (§B.4); a 30-minute aggregate bucket on the same topic is not live: skipped.
		const metrics = (body.data ?? [])
			.filter(item => !item.interval || item.interval.split('/')[0] === item.interval.split('/')[1])
			.flatMap(item => item.metrics ?? []);
		if (!metrics.some(item => item.metric?.startsWith('o'))) return;
		// A count or a timestamp that cannot be one (negative, a fraction, past 2^53) discredits the event: values stay.
		const numbers = metrics.flatMap(item => [item.stats?.['count'], item.stats?.['calculatedMetricValue']]);
		if (numbers.some(value => typeof value === 'number' && !countable(value))) return;
		this.counts.events++;
		const instant = Date.parse(body.data?.[0]?.interval?.split('/')[0] ?? '');
		if (!Number.isNaN(instant)) this.#handlers.onEvent?.(queueId, instant);
		const now = this.#client.serverNow();
		const before = this.#queues.get(queueId) ?? emptyQueue(queueId, now);
		const queue: LiveQueue = {...before, media: [...before.media], observedAt: now};
		const data = metrics.map(item => ({
			...(item.metric ? {metric: item.metric} : {}),
			...(item.qualifier ? {qualifier: item.qualifier} : {}),
			stats: {
				...(typeof item.stats?.['count'] === 'number' ? {count: item.stats['count']} : {}),
				...(typeof item.stats?.['calculatedMetricValue'] === 'number'
					? {calculatedMetricValue: item.stats['calculatedMetricValue']}
					: {}),
			},
		}));
		// An event may carry only the metrics that changed (§B.4: UNCONFIRMED; the captured one has oAlerting and oWaiting
		// alone): a metric it leaves out keeps its value, never drops to 0.
		const mediaType = body.group.mediaType ?? undefined;
		const present = new Set(data.map(item => item.metric));
		if (mediaType === undefined && !present.has('oOnQueueUsers')) return;
		const previous = before.media.find(media => media.mediaType === mediaType);
		if (mediaType !== undefined && previous) {
			if (!present.has('oWaiting')) data.push({metric: 'oWaiting', stats: {count: previous.waiting}});
			if (!present.has('oInteracting')) data.push({metric: 'oInteracting', stats: {count: previous.interacting}});
			// The oldest waiter's start, as the topic gives it: its wait goes on growing.
			if (!present.has('oLongestWaiting') && previous.longestWaitingMs !== null)
				data.push({
					metric: 'oLongestWaiting',
					stats: {calculatedMetricValue: before.observedAt - previous.longestWaitingMs},
				});
		}
		applyObservationGroup(queue, mediaType, data, now);
		this.#queues.set(queueId, queue);
		this.#changed.add(queueId);
		this.#flushSoon();
	}

	/** Events of one moment go to the screen together. */
	#flushSoon(): void {
		if (this.#changed.size !== 1) return;
		this.#flushing = setTimeout(() => {
			const changed = new Map([...this.#changed].map(id => [id, this.#queues.get(id)!]));
			this.#changed = new Set();
			if (!this.#channels.stopped && changed.size > 0) this.#handlers.onQueues(changed);
		}, 20);
	}
}
