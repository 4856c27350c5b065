// The Genesys Cloud HTTP client on got: client-credentials login, bearer token renewal, retries
// that honour Retry-After, and typed errors. It knows nothing of queues or metrics.
import got, {type Got, type Response, RequestError} from 'got';
import type {Agent} from 'node:http';
import {Network, type Route} from '../net/agents.js';
import {explainFailure} from '../net/failures.js';
import type {NetworkSettings} from '../net/settings.js';
import {
	ApiError,
	AuthError,
	CancelledError,
	type GqxError,
	NetworkError,
	PermissionError,
	RateLimitError,
	ResponseError,
	type RetryNotice,
} from '../errors.js';
import type {ResolvedRegion} from './regions.js';
import {errorBodySchema, oauthErrorSchema, tokenSchema} from './schemas.js';

/** What checks an answer: a zod schema, or a hand-written parser with the same contract. */
export type Parser<T> = {
	safeParse(
		value: unknown,
	):
		| {success: true; data: T}
		| {success: false; error: {issues: ReadonlyArray<{path: ReadonlyArray<PropertyKey>; message: string}>}};
};

/**
 * What reads a success answer from its bytes instead (for answers too large to hold parsed whole): the
 * result of a Parser, or undefined when the bytes are not JSON.
 */
export type BodyReader<T> = {
	readBody(body: Buffer): ReturnType<Parser<T>['safeParse']> | undefined;
};

export {CancelledError, describeRetry, type RetryNotice} from '../errors.js';

export type ClientOptions = {
	region: ResolvedRegion;
	clientId: string;
	clientSecret: string;
	/** Told before every wait, so a UI can say "rate limited, retrying in 3 s". */
	onRetry?: (notice: RetryNotice) => void;
	/** Per-request timeout; default 30 s. */
	timeoutMs?: number;
	/** Retries of 5xx answers and network failures; default 4. */
	maxRetries?: number;
	/** Retries of 429 answers; default 10 (each waits what Retry-After says). */
	maxRateLimitRetries?: number;
	/** A Retry-After above this fails at once instead of waiting; default 180 s. */
	maxRetryAfterSeconds?: number;
	/** First backoff wait for 5xx/network retries, doubled each time, with jitter; default 1000 ms. */
	backoffBaseMs?: number;
	backoffMaxMs?: number;
	userAgent?: string;
	/** Proxy and CA settings, or the agents of another client; default: the process environment's proxy. */
	network?: NetworkSettings | Network;
	/** The largest answer read from an API endpoint (listings, aggregates); default 256 MiB (GQX_MAX_ANSWER_MB). */
	maxAnswerBytes?: number;
};

/** A login answer is a few hundred bytes; more is not Genesys Cloud. */
export const maxTokenAnswerBytes = 64 * 1024;
export const defaultMaxAnswerBytes = 256 * 1024 * 1024;

function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** `lastAnswerAt`: when the last answer arrived whole, before it was read (performance.now()). */
export type ClientStats = {
	requests: number;
	retries: number;
	logins: number;
	rateLimited: number;
	lastAnswerAt: number;
};

type Token = {value: string; expiresAt: number; renewAt: number};

type SendOptions = {
	method: 'GET' | 'POST' | 'DELETE';
	/** Reading stops beyond this many bytes of body. */
	maxBytes: number;
	url: string;
	headers?: Record<string, string>;
	json?: unknown;
	body?: string;
	searchParams?: URLSearchParams;
	signal?: AbortSignal;
};

const apiPermissionHint: Record<string, string> = {
	'/api/v2/analytics/conversations/aggregates': 'analytics:conversationAggregate:view',
	'/api/v2/routing/queues': 'routing:queue:view',
	'/api/v2/routing/wrapupcodes': 'routing:wrapupCode:view',
	'/api/v2/analytics/queues/observations': 'analytics:queueObservation:view',
	'/api/v2/analytics/conversations/details': 'analytics:conversationDetail:view',
};

function permissionFor(path: string): string | undefined {
	// One conversation's details (`/conversations/{id}/details`) as the details query.
	if (/^\/api\/v2\/analytics\/conversations\/[^/]+\/details$/.test(path)) return 'analytics:conversationDetail:view';
	for (const [prefix, permission] of Object.entries(apiPermissionHint)) {
		if (path.startsWith(prefix)) return permission;
	}
	return undefined;
}

/** Waits `ms`, or rejects as cancelled as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortError());
			return;
		}
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError());
		};
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

/** `promise`, or a CancelledError as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return promise;
	if (signal.aborted) return Promise.reject(abortError());
	return new Promise((resolve, reject) => {
		const onAbort = () => reject(abortError());
		signal.addEventListener('abort', onAbort, {once: true});
		promise.then(
			value => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error as Error);
			},
		);
	});
}

function abortError(): CancelledError {
	return new CancelledError();
}

function parseRetryAfterSeconds(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * How long a 429 asks to wait: its Retry-After header, else what its body says ("Retry the request in
 * [N] seconds", the API's own wording, sent without the header by some services), else undefined.
 */
function rateLimitWaitSeconds(response: Response<Buffer>): number | undefined {
	const header = parseRetryAfterSeconds(response.headers['retry-after'] as string | undefined);
	if (header !== undefined) return header;
	const said = /retry the request in \[?(\d+(?:\.\d+)?)\]? seconds?/i.exec(textOf(response).slice(0, 2000));
	return said ? Number(said[1]) : undefined;
}

/** Answers are kept as bytes (a BodyReader reads them so); the rest reads them as text. */
function textOf(response: Response<Buffer>): string {
	return response.body.toString('utf8');
}

function correlationIdOf(response: Response<Buffer>, body: unknown): string | undefined {
	const header = response.headers['inin-correlation-id'] ?? response.headers['genesys-correlation-id'];
	if (typeof header === 'string' && header) return header;
	const parsed = errorBodySchema.safeParse(body);
	return parsed.success ? parsed.data.contextId : undefined;
}

function tryJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function describeBody(response: Response<Buffer>): string {
	const type = String(response.headers['content-type'] ?? '');
	if (type.includes('html') || /^\s*<(?:!doctype|html)/i.test(textOf(response)))
		return 'an HTML page (a proxy or gateway answered, not Genesys Cloud)';
	return response.body.length === 0 ? 'an empty body' : 'a body that is not JSON';
}

const networkHints: Record<string, string> = {
	ENOTFOUND: 'Check the region and your DNS or proxy settings.',
	EAI_AGAIN: 'DNS did not answer: check your network connection.',
	ECONNREFUSED: 'Nothing is listening there: check the region or base URL.',
	ECONNRESET: 'The connection was cut: check your network, VPN or proxy.',
	ETIMEDOUT: 'The server did not answer in time: check your network, or try again later.',
};

const retryableNetworkCodes = new Set([
	'EAI_AGAIN',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ECONNABORTED',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

export class GenesysClient {
	readonly region: ResolvedRegion;
	readonly stats: ClientStats = {requests: 0, retries: 0, logins: 0, rateLimited: 0, lastAnswerAt: 0};
	readonly #clientId: string;
	readonly #clientSecret: string;
	readonly #http: Got;
	readonly #network: Network;
	readonly #options: Required<
		Omit<ClientOptions, 'onRetry' | 'region' | 'clientId' | 'clientSecret' | 'userAgent' | 'network' | 'maxAnswerBytes'>
	> &
		Pick<ClientOptions, 'onRetry'>;
	readonly #maxAnswerBytes: number;
	#token: Token | undefined;
	/** How far the server's clock (its Date header) is ahead of ours, when it is by more than a moment. */
	#serverOffsetMs = 0;
	/** The login in flight, shared by every request that needs a token; it stops only when all of them have. */
	#login: {promise: Promise<Token>; controller: AbortController; waiting: number} | undefined;

	constructor(options: ClientOptions) {
		this.region = options.region;
		this.#clientId = options.clientId;
		this.#clientSecret = options.clientSecret;
		this.#maxAnswerBytes = options.maxAnswerBytes ?? defaultMaxAnswerBytes;
		this.#options = {
			timeoutMs: options.timeoutMs ?? 30_000,
			maxRetries: options.maxRetries ?? 4,
			maxRateLimitRetries: options.maxRateLimitRetries ?? 10,
			maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 180,
			backoffBaseMs: options.backoffBaseMs ?? 1000,
			backoffMaxMs: options.backoffMaxMs ?? 60_000,
			onRetry: options.onRetry,
		};
		this.#network =
			options.network instanceof Network ? options.network : new Network(options.network ?? {env: process.env});
		this.#http = got.extend({
			retry: {limit: 0},
			throwHttpErrors: false,
			followRedirect: false,
			timeout: {request: this.#options.timeoutMs},
			headers: {'user-agent': options.userAgent ?? 'gqx', accept: 'application/json'},
		});
	}

	/** When the access token in use ends (this machine's clock, epoch ms); undefined before the first login. */
	tokenExpiresAt(): number | undefined {
		return this.#token?.expiresAt;
	}

	/** Logs in now (the wizard's "verify"); later calls reuse the token until it is due for renewal. */
	async verify(signal?: AbortSignal): Promise<void> {
		this.#token = undefined;
		await this.#accessToken(signal);
	}

	async get<T>(
		path: string,
		searchParams: URLSearchParams,
		schema: Parser<T> | BodyReader<T>,
		signal?: AbortSignal,
	): Promise<T> {
		return this.#api(
			{method: 'GET', url: this.region.apiUrl + path, searchParams, signal, maxBytes: this.#maxAnswerBytes},
			path,
			schema,
		);
	}

	async post<T>(path: string, json: unknown, schema: Parser<T> | BodyReader<T>, signal?: AbortSignal): Promise<T> {
		return this.#api(
			{method: 'POST', url: this.region.apiUrl + path, json, signal, maxBytes: this.#maxAnswerBytes},
			path,
			schema,
		);
	}

	/** Deletes what `path` names (a details job given up on); whatever the answer's body, it is not read. */
	async delete(path: string, signal?: AbortSignal): Promise<void> {
		await this.#api({method: 'DELETE', url: this.region.apiUrl + path, signal, maxBytes: this.#maxAnswerBytes}, path, {
			readBody: () => ({success: true, data: undefined}),
		});
	}

	async #api<T>(request: SendOptions, path: string, schema: Parser<T> | BodyReader<T>): Promise<T> {
		let loggedInAgain = false;
		for (;;) {
			const token = await this.#accessToken(request.signal);
			const response = await this.#send({...request, headers: {authorization: `Bearer ${token.value}`}}, path);
			const status = response.statusCode;
			if (status >= 200 && status < 300) return this.#parse(response, path, schema);
			const body = tryJson(textOf(response));
			const errorBody = errorBodySchema.safeParse(body);
			const correlationId = correlationIdOf(response, body);
			const where = correlationId ? ` (correlation id ${correlationId})` : '';
			if (status === 401) {
				// Client-credentials tokens cannot be refreshed: log in again once, then give up.
				if (this.#token === token) this.#token = undefined;
				if (!loggedInAgain) {
					loggedInAgain = true;
					continue;
				}
				throw new AuthError(
					`The API refused a fresh access token for ${path}${where}.`,
					'The OAuth client may have been deleted or disabled: check it in Genesys Cloud Admin > OAuth.',
				);
			}
			if (status === 403) {
				const needed = permissionFor(path);
				const message = errorBody.success ? errorBody.data.message : undefined;
				throw new PermissionError(
					`Permission missing for ${path}${needed ? `: ${needed}` : ''}.`,
					`Give the OAuth client's role the permission ${needed ?? 'named by the server'} (Admin > Roles/Permissions).${message ? ` Server said: ${message}` : ''}`,
					needed ? [needed] : [],
				);
			}
			if (status === 429) throw this.#rateLimitError(response);
			const serverMessage =
				errorBody.success && errorBody.data.message ? errorBody.data.message : `${describeBody(response)}`;
			throw new ApiError(
				`${request.method} ${path} failed with HTTP ${status}${where}: ${serverMessage}`,
				status >= 500
					? 'Genesys Cloud had a problem; try again later, and quote the correlation id to support if it persists.'
					: 'This is likely a gqx bug: please report it with the correlation id.',
				{status, code: errorBody.success ? errorBody.data.code : undefined, correlationId},
			);
		}
	}

	#parse<T>(response: Response<Buffer>, path: string, schema: Parser<T> | BodyReader<T>): T {
		let parsed: ReturnType<Parser<T>['safeParse']> | undefined;
		if ('readBody' in schema) parsed = schema.readBody(response.body);
		else {
			const body = tryJson(textOf(response));
			parsed = body === undefined ? undefined : schema.safeParse(body);
		}
		if (parsed === undefined) {
			throw new ResponseError(
				`The answer to ${path} was ${describeBody(response)}, not JSON (HTTP ${response.statusCode}).`,
				'Check that the region or base URL points at Genesys Cloud, not at a proxy login page.',
			);
		}
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const at = issue ? `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}` : 'unknown shape';
			throw new ResponseError(
				`The answer to ${path} does not have the shape the API promises (${at}).`,
				'Check that the region or base URL points at Genesys Cloud; report it if it does.',
			);
		}
		return parsed.data;
	}

	#rateLimitError(response: Response<Buffer>): RateLimitError {
		const seconds = rateLimitWaitSeconds(response);
		const when =
			seconds === undefined
				? 'later'
				: `in ${seconds} s (after ${new Date(Date.now() + seconds * 1000).toLocaleTimeString()})`;
		return new RateLimitError(
			`Genesys Cloud rate limit reached; it asks to retry ${when}.`,
			`Wait and retry ${when}; other tools using the same OAuth client share its limit.`,
			seconds,
		);
	}

	async #accessToken(signal?: AbortSignal): Promise<Token> {
		const now = Date.now();
		if (this.#token && now < this.#token.renewAt) return this.#token;
		// The login has a signal of its own: cancelling the request that started it must not fail the others
		// waiting on it (parallel loads, live refreshes); it is cancelled when no request waits any more.
		if (!this.#login) {
			const controller = new AbortController();
			const login = {
				controller,
				waiting: 0,
				promise: this.#loginNow(controller.signal).finally(() => {
					if (this.#login === login) this.#login = undefined;
				}),
			};
			// Its failure reaches every waiter; with none left, nobody needs to hear of it.
			login.promise.catch(() => undefined);
			this.#login = login;
		}
		const login = this.#login;
		login.waiting++;
		try {
			this.#token = await untilAborted(login.promise, signal);
		} finally {
			login.waiting--;
			if (login.waiting === 0 && signal?.aborted) {
				login.controller.abort();
				// A request coming after this must not join a login that is being stopped.
				if (this.#login === login) this.#login = undefined;
			}
		}
		return this.#token;
	}

	async #loginNow(signal?: AbortSignal): Promise<Token> {
		const basic = Buffer.from(`${this.#clientId}:${this.#clientSecret}`, 'utf8').toString('base64');
		const response = await this.#send(
			{
				method: 'POST',
				url: `${this.region.loginUrl}/oauth/token`,
				headers: {authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded'},
				body: 'grant_type=client_credentials',
				signal,
				maxBytes: maxTokenAnswerBytes,
			},
			'/oauth/token',
		);
		this.stats.logins++;
		const status = response.statusCode;
		const body = tryJson(textOf(response));
		if (status === 200) {
			const parsed = tokenSchema.safeParse(body);
			if (!parsed.success) {
				throw new ResponseError(
					`The login host ${new URL(this.region.loginUrl).host} answered without a usable access token.`,
					'Check that the region or base URL points at Genesys Cloud.',
				);
			}
			const lifetimeMs = parsed.data.expires_in * 1000;
			const issued = Date.now();
			// Renew early (10% of the lifetime, at most a minute) so no request carries a dying token.
			return {
				value: parsed.data.access_token,
				expiresAt: issued + lifetimeMs,
				renewAt: issued + lifetimeMs - Math.min(60_000, lifetimeMs * 0.1),
			};
		}
		if (status === 429) throw this.#rateLimitError(response);
		const oauth = oauthErrorSchema.safeParse(body);
		const description = oauth.success
			? (oauth.data.error_description ?? oauth.data.description ?? oauth.data.error)
			: undefined;
		const host = new URL(this.region.loginUrl).host;
		if (status === 400 || status === 401) {
			const unknownClient = /not found/i.test(description ?? '');
			throw new AuthError(
				unknownClient
					? `Login failed at ${host}: no OAuth client with that client id in region ${this.region.label}.`
					: `Login failed at ${host}: ${description ?? `HTTP ${status}`}.`,
				unknownClient
					? 'Check the client id, and that the region is the one your organization lives in.'
					: 'Check the client secret (and id); the OAuth client must use the Client Credentials grant.',
			);
		}
		throw new ApiError(
			`Login at ${host} failed with HTTP ${status}: ${description ?? describeBody(response)}.`,
			'Try again later; check the region.',
			{
				status,
				correlationId: correlationIdOf(response, body),
			},
		);
	}

	/** One request with retries for 429, 5xx and network failures; other answers go back to the caller. */
	async #send(request: SendOptions, path: string): Promise<Response<Buffer>> {
		let serverRetries = 0;
		let rateLimitRetries = 0;
		for (;;) {
			if (request.signal?.aborted) throw abortError();
			// Per request: the login and API hosts may differ in what NO_PROXY says of them.
			const route = this.#network.route(request.url);
			let response: Response<Buffer>;
			let tooLarge = false;
			try {
				this.stats.requests++;
				const pending = this.#http(request.url, {
					method: request.method,
					headers: request.headers,
					json: request.json,
					body: request.body,
					searchParams: request.searchParams,
					signal: request.signal,
					agent: route.agent,
					// Bytes, not text: a BodyReader reads a large answer without a copy of it as a string.
					responseType: 'buffer',
				});
				// got keeps a whole answer in memory: one larger than the endpoint's cap is cut off as it comes (or at
				// once, when its Content-Length says so), not after it has filled the memory.
				pending.on('downloadProgress', progress => {
					if (tooLarge || (progress.transferred <= request.maxBytes && (progress.total ?? 0) <= request.maxBytes))
						return;
					tooLarge = true;
					pending.cancel();
				});
				response = await pending;
				this.stats.lastAnswerAt = performance.now();
				this.#noteServerTime(response.headers.date);
			} catch (error) {
				if (tooLarge) throw this.#tooLarge(request, path);
				if (request.signal?.aborted) throw abortError();
				const {error: failure, retryable} = this.#networkError(error, request.url, route);
				if (!retryable || serverRetries >= this.#options.maxRetries) throw failure;
				serverRetries++;
				await this.#wait(
					this.#backoff(serverRetries),
					{reason: 'network', attempt: serverRetries, path},
					request.signal,
				);
				continue;
			}
			const status = response.statusCode;
			if (status === 429) {
				this.stats.rateLimited++;
				const seconds = rateLimitWaitSeconds(response);
				if (seconds !== undefined && seconds > this.#options.maxRetryAfterSeconds) return response;
				if (rateLimitRetries >= this.#options.maxRateLimitRetries) return response;
				rateLimitRetries++;
				const delayMs = seconds === undefined ? this.#backoff(rateLimitRetries) : seconds * 1000;
				await this.#wait(delayMs, {reason: 'rate-limit', attempt: rateLimitRetries, status, path}, request.signal);
				continue;
			}
			if (
				(status === 500 || status === 502 || status === 503 || status === 504) &&
				serverRetries < this.#options.maxRetries
			) {
				serverRetries++;
				const seconds = parseRetryAfterSeconds(response.headers['retry-after'] as string | undefined);
				const delayMs =
					seconds !== undefined && seconds <= this.#options.maxRetryAfterSeconds
						? seconds * 1000
						: this.#backoff(serverRetries);
				await this.#wait(delayMs, {reason: 'server-error', attempt: serverRetries, status, path}, request.signal);
				continue;
			}
			return response;
		}
	}

	#tooLarge(request: SendOptions, path: string): ResponseError {
		const host = new URL(request.url).host;
		const login = path === '/oauth/token';
		return new ResponseError(
			`The answer of ${host} to ${path} is larger than ${sizeText(request.maxBytes)}; gqx stopped reading it.`,
			login
				? 'A login answer is a few hundred bytes: check that the region or base URL points at Genesys Cloud.'
				: 'Ask for less (fewer days, queues or a coarser granularity), or, behind a gateway you trust that sends answers this large, raise the limit with GQX_MAX_ANSWER_MB.',
		);
	}

	/**
	 * The agent a WebSocket to `url` (ws: or wss:) connects through: the API's proxy, CA file and no-proxy rules, as an
	 * HTTPS request to the same host would take (a CONNECT tunnel through a proxy); undefined for Node's default.
	 */
	socketAgent(url: string): Agent | undefined {
		const target = new URL(url);
		const secure = target.protocol === 'wss:' || target.protocol === 'https:';
		target.protocol = secure ? 'https:' : 'http:';
		const {agent} = this.#network.route(target);
		return secure ? agent?.https : agent?.http;
	}

	/** The server's time now: what live ages (longest wait) are measured against, whatever this machine's clock says. */
	serverNow(): number {
		return Date.now() + this.#serverOffsetMs;
	}

	#noteServerTime(header: string | undefined): void {
		const server = header ? Date.parse(header) : Number.NaN;
		if (Number.isNaN(server)) return;
		// The header has whole seconds: half a second is its middle; skews under two seconds are that rounding.
		const offset = server + 500 - Date.now();
		this.#serverOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
	}

	#backoff(attempt: number): number {
		const exponential = Math.min(this.#options.backoffMaxMs, this.#options.backoffBaseMs * 2 ** (attempt - 1));
		// Full jitter in the upper half keeps parallel requests from retrying in lockstep.
		return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
	}

	async #wait(delayMs: number, notice: Omit<RetryNotice, 'delayMs'>, signal?: AbortSignal): Promise<void> {
		this.stats.retries++;
		this.#options.onRetry?.({...notice, delayMs});
		await sleep(delayMs, signal);
	}

	#networkError(error: unknown, url: string, route: Route): {error: GqxError; retryable: boolean} {
		const target = new URL(url);
		const host = target.host;
		const code = error instanceof RequestError ? error.code : undefined;
		const explained = explainFailure(code ?? '', error instanceof Error ? error.message : '', target, route);
		if (explained) return explained;
		const through = route.proxy ? ` (through the proxy at ${route.proxy.host})` : '';
		const what: Record<string, string> = {
			ENOTFOUND: `Cannot resolve host ${host} (DNS lookup failed).`,
			EAI_AGAIN: `DNS lookup for ${host} timed out.`,
			ECONNREFUSED: `Connection to ${host} refused.`,
			ECONNRESET: `Connection to ${host} was reset.`,
			ETIMEDOUT: `${host} did not answer within ${this.#options.timeoutMs < 1000 ? `${this.#options.timeoutMs} ms` : `${Math.round(this.#options.timeoutMs / 1000)} s`}.`,
		};
		const message = (code && what[code]) ?? `Network failure talking to ${host}${code ? ` (${code})` : ''}.`;
		return {
			error: new NetworkError(
				through ? message.replace(/\.$/, `${through}.`) : message,
				(code && networkHints[code]) ?? 'Check your network connection and the region.',
				host,
			),
			retryable: code !== undefined && retryableNetworkCodes.has(code),
		};
	}
}
