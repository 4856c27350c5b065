// The one way gqx walks a paged listing (queues, users, wrap-up codes): page after page until the last one, and a
// server whose pages never end (a pageCount that keeps growing, the same ids on every page) is stopped at once.
import {ResponseError} from '../errors.js';

export type Page<E> = {entities?: E[] | undefined; pageCount?: number | undefined; nextUri?: string | null | undefined};

/**
 * Reads pages 1, 2, ... of a listing through `fetchPage`, handing each page's entities not seen before to `take`.
 * Ends at the last page (its pageCount, else when there is no nextUri) or at an empty page. A page that brings no
 * id not already seen is a server that lies about its pages: a ResponseError then, before it runs thousands of
 * requests. (An id seen twice among new ones is dropped: offset paging shifts when the org changes meanwhile.)
 */
export async function walkPages<E extends {id: string}>(
	what: string,
	fetchPage: (pageNumber: number) => Promise<Page<E>>,
	take: (entities: E[]) => void,
): Promise<void> {
	const seen = new Set<string>();
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await fetchPage(pageNumber);
		const entities = page.entities ?? [];
		if (entities.length === 0) return;
		const fresh = entities.filter(entity => !seen.has(entity.id));
		if (fresh.length === 0)
			throw new ResponseError(
				`The ${what} listing sent page ${pageNumber} with only ids of earlier pages; gqx stopped reading it.`,
				'A server or gateway repeats its pages: report it; Genesys Cloud itself ends a listing at its last page.',
			);
		for (const entity of fresh) seen.add(entity.id);
		take(fresh);
		const pageCount = page.pageCount ?? (page.nextUri ? pageNumber + 1 : pageNumber);
		if (pageNumber >= pageCount) return;
	}
}
