// Agent names from GET /api/v2/users: ids asked in batches (every page), `state=any` so agents who
// have left are named too; asked once per client (a session) and kept.
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {UsageError} from '../errors.js';
import {walkPages} from './paging.js';
import {runPool} from './pool.js';

export const usersPath = '/api/v2/users';

const userListingSchema = z.object({
	entities: z.array(z.object({id: z.string().min(1), name: z.string().optional()})).optional(),
	pageCount: z.number().optional(),
	nextUri: z.string().nullable().optional(),
});

/** How an agent is shown when no user has that id, even among deleted ones. */
export function unknownUserName(id: string): string {
	return `(user ${id.slice(0, 8)})`;
}

/** Names learned per client: a name, or null for an id the directory does not know. */
const known = new WeakMap<GenesysClient, Map<string, string | null>>();

function cacheOf(client: GenesysClient): Map<string, string | null> {
	let cache = known.get(client);
	if (!cache) {
		cache = new Map();
		known.set(client, cache);
	}
	return cache;
}

type Options = {signal?: AbortSignal; batchSize?: number; concurrency?: number};

/**
 * Names of the given user ids: asks only for ids this client has not looked up before, in batches of
 * `batchSize` (following every page of each), and remembers what it found and what it did not.
 */
export async function fetchUserNames(
	client: GenesysClient,
	ids: Iterable<string>,
	options: Options = {},
): Promise<(id: string) => string> {
	const cache = cacheOf(client);
	const missing = [...new Set(ids)].filter(id => !cache.has(id));
	const batchSize = options.batchSize ?? 100;
	const batches: string[][] = [];
	for (let index = 0; index < missing.length; index += batchSize) batches.push(missing.slice(index, index + batchSize));
	await runPool(
		batches.map(batch => async (signal: AbortSignal) => {
			const found = new Map<string, string>();
			await walkPages(
				'user',
				pageNumber =>
					client.get(
						usersPath,
						new URLSearchParams({
							id: batch.join(','),
							state: 'any',
							pageSize: String(batchSize),
							pageNumber: String(pageNumber),
						}),
						userListingSchema,
						signal,
					),
				users => {
					for (const user of users) found.set(user.id, user.name ?? unknownUserName(user.id));
				},
			);
			// Stored only when the whole batch is in, so a cancelled lookup is asked again.
			for (const id of batch) cache.set(id, found.get(id) ?? null);
		}),
		options.concurrency ?? 4,
		options.signal,
	);
	return id => cache.get(id) ?? unknownUserName(id);
}

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * An agent's user id from `--agent`: an id as it is, else the one user (active or deleted) of that name, found by
 * paging the user listing; no such user, or several, is the user's to fix.
 */
export async function findUserId(client: GenesysClient, nameOrId: string, signal?: AbortSignal): Promise<string> {
	if (uuidPattern.test(nameOrId)) return nameOrId;
	const wanted = nameOrId.toLocaleLowerCase();
	const matches: Array<{id: string; name: string}> = [];
	const near: string[] = [];
	await walkPages(
		'user',
		pageNumber =>
			client.get(
				usersPath,
				new URLSearchParams({state: 'any', pageSize: '100', pageNumber: String(pageNumber)}),
				userListingSchema,
				signal,
			),
		users => {
			for (const user of users) {
				const name = user.name ?? '';
				if (name.toLocaleLowerCase() === wanted) matches.push({id: user.id, name});
				else if (near.length < 5 && name.toLocaleLowerCase().includes(wanted)) near.push(name);
			}
		},
	);
	if (matches.length === 1) return matches[0]!.id;
	if (matches.length > 1)
		throw new UsageError(
			`${matches.length} users are named "${nameOrId}".`,
			`Give one's id with --agent: ${matches.map(match => match.id).join(', ')}.`,
		);
	throw new UsageError(
		`No user is named "${nameOrId}".`,
		near.length > 0 ? `Names like it: ${near.join(', ')}.` : 'Give the exact name or the user id.',
	);
}
