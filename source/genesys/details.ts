// Conversation details: the synchronous details query (pages of 100, conversations that started on a UTC day the
// interval touches) for recent data, and details jobs (submit, poll, cursor pages) for data older than the jobs'
// availability date. Rows repeated across pages are dropped by conversation id; a listing a limit stops is said,
// never cut silently. It streams: a page at a time goes to the caller, so 200,000 conversations never sit in memory.
import {DateTime} from 'luxon';
import {z} from 'zod';
import {type GenesysClient, sleep} from './client.js';
import {ApiError, CancelledError, GqxError, ResponseError} from '../errors.js';

export const detailsQueryPath = '/api/v2/analytics/conversations/details/query';
export const detailsJobsPath = '/api/v2/analytics/conversations/details/jobs';
export const detailsAvailabilityPath = `${detailsJobsPath}/availability`;
export const detailsPermission = 'analytics:conversationDetail:view';

const metricSchema = z.object({name: z.string(), value: z.number(), emitDate: z.string().optional()});
const segmentSchema = z.object({
	segmentStart: z.string(),
	segmentEnd: z.string().optional(),
	segmentType: z.string().optional(),
	queueId: z.string().optional(),
	disconnectType: z.string().optional(),
	wrapUpCode: z.string().optional(),
});
const sessionSchema = z.object({
	mediaType: z.string().optional(),
	direction: z.string().optional(),
	ani: z.string().optional(),
	dnis: z.string().optional(),
	addressFrom: z.string().optional(),
	addressTo: z.string().optional(),
	metrics: z.array(metricSchema).optional(),
	segments: z.array(segmentSchema).optional(),
});
const participantSchema = z.object({
	participantId: z.string().optional(),
	participantName: z.string().optional(),
	purpose: z.string().optional(),
	userId: z.string().optional(),
	sessions: z.array(sessionSchema).optional(),
});
export const conversationSchema = z.object({
	conversationId: z.string().min(1),
	conversationStart: z.string(),
	conversationEnd: z.string().optional(),
	originatingDirection: z.string().optional(),
	divisionIds: z.array(z.string()).optional(),
	participants: z.array(participantSchema).optional(),
});

export type Conversation = z.infer<typeof conversationSchema>;
export type Participant = z.infer<typeof participantSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type Segment = z.infer<typeof segmentSchema>;

const queryAnswerSchema = z.object({
	conversations: z.array(conversationSchema).optional(),
	totalHits: z.number().optional(),
});
const jobSchema = z.object({jobId: z.string().min(1)});
const jobStatusSchema = z.object({state: z.string(), errorMessage: z.string().optional()});
const jobResultsSchema = z.object({
	conversations: z.array(conversationSchema).optional(),
	cursor: z.string().optional(),
	dataAvailabilityDate: z.string().optional(),
});
const availabilitySchema = z.object({dataAvailabilityDate: z.string()});

/** Which conversations: the quick filter of the level and `--outcome`. */
export type OutcomeFilter = 'abandoned' | 'answered' | 'flowOut' | 'overSla';
export const outcomeFilters: readonly OutcomeFilter[] = ['abandoned', 'answered', 'flowOut', 'overSla'];

/** The metric whose presence marks each outcome (a conversation filter the reference shows in real code). */
const outcomeMetric: Record<OutcomeFilter, string> = {
	abandoned: 'tAbandon',
	answered: 'tAnswered',
	flowOut: 'tFlowOut',
	overSla: 'nOverSla',
};

export type DetailsQuery = {
	/** The range: conversations whose queue entry is in [start, end). */
	start: DateTime;
	end: DateTime;
	/** Empty: every queue. */
	queueIds: readonly string[];
	mediaTypes?: readonly string[];
	userId?: string;
	wrapUpCode?: string;
	outcome?: OutcomeFilter;
};

export type DetailsProgress = {
	/** Conversations handed over so far (unique). */
	listed: number;
	/** The server's estimate of all there are (approximate: it changes while the day still has traffic). */
	estimate?: number;
	/** A job is being prepared by the server. */
	waitingForJob?: boolean;
};

export type DetailsSummary = {
	/** Rows received, repeats included. */
	fetched: number;
	unique: number;
	duplicates: number;
	/** Parts of the range a limit stopped: how many conversations the server said there were and how many came. */
	truncated: Array<{interval: string; listed: number; total: number}>;
	/** Parts the query listed whole, but with fewer conversations than it last counted (rows shift while a day has
	 * traffic, and a shifted row can fall between two pages). */
	gaps: Array<{interval: string; listed: number; total: number}>;
	/** How the conversations were read: the query, jobs, or both. */
	via: Array<'query' | 'job'>;
};

export type DetailsOptions = {
	signal?: AbortSignal;
	/** A page of new conversations (none seen before in this listing); the next page waits for it. */
	onConversations(conversations: readonly Conversation[]): Promise<void> | void;
	onProgress?(progress: DetailsProgress): void;
	pageSize?: number;
	jobPageSize?: number;
	/** More conversations than this in a piece the jobs hold: a job lists it rather than the query, page by page. */
	jobThreshold?: number;
	/** First wait between job status polls (doubling up to 5 s). */
	pollMs?: number;
	/** How long a job may take before gqx gives up on it. */
	jobTimeoutMs?: number;
};

const maxQueryDays = 31;

function predicate(dimension: string, value: string) {
	return {type: 'dimension', dimension, operator: 'matches', value};
}

/** The filters of a query: the queues (OR), the media types (OR), the agent and code, ANDed; the outcome metric. */
export function detailsFilters(query: DetailsQuery, started?: {from: DateTime; to: DateTime}): Record<string, unknown> {
	// No queue named: every conversation that went through a queue (a filter keeps the 31-day interval limit).
	const segmentFilters: unknown[] = [
		query.queueIds.length > 0
			? {type: 'or', predicates: query.queueIds.map(id => predicate('queueId', id))}
			: {type: 'and', predicates: [predicate('purpose', 'acd')]},
	];
	if (query.mediaTypes?.length)
		segmentFilters.push({type: 'or', predicates: query.mediaTypes.map(media => predicate('mediaType', media))});
	if (query.userId) segmentFilters.push({type: 'and', predicates: [predicate('userId', query.userId)]});
	if (query.wrapUpCode) segmentFilters.push({type: 'and', predicates: [predicate('wrapUpCode', query.wrapUpCode)]});
	const conversationFilters: unknown[] = query.outcome
		? [{type: 'and', predicates: [{type: 'metric', metric: outcomeMetric[query.outcome], operator: 'exists'}]}]
		: [];
	// The query selects whole days: only the conversations that started in the piece (its pages then hold what the
	// interval asked for, not the rest of its day).
	if (started)
		conversationFilters.push({
			type: 'and',
			predicates: [
				{
					type: 'dimension',
					dimension: 'conversationStart',
					operator: 'matches',
					range: {gte: iso(started.from), lt: iso(started.to)},
				},
			],
		});
	return {segmentFilters, ...(conversationFilters.length ? {conversationFilters} : {})};
}

function iso(time: DateTime): string {
	return time.toUTC().toISO({suppressMilliseconds: true})!;
}

/** [start, end) in pieces the query allows: at most 31 days, cut at UTC midnight (its indexes are days). */
export function queryPieces(start: DateTime, end: DateTime): Array<[DateTime, DateTime]> {
	const pieces: Array<[DateTime, DateTime]> = [];
	let from = start.toUTC();
	const until = end.toUTC();
	while (from < until) {
		const to = DateTime.min(from.startOf('day').plus({days: maxQueryDays}), until);
		pieces.push([from, to]);
		from = to;
	}
	return pieces;
}

function checkCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new CancelledError();
}

/** One conversation by id (`GET /api/v2/analytics/conversations/{id}/details`). */
export async function fetchConversation(
	client: GenesysClient,
	id: string,
	signal?: AbortSignal,
): Promise<Conversation> {
	return client.get(
		`/api/v2/analytics/conversations/${encodeURIComponent(id)}/details`,
		new URLSearchParams(),
		conversationSchema,
		signal,
	);
}

/** The instant before which the details jobs have every conversation; undefined when jobs cannot be used. */
export async function jobsAvailableUntil(client: GenesysClient, signal?: AbortSignal): Promise<DateTime | undefined> {
	try {
		const answer = await client.get(detailsAvailabilityPath, new URLSearchParams(), availabilitySchema, signal);
		const date = DateTime.fromISO(answer.dataAvailabilityDate, {zone: 'utc'});
		return date.isValid ? date : undefined;
	} catch (error) {
		// Without jobs the query still answers, 31 days at a time (a client with only the agent details permission
		// may not ask the availability: its query says what it lacks, if anything).
		if (error instanceof CancelledError) throw error;
		if (error instanceof GqxError) return undefined;
		throw error;
	}
}

/** A limit the query answered with a 400 (a page too deep): the listing stops there and says so. */
function isWindowError(error: unknown): boolean {
	return error instanceof ApiError && error.status === 400 && /page|window|result|deep|exceed/i.test(error.message);
}

class Listing {
	readonly seen = new Set<string>();
	readonly summary: DetailsSummary = {fetched: 0, unique: 0, duplicates: 0, truncated: [], gaps: [], via: []};
	estimate = 0;

	constructor(
		readonly query: DetailsQuery,
		readonly options: DetailsOptions,
	) {}

	/** Hands over the conversations not seen before whose start is in the range; returns how many were new. */
	async take(conversations: readonly Conversation[]): Promise<number> {
		const fresh: Conversation[] = [];
		for (const conversation of conversations) {
			this.summary.fetched++;
			if (this.seen.has(conversation.conversationId)) {
				this.summary.duplicates++;
				continue;
			}
			this.seen.add(conversation.conversationId);
			fresh.push(conversation);
		}
		this.summary.unique += fresh.length;
		if (fresh.length > 0) await this.options.onConversations(fresh);
		this.options.onProgress?.({listed: this.summary.unique, ...(this.estimate ? {estimate: this.estimate} : {})});
		return fresh.length;
	}

	via(how: 'query' | 'job'): void {
		if (!this.summary.via.includes(how)) this.summary.via.push(how);
	}
}

/** How long before its queue entry a conversation may have started (IVR, a first queue): asked for too. */
export const lookbackMs = 60 * 60_000;

/** A piece of the range: conversations that started in [from, to). */
type Piece = {from: DateTime; to: DateTime};

function intervalOf(piece: Piece): string {
	return `${iso(piece.from)}/${iso(piece.to)}`;
}

/**
 * Pages the query over a piece until an empty or short page. Only the server stops it early (a 400 past the first
 * page: its own limit), and that is said. `jobsHold`: the jobs hold the whole piece, so a piece with more than the
 * job threshold goes to a job after its first page ('job').
 */
async function runQuery(
	client: GenesysClient,
	listing: Listing,
	piece: Piece,
	jobsHold: boolean,
): Promise<'done' | 'job'> {
	const {options, query} = listing;
	const pageSize = options.pageSize ?? 100;
	const filters = detailsFilters(query, piece);
	let first: number | undefined;
	let last: number | undefined;
	let listedHere = 0;
	listing.via('query');
	for (let pageNumber = 1; ; pageNumber++) {
		checkCancelled(options.signal);
		const body = {
			interval: intervalOf(piece),
			order: 'asc',
			orderBy: 'conversationStart',
			paging: {pageSize, pageNumber},
			...filters,
		};
		let answer: z.infer<typeof queryAnswerSchema>;
		try {
			answer = await client.post(detailsQueryPath, body, queryAnswerSchema, options.signal);
		} catch (error) {
			// A page the server will not go to: what came is kept and the rest said. A first page refused is an error.
			if (pageNumber === 1 || listedHere === 0 || !isWindowError(error)) throw error;
			listing.summary.truncated.push({interval: intervalOf(piece), listed: listedHere, total: last ?? listedHere});
			return 'done';
		}
		if (answer.totalHits !== undefined) {
			if (first === undefined) listing.estimate += answer.totalHits;
			first ??= answer.totalHits;
			last = answer.totalHits;
		}
		const rows = answer.conversations ?? [];
		listedHere += rows.length > 0 ? await listing.take(rows) : 0;
		if (jobsHold && pageNumber === 1 && (first ?? 0) > (options.jobThreshold ?? 10_000)) return 'job';
		if (rows.length < pageSize) break;
		if (pageNumber >= 1_000_000)
			throw new ResponseError('The details query did not end after 1,000,000 pages.', 'Export a shorter range.');
	}
	if (last !== undefined && listedHere < last)
		listing.summary.gaps.push({interval: intervalOf(piece), listed: listedHere, total: last});
	return 'done';
}

async function runJob(client: GenesysClient, listing: Listing, piece: Piece): Promise<void> {
	const {options, query} = listing;
	listing.via('job');
	const body = {
		interval: intervalOf(piece),
		order: 'asc',
		orderBy: 'conversationStart',
		...detailsFilters(query, piece),
	};
	const {jobId} = await client.post(detailsJobsPath, body, jobSchema, options.signal);
	const jobPath = `${detailsJobsPath}/${encodeURIComponent(jobId)}`;
	const timeoutMs = options.jobTimeoutMs ?? 15 * 60_000;
	const deadline = Date.now() + timeoutMs;
	let delay = options.pollMs ?? 500;
	let finished = false;
	try {
		for (;;) {
			options.onProgress?.({listed: listing.summary.unique, waitingForJob: true});
			await sleep(delay, options.signal);
			const status = await client.get(jobPath, new URLSearchParams(), jobStatusSchema, options.signal);
			if (status.state === 'FULFILLED') break;
			if (['FAILED', 'CANCELLED', 'EXPIRED'].includes(status.state)) {
				finished = true;
				throw new ResponseError(
					`The conversation details job ended ${status.state.toLowerCase()}${status.errorMessage ? `: ${status.errorMessage}` : ''}.`,
					'Try again; if it keeps failing, export a shorter range.',
				);
			}
			if (Date.now() > deadline)
				throw new ResponseError(
					`The conversation details job was not ready after ${Math.round(timeoutMs / 60_000)} minutes.`,
					'Try again later, or export a shorter range.',
				);
			delay = Math.min(delay * 2, 5000);
		}
		let cursor: string | undefined;
		for (let page = 0; ; page++) {
			checkCancelled(options.signal);
			const params = new URLSearchParams({pageSize: String(options.jobPageSize ?? 250)});
			if (cursor) params.set('cursor', cursor);
			const answer = await client.get(`${jobPath}/results`, params, jobResultsSchema, options.signal);
			await listing.take(answer.conversations ?? []);
			if (!answer.cursor) break;
			if (answer.cursor === cursor)
				throw new ResponseError(
					'The details job gave the same cursor twice; its listing may be incomplete.',
					'Try again; report it if it keeps happening.',
				);
			cursor = answer.cursor;
			if (page > 100_000)
				throw new ResponseError(
					'The details job results did not end after 100,000 pages.',
					'Report this: the server keeps giving cursors.',
				);
		}
		finished = true;
	} finally {
		// A job left running counts against the org's concurrent jobs: one given up on (cancelled, timed out) goes.
		if (!finished) await client.delete(jobPath).catch(() => undefined);
	}
}

/**
 * Every conversation of `query` that started in its range (and up to `lookbackMs` before, for those that entered a
 * queue in it later), each once, a page at a time. The part before the jobs' availability date goes to a job when
 * the query cannot take it well (longer than 31 days, or more conversations than the job threshold); the rest goes
 * to the query in pieces of at most 31 days.
 */
export async function streamConversations(
	client: GenesysClient,
	query: DetailsQuery,
	options: DetailsOptions,
): Promise<DetailsSummary> {
	const listing = new Listing(query, options);
	const start = query.start.toUTC().minus({milliseconds: lookbackMs});
	const end = query.end.toUTC();
	const available = await jobsAvailableUntil(client, options.signal);
	// Jobs take conversations with any activity in the interval: the job's part ends where the query's starts.
	const jobEnd = available && available > start ? DateTime.min(available.toUTC().startOf('day'), end) : undefined;
	if (jobEnd && jobEnd > start && end.diff(start, 'days').days > maxQueryDays) {
		await runJob(client, listing, {from: start, to: jobEnd});
		for (const [from, to] of queryPieces(jobEnd, end)) await runQuery(client, listing, {from, to}, false);
		return listing.summary;
	}
	for (const [from, to] of queryPieces(start, end)) {
		const jobsHold = available !== undefined && to <= available;
		// A piece the jobs hold with more than the threshold: a job lists it (those of the first page are not given
		// twice).
		if ((await runQuery(client, listing, {from, to}, jobsHold)) === 'job') await runJob(client, listing, {from, to});
	}
	return listing.summary;
}
