// Wrap-up code names from GET /api/v2/routing/wrapupcodes (every page), asked once per client. Codes
// not listed show as their id: a system code's as it is (ININ-WRAP-UP-TIMEOUT), a deleted code's UUID
// shortened as an unknown user's is, `(code 1a2b3c4d)`. Without the permission to list them every code
// shows its whole id (the only way to look it up), and the caller says which permission is missing.
import {z} from 'zod';
import type {GenesysClient} from './client.js';
import {PermissionError} from '../errors.js';
import {walkPages} from './paging.js';

export const wrapupCodesPath = '/api/v2/routing/wrapupcodes';
export const wrapupCodePermission = 'routing:wrapupCode:view';

const codeListingSchema = z.object({
	entities: z.array(z.object({id: z.string().min(1), name: z.string()})).optional(),
	pageCount: z.number().optional(),
	nextUri: z.string().nullable().optional(),
});

export type WrapupCodeNames = {
	nameOf: (id: string) => string;
	/** The permission the listing was refused for; names are ids then. */
	missingPermission?: string;
};

/** How a code the listing does not have is shown: a UUID (a deleted code) shortened, a system code's id whole. */
export function unlistedCodeName(id: string): string {
	return /^[\da-f]{8}-[\da-f]{4}-/i.test(id) ? `(code ${id.slice(0, 8)})` : id;
}

const known = new WeakMap<GenesysClient, Promise<WrapupCodeNames>>();

async function listCodes(client: GenesysClient, signal?: AbortSignal): Promise<WrapupCodeNames> {
	const names = new Map<string, string>();
	try {
		await walkPages(
			'wrap-up code',
			pageNumber =>
				client.get(
					wrapupCodesPath,
					new URLSearchParams({pageSize: '100', pageNumber: String(pageNumber)}),
					codeListingSchema,
					signal,
				),
			codes => {
				for (const code of codes) names.set(code.id, code.name);
			},
		);
	} catch (error) {
		// The drill still works without names: its numbers need only the aggregates permission.
		if (error instanceof PermissionError) return {nameOf: id => id, missingPermission: wrapupCodePermission};
		throw error;
	}
	return {nameOf: id => names.get(id) ?? unlistedCodeName(id)};
}

/** The org's wrap-up code names, listed once per client; a failed listing is asked again next time. */
export function fetchWrapupCodeNames(
	client: GenesysClient,
	options: {signal?: AbortSignal} = {},
): Promise<WrapupCodeNames> {
	let listing = known.get(client);
	if (!listing) {
		listing = listCodes(client, options.signal);
		known.set(client, listing);
		listing.catch(() => {
			if (known.get(client) === listing) known.delete(client);
		});
	}
	return listing;
}
