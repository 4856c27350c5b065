// Where gqx watch's events go besides stdout: webhooks (a JSON POST with a `text` Slack and Teams show, and the
// ndjson fields) through gqx's proxy and CA settings, and commands run without a shell with the fields in GQX_*
// variables. Each destination takes its events in order, each once: a failed one is retried with backoff (5xx,
// network errors, 429 after its Retry-After) for up to 10 minutes, then given up with a line on stderr.
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import got from 'got';
import {parseArgsStringToArgv} from 'string-argv';
import {UsageError} from '../errors.js';
import type {Network} from '../net/agents.js';
import {terminalText} from '../text/sanitize.js';
import {eventFields, type WatchEvent} from './hold.js';

/** How long one event is retried before it is given up. */
export const giveUpAfterMs = 10 * 60_000;

/** A failure worth another try (`retryAfterMs` when the server said when), or not (`final`). */
export class DeliveryError extends Error {
	constructor(
		message: string,
		readonly final: boolean,
		readonly retryAfterMs?: number,
	) {
		super(message);
	}
}

export type Destination = {
	/** Stable across runs, for the state file's outbox; never the URL itself. */
	id: string;
	/** What messages call it: a webhook's scheme and host only. */
	label: string;
	send(message: Message, signal: AbortSignal): Promise<void>;
};

/** What a destination gets: the sentence, and the fields (an event's, or a digest's). */
export type Message = {text: string; fields: Record<string, unknown>};

/** A message waiting for one destination, numbered so each is delivered once, in order. */
export type Queued = {seq: number; message: Message};

/** An event as a message: the ndjson fields in their order. */
export function eventMessage(event: WatchEvent, text: string): Message {
	return {text, fields: Object.fromEntries(eventFields.map(field => [field, event[field]]))};
}

function idOf(kind: string, text: string): string {
	return `${kind}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** A --webhook URL checked: http or https with a host (exit 2 otherwise, the URL not repeated whole). */
export function parseWebhook(text: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UsageError(
			'A --webhook is not a URL.',
			'Give the full URL, for example https://hooks.slack.com/services/...',
		);
	}
	if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
		throw new UsageError(
			`A --webhook must be an http or https URL with a host (got ${terminalText(url.protocol)}//${terminalText(url.host)}).`,
			'Give the full URL, for example https://hooks.slack.com/services/...',
		);
	return url;
}

/** Seconds or an HTTP date, as Retry-After says; undefined when it says neither. */
function retryAfter(header: string | undefined, now: number): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(header);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Slack reads `<...>` as links and mentions (`<!channel>`) and `&` as the start of an entity: both escaped, so a
 * queue name cannot ping a channel. A lone `>` (gqx's own `4:12 > 2:00`) means nothing there and stays.
 */
function slackSafe(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}

export function webhookDestination(url: URL, network: Network, timeoutMs: number): Destination {
	const label = `${url.protocol}//${url.host}`;
	return {
		id: idOf('webhook', url.href),
		label,
		async send(message, signal) {
			let response;
			try {
				response = await got.post(url, {
					// `text` for Slack and Teams, then the ndjson fields in their order.
					json: {text: slackSafe(message.text), ...message.fields},
					agent: network.route(url).agent,
					timeout: {request: timeoutMs},
					retry: {limit: 0},
					throwHttpErrors: false,
					followRedirect: false,
					signal,
				});
			} catch (error) {
				// got's message names the URL: only its code goes out.
				const code = (error as {code?: string}).code ?? 'network error';
				throw new DeliveryError(`${label}: ${code}`, false);
			}
			const status = response.statusCode;
			if (status >= 200 && status < 300) return;
			const said = `${label} answered HTTP ${status}`;
			if (status === 429) throw new DeliveryError(said, false, retryAfter(response.headers['retry-after'], Date.now()));
			throw new DeliveryError(said, status < 500 && status !== 408);
		},
	};
}

/**
 * The credentials gqx reads from the environment (the OAuth client's id and secret), and any GENESYS_CLOUD_* or GQX_*
 * variable named as a secret, token, password or key: never handed to an --exec program.
 */
export function isCredentialVariable(name: string): boolean {
	const upper = name.toUpperCase();
	if (!upper.startsWith('GENESYS_CLOUD_') && !upper.startsWith('GQX_')) return false;
	return /CLIENT_ID|SECRET|TOKEN|PASSWORD|PASSPHRASE|API_?KEY|PRIVATE_KEY/.test(upper);
}

/** Why a program failed, by its exit code or signal only: its command line (and what it printed) may hold secrets. */
function exitOf(error: Error & {code?: unknown; signal?: unknown; killed?: boolean}): string {
	if (typeof error.code === 'number') return `exit code ${error.code}`;
	if (typeof error.signal === 'string' && error.signal)
		return error.killed ? `stopped by ${error.signal}` : error.signal;
	return typeof error.code === 'string' ? error.code : 'could not run';
}

/**
 * --exec: a program and its arguments split at spaces, where quotes ("..." or '...') keep a path or an argument with
 * spaces whole, run without a shell (a queue name is never read as shell text; `$`, `;`, `\` and globs are plain text), with the event in GQX_EVENT, GQX_AT, GQX_SINCE, GQX_QUEUE_ID, GQX_QUEUE_NAME, GQX_MEDIA_TYPE, GQX_CONDITION,
 * GQX_VALUE, GQX_THRESHOLD and GQX_TEXT, and the environment without gqx's credentials. A non-zero exit is a failure,
 * retried like a webhook's, and said by the program's name and exit code only.
 */
export function execDestination(command: string, env: NodeJS.ProcessEnv, timeoutMs: number): Destination {
	const [program, ...args] = parseArgsStringToArgv(command);
	if (!program) throw new UsageError('--exec needs a command.', 'For example --exec /usr/local/bin/page-oncall');
	const childEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !isCredentialVariable(name)));
	return {
		id: idOf('exec', command),
		label: program,
		send(message, signal) {
			const fields = Object.fromEntries(
				Object.entries(message.fields)
					.filter(([, value]) => typeof value !== 'object' || value === null)
					.map(([field, value]) => [
						`GQX_${field.replace(/[A-Z]/g, letter => `_${letter}`).toUpperCase()}`,
						String(value ?? ''),
					]),
			);
			return new Promise((resolve, reject) => {
				execFile(
					program,
					args,
					{env: {...childEnv, ...fields, GQX_TEXT: message.text}, shell: false, timeout: timeoutMs, signal},
					error => {
						if (!error) resolve();
						else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
							reject(new DeliveryError(`${program}: no such program`, true));
						else reject(new DeliveryError(`${program} failed (${exitOf(error)})`, false));
					},
				);
			});
		},
	};
}

export type Clock = {now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>};

/**
 * One destination's queue: events go out one at a time, in order; a retryable failure waits (1 s doubling up to
 * 60 s, or Retry-After) and tries again until 10 minutes have passed since the first try. `onChange` saves the state
 * after each event leaves the queue.
 */
export class Outbox {
	readonly #queue: Queued[];
	#running: Promise<void> | undefined;
	#current: AbortController | undefined;

	constructor(
		readonly destination: Destination,
		queue: Queued[],
		private readonly options: {
			clock: Clock;
			onChange: () => void;
			log: (line: string) => void;
			/** Aborted when watch stops: no new tries, the one under way finishes. */
			stopping: AbortSignal;
		},
	) {
		this.#queue = queue;
	}

	get pending(): number {
		return this.#queue.length;
	}

	push(items: readonly Queued[]): void {
		this.#queue.push(...items);
		this.kick();
	}

	kick(): void {
		if (this.#running || this.#queue.length === 0 || this.options.stopping.aborted) return;
		this.#running = this.#drain().finally(() => {
			this.#running = undefined;
			this.kick();
		});
	}

	/** Resolves once every queued message is delivered or given up (or watch stops). */
	async drained(): Promise<void> {
		while (this.#running) await this.#running;
	}

	/** Resolves once the delivery under way (if any) has ended. */
	async settled(): Promise<void> {
		await this.#running;
	}

	async #drain(): Promise<void> {
		const {clock, stopping, log} = this.options;
		while (this.#queue.length > 0 && !stopping.aborted) {
			const item = this.#queue[0]!;
			const started = clock.now();
			let delayMs = 1000;
			let failures = 0;
			for (;;) {
				this.#current = new AbortController();
				try {
					await this.destination.send(item.message, this.#current.signal);
					if (failures > 0) log(`delivered to ${this.destination.label} after ${failures} failed tries`);
					break;
				} catch (error) {
					failures++;
					const failure =
						error instanceof DeliveryError ? error : new DeliveryError(String((error as Error).message), false);
					const wait = failure.retryAfterMs ?? delayMs;
					if (failure.final || clock.now() + wait - started > giveUpAfterMs) {
						log(`gave up an event for ${this.destination.label}: ${terminalText(failure.message)}`);
						break;
					}
					if (failures === 1) log(`${terminalText(failure.message)}; retrying`);
					if (stopping.aborted) return;
					await clock.sleep(wait, stopping);
					if (stopping.aborted) return;
					delayMs = Math.min(60_000, delayMs * 2);
				}
			}
			this.#queue.shift();
			this.options.onChange();
		}
	}
}
