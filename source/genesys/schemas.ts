// zod schemas of the Genesys Cloud answers gqx reads; anything else is a ResponseError, never a crash.
import {z} from 'zod';

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

const finite = z.number().finite();
const nonNegative = finite.nonnegative();

export const statsSchema = z.object({
	count: z.number().int().nonnegative().optional(),
	sum: finite.optional(),
	min: finite.optional(),
	max: finite.optional(),
	ratio: finite.optional(),
	numerator: nonNegative.optional(),
	denominator: nonNegative.optional(),
	target: finite.optional(),
	current: finite.optional(),
});

export type Stats = z.infer<typeof statsSchema>;

/**
 * Facts that hold for every real answer, whatever the data: timers are non-negative with
 * min <= max and min*count <= sum <= max*count, service level parts satisfy numerator <= denominator.
 * An answer that breaks one is damaged, and is rejected rather than shown as numbers.
 */
const metricSchema = z
	.object({metric: z.string(), qualifier: z.string().optional(), stats: statsSchema})
	.superRefine((item, context) => {
		const {count, sum, min, max, numerator, denominator, ratio, target} = item.stats;
		const fail = (message: string) => context.addIssue({code: 'custom', message: `${item.metric}: ${message}`, path: ['stats']});
		if (item.metric.startsWith('t') && ((min ?? 0) < 0 || (sum ?? 0) < 0)) fail('a timer is negative');
		if (min !== undefined && max !== undefined && min > max) fail('min is above max');
		if (count !== undefined && count > 0 && sum !== undefined && min !== undefined && max !== undefined) {
			const slack = 1e-6 * Math.max(1, Math.abs(sum));
			if (sum < min * count - slack || sum > max * count + slack) fail('sum is outside count x [min, max]');
		}
		if (count === 0 && sum !== undefined && sum !== 0) fail('a sum without any count');
		if (numerator !== undefined && denominator !== undefined && numerator > denominator) fail('numerator is above denominator');
		if (ratio !== undefined && (ratio < 0 || ratio > 1)) fail('ratio is outside 0..1');
		if (target !== undefined && (target < 0 || target > 1)) fail('target is outside 0..1');
	});

export const aggregateResponseSchema = z.object({
	results: z
		.array(
			z.object({
				group: z.record(z.string(), z.string()).optional(),
				data: z
					.array(
						z.object({
							interval: z.string(),
							metrics: z.array(metricSchema).optional(),
						}),
					)
					.optional(),
			}),
		)
		.optional(),
});

export type AggregateResponse = z.infer<typeof aggregateResponseSchema>;

export const queueSchema = z.object({
	id: z.string().min(1),
	name: z.string(),
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
