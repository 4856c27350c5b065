// Names of routing skills and languages (GET /api/v2/routing/skills, /routing/languages; reference part 3 §C.2): every
// page once per client, ids the listing lacks (a deleted skill) looked up with `?id=`, else shown by their id. Without
// routing:skill:view the skills are their ids, and the caller says which permission is missing.
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {PermissionError} from '../errors.js';
import {walkPages} from './paging.js';
import type {RoutedRows} from './row-dimensions.js';

export const skillPermission = 'routing:skill:view';

type Routed = RoutedRows;

const paths: Record<Routed, string> = {skill: '/api/v2/routing/skills', language: '/api/v2/routing/languages'};

const listingSchema = z.object({
	entities: z.array(z.object({id: z.string().min(1), name: z.string().nullish()})).optional(),
	pageCount: z.number().optional(),
	nextUri: z.string().nullish(),
});

export type RoutingNames = {
	nameOf: (id: string) => string;
	/** Every skill or language the listing has, by id (none when it was refused): those without traffic too. */
	listed: ReadonlyMap<string, string>;
	/** The permission the listing was refused for; names are ids then. */
	missingPermission?: string;
};

/** How an id no listing has is shown: `(skill 1a2b3c4d)` (the export's id field has it whole). */
export function unlistedName(by: Routed, id: string): string {
	return `(${by} ${id.slice(0, 8)})`;
}

const known = new WeakMap<GenesysClient, Map<Routed, Promise<Map<string, string> | PermissionError>>>();

function listAll(client: GenesysClient, by: Routed, signal?: AbortSignal): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	return walkPages(
		by,
		pageNumber =>
			client.get(
				paths[by],
				new URLSearchParams({pageSize: '100', pageNumber: String(pageNumber)}),
				listingSchema,
				signal,
			),
		entities => {
			for (const entity of entities) if (entity.name) names.set(entity.id, entity.name);
		},
	).then(() => names);
}

/** The listing, once per client and kind; a failed one is asked again next time, a refused one is kept as refused. */
function listing(
	client: GenesysClient,
	by: Routed,
	signal?: AbortSignal,
): Promise<Map<string, string> | PermissionError> {
	let byKind = known.get(client);
	if (!byKind) known.set(client, (byKind = new Map()));
	let listed = byKind.get(by);
	if (!listed) {
		listed = listAll(client, by, signal).catch((error: unknown) => {
			if (error instanceof PermissionError) return error;
			if (byKind.get(by) === listed) byKind.delete(by);
			throw error;
		});
		byKind.set(by, listed);
	}
	return listed;
}

/**
 * Every skill or language of the listing as `{id, name}` (for --skill and --language to match), plus those of `ids`
 * it lacks that `?id=` finds (a deleted skill given by its id). A refused listing is a PermissionError.
 */
export async function listRoutingEntities(
	client: GenesysClient,
	by: Routed,
	ids: readonly string[] = [],
): Promise<Array<{id: string; name: string}>> {
	const listed = await listing(client, by);
	if (listed instanceof PermissionError) throw listed;
	const {nameOf} = await fetchRoutingNames(client, by, ids);
	const found = ids.filter(id => !listed.has(id) && nameOf(id) !== unlistedName(by, id));
	return [...[...listed].map(([id, name]) => ({id, name})), ...found.map(id => ({id, name: nameOf(id)}))];
}

const idsPerLookup = 25;

/** Names of the skills or languages `ids`: from the listing, then `?id=` (25 a request) for those it lacks. */
export async function fetchRoutingNames(
	client: GenesysClient,
	by: Routed,
	ids: Iterable<string>,
	options: {signal?: AbortSignal} = {},
): Promise<RoutingNames> {
	const listed = await listing(client, by, options.signal);
	if (listed instanceof PermissionError)
		return {nameOf: id => id, listed: new Map(), missingPermission: skillPermission};
	const missing = [...new Set(ids)].filter(id => !listed.has(id));
	// `id[]` in the API's definition: each id its own parameter, as many as the default page holds (the largest page
	// size is not documented), so a server that reads neither a comma list nor a larger page still names them all.
	for (let index = 0; index < missing.length; index += idsPerLookup) {
		const query = new URLSearchParams({pageSize: String(idsPerLookup)});
		for (const id of missing.slice(index, index + idsPerLookup)) query.append('id', id);
		const page = await client.get(paths[by], query, listingSchema, options.signal);
		// Kept with the listing: a deleted skill is looked up once a session.
		for (const entity of page.entities ?? []) if (entity.name) listed.set(entity.id, entity.name);
	}
	return {nameOf: id => listed.get(id) ?? unlistedName(by, id), listed};
}
