// The conversation details routes: the synchronous query (pages that repeat a row now and then, as the real service's
// do), details jobs (queued, pending, then fulfilled after a delay; results by cursor; cancel), the jobs' data
// availability date, and conversations by id. Nothing of a result is kept between requests: a page is recomputed.
import {randomUUID} from 'node:crypto';
import type {HttpFailure} from './aggregate-query.js';
import {conversationRecord} from './conversation-record.js';
import {
	conversationAt,
	decodeConversationId,
	findConversation,
	positionOf,
	type Position,
	type Slot,
} from './conversations.js';
import {type DetailsQuery, jobSelection, syncSelection, validateDetailsQuery} from './details-query.js';
import type {Org} from './org.js';
import {hash} from './random.js';
import type {TrafficModel} from './traffic.js';

export type DetailsOptions = {
	/** Largest pageNumber x pageSize the synchronous query pages to; past it a 400 asks to split the interval. */
	resultWindow: number;
	/** Real time (ms) a details job takes from submission to FULFILLED. */
	jobDelayMs: number;
	/** The jobs' data availability date (epoch ms), or undefined: a day before the emulator's clock, to the hour. */
	availabilityMs: number | undefined;
};

type DetailsAnswer = {status?: number; body: unknown; json?: string};
type JobState = 'QUEUED' | 'PENDING' | 'FULFILLED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';
type Job = {
	query: DetailsQuery;
	submittedReal: number;
	submissionMs: number;
	cancelled: boolean;
	availableMs: number;
	/** Its conversations that started before its interval and were still going at its start (jobSelection). */
	goingAtStart: Map<number, Slot[]>;
};

const prefix = '/api/v2/analytics/conversations';
const defaultJobPageSize = 1000;
const maxJobPageSize = 10_000;
/** Share of synchronous pages (after the first) that start with the previous page's last row again. */
const repeatChance = 0.3;
const maxJobs = 200;
const maxLiveListings = 4;

function failure(status: number, code: string, message: string): HttpFailure {
	return {status, code, message};
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** A small string hash, so each query repeats rows on its own pages. */
function textHash(text: string): number {
	let value = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
	return value >>> 0;
}

export class DetailsService {
	readonly #jobs = new Map<string, Job>();
	readonly #counts = new Map<string, number>();
	/** Job listings in progress: the cursor handed out, the listing and the conversation read ahead. */
	readonly #live = new Map<string, {cursor: string; iterator: Iterator<Slot>; pending: Slot}>();

	constructor(
		readonly org: Org,
		readonly model: TrafficModel,
		readonly options: DetailsOptions,
	) {}

	get #nowMs(): number {
		return this.model.nowMs();
	}

	/** The jobs' data availability date. */
	availabilityMs(): number {
		if (this.options.availabilityMs !== undefined) return this.options.availabilityMs;
		const dayBefore = this.#nowMs - 86_400_000;
		return dayBefore - (dayBefore % 3_600_000);
	}

	/** Answers a details route, or undefined when the path is none of them. */
	route(method: string, path: string, url: URL, body: string): DetailsAnswer | HttpFailure | undefined {
		if (!path.startsWith(prefix)) return undefined;
		const rest = path.slice(prefix.length);
		if (rest === '/details/query') return this.#only(method, 'POST') ?? this.#query(body);
		if (rest === '/details/jobs') return this.#only(method, 'POST') ?? this.#submit(body);
		if (rest === '/details/jobs/availability')
			return this.#only(method, 'GET') ?? {body: {dataAvailabilityDate: iso(this.availabilityMs())}};
		if (rest === '/details') return this.#only(method, 'GET') ?? this.#byIds(url);
		const results = /^\/details\/jobs\/([^/]+)\/results$/.exec(rest);
		if (results) return this.#only(method, 'GET') ?? this.#results(decodeURIComponent(results[1]!), url);
		const job = /^\/details\/jobs\/([^/]+)$/.exec(rest);
		if (job) {
			const id = decodeURIComponent(job[1]!);
			if (method === 'DELETE') return this.#cancel(id);
			return this.#only(method, 'GET') ?? this.#status(id);
		}
		const single = /^\/([^/]+)\/details$/.exec(rest);
		if (single) return this.#only(method, 'GET') ?? this.#byId(decodeURIComponent(single[1]!));
		return undefined;
	}

	#only(method: string, allowed: string): HttpFailure | undefined {
		return method === allowed ? undefined : failure(405, 'method.not.allowed', `Use ${allowed}.`);
	}

	#parse(body: string, job: boolean): DetailsQuery | HttpFailure {
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			return failure(400, 'bad.request', 'The request body is not valid JSON.');
		}
		return validateDetailsQuery(parsed, job);
	}

	#context() {
		return {org: this.org, model: this.model, nowMs: this.#nowMs};
	}

	#record(slot: Slot): Record<string, unknown> {
		const conversation = conversationAt(this.org, this.model, slot.series, slot.n, slot.startMs);
		return conversationRecord(this.org, conversation, this.#nowMs);
	}

	#query(body: string): DetailsAnswer | HttpFailure {
		const query = this.#parse(body, false);
		if ('status' in query) return query;
		const {pageSize, pageNumber} = query;
		if (pageSize * pageNumber > this.options.resultWindow)
			return failure(
				400,
				'bad.request',
				`Paging past ${this.options.resultWindow} results (pageNumber ${pageNumber} x pageSize ${pageSize}) is not allowed; split the interval into shorter ones or use a details job.`,
			);
		const selection = syncSelection(this.#context(), query);
		// The total is the slow part for filters a conversation decides: it is kept per query and clock.
		const unpaged = body.replace(/"paging":\{[^}]*\}/, '');
		const countKey = `${this.#nowMs}|${unpaged}`;
		let total = this.#counts.get(countKey);
		if (total === undefined) {
			total = selection.count();
			if (this.#counts.size > 100) this.#counts.clear();
			this.#counts.set(countKey, total);
		}
		// Page p covers [start, start + pageSize) of the ordered conversations; some pages start one early, with the
		// previous page's last row again, never skipping one (A.6): a client must de-duplicate by conversationId.
		// Which pages repeat a row depends on the query, not on the clock: on a moving clock a later page must still
		// agree with the earlier ones on where they ended.
		const salt = textHash(unpaged);
		let start = 0;
		for (let page = 2; page <= pageNumber; page++) {
			const next = start + pageSize;
			const repeat = next < total && hash(this.org.seed, 850, salt, page) / 4_294_967_296 < repeatChance;
			start = repeat ? next - 1 : next;
		}
		const conversations: unknown[] = [];
		if (start < total) {
			let index = 0;
			for (const conversation of selection.conversations()) {
				if (index++ < start) continue;
				conversations.push(this.#record(conversation));
				if (conversations.length >= pageSize) break;
			}
		}
		return {body: {...(conversations.length > 0 ? {conversations} : {}), totalHits: total}};
	}

	#submit(body: string): DetailsAnswer | HttpFailure {
		const query = this.#parse(body, true);
		if ('status' in query) return query;
		if (this.#jobs.size >= maxJobs) this.#jobs.delete(this.#jobs.keys().next().value!);
		const jobId = randomUUID();
		this.#jobs.set(jobId, {
			query,
			submittedReal: performance.now(),
			submissionMs: this.#nowMs,
			cancelled: false,
			// The date in force when the job ran: later changes of the clock do not change its results.
			availableMs: this.availabilityMs(),
			goingAtStart: new Map(),
		});
		return {status: 202, body: {jobId}};
	}

	#job(id: string): Job | HttpFailure {
		return this.#jobs.get(id) ?? failure(404, 'not.found', `No details job with id ${id}.`);
	}

	#stateOf(job: Job): JobState {
		if (job.cancelled) return 'CANCELLED';
		const elapsed = performance.now() - job.submittedReal;
		if (elapsed >= this.options.jobDelayMs) return 'FULFILLED';
		return elapsed < this.options.jobDelayMs / 3 ? 'QUEUED' : 'PENDING';
	}

	#status(id: string): DetailsAnswer | HttpFailure {
		const job = this.#job(id);
		if ('status' in job) return job;
		const state = this.#stateOf(job);
		const completionMs = job.submissionMs + this.options.jobDelayMs;
		return {
			body: {
				state,
				submissionDate: iso(job.submissionMs),
				...(state === 'FULFILLED'
					? {completionDate: iso(completionMs), expirationDate: iso(completionMs + 86_400_000)}
					: {}),
			},
		};
	}

	#cancel(id: string): DetailsAnswer | HttpFailure {
		const job = this.#job(id);
		if ('status' in job) return job;
		job.cancelled = true;
		return {status: 204, body: undefined, json: ''};
	}

	#results(id: string, url: URL): DetailsAnswer | HttpFailure {
		const job = this.#job(id);
		if ('status' in job) return job;
		const state = this.#stateOf(job);
		if (state !== 'FULFILLED')
			return failure(
				400,
				'bad.request',
				`The details job ${id} is ${state}: its results can be read once GET .../details/jobs/${id} says FULFILLED.`,
			);
		const sizeText = url.searchParams.get('pageSize');
		const pageSize = sizeText === null ? defaultJobPageSize : Number(sizeText);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxJobPageSize)
			return failure(
				400,
				'bad.request',
				`pageSize must be a whole number from 1 to ${maxJobPageSize}, not ${sizeText}.`,
			);
		const cursorText = url.searchParams.get('cursor');
		let after: (Position & {sent: number}) | undefined;
		if (cursorText) {
			try {
				after = JSON.parse(Buffer.from(cursorText, 'base64url').toString('utf8')) as Position & {sent: number};
			} catch {
				return failure(400, 'bad.request', `The cursor ${cursorText} is not one this job gave.`);
			}
			if (typeof after?.ms !== 'number' || typeof after.ordinal !== 'number' || typeof after.n !== 'number')
				return failure(400, 'bad.request', `The cursor ${cursorText} is not one this job gave.`);
		}
		const sent = after?.sent ?? 0;
		const take = Math.min(pageSize, (job.query.limit ?? Number.POSITIVE_INFINITY) - sent);
		// The cursor just handed out continues where the last page stopped; any other is found again from the model.
		const live = this.#live.get(id);
		const resumed = live && live.cursor === (cursorText ?? '') ? live : undefined;
		this.#live.delete(id);
		const iterator =
			resumed?.iterator ??
			jobSelection(this.#context(), job.query, job.availableMs, job.goingAtStart).conversations(after);
		let pending = resumed?.pending;
		const next = (): Slot | undefined => {
			const held = pending;
			pending = undefined;
			if (held) return held;
			const step = iterator.next();
			return step.done ? undefined : step.value;
		};
		const conversations: unknown[] = [];
		let last: Slot | undefined;
		while (conversations.length < take) {
			const slot = next();
			if (!slot) break;
			conversations.push(this.#record(slot));
			last = slot;
		}
		const total = sent + conversations.length;
		const following = conversations.length === take && total < (job.query.limit ?? Infinity) ? next() : undefined;
		const cursor =
			following && last
				? Buffer.from(JSON.stringify({...positionOf(last), sent: total})).toString('base64url')
				: undefined;
		if (cursor && following) {
			this.#live.set(id, {cursor, iterator, pending: following});
			// Each live listing holds a generator per series: only the latest few are kept.
			if (this.#live.size > maxLiveListings) this.#live.delete(this.#live.keys().next().value!);
		}
		return {body: {conversations, ...(cursor ? {cursor} : {}), dataAvailabilityDate: iso(job.availableMs)}};
	}

	#lookup(id: string): Record<string, unknown> | undefined {
		const decoded = decodeConversationId(this.org, id);
		if (!decoded) return undefined;
		const conversation = findConversation(this.org, this.model, decoded.series, decoded.n);
		return conversation ? conversationRecord(this.org, conversation, this.#nowMs) : undefined;
	}

	#byId(id: string): DetailsAnswer | HttpFailure {
		const record = this.#lookup(id);
		return record ? {body: record} : failure(404, 'not.found', `No conversation with id ${id}.`);
	}

	#byIds(url: URL): DetailsAnswer | HttpFailure {
		const ids = url.searchParams
			.getAll('id')
			.flatMap(value => value.split(','))
			.map(value => value.trim())
			.filter(Boolean);
		if (ids.length === 0)
			return failure(400, 'bad.request', 'id is required: one or more conversation ids, comma-separated.');
		if (ids.length > 100) return failure(400, 'bad.request', `At most 100 ids at once, not ${ids.length}.`);
		return {body: {conversations: ids.flatMap(id => this.#lookup(id) ?? [])}};
	}
}
