// The paged listings of the emulator's GET routes (queues, users, wrap-up codes) and their list parameters.

export type Listing = Record<string, unknown>;

/**
 * One page of `items` as Genesys lists entities: `pageSize` (at most `maxPageSize`), `pageNumber`, and the URIs of
 * the first, last, next and previous pages.
 */
export function page<T>(
	path: string,
	params: URLSearchParams,
	items: T[],
	maxPageSize: number,
	toEntity: (item: T) => unknown,
): Listing {
	const pageSize = Math.min(maxPageSize, Math.max(1, Number(params.get('pageSize') ?? 25) || 25));
	const pageNumber = Math.max(1, Number(params.get('pageNumber') ?? 1) || 1);
	const total = items.length;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const uri = (n: number) => {
		const next = new URLSearchParams(params);
		next.set('pageSize', String(pageSize));
		next.set('pageNumber', String(n));
		return `${path}?${next.toString()}`;
	};
	return {
		entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(toEntity),
		pageSize,
		pageNumber,
		total,
		pageCount,
		firstUri: uri(1),
		selfUri: uri(pageNumber),
		lastUri: uri(pageCount),
		...(pageNumber < pageCount ? {nextUri: uri(pageNumber + 1)} : {}),
		...(pageNumber > 1 ? {previousUri: uri(pageNumber - 1)} : {}),
	};
}

/** A repeated or comma-separated query parameter (`id=a,b&id=c`) as its values. */
export function listOf(params: URLSearchParams, name: string): string[] {
	return params
		.getAll(name)
		.flatMap(value => value.split(','))
		.filter(Boolean);
}
