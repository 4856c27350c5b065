// The notifications service (reference §B): channels, topic subscriptions and a WebSocket server on a loopback port
// of its own that sends heartbeats, queue observation events computed by the observations query's own code, and user
// activity, presence and routing status events computed from the agents' states (agent-states.ts), as the routing
// activity query answers them.
import {randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {type WebSocket, WebSocketServer} from 'ws';
import type {HttpFailure} from './aggregates.js';
import {observationMetrics, type ObservationResult} from './observations.js';

/** Channels one client (user and app) may have; the 21st evicts the oldest, unconnected ones first (§B.2). */
export const maxChannelsPerClient = 20;
/** Topics one channel (its one WebSocket) may carry (§B.2). */
export const maxTopicsPerChannel = 1000;
/** A channel lives 24 hours on the emulator's clock; subscribing again extends it (§B.2). */
export const channelLifetimeMs = 24 * 3_600_000;
/** The most a topic notifies: one a second (§B.2, analytics topics). */
const topicPeriodMs = 1000;
const topicPattern = /^v2\.analytics\.queues\.([^.]+)\.observations$/;
/** `v2.users.{id}.activity`, and `v2.users.{id}?presence&routingStatus` (its events split in two topics, §B.7). */
const activityPattern = /^v2\.users\.([^.?]+)\.activity$/;
const combinedPattern = /^v2\.users\.([^.?]+)\?presence&routingStatus$/;
/**
 * The metrics a queue's events carry: all the query's, but not the longest interaction (its detail ages are drawn anew
 * on every computation, so it would notify every second for nothing).
 */
export const eventMetrics: readonly string[] = observationMetrics.filter(metric => metric !== 'oLongestInteracting');
export const queueObservationsTopic = (queueId: string): string => `v2.analytics.queues.${queueId}.observations`;

export type NotificationOptions = {
	/** Real milliseconds between heartbeats on each socket. Default 30,000 (§B.3). */
	heartbeatMs?: number;
	/** Real milliseconds between two looks at the clock for changed observations. Default 250. */
	checkMs?: number;
	/** Answers every WebSocket upgrade with 403, as a proxy that blocks WebSockets would. */
	refuseUpgrades?: boolean;
};

/** What the service needs from the emulator: its clock, its queues and the observations at an instant. */
export type NotificationSource = {
	now: () => number;
	queueExists: (queueId: string) => boolean;
	/** The queues' observations at the instant, as the observations query answers them (every metric, no details). */
	observe: (queueIds: string[], nowMs: number) => ObservationResult[];
	/** A user's state at the instant (undefined for a user the org does not have). */
	userState?: (userId: string, nowMs: number) => UserState | undefined;
	/** False once a token has expired or was revoked: its channels stop. */
	tokenValid: (token: string) => boolean;
};

/** What a user topic tells: the agent's state as agent-states.ts computes it. */
export type UserState = {
	presence: string;
	presenceId: string;
	presenceSinceMs: number;
	routing: string;
	routingSinceMs: number;
	/** The queues the agent is an active member of. */
	queueIds: readonly string[];
};

/** What a topic is about: a queue's observations, or a user's activity (one topic) or presence and routing status. */
type Subject = {kind: 'queue'; id: string} | {kind: 'activity' | 'combined'; id: string};

function subjectOf(topic: string): Subject | undefined {
	const queueId = topicPattern.exec(topic)?.[1];
	if (queueId) return {kind: 'queue', id: queueId};
	const activity = activityPattern.exec(topic)?.[1];
	if (activity) return {kind: 'activity', id: activity};
	const combined = combinedPattern.exec(topic)?.[1];
	return combined ? {kind: 'combined', id: combined} : undefined;
}

/** The caller of a REST route: its token and client, and whether it may view queue observations. */
export type NotificationCaller = {token: string; clientId: string; permissions: readonly string[]};

type Topic = {
	id: string;
	subject: Subject;
	lastSentAt: number;
	/** When (real time) and at which clock the topic was last looked at: once a second, and only if the clock moved. */
	lookedAt: number;
	lookedClock: number;
	last: Map<string, string>;
};
type Channel = {
	id: string;
	clientId: string;
	token: string;
	expires: number;
	lastUsed: number;
	topics: Map<string, Topic>;
	/** The channel's one socket; eviction takes channels without one first. */
	socket: WebSocket | undefined;
};
/** A group's values (what decides whether it changed) and the message that carries them. */
type Snapshot = {values: string; message: string};

type Answer = {status?: number; body: unknown};

const heartbeat = JSON.stringify({topicName: 'channel.metadata', eventBody: {message: 'WebSocket Heartbeat'}});
const pong = JSON.stringify({topicName: 'channel.metadata', eventBody: {message: 'pong'}});

export class NotificationService {
	readonly options: Required<NotificationOptions>;
	/** Messages sent, by kind, for tests and the bench. */
	readonly sent = {events: 0, heartbeats: 0, socketClosing: 0};
	/** Client health checks (`{"message":"ping"}`) read, answered or not. */
	readonly received = {pings: 0};
	/** Upgrades answered with a socket. */
	connections = 0;
	readonly #source: NotificationSource;
	readonly #channels = new Map<string, Channel>();
	readonly #wss = new WebSocketServer({noServer: true});
	readonly #rawSockets = new Set<Socket>();
	#server: Server | undefined;
	#origin = '';
	#timers: NodeJS.Timeout[] = [];
	#held: Array<() => void> | undefined;
	readonly #heldSockets = new Set<Socket>();
	/** Sockets that send nothing more and answer no ping, yet stay open (silenceSockets). */
	readonly #silenced = new WeakSet<WebSocket>();

	constructor(source: NotificationSource, options: NotificationOptions = {}) {
		this.#source = source;
		this.options = {
			heartbeatMs: options.heartbeatMs ?? 30_000,
			checkMs: options.checkMs ?? 250,
			refuseUpgrades: options.refuseUpgrades ?? false,
		};
	}

	async start(host: string): Promise<void> {
		const server = createServer((_request, response) => {
			response.writeHead(426, {'content-type': 'text/plain'});
			response.end('This port speaks WebSocket only.');
		});
		server.on('connection', socket => {
			this.#rawSockets.add(socket);
			socket.on('close', () => this.#rawSockets.delete(socket));
		});
		server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) =>
			this.#upgrade(request, socket, head),
		);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, host, () => resolve());
		});
		this.#server = server;
		const {port} = server.address() as AddressInfo;
		this.#origin = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
		const every = (ms: number, run: () => void) => {
			const timer = setInterval(run, ms);
			timer.unref();
			this.#timers.push(timer);
		};
		every(this.options.heartbeatMs, () => this.#broadcast(heartbeat, 'heartbeats'));
		every(this.options.checkMs, () => this.check());
	}

	async stop(): Promise<void> {
		for (const timer of this.#timers) clearInterval(timer);
		this.#timers = [];
		for (const client of this.#wss.clients) client.terminate();
		for (const socket of this.#rawSockets) socket.destroy();
		const server = this.#server;
		this.#server = undefined;
		if (server) await new Promise<void>(resolve => server.close(() => resolve()));
	}

	/** The channels of a client, for tests. */
	channelsOf(clientId: string): Array<{id: string; topics: string[]; connected: boolean; expires: number}> {
		return [...this.#channels.values()]
			.filter(channel => channel.clientId === clientId)
			.map(channel => ({
				id: channel.id,
				topics: [...channel.topics.keys()],
				connected: channel.socket !== undefined,
				expires: channel.expires,
			}));
	}

	/** The address a channel's socket connects to. */
	connectUri(channelId: string): string {
		return `${this.#origin}/channels/${channelId}`;
	}

	/** Test hook: closes every socket at once, without a close frame (a network drop). */
	dropSockets(): void {
		for (const client of this.#wss.clients) client.terminate();
	}

	/** Test hook: refuse (true) or accept again (false) WebSocket upgrades. */
	refuseUpgrades(refuse: boolean): void {
		this.options.refuseUpgrades = refuse;
	}

	/** Test hook: upgrades wait unanswered (a slow handshake) until the returned function lets them through. */
	holdUpgrades(): () => void {
		this.#held ??= [];
		return () => {
			const held = this.#held ?? [];
			this.#held = undefined;
			for (const run of held) run();
		};
	}

	/** Upgrades waiting on holdUpgrades (their clients still there). */
	get heldUpgrades(): number {
		return this.#heldSockets.size;
	}

	/** Test hook: the message as is on every socket (a hostile or unexpected event). */
	sendRaw(message: string): void {
		for (const channel of this.#channels.values()) this.#send(channel.socket, message);
	}

	/**
	 * Test hook: the sockets open now go half open, as behind a NAT that forgot them: nothing more is sent on them (no
	 * heartbeat, event or pong) and no close comes. Sockets opened later are not silenced.
	 */
	silenceSockets(): void {
		for (const client of this.#wss.clients) this.#silenced.add(client);
	}

	#send(socket: WebSocket | undefined, message: string): boolean {
		if (!socket || this.#silenced.has(socket)) return false;
		socket.send(message);
		return true;
	}

	/** Test hook: warns every socket that it is about to close, as Genesys does a minute before maintenance. */
	sendSocketClosing(): void {
		const message = JSON.stringify({
			topicName: 'v2.system.socket_closing',
			version: '2',
			eventBody: {message: 'closing'},
		});
		this.#broadcast(message, 'socketClosing');
	}

	/** The REST routes under /api/v2/notifications; undefined for another path. */
	route(
		method: string,
		path: string,
		url: URL,
		body: unknown,
		caller: NotificationCaller,
	): Answer | HttpFailure | undefined {
		if (!path.startsWith('/api/v2/notifications/channels')) return undefined;
		this.#expire();
		if (path === '/api/v2/notifications/channels') {
			if (method === 'POST') return {body: this.#describe(this.#create(caller))};
			if (method !== 'GET') return {status: 405, code: 'method.not.allowed', message: 'Use GET or POST.'};
			const everyToken = url.searchParams.get('includechannels') === 'oauthclient';
			const entities = [...this.#channels.values()]
				.filter(channel => channel.clientId === caller.clientId && (everyToken || channel.token === caller.token))
				.map(channel => this.#describe(channel));
			return {body: {entities}};
		}
		const match = /^\/api\/v2\/notifications\/channels\/([^/]+)(\/subscriptions)?$/.exec(path);
		const channel = match ? this.#channels.get(decodeURIComponent(match[1] ?? '')) : undefined;
		if (!match || !channel || channel.clientId !== caller.clientId)
			return {status: 404, code: 'not.found', message: 'The channel was not found (expired or evicted?).'};
		channel.lastUsed = this.#source.now();
		if (!match[2]) {
			if (method === 'HEAD' || method === 'GET') return {body: this.#describe(channel)};
			return {status: 405, code: 'method.not.allowed', message: 'Use HEAD.'};
		}
		if (method === 'GET') return {body: {entities: this.#listTopics(channel)}};
		if (method === 'DELETE') {
			channel.topics.clear();
			return {body: {entities: []}};
		}
		if (method !== 'PUT' && method !== 'POST')
			return {status: 405, code: 'method.not.allowed', message: 'Use GET, PUT, POST or DELETE.'};
		return this.#subscribe(channel, method === 'PUT', body, url.searchParams.get('ignoreErrors') === 'true', caller);
	}

	#describe(channel: Channel): {id: string; connectUri: string; expires: string} {
		return {
			id: channel.id,
			connectUri: this.connectUri(channel.id),
			expires: new Date(channel.expires).toISOString(),
		};
	}

	#create(caller: NotificationCaller): Channel {
		const now = this.#source.now();
		const own = [...this.#channels.values()].filter(channel => channel.clientId === caller.clientId);
		if (own.length >= maxChannelsPerClient) {
			// Unconnected channels go first, then the one used longest ago.
			const victim = own.sort(
				(a, b) => Number(a.socket !== undefined) - Number(b.socket !== undefined) || a.lastUsed - b.lastUsed,
			)[0]!;
			this.#remove(victim, 'evicted');
		}
		const channel: Channel = {
			id: `streaming-0-${randomUUID()}`,
			clientId: caller.clientId,
			token: caller.token,
			expires: now + channelLifetimeMs,
			lastUsed: now,
			topics: new Map(),
			socket: undefined,
		};
		this.#channels.set(channel.id, channel);
		return channel;
	}

	#listTopics(channel: Channel): Array<Record<string, unknown>> {
		return [...channel.topics.keys()].map(id => ({
			id,
			state: 'Permitted',
			selfUri: `/api/v2/notifications/channels/${channel.id}/subscriptions`,
		}));
	}

	#subscribe(
		channel: Channel,
		replace: boolean,
		body: unknown,
		ignoreErrors: boolean,
		caller: NotificationCaller,
	): Answer | HttpFailure {
		if (!Array.isArray(body))
			return {status: 400, code: 'bad.request', message: 'The body must be a list of topics: [{"id": "..."}].'};
		const permitted = caller.permissions.includes('analytics:queueObservation:view');
		const accepted: string[] = [];
		const rejected: Array<Record<string, unknown>> = [];
		for (const item of body as unknown[]) {
			const id = typeof item === 'object' && item !== null ? (item as {id?: unknown}).id : undefined;
			if (typeof id !== 'string') return {status: 400, code: 'bad.request', message: 'Every topic needs an id.'};
			const subject = subjectOf(id);
			const reason = !subject
				? {rejectionReason: 'The topic is not one the emulator offers.'}
				: subject.kind !== 'queue'
					? this.#source.userState?.(subject.id, this.#source.now())
						? undefined
						: {rejectionReason: `User ${subject.id} was not found.`}
					: !permitted
						? {rejectionReason: 'Missing permissions.', missingPermissions: ['analytics:queueObservation:view']}
						: !this.#source.queueExists(subject.id)
							? {rejectionReason: `Queue ${subject.id} was not found.`}
							: undefined;
			if (!reason) accepted.push(id);
			else if (ignoreErrors) rejected.push({id, state: 'Rejected', ...reason});
			else
				return reason.missingPermissions
					? {status: 403, code: 'missing.any.permissions', message: `Topic ${id}: missing permissions.`}
					: {status: 400, code: 'notification.subscription.invalid', message: `Topic ${id}: ${reason.rejectionReason}`};
		}
		const next = new Set(replace ? accepted : [...channel.topics.keys(), ...accepted]);
		if (next.size > maxTopicsPerChannel)
			return {
				status: 400,
				code: 'notification.too.many.topics',
				message: `A channel may have at most ${maxTopicsPerChannel} topics; this would make ${next.size}.`,
			};
		const now = this.#source.now();
		const kept = new Map<string, Topic>();
		// A new topic's first values are its values now: it notifies when they change.
		const fresh = [...next].filter(id => !channel.topics.has(id));
		const baseline = this.#snapshots(fresh, now);
		for (const id of next) {
			const values = new Map([...(baseline.get(id) ?? [])].map(([group, each]) => [group, each.values]));
			kept.set(
				id,
				channel.topics.get(id) ?? {
					id,
					subject: subjectOf(id)!,
					lastSentAt: 0,
					lookedAt: Date.now(),
					lookedClock: now,
					last: values,
				},
			);
		}
		channel.topics = kept;
		channel.expires = now + channelLifetimeMs;
		return {body: {entities: [...this.#listTopics(channel), ...rejected]}};
	}

	/** Each topic's groups at the instant (a queue's media groups; a user's one activity, or presence and routing). */
	#snapshots(topicIds: readonly string[], nowMs: number): Map<string, Map<string, Snapshot>> {
		const byTopic = new Map<string, Map<string, Snapshot>>();
		const queueTopics = new Map<string, string[]>();
		for (const id of topicIds) {
			const subject = subjectOf(id);
			if (subject?.kind === 'queue') queueTopics.set(subject.id, [...(queueTopics.get(subject.id) ?? []), id]);
			else if (subject) byTopic.set(id, this.#userSnapshot(id, subject, nowMs));
		}
		for (const [queueId, groups] of this.#queueSnapshots([...queueTopics.keys()], nowMs))
			for (const id of queueTopics.get(queueId) ?? [])
				byTopic.set(
					id,
					new Map(
						[...groups].map(([group, {values, body}]) => [
							group,
							{values, message: `{"topicName":"${id}","version":"2","eventBody":${body}}`},
						]),
					),
				);
		return byTopic;
	}

	/**
	 * A user's state as its topic tells it: the activity topic one event with both statuses (§B.7), the combined one
	 * an event on `.presence` when the presence changed and on `.routingStatus` when the routing status did.
	 */
	#userSnapshot(topicId: string, subject: Subject, nowMs: number): Map<string, Snapshot> {
		const state = this.#source.userState?.(subject.id, nowMs);
		const groups = new Map<string, Snapshot>();
		if (!state) return groups;
		const routingStatus = {status: state.routing, startTime: new Date(state.routingSinceMs).toISOString()};
		const presence = {
			presenceDefinition: {id: state.presenceId, systemPresence: state.presence},
			modifiedDate: new Date(state.presenceSinceMs).toISOString(),
		};
		const message = (topicName: string, body: unknown) =>
			JSON.stringify({topicName, version: '2', eventBody: body, metadata: {CorrelationId: randomUUID()}});
		if (subject.kind === 'activity') {
			const values = JSON.stringify([routingStatus, presence]);
			groups.set('activity', {
				values,
				message: message(topicId, {
					id: subject.id,
					routingStatus,
					presence,
					outOfOffice: {active: false, modifiedDate: new Date(0).toISOString()},
					activeQueueIds: state.queueIds,
					dateActiveQueuesChanged: new Date(0).toISOString(),
				}),
			});
			return groups;
		}
		const base = `v2.users.${subject.id}`;
		groups.set('presence', {
			values: JSON.stringify(presence),
			message: message(`${base}.presence`, {
				source: 'PURECLOUD',
				...presence,
				primary: true,
				message: '',
			}),
		});
		groups.set('routingStatus', {
			values: JSON.stringify(routingStatus),
			message: message(`${base}.routingStatus`, {id: subject.id, routingStatus}),
		});
		return groups;
	}

	/** Each queue's groups at the instant, keyed by group: its values and the event body. */
	#queueSnapshots(queueIds: string[], nowMs: number): Map<string, Map<string, {values: string; body: string}>> {
		const byQueue = new Map<string, Map<string, {values: string; body: string}>>();
		if (queueIds.length === 0) return byQueue;
		const interval = `${new Date(nowMs).toISOString()}/${new Date(nowMs).toISOString()}`;
		for (const result of this.#source.observe(queueIds, nowMs)) {
			const groups = byQueue.get(result.group.queueId) ?? new Map<string, {values: string; body: string}>();
			byQueue.set(result.group.queueId, groups);
			const metrics = result.data.map(({metric, qualifier, stats}) => ({
				metric,
				...(qualifier === undefined ? {} : {qualifier}),
				stats,
			}));
			// The nested data[].metrics[] shape of the topic (§B.4), not the query's flat data[]; the interval (the instant)
			// differs every time, so only the values decide whether something changed.
			groups.set(JSON.stringify(result.group), {
				values: JSON.stringify(metrics),
				body: JSON.stringify({group: result.group, data: [{interval, metrics}]}),
			});
		}
		return byQueue;
	}

	/**
	 * Looks at the clock: expired channels stop, and every connected topic whose values changed notifies. A topic is
	 * computed only when the clock moved since its last look, and at most once a second: a fixed clock costs nothing,
	 * a running one a second's worth of queues a second.
	 */
	check(): void {
		this.#expire();
		const now = this.#source.now();
		const realNow = Date.now();
		const due: Array<{channel: Channel; topic: Topic}> = [];
		for (const channel of this.#channels.values()) {
			if (!channel.socket) continue;
			for (const topic of channel.topics.values())
				if (
					topic.lookedClock !== now &&
					realNow - topic.lookedAt >= topicPeriodMs &&
					realNow - topic.lastSentAt >= topicPeriodMs
				)
					due.push({channel, topic});
		}
		if (due.length === 0) return;
		const snapshots = this.#snapshots([...new Set(due.map(each => each.topic.id))], now);
		for (const {channel, topic} of due) {
			topic.lookedAt = realNow;
			topic.lookedClock = now;
			const groups = snapshots.get(topic.id);
			if (!groups) continue;
			let sent = false;
			for (const [group, {values, message}] of groups) {
				if (topic.last.get(group) === values) continue;
				topic.last.set(group, values);
				if (this.#send(channel.socket, message)) this.sent.events++;
				sent = true;
			}
			if (sent) topic.lastSentAt = realNow;
		}
	}

	#expire(): void {
		const now = this.#source.now();
		for (const channel of this.#channels.values())
			if (channel.expires <= now || !this.#source.tokenValid(channel.token)) this.#remove(channel, 'expired');
	}

	#remove(channel: Channel, why: string): void {
		this.#channels.delete(channel.id);
		channel.socket?.close(1000, `channel ${why}`);
		channel.socket = undefined;
	}

	#broadcast(message: string, kind: 'heartbeats' | 'socketClosing'): void {
		for (const channel of this.#channels.values()) if (this.#send(channel.socket, message)) this.sent[kind]++;
	}

	#upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
		if (this.#held) {
			this.#heldSockets.add(socket);
			// Read (nothing comes before the answer), so that a client giving up is seen: its end, then the close.
			const gone = () => {
				this.#heldSockets.delete(socket);
				socket.destroy();
			};
			socket.once('end', gone);
			socket.once('close', gone);
			socket.resume();
			this.#held.push(() => {
				this.#heldSockets.delete(socket);
				if (!socket.destroyed) this.#upgrade(request, socket, head);
			});
			return;
		}
		this.#expire();
		const id = /^\/channels\/([^/?]+)/.exec(request.url ?? '')?.[1];
		const channel = id ? this.#channels.get(decodeURIComponent(id)) : undefined;
		const refuse = this.options.refuseUpgrades ? '403 Forbidden' : channel ? undefined : '404 Not Found';
		if (refuse) {
			socket.end(`HTTP/1.1 ${refuse}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
			return;
		}
		this.#wss.handleUpgrade(request, socket, head, ws => {
			const target = channel!;
			// One socket per channel: a second one disconnects the first (§B.2).
			target.socket?.close(1000, 'another socket connected to this channel');
			target.socket = ws;
			target.lastUsed = this.#source.now();
			this.connections++;
			ws.on('message', data => {
				let message: unknown;
				try {
					message = JSON.parse(String(data)) as unknown;
				} catch {
					return;
				}
				if ((message as {message?: unknown} | null)?.message !== 'ping') return;
				this.received.pings++;
				this.#send(ws, pong);
			});
			ws.on('close', () => {
				if (target.socket === ws) target.socket = undefined;
			});
		});
	}
}
