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

export const aggregateResponseSchema = z.object({
	results: z
		.array(
			z.object({
				group: z.record(z.string(), z.string()).optional(),
				data: z
					.array(
						z.object({
							interval: z.string(),
							metrics: z.array(z.object({metric: z.string(), qualifier: z.string().optional(), stats: statsSchema})).optional(),
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
