// The routing activity client against a server on loopback that answers in the shapes the reference leaves open:
// a full page followed by more members of the same queues, null fields, an entity without a user, an inactive
// membership, a member listed twice, presences in other casings; and presence labels that fail once and are not
// asked again.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchAgentsNow, fetchPresenceLabels} from '../../source/genesys/activity.js';
import {GenesysClient} from '../../source/genesys/client.js';
import {resolveRegion} from '../../source/genesys/regions.js';

let server: Server;
let url: string;
const asked: Array<{path: string; page: number; body: unknown}> = [];

/** 100 queues named q0..q99; page 1 lists each with one member, page 2 gives q0 more members. */
function answer(page: number): unknown {
	if (page === 1)
		return {
			results: Array.from({length: 100}, (_, index) => ({
				group: {queueId: `q${index}`},
				entities: [
					{
						userId: `u${index}`,
						queueId: `q${index}`,
						routingStatus: 'IDLE',
						routingStatusDate: '2026-03-20T14:50:00.000Z',
						systemPresence: index === 0 ? 'On Queue' : 'ON_QUEUE',
						organizationPresenceId: null,
						presenceDate: null,
					},
				],
			})),
		};
	if (page === 2)
		return {
			results: [
				{
					group: {queueId: 'q0'},
					truncated: null,
					entities: [
						// Listed again, then new members: one fine, one without a user, one no longer active here.
						{userId: 'u0', routingStatus: 'IDLE', systemPresence: 'ON_QUEUE'},
						{userId: 'x1', routingStatus: 'not_responding', systemPresence: 'OnQueue'},
						{userId: null, routingStatus: 'IDLE'},
						{userId: 'x2', queueMembershipStatus: 'inactive', routingStatus: 'INTERACTING'},
					],
				},
			],
		};
	return {results: []};
}

beforeAll(async () => {
	server = createServer((request, response) => {
		const address = new URL(request.url ?? '/', 'http://x');
		let body = '';
		request.on('data', chunk => (body += String(chunk)));
		request.on('end', () => {
			response.setHeader('content-type', 'application/json');
			if (address.pathname === '/oauth/token')
				return void response.end(JSON.stringify({access_token: 't', token_type: 'bearer', expires_in: 3600}));
			const page = Number(address.searchParams.get('pageNumber') ?? '1');
			asked.push({path: address.pathname, page, body: body ? JSON.parse(body) : undefined});
			if (address.pathname === '/api/v2/presence/definitions') {
				response.statusCode = 403;
				return void response.end(JSON.stringify({status: 403, code: 'missing.permissions', message: 'no'}));
			}
			response.end(JSON.stringify(answer(page)));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>(resolve => server.close(() => resolve())));

function client(): GenesysClient {
	return new GenesysClient({
		region: resolveRegion(url),
		clientId: 'id',
		clientSecret: 'secret',
		network: {env: {}},
		maxRetries: 0,
	});
}

describe('fetchAgentsNow', () => {
	it('asks for active members, follows a full page, merges members across pages, and skips what is not one', async () => {
		asked.length = 0;
		const queues = Array.from({length: 100}, (_, index) => `q${index}`);
		const now = await fetchAgentsNow(client(), queues);
		const pages = asked.filter(each => each.path === '/api/v2/analytics/routing/activity/query');
		// Page 1 was full (100 queues): page 2 was asked; with fewer groups than a page holds it was the last.
		expect(pages.map(each => each.page)).toEqual([1, 2]);
		expect(JSON.stringify(pages[0]!.body)).toContain('"dimension":"queueMembershipStatus","value":"active"');
		const q0 = now.agents.filter(agent => agent.queueId === 'q0');
		expect(q0.map(agent => agent.userId).sort()).toEqual(['u0', 'x1']);
		expect(q0.find(agent => agent.userId === 'x1')).toMatchObject({
			routingStatus: 'NOT_RESPONDING',
			presence: 'ON_QUEUE',
			presenceId: null,
			presenceSince: null,
			routingStatusSince: null,
		});
		expect(q0.find(agent => agent.userId === 'u0')!.presence).toBe('ON_QUEUE');
		expect(now.agents).toHaveLength(101);
		expect(now.truncated).toEqual([]);
	});
});

describe('fetchPresenceLabels', () => {
	it('gives none without the permission, and does not ask again in the session', async () => {
		asked.length = 0;
		const shared = client();
		expect((await fetchPresenceLabels(shared)).size).toBe(0);
		expect((await fetchPresenceLabels(shared)).size).toBe(0);
		expect(asked.filter(each => each.path === '/api/v2/presence/definitions')).toHaveLength(1);
	});
});
