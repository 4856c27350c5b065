// GET /api/v2/users (by id, paged, `state`) and GET /api/v2/routing/wrapupcodes (paged): the names of
// the agents and wrap-up codes that analytics answers give as ids.
import {type Listing, listOf, page} from './listing.js';
import type {People} from './people.js';

/** Users by id (all when none given), `state` active (default), deleted or any; `purged` are gone altogether. */
export function listUsers(people: People, url: URL, maxPageSize: number, purged: ReadonlySet<string>): Listing {
	const params = url.searchParams;
	const state = params.get('state') ?? 'active';
	const ids = listOf(params, 'id');
	let users = ids.length > 0 ? ids.flatMap(id => people.userById.get(id) ?? []) : people.users;
	users = users.filter(user => !purged.has(user.id) && (state === 'any' || user.state === state));
	return page('/api/v2/users', params, users, maxPageSize, user => ({
		id: user.id,
		name: user.name,
		email: user.email,
		state: user.state,
		selfUri: `/api/v2/users/${user.id}`,
	}));
}

/** The org's wrap-up codes by name: system codes and deleted ones are not listed. */
export function listWrapupCodes(people: People, url: URL, maxPageSize: number): Listing {
	const params = url.searchParams;
	const ids = new Set(listOf(params, 'id'));
	let codes = people.codes.filter(code => !code.system && !code.deleted);
	if (ids.size > 0) codes = codes.filter(code => ids.has(code.id));
	codes = [...codes].sort((a, b) => a.name.localeCompare(b.name));
	if (params.get('sortOrder') === 'descending') codes.reverse();
	return page('/api/v2/routing/wrapupcodes', params, codes, maxPageSize, code => ({
		id: code.id,
		name: code.name,
		dateCreated: '2023-01-09T10:00:00.000Z',
		selfUri: `/api/v2/routing/wrapupcodes/${code.id}`,
	}));
}
