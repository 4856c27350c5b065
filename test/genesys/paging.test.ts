// A server that lies about its pages (a pageCount that never ends, the same ids on every page) is stopped at the first
// page that brings nothing new, with a clear error, for every listing: queues, users, wrap-up codes.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {ResponseError} from '../../source/errors.js';
import {GenesysClient} from '../../source/genesys/client.js';
import {listAllQueues} from '../../source/genesys/queues.js';
import {resolveRegion} from '../../source/genesys/regions.js';
import {fetchUserNames} from '../../source/genesys/users.js';
import {fetchWrapupCodeNames} from '../../source/genesys/wrapup-codes.js';
import {credentialsEnv} from '../helpers.js';
import {runCommand} from '../run-command.js';

let server: Server;
let url: string;
/** Listing requests served since the test began. */
let pages = 0;
/** How the next pages overlap: every page the same ids, or each page one new id among old ones. */
let mode: 'same' | 'overlap' = 'same';

beforeAll(async () => {
	server = createServer((request, response) => {
		const address = new URL(request.url ?? '/', 'http://x');
		response.setHeader('content-type', 'application/json');
		if (address.pathname === '/oauth/token')
			return void response.end(JSON.stringify({access_token: 't', token_type: 'bearer', expires_in: 3600}));
		pages++;
		const pageNumber = Number(address.searchParams.get('pageNumber') ?? '1');
		// The same two entities on every page, or (overlap) the last page's one and a new one, on pages 1 to 3.
		const ids = mode === 'same' ? ['a', 'b'] : [`e${pageNumber - 1}`, `e${pageNumber}`];
		const entities = ids.map(id => ({id, name: `Name ${id}`}));
		response.end(JSON.stringify({entities, pageNumber, pageCount: mode === 'same' ? 1_000_000 : 3, total: 2_000_000}));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));
beforeEach(() => {
	pages = 0;
	mode = 'same';
});

function client(): GenesysClient {
	return new GenesysClient({region: resolveRegion(url), clientId: 'id', clientSecret: 'secret', network: {env: {}}});
}

describe('lying pagination', () => {
	it('stops the queue, user and wrap-up code listings at the first page with nothing new', async () => {
		const listings: Array<[string, () => Promise<unknown>]> = [
			['queue', () => listAllQueues(client())],
			['user', () => fetchUserNames(client(), ['a', 'b'])],
			['wrap-up code', () => fetchWrapupCodeNames(client())],
		];
		for (const [what, list] of listings) {
			pages = 0;
			const failure = await list().then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(failure, what).toBeInstanceOf(ResponseError);
			expect((failure as Error).message).toBe(
				`The ${what} listing sent page 2 with only ids of earlier pages; gqx stopped reading it.`,
			);
			expect(pages, what).toBe(2);
		}
	});

	it('keeps the new ids of pages that overlap (offset paging while the org changes) and ends at the last page', async () => {
		mode = 'overlap';
		const queues = await listAllQueues(client());
		expect(queues.map(queue => queue.id)).toEqual(['e0', 'e1', 'e2', 'e3']);
		expect(pages).toBe(3);
	});

	it('gqx export --queue says so and exits 5', async () => {
		const result = await runCommand(
			['export', '--queue', 'Name a', '--from', '2026-03-16', '--to', '2026-03-16', '--tz', 'UTC', '--no-proxy'],
			{
				env: credentialsEnv(url),
			},
		);
		expect(result.code).toBe(5);
		expect(result.stderr).toContain('gqx: The queue listing sent page 2 with only ids of earlier pages');
		expect(pages).toBe(2);
	});
});
