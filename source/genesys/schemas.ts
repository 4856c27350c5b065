// zod schemas of the Genesys Cloud answers gqx reads; anything else is a ResponseError, never a crash.
import {z} from 'zod';
import type {DropSink} from './dropped-statistics.js';

export const tokenSchema = z.object({
	access_token: z.string().min(1),
	token_type: z.string().optional(),
	expires_in: z.number().positive(),
});

export const oauthErrorSchema = z.object({
	error: z.string().optional(),
	description: z.string().optional(),
	error_description: z.string().optional(),
});

export const errorBodySchema = z.object({
	message: z.string().optional(),
	code: z.string().optional(),
	status: z.number().optional(),
	contextId: z.string().optional(),
});

export type Stats = {
	count?: number;
	sum?: number;
	min?: number;
	max?: number;
	ratio?: number;
	numerator?: number;
	denominator?: number;
	target?: number;
	current?: number;
};

export type AggregateResponse = {
	results?: Array<{
		group?: Record<string, string>;
		data?: Array<{interval: string; metrics?: Array<{metric: string; qualifier?: string; stats: Stats}>}>;
	}>;
};

export const queueSchema = z.object({
	id: z.string().min(1),
	name: z.string().nullish(),
	division: z.object({id: z.string().optional(), name: z.string().optional()}).optional(),
});

export const queueListingSchema = z.object({
	entities: z.array(queueSchema).optional(),
	pageSize: z.number().optional(),
	pageNumber: z.number().optional(),
	total: z.number().optional(),
	pageCount: z.number().optional(),
	nextUri: z.string().nullable().optional(),
});

export type QueueListing = z.infer<typeof queueListingSchema>;

type Issue = {path: PropertyKey[]; message: string};

/** Where and why an answer breaks the rules; caught by the parser or reader that reports it. */
export class ParseFailure extends Error {
	constructor(readonly issue: Issue) {
		super(issue.message);
	}
}

const statFields = ['count', 'sum', 'min', 'max', 'ratio', 'numerator', 'denominator', 'target', 'current'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The aggregates answer, checked by hand (zod is several times slower on the megabytes a large
 * organization returns). Besides the shape it checks facts that hold for every real answer, whatever
 * the data: counts are whole and not negative, timers are not negative with min <= max and
 * min*count <= sum <= max*count, service level numerator <= denominator, ratios within 0..1. A statistic
 * that breaks one is impossible: it is left out of the answer and handed to `onDrop`, the rest is kept;
 * so is a metric without `stats` and a bucket without `interval`. A wrong shape (no results array,
 * strings for numbers) fails the whole. The client reads answers from their bytes with the same checks
 * (aggregates-reader.ts, tested to agree with this one).
 */
export const aggregateResponseParser = {
	safeParse(
		value: unknown,
		onDrop?: DropSink,
	): {success: true; data: AggregateResponse} | {success: false; error: {issues: Issue[]}} {
		try {
			return {success: true, data: parseAggregates(value, onDrop)};
		} catch (error) {
			if (error instanceof ParseFailure) return {success: false, error: {issues: [error.issue]}};
			throw error;
		}
	},
};

export function fail(path: PropertyKey[], message: string): never {
	throw new ParseFailure({path, message});
}

/** The whole answer, parsed already, checked (throws a ParseFailure). */
export function parseAggregates(value: unknown, onDrop?: DropSink): AggregateResponse {
	if (!isObject(value)) fail([], 'expected an object');
	const results = value['results'];
	if (results === undefined) return {};
	if (!Array.isArray(results)) fail(['results'], 'expected an array');
	for (let r = 0; r < results.length; r++) checkResult(results[r], r, onDrop);
	return value as AggregateResponse;
}

export type AggregateResult = NonNullable<AggregateResponse['results']>[number];

/**
 * Checks result `r` of an aggregates answer by the rules above; throws a ParseFailure naming where
 * it is wrong (`results.r...`); leaves out (in place) what is impossible and tells `onDrop`. Shared by
 * the parser of a whole answer and the reader of its bytes.
 */
export function checkResult(result: unknown, r: number, onDrop?: DropSink): asserts result is AggregateResult {
	if (!isObject(result)) fail(['results', r], 'expected an object');
	const group = result['group'];
	if (group !== undefined) {
		if (!isObject(group)) fail(['results', r, 'group'], 'expected an object');
		for (const key in group)
			if (typeof group[key] !== 'string') fail(['results', r, 'group', key], 'expected a string');
	}
	const data = result['data'];
	if (data === undefined) return;
	if (!Array.isArray(data)) fail(['results', r, 'data'], 'expected an array');
	const place = () => ({
		queueId: (group?.['queueId'] as string | undefined) ?? null,
		mediaType: (group?.['mediaType'] as string | undefined) ?? null,
	});
	// `d` and `m` count what the answer had, so a failure names the place in the answer as sent.
	for (let d = 0, at = 0; at < data.length; d++) {
		const entry: unknown = data[at];
		if (!isObject(entry)) fail(['results', r, 'data', d], 'expected an object');
		const interval = entry['interval'];
		if (interval === undefined || interval === null) {
			data.splice(at, 1);
			onDrop?.({...place(), interval: null, metric: null, problem: 'the bucket has no interval'});
			continue;
		}
		if (typeof interval !== 'string') fail(['results', r, 'data', d, 'interval'], 'expected a string');
		at++;
		const metrics = entry['metrics'];
		if (metrics === undefined) continue;
		if (!Array.isArray(metrics)) fail(['results', r, 'data', d, 'metrics'], 'expected an array');
		// The path is built only when a metric fails: one array per metric was most of the garbage.
		for (let m = 0, kept = 0; kept < metrics.length; m++) {
			const problem = checkMetric(metrics[kept], r, d, m);
			if (problem === undefined) {
				kept++;
				continue;
			}
			metrics.splice(kept, 1);
			onDrop?.({...place(), interval, metric: problem.metric, problem: problem.problem});
		}
	}
}

/** Where metric `m` of data entry `d` of result `r` is, plus `rest`: built only for a failure. */
function metricPath(r: number, d: number, m: number, ...rest: PropertyKey[]): PropertyKey[] {
	return ['results', r, 'data', d, 'metrics', m, ...rest];
}

/** Throws for a wrong shape; returns what makes the metric impossible, to be left out, or undefined. */
function checkMetric(item: unknown, r: number, d: number, m: number): {metric: string; problem: string} | undefined {
	if (!isObject(item)) fail(metricPath(r, d, m), 'expected an object');
	const metric = item['metric'];
	if (typeof metric !== 'string') fail(metricPath(r, d, m, 'metric'), 'expected a string');
	if (item['qualifier'] !== undefined && typeof item['qualifier'] !== 'string')
		fail(metricPath(r, d, m, 'qualifier'), 'expected a string');
	const stats = item['stats'];
	if (stats === undefined || stats === null) return {metric, problem: 'the metric has no stats'};
	if (!isObject(stats)) fail(metricPath(r, d, m, 'stats'), 'expected an object');
	for (const field of statFields) {
		const number = stats[field];
		if (number !== undefined && (typeof number !== 'number' || !Number.isFinite(number)))
			fail(metricPath(r, d, m, 'stats', field), 'expected a finite number');
	}
	const problem = statsProblem(metric, stats as Stats);
	return problem === undefined ? undefined : {metric, problem};
}

/** What makes a metric's statistics impossible (facts that always hold), or undefined. */
function statsProblem(
	metric: string,
	{count, sum, min, max, numerator, denominator, ratio, target}: Stats,
): string | undefined {
	if (count !== undefined && (!Number.isInteger(count) || count < 0))
		return 'count is not a whole number of at least 0';
	if ((numerator ?? 0) < 0 || (denominator ?? 0) < 0) return 'a service level part is negative';
	if (metric.startsWith('t') && ((min ?? 0) < 0 || (sum ?? 0) < 0)) return 'a timer is negative';
	if (min !== undefined && max !== undefined && min > max) return 'min is above max';
	if (count !== undefined && count > 0 && sum !== undefined && min !== undefined && max !== undefined) {
		const slack = 1e-6 * Math.max(1, Math.abs(sum));
		if (sum < min * count - slack || sum > max * count + slack) return 'sum is outside count x [min, max]';
	}
	if (count === 0 && sum !== undefined && sum !== 0) return 'a sum without any count';
	if (numerator !== undefined && denominator !== undefined && numerator > denominator)
		return 'numerator is above denominator';
	if (ratio !== undefined && (ratio < 0 || ratio > 1)) return 'ratio is outside 0..1';
	if (target !== undefined && (target < 0 || target > 1)) return 'target is outside 0..1';
	return undefined;
}
