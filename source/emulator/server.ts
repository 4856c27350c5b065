// The Genesys Cloud emulator: node:http on loopback serving the login, aggregates and queue endpoints
// with real error bodies, tokens, a per-token rate limit and injectable faults.
import {randomBytes, randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {Worker} from 'node:worker_threads';
import {type HttpFailure, runAggregateQuery, validateAggregateQuery} from './aggregates.js';
import {UsageError} from '../errors.js';
import {queueMediaKey} from './catalog.js';
import {type EmulatedQueue, generateOrg, type Org} from './org.js';
import {createTrafficModel, type TrafficModel} from './traffic.js';
import {type ObservationResult, runObservationQuery, type Scenario, validateObservationQuery} from './observations.js';
import type {ComputeAnswer, ComputeSetup, ComputeTask} from './compute-worker.js';
import {peopleOf} from './people.js';
import {listUsers, listWrapupCodes} from './people-routes.js';
import {listPresenceDefinitions, runActivityQuery, validateActivityQuery} from './activity.js';
import {runAgentStatusQuery, validateAgentStatusQuery} from './agent-status.js';
import {listOf, page} from './listing.js';
import {listLanguages, listSkills} from './skills.js';
import {DetailsService} from './details-routes.js';
import {runFlowQuery, validateFlowQuery} from './flow-aggregates.js';
import {listFlowOutcomes, listFlows, runFlowObservations} from './flow-routes.js';
import {joinQueue, userStateOf} from './agent-states.js';
import {eventMetrics, type NotificationOptions, NotificationService} from './notifications.js';

export type EmulatorClient = {id: string; secret: string; permissions: string[]};

export type Fault =
	| {kind: 'status'; status: number; retryAfter?: number | string; body?: string; contentType?: string}
	| {kind: 'hang'}
	| {kind: 'reset'}
	| {kind: 'truncate'}
	| {kind: 'malformed'}
	| {kind: 'shape'}
	/** Revokes every token, then answers as usual (so the request gets a 401). */
	| {kind: 'revoke'}
	/** Rewrites a successful JSON answer: partial groups, odd values, anything a test needs. */
	| {kind: 'transform'; transform: (body: unknown) => unknown};

export type ScheduledFault = Fault & {
	/** Only requests whose path starts with this; default all. */
	path?: string;
	/** How many matching requests it hits; default 1. */
	times?: number;
};

export type RecordedRequest = {
	method: string;
	path: string;
	host: string;
	authorization: string | undefined;
	/** Every header line as received, to check that nothing meant for a proxy arrived here. */
	rawHeaders: string;
	body: string;
};

export type EmulatorOptions = {
	seed?: number;
	queues?: number;
	/** Queues listed after those, that take no traffic at all (an organization's unused queues). Default 0. */
	idleQueues?: number;
	/** The org's users (agents); default 0.6 a queue, at least 24. */
	agents?: number;
	port?: number;
	host?: string;
	clients?: EmulatorClient[];
	tokenLifetimeSeconds?: number;
	/** Requests per minute per token; 0 turns the limit off. Default 300. */
	rateLimitPerMinute?: number;
	/** Largest page the queue listing serves, whatever is asked. Default 100. */
	maxPageSize?: number;
	/** Added to every answer. */
	latencyMs?: number;
	/** The emulator's clock: data exists up to this instant. */
	now?: () => number;
	/** How "no data at all" is answered. */
	emptyResults?: 'empty-object' | 'empty-array';
	/** UTC offset of the org's business hours (minutes). Default -300 (US Eastern). */
	businessOffsetMinutes?: number;
	/** Keep a log of requests (tests use it to see where secrets went). */
	recordRequests?: boolean;
	/**
	 * Worker threads that compute aggregate queries, so several run at once and a long one does not
	 * hold up other requests, as on Genesys. 0 (the default) computes them in the server's thread.
	 * Needs the built emulator (dist/), as workers run JavaScript.
	 */
	computeThreads?: number;
	/** Largest pageNumber x pageSize of the synchronous details query (an emulator choice). Default 10,000. */
	detailsResultWindow?: number;
	/** Members a routing activity query lists per queue before it truncates (an emulator choice). Default 1,000. */
	activityDetailCap?: number;
	/** Real milliseconds from a details job's submission to FULFILLED. Default 1500. */
	detailsJobDelayMs?: number;
	/** The details jobs' data availability date, epoch ms. Default: a day before the clock, rounded down to the hour. */
	detailsAvailabilityMs?: number;
	/**
	 * Scripted queues (by id or name): between `fromMs` and `toMs` of the clock (epoch ms) the queue's first media type
	 * has `waiting` callers (default 5), the oldest `longestWaitSeconds` (default 300); nobody waits there otherwise.
	 */
	scenarios?: Array<{queue: string; fromMs: number; toMs: number; waiting?: number; longestWaitSeconds?: number}>;
	/** The notifications service: heartbeat period, how often it looks for changes, refused upgrades. */
	notifications?: NotificationOptions;
};

/** What a route answers: a body to send as JSON, or JSON text made elsewhere (a compute thread). */
type Answer = {status?: number; body: unknown; json?: string; headers?: Record<string, string>};

/** Worker threads computing aggregate queries, each task to the next idle one. */
class ComputePool {
	readonly #idle: Worker[] = [];
	readonly #all: Worker[] = [];
	readonly #waiting: Array<{task: ComputeTask; resolve: (answer: ComputeAnswer) => void}> = [];
	readonly #pending = new Map<number, (answer: ComputeAnswer) => void>();
	#next = 0;
	#closed = false;

	readonly #setup: ComputeSetup;
	/** The task each busy worker has. */
	readonly #busy = new Map<Worker, number>();

	constructor(threads: number, setup: ComputeSetup) {
		this.#setup = setup;
		for (let index = 0; index < threads; index++) this.#spawn();
	}

	#spawn(): void {
		const worker = new Worker(new URL('./compute-worker.js', import.meta.url), {workerData: this.#setup});
		worker.on('message', (answer: ComputeAnswer) => {
			this.#pending.get(answer.id)?.(answer);
			this.#pending.delete(answer.id);
			this.#busy.delete(worker);
			this.#idle.push(worker);
			this.#dispatch();
		});
		// A worker that dies fails its task (the request gets a 500) and is replaced.
		worker.on('error', (error: Error) => {
			const id = this.#busy.get(worker);
			if (id !== undefined) {
				this.#pending.get(id)?.({id, error: error.message});
				this.#pending.delete(id);
			}
			this.#busy.delete(worker);
			this.#all.splice(this.#all.indexOf(worker), 1);
			const idle = this.#idle.indexOf(worker);
			if (idle >= 0) this.#idle.splice(idle, 1);
			if (!this.#closed) this.#spawn();
			this.#dispatch();
		});
		worker.unref();
		this.#all.push(worker);
		this.#idle.push(worker);
	}

	get size(): number {
		return this.#all.length;
	}

	run(query: unknown, nowMs: number): Promise<ComputeAnswer> {
		return new Promise((resolve, reject) => {
			this.#waiting.push({
				task: {id: this.#next++, query, nowMs},
				resolve: answer => (answer.error ? reject(new Error(answer.error)) : resolve(answer)),
			});
			this.#dispatch();
		});
	}

	#dispatch(): void {
		while (this.#idle.length > 0 && this.#waiting.length > 0) {
			const worker = this.#idle.shift()!;
			const {task, resolve} = this.#waiting.shift()!;
			this.#pending.set(task.id, resolve);
			this.#busy.set(worker, task.id);
			worker.postMessage(task);
		}
	}

	async close(): Promise<void> {
		this.#closed = true;
		await Promise.all(this.#all.map(worker => worker.terminate()));
	}
}

export const demoClient: EmulatorClient = {
	id: 'gqx-demo-client',
	secret: 'gqx-demo-secret',
	permissions: [
		'analytics:conversationAggregate:view',
		'routing:queue:view',
		'routing:wrapupCode:view',
		'routing:skill:view',
		'analytics:queueObservation:view',
		'analytics:conversationDetail:view',
		'analytics:agentState:view',
		'analytics:flowAggregate:view',
		'analytics:flowObservation:view',
		'architect:flow:view',
		'architect:flowOutcome:view',
	],
};

type TokenRecord = {clientId: string; permissions: string[]; expiresAt: number; hits: number[]};

/** A request's JSON body, or a 400 as the API answers for one that is not JSON. */
function jsonBody(body: string): unknown {
	try {
		return JSON.parse(body) as unknown;
	} catch {
		throw new HttpError(400, 'bad.request', 'The request body is not valid JSON.');
	}
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

/** The first prefix that matches a path names the permissions it needs: any one of them will do. */
const permissionsByRoute: Array<{prefix: string; permissions: string[]}> = [
	{prefix: '/api/v2/analytics/conversations/aggregates', permissions: ['analytics:conversationAggregate:view']},
	{
		prefix: '/api/v2/analytics/conversations/details/jobs/availability',
		permissions: ['analytics:conversationDetail:view'],
	},
	// Details: the query, jobs and conversations by id (A.1).
	{
		prefix: '/api/v2/analytics/conversations/',
		permissions: ['analytics:conversationDetail:view', 'analytics:agentConversationDetail:view'],
	},
	{prefix: '/api/v2/routing/queues', permissions: ['routing:queue:view']},
	{prefix: '/api/v2/routing/wrapupcodes', permissions: ['routing:wrapupCode:view']},
	{prefix: '/api/v2/routing/skills', permissions: ['routing:skill:view']},
	{prefix: '/api/v2/analytics/queues/observations', permissions: ['analytics:queueObservation:view']},
	{prefix: '/api/v2/analytics/routing/activity', permissions: ['analytics:queueObservation:view']},
	{prefix: '/api/v2/analytics/agents/status', permissions: ['analytics:agentState:view']},
	{prefix: '/api/v2/analytics/flows/aggregates', permissions: ['analytics:flowAggregate:view']},
	{prefix: '/api/v2/analytics/flows/observations', permissions: ['analytics:flowObservation:view']},
	{prefix: '/api/v2/flows/outcomes', permissions: ['architect:flowOutcome:view']},
	{prefix: '/api/v2/flows', permissions: ['architect:flow:view']},
];

export class Emulator {
	readonly org: Org;
	readonly model: TrafficModel;
	readonly clients = new Map<string, EmulatorClient>();
	readonly requests: RecordedRequest[] = [];
	/** Every access token handed out, so tests can look for leaks. */
	readonly issuedTokens: string[] = [];
	/** Requests answered, by path prefix, for assertions on request counts. */
	readonly counts = {
		token: 0,
		aggregates: 0,
		queues: 0,
		rateLimited: 0,
		observations: 0,
		activity: 0,
		agentStatus: 0,
		presenceDefinitions: 0,
		users: 0,
		wrapupCodes: 0,
		skills: 0,
		languages: 0,
		details: 0,
		flows: 0,
		/** Notification channel and subscription requests. */
		notifications: 0,
	};
	/** The results of the most recent observation answers (newest last, a few kept), for tests to compare with. */
	readonly observationsServed: ObservationResult[][] = [];
	options: Required<
		Omit<
			EmulatorOptions,
			'clients' | 'port' | 'host' | 'now' | 'computeThreads' | 'detailsAvailabilityMs' | 'agents' | 'notifications'
		>
	>;
	/** Channels, subscriptions and the WebSocket server (reference §B). */
	readonly notifications: NotificationService;
	/** The conversation details endpoints. */
	readonly details: DetailsService;
	#server: Server | undefined;
	#url = '';
	#tokens = new Map<string, TokenRecord>();
	/** Queues deleted since their traffic happened: gone from the listing, still in analytics. */
	#deleted = new Set<string>();
	/** Each queue's last observed moment (observations.ts observedMoment). */
	#moments = new Map<string, number>();
	/** Users gone even from `state=any` (the lookup must fall back to their id). */
	#purgedUsers = new Set<string>();
	#faults: ScheduledFault[] = [];
	#sockets = new Set<Socket>();
	#now: () => number;
	#scripted: Scenario[] | undefined;
	#pool: ComputePool | undefined;

	constructor(options: EmulatorOptions = {}) {
		this.#now = options.now ?? (() => Date.now());
		this.options = {
			seed: options.seed ?? 1,
			queues: options.queues ?? 60,
			idleQueues: options.idleQueues ?? 0,
			scenarios: options.scenarios ?? [],
			tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86_399,
			rateLimitPerMinute: options.rateLimitPerMinute ?? 300,
			maxPageSize: options.maxPageSize ?? 100,
			latencyMs: options.latencyMs ?? 0,
			emptyResults: options.emptyResults ?? 'empty-object',
			businessOffsetMinutes: options.businessOffsetMinutes ?? -300,
			recordRequests: options.recordRequests ?? false,
			detailsResultWindow: options.detailsResultWindow ?? 10_000,
			activityDetailCap: options.activityDetailCap ?? 1000,
			detailsJobDelayMs: options.detailsJobDelayMs ?? 1500,
		};
		for (const client of options.clients ?? [demoClient]) this.clients.set(client.id, client);
		this.org = generateOrg(this.options.seed, this.options.queues, this.options.idleQueues, options.agents);
		// Data starts 400 days before the clock, at a day boundary, so "last year" has history.
		const start = this.#now() - 400 * 86_400_000;
		const dataStartMs = start - (start % 86_400_000);
		this.model = createTrafficModel(this.options.seed, {
			offsetMinutes: this.options.businessOffsetMinutes,
			dataStartMs,
			nowMs: this.#now,
		});
		this.details = new DetailsService(this.org, this.model, {
			resultWindow: this.options.detailsResultWindow,
			jobDelayMs: this.options.detailsJobDelayMs,
			availabilityMs: options.detailsAvailabilityMs,
		});
		// An unknown scenario queue is said at the start, not on the first observation.
		this.#scenarios();
		this.notifications = new NotificationService(
			{
				now: this.#now,
				queueExists: id => this.org.byId.has(id) && !this.#deleted.has(id),
				// The query's own computation at the instant; a map of its own keeps the query's moments (and so its
				// answers) as they would be without the events.
				observe: (queueIds, nowMs) => {
					const results = [];
					for (let start = 0; start < queueIds.length; start += 100) {
						const query = {
							queueIds: queueIds.slice(start, start + 100),
							mediaTypes: undefined,
							metrics: [...eventMetrics],
							details: [],
						};
						const answer = runObservationQuery(
							this.org,
							this.model,
							query,
							nowMs,
							0,
							id => this.#deleted.has(id),
							new Map(),
							this.#scenarios(),
						);
						results.push(...answer.results);
					}
					return results;
				},
				userState: (userId, nowMs) => userStateOf(this.org, this.model, userId, nowMs, id => this.#deleted.has(id)),
				tokenValid: token => (this.#tokens.get(token)?.expiresAt ?? 0) > this.#now(),
			},
			options.notifications,
		);
		const threads = options.computeThreads ?? 0;
		if (threads > 0)
			this.#pool = new ComputePool(threads, {
				seed: this.options.seed,
				queues: this.options.queues,
				idleQueues: this.options.idleQueues,
				...(options.agents === undefined ? {} : {agents: options.agents}),
				offsetMinutes: this.options.businessOffsetMinutes,
				dataStartMs,
			});
	}

	/** Threads computing aggregate queries (0: the server's own). */
	get computeThreads(): number {
		return this.#pool?.size ?? 0;
	}

	get url(): string {
		return this.#url;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		const server = createServer((request, response) => {
			void this.#handle(request, response);
		});
		// Idle keep-alive connections stay open a minute, as behind Genesys' load balancers: with Node's 5 s a
		// client could send a request on a socket the server is closing that very moment (ECONNRESET on busy
		// machines). stop() destroys every socket, so nothing waits for this.
		server.keepAliveTimeout = 60_000;
		server.headersTimeout = 65_000;
		server.on('connection', socket => {
			this.#sockets.add(socket);
			socket.on('close', () => this.#sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => resolve());
		});
		this.#server = server;
		await this.notifications.start(host);
		const address = server.address() as AddressInfo;
		this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
		return this.#url;
	}

	async stop(): Promise<void> {
		await this.notifications.stop();
		await this.#pool?.close();
		this.#pool = undefined;
		const server = this.#server;
		if (!server) return;
		this.#server = undefined;
		for (const socket of this.#sockets) socket.destroy();
		await new Promise<void>(resolve => server.close(() => resolve()));
	}

	/** Schedules faults; each hits the next `times` matching requests. */
	inject(...faults: ScheduledFault[]): void {
		for (const fault of faults) this.#faults.push({times: 1, ...fault});
	}

	clearFaults(): void {
		this.#faults = [];
	}

	/** Invalidates every token issued so far, as an admin revoking the client's sessions would. */
	revokeTokens(): void {
		this.#tokens.clear();
	}

	deleteQueue(id: string): void {
		this.#deleted.add(id);
	}

	/** An active user joins a queue now: its members (and the user's queues) list them from now on, not its history. */
	joinQueue(queueId: string, userId: string): void {
		const queue = this.org.byId.get(queueId);
		const user = peopleOf(this.org).userById.get(userId);
		if (!queue || user?.state !== 'active') throw new Error(`no queue ${queueId} or active user ${userId}`);
		joinQueue(this.org, queue, user.index);
	}

	purgeUser(id: string): void {
		this.#purgedUsers.add(id);
	}

	addClient(client: EmulatorClient): void {
		this.clients.set(client.id, client);
	}

	/** The options' scenarios with their queues found by id or name (an unknown one is an error at once). */
	#scenarios(): Scenario[] {
		this.#scripted ??= (this.options.scenarios ?? []).map(each => {
			const queue = this.org.byId.get(each.queue) ?? this.org.queues.find(candidate => candidate.name === each.queue);
			if (!queue)
				throw new UsageError(
					`Scenario queue "${each.queue}" is not a queue of the emulator.`,
					'Name one of its queues (gqx export --demo --level queues lists them), or give its id.',
				);
			return {
				queueId: queue.id,
				fromMs: each.fromMs,
				toMs: each.toMs,
				waiting: each.waiting ?? 5,
				longestWaitMs: (each.longestWaitSeconds ?? 300) * 1000,
			};
		});
		return this.#scripted;
	}

	#takeFault(path: string): ScheduledFault | undefined {
		const index = this.#faults.findIndex(fault => !fault.path || path.startsWith(fault.path));
		if (index === -1) return undefined;
		const fault = this.#faults[index]!;
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.#faults.splice(index, 1);
		return fault;
	}

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const correlationId = randomUUID();
		response.setHeader('ININ-Correlation-Id', correlationId);
		// The emulator's clock, as Genesys sends its own: live ages are measured against the server's time.
		response.setHeader('Date', new Date(this.#now()).toUTCString());
		const url = new URL(request.url ?? '/', 'http://emulator');
		let body: string;
		try {
			body = await readBody(request, 512_000);
		} catch {
			return sendError(
				response,
				new HttpError(413, 'request.entity.too.large', 'The request body is larger than 512000 bytes.'),
				correlationId,
			);
		}
		if (this.options.recordRequests) {
			this.requests.push({
				method: request.method ?? '',
				path: url.pathname,
				host: request.headers.host ?? '',
				authorization: request.headers.authorization,
				rawHeaders: request.rawHeaders.join('\n'),
				body,
			});
		}
		if (this.options.latencyMs > 0) await delay(this.options.latencyMs);
		const fault = this.#takeFault(url.pathname);
		if (fault && this.#applyFault(fault, response, correlationId)) return;
		if (fault?.kind === 'revoke') this.revokeTokens();
		try {
			const answer = await this.#route(request.method ?? 'GET', url, body, request.headers);
			const transform = fault?.kind === 'transform' && (answer.status ?? 200) === 200 ? fault.transform : undefined;
			// A compute thread's answer comes as JSON text already; a transform fault works on the object.
			const payload = transform
				? JSON.stringify(transform(answer.json === undefined ? answer.body : JSON.parse(answer.json)))
				: (answer.json ?? JSON.stringify(answer.body));
			if (fault?.kind === 'truncate') {
				response.writeHead(answer.status ?? 200, {
					'content-type': 'application/json',
					'content-length': String(payload.length),
				});
				response.end(payload.slice(0, Math.floor(payload.length / 2)));
				response.socket?.destroy();
				return;
			}
			if (fault?.kind === 'malformed') {
				response.writeHead(200, {'content-type': 'application/json'});
				response.end(payload.slice(0, Math.max(1, payload.length - 3)));
				return;
			}
			if (fault?.kind === 'shape') {
				response.writeHead(200, {'content-type': 'application/json'});
				response.end(JSON.stringify({results: 'not-a-list', entities: 42, access_token: 7}));
				return;
			}
			response.writeHead(answer.status ?? 200, {'content-type': 'application/json', ...answer.headers});
			response.end(payload);
		} catch (error) {
			if (error instanceof HttpError) return sendError(response, error, correlationId);
			sendError(response, new HttpError(500, 'internal.server.error', 'The emulator failed to answer.'), correlationId);
		}
	}

	/** True when the fault answered the request itself. */
	#applyFault(fault: ScheduledFault, response: ServerResponse, correlationId: string): boolean {
		switch (fault.kind) {
			case 'hang':
				return true;
			case 'reset':
				response.socket?.destroy();
				return true;
			case 'status': {
				const headers: Record<string, string> = {'content-type': fault.contentType ?? 'application/json'};
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				response.writeHead(fault.status, headers);
				response.end(
					fault.body ??
						JSON.stringify(
							fault.status === 429
								? rateLimitBody(Number(fault.retryAfter ?? 1), correlationId)
								: {
										message: `Injected ${fault.status}.`,
										code: fault.status >= 500 ? 'service.unavailable' : 'bad.request',
										status: fault.status,
										contextId: correlationId,
										details: [],
										errors: [],
									},
						),
				);
				return true;
			}
			default:
				return false;
		}
	}

	#route(method: string, url: URL, body: string, headers: IncomingMessage['headers']): Answer | Promise<Answer> {
		const path = url.pathname.replace(/\/+$/, '');
		if (path === '/oauth/token') {
			if (method !== 'POST') throw new HttpError(405, 'method.not.allowed', 'Use POST.');
			return this.#token(body, headers);
		}
		if (!path.startsWith('/api/v2/')) throw new HttpError(404, 'not.found', `No route for ${path}.`);
		const token = this.#authorize(path, headers);
		this.#rateLimit(token);
		const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1] ?? '';
		const channels = this.notifications.route(
			method,
			path,
			url,
			(method === 'PUT' || method === 'POST') && body.trim() !== '' ? jsonBody(body) : undefined,
			{
				token: bearer,
				clientId: token.clientId,
				permissions: token.permissions,
			},
		);
		if (channels) {
			this.counts.notifications++;
			if ('code' in channels) throw new HttpError(channels.status, channels.code, channels.message);
			return channels;
		}
		if (path === '/api/v2/analytics/conversations/aggregates/query') {
			if (method !== 'POST') throw new HttpError(405, 'method.not.allowed', 'Use POST.');
			if (!String(headers['content-type'] ?? '').includes('application/json'))
				throw new HttpError(415, 'unsupported.media.type', 'Content-Type must be application/json.');
			this.counts.aggregates++;
			const parsed = jsonBody(body);
			const query = validateAggregateQuery(parsed);
			if ('status' in query) throw new HttpError(query.status, query.code, query.message);
			const empty = {body: this.options.emptyResults === 'empty-object' ? {} : {results: []}};
			if (this.#pool)
				return this.#pool
					.run(parsed, this.#now())
					.then(computed => (computed.empty ? empty : {body: undefined, json: computed.json}));
			const results = runAggregateQuery(this.org, this.model, query);
			if (results.length === 0) return empty;
			return {body: {results}};
		}
		if (path === '/api/v2/analytics/queues/observations/query') {
			if (method !== 'POST') throw new HttpError(405, 'method.not.allowed', 'Use POST.');
			const parsed = jsonBody(body);
			const query = validateObservationQuery(parsed);
			if ('status' in query) throw new HttpError(query.status, query.code, query.message);
			// Each answer is a new moment for its queues: the numbers move between two requests even on a fixed clock.
			const answer = runObservationQuery(
				this.org,
				this.model,
				query,
				this.#now(),
				this.counts.observations++,
				id => this.#deleted.has(id),
				this.#moments,
				this.#scenarios(),
			);
			this.observationsServed.push(answer.results);
			if (this.observationsServed.length > 200) this.observationsServed.shift();
			return {body: answer};
		}
		if (path === '/api/v2/analytics/routing/activity/query') {
			if (method !== 'POST') throw new HttpError(405, 'method.not.allowed', 'Use POST.');
			this.counts.activity++;
			const parsed = jsonBody(body);
			const query = validateActivityQuery(parsed, url);
			if ('status' in query) throw new HttpError(query.status, query.code, query.message);
			return {
				body: runActivityQuery(
					this.org,
					this.model,
					query,
					this.#now(),
					id => this.#deleted.has(id),
					this.options.activityDetailCap,
				),
			};
		}
		if (path === '/api/v2/analytics/agents/status/query') {
			if (method !== 'POST') throw new HttpError(405, 'method.not.allowed', 'Use POST.');
			this.counts.agentStatus++;
			const query = validateAgentStatusQuery(jsonBody(body));
			if ('status' in query) throw new HttpError(query.status, query.code, query.message);
			return {body: runAgentStatusQuery(this.org, this.model, query, this.#now())};
		}
		if (path === '/api/v2/presence/definitions') {
			if (method !== 'GET') throw new HttpError(405, 'method.not.allowed', 'Use GET.');
			this.counts.presenceDefinitions++;
			return {body: listPresenceDefinitions(url)};
		}
		if (path === '/api/v2/routing/queues') {
			if (method !== 'GET') throw new HttpError(405, 'method.not.allowed', 'Use GET.');
			this.counts.queues++;
			return {body: this.#listQueues(url)};
		}
		if (path === '/api/v2/users') {
			if (method !== 'GET') throw new HttpError(405, 'method.not.allowed', 'Use GET.');
			this.counts.users++;
			return {body: listUsers(peopleOf(this.org), url, this.options.maxPageSize, this.#purgedUsers)};
		}
		if (path === '/api/v2/routing/wrapupcodes') {
			if (method !== 'GET') throw new HttpError(405, 'method.not.allowed', 'Use GET.');
			this.counts.wrapupCodes++;
			return {body: listWrapupCodes(peopleOf(this.org), url, this.options.maxPageSize)};
		}
		if (path === '/api/v2/routing/skills' || path === '/api/v2/routing/languages') {
			if (method !== 'GET') throw new HttpError(405, 'method.not.allowed', 'Use GET.');
			const skills = path.endsWith('skills');
			this.counts[skills ? 'skills' : 'languages']++;
			return {body: (skills ? listSkills : listLanguages)(this.org, url, this.options.maxPageSize)};
		}
		const flows = this.#flowRoute(method, path, url, body, headers);
		if (flows) {
			this.counts.flows++;
			if ('code' in flows) throw new HttpError(flows.status, flows.code, flows.message);
			return flows;
		}
		const details = this.details.route(method, path, url, body);
		if (details) {
			this.counts.details++;
			if ('code' in details) throw new HttpError(details.status, details.code, details.message);
			return details;
		}
		const single = /^\/api\/v2\/routing\/queues\/([^/]+)$/.exec(path);
		if (single) {
			this.counts.queues++;
			const queue = this.org.byId.get(decodeURIComponent(single[1] ?? ''));
			if (!queue || this.#deleted.has(queue.id))
				throw new HttpError(404, 'not.found', 'The requested queue was not found.');
			return {body: queueEntity(queue)};
		}
		throw new HttpError(404, 'not.found', `No route for ${path}.`);
	}

	/** The flow routes (flow-aggregates, flow-routes); undefined for another path. */
	#flowRoute(
		method: string,
		path: string,
		url: URL,
		body: string,
		headers: IncomingMessage['headers'],
	): Answer | HttpFailure | undefined {
		const only = (wanted: string) => {
			if (method !== wanted) throw new HttpError(405, 'method.not.allowed', `Use ${wanted}.`);
		};
		const failed = (answer: unknown): answer is HttpFailure =>
			typeof answer === 'object' && answer !== null && 'code' in answer && 'status' in answer;
		if (path === '/api/v2/analytics/flows/aggregates/query') {
			only('POST');
			if (!String(headers['content-type'] ?? '').includes('application/json'))
				throw new HttpError(415, 'unsupported.media.type', 'Content-Type must be application/json.');
			const query = validateFlowQuery(jsonBody(body));
			if ('status' in query) return query;
			const results = runFlowQuery(this.org, this.model, query);
			return {body: results.length === 0 && this.options.emptyResults === 'empty-object' ? {} : {results}};
		}
		if (path === '/api/v2/analytics/flows/observations/query') {
			only('POST');
			const answer = runFlowObservations(this.org, this.model, jsonBody(body), this.#now());
			return failed(answer) ? answer : {body: answer};
		}
		if (path === '/api/v2/flows') {
			only('GET');
			const answer = listFlows(this.org, url, this.options.maxPageSize);
			return failed(answer) ? answer : {body: answer};
		}
		if (path === '/api/v2/flows/outcomes') {
			only('GET');
			return {body: listFlowOutcomes(this.org, url, this.options.maxPageSize)};
		}
		return undefined;
	}

	#token(body: string, headers: IncomingMessage['headers']): {status?: number; body: unknown} {
		this.counts.token++;
		const form = new URLSearchParams(body);
		const authorization = headers.authorization ?? '';
		const match = /^Basic\s+(.+)$/i.exec(authorization);
		if (!match)
			return {
				status: 400,
				body: {
					error: 'invalid_client',
					description: 'client authentication required',
					error_description: 'client authentication required',
				},
			};
		const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const id = colon === -1 ? decoded : decoded.slice(0, colon);
		const secret = colon === -1 ? '' : decoded.slice(colon + 1);
		if (form.get('grant_type') !== 'client_credentials') {
			return {
				status: 400,
				body: {
					error: 'unsupported_grant_type',
					description: 'grant type not supported',
					error_description: 'grant type not supported',
				},
			};
		}
		const client = this.clients.get(id);
		if (!client)
			return {
				status: 400,
				body: {error: 'invalid_client', description: 'client not found', error_description: 'client not found'},
			};
		if (client.secret !== secret)
			return {
				status: 401,
				body: {
					error: 'invalid_client',
					description: 'authentication failed',
					error_description: 'authentication failed',
				},
			};
		const accessToken = randomBytes(32).toString('base64url');
		this.issuedTokens.push(accessToken);
		this.#tokens.set(accessToken, {
			clientId: id,
			permissions: client.permissions,
			expiresAt: this.#now() + this.options.tokenLifetimeSeconds * 1000,
			hits: [],
		});
		return {body: {access_token: accessToken, token_type: 'bearer', expires_in: this.options.tokenLifetimeSeconds}};
	}

	#authorize(path: string, headers: IncomingMessage['headers']): TokenRecord {
		const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
		if (!match)
			throw new HttpError(
				401,
				'authentication.required',
				'No authentication bearer token specified in authorization header.',
			);
		const token = this.#tokens.get(match[1] ?? '');
		if (!token) throw new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
		if (token.expiresAt <= this.#now())
			throw new HttpError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
		const needed = permissionsByRoute.find(route => path.startsWith(route.prefix));
		if (needed && !needed.permissions.some(permission => token.permissions.includes(permission))) {
			const names = needed.permissions.join(', ');
			throw new HttpError(
				403,
				'missing.any.permissions',
				`Unable to perform the requested action. You must have at least one of the following permissions assigned: [${names}]`,
				{
					messageParams: {permissions: names},
				},
			);
		}
		return token;
	}

	#rateLimit(token: TokenRecord): void {
		const limit = this.options.rateLimitPerMinute;
		if (limit <= 0) return;
		const now = this.#now();
		while (token.hits.length > 0 && (token.hits[0] ?? 0) <= now - 60_000) token.hits.shift();
		if (token.hits.length >= limit) {
			this.counts.rateLimited++;
			const retryAfter = Math.max(1, Math.ceil(((token.hits[0] ?? now) + 60_000 - now) / 1000));
			throw new HttpError(
				429,
				'too.many.requests.retry.after',
				`Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
				{retryAfter},
			);
		}
		token.hits.push(now);
	}

	#sortedByName: EmulatedQueue[] | undefined;

	#byName(): EmulatedQueue[] {
		this.#sortedByName ??= [...this.org.queues].sort((a, b) => a.name.localeCompare(b.name));
		return this.#sortedByName;
	}

	#listQueues(url: URL): Record<string, unknown> {
		const params = url.searchParams;
		const ids = listOf(params, 'id');
		const name = params.get('name');
		// The org's queues are sorted by name once; every filter keeps that order.
		let queues: EmulatedQueue[] = this.#byName();
		if (ids.length > 0) {
			const wanted = new Set(ids);
			queues = queues.filter(queue => wanted.has(queue.id));
		}
		if (this.#deleted.size > 0) queues = queues.filter(queue => !this.#deleted.has(queue.id));
		if (name) {
			const pattern = new RegExp(`^${name.split('*').map(escapeRegExp).join('.*')}$`, 'i');
			queues = queues.filter(queue => pattern.test(queue.name));
		}
		const divisionIds = listOf(params, 'divisionId');
		if (divisionIds.length > 0) queues = queues.filter(queue => divisionIds.includes(queue.divisionId));
		const sorted = params.get('sortOrder') === 'desc' ? [...queues].reverse() : queues;
		return page('/api/v2/routing/queues', params, sorted, this.options.maxPageSize, queue => queueEntity(queue));
	}
}

function queueEntity(queue: EmulatedQueue): Record<string, unknown> {
	const mediaSettings: Record<string, unknown> = {};
	for (const profile of queue.media) {
		mediaSettings[queueMediaKey[profile.media]] = {
			alertingTimeoutSeconds: 8,
			serviceLevel: {percentage: profile.serviceLevelTarget, durationMs: profile.serviceLevelMs},
		};
	}
	return {
		id: queue.id,
		name: queue.name,
		division: {
			id: queue.divisionId,
			name: queue.divisionName,
			selfUri: `/api/v2/authorization/divisions/${queue.divisionId}`,
		},
		dateCreated: queue.dateCreated,
		memberCount: queue.memberCount,
		userMemberCount: queue.memberCount,
		joinedMemberCount: Math.max(0, queue.memberCount - 2),
		mediaSettings,
		acwSettings: {wrapupPrompt: 'OPTIONAL', timeoutMs: 60_000},
		skillEvaluationMethod: 'BEST',
		selfUri: `/api/v2/routing/queues/${queue.id}`,
	};
}

function rateLimitBody(retryAfter: number, correlationId: string): Record<string, unknown> {
	return {
		message: `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
		code: 'too.many.requests.retry.after',
		status: 429,
		contextId: correlationId,
		details: [],
		errors: [],
	};
}

function sendError(response: ServerResponse, error: HttpError, correlationId: string): void {
	const headers: Record<string, string> = {'content-type': 'application/json'};
	const retryAfter = error.extra['retryAfter'];
	if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
	const {retryAfter: _omit, ...extra} = error.extra;
	response.writeHead(error.status, headers);
	response.end(
		JSON.stringify({
			message: error.message,
			code: error.code,
			status: error.status,
			messageParams: {},
			contextId: correlationId,
			details: [],
			errors: [],
			...extra,
		}),
	);
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms));
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new Error('too large'));
				request.resume();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const emulator = new Emulator(options);
	await emulator.start(options.port ?? 0, options.host ?? '127.0.0.1');
	return emulator;
}
