// The official Genesys Cloud JS SDK, pointed at the emulator with its gateway setting, must work unchanged.
import platformClient from 'purecloud-platform-client-v2';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoClient, type Emulator} from '../../source/emulator/server.js';
import {emulator, groundTruth} from '../helpers.js';
import {DateTime} from 'luxon';

type Sdk = {
	ApiClient: {
		instance: {
			setGateway(g: object): void;
			loginClientCredentialsGrant(id: string, secret: string): Promise<{accessToken: string}>;
		};
	};
	AnalyticsApi: new () => {
		postAnalyticsConversationsAggregatesQuery(body: object): Promise<{
			results?: Array<{
				group?: Record<string, string>;
				data?: Array<{interval?: string; metrics?: Array<{metric?: string; stats?: {count?: number; sum?: number}}>}>;
			}>;
		}>;
	};
	RoutingApi: new () => {
		getRoutingQueues(
			options: object,
		): Promise<{entities?: Array<{id?: string; name?: string}>; pageCount?: number; total?: number}>;
	};
};

const sdk = platformClient as unknown as Sdk;
let emu: Emulator;

beforeAll(async () => {
	emu = await emulator({queues: 12, seed: 5});
	const port = Number(new URL(emu.url).port);
	sdk.ApiClient.instance.setGateway({
		host: '127.0.0.1',
		protocol: 'http',
		port,
		path_params_login: '',
		path_params_api: '',
	});
});
afterAll(async () => emu.stop());

describe('official JS SDK against the emulator', () => {
	it('logs in, lists queues and runs the aggregates query with typed results', async () => {
		const auth = await sdk.ApiClient.instance.loginClientCredentialsGrant(demoClient.id, demoClient.secret);
		expect(auth.accessToken).toEqual(expect.any(String));

		const queues = await new sdk.RoutingApi().getRoutingQueues({pageSize: 5, pageNumber: 1});
		expect(queues.total).toBe(12);
		expect(queues.pageCount).toBe(3);
		expect(queues.entities?.[0]?.name).toBe([...emu.org.queues].sort((a, b) => a.name.localeCompare(b.name))[0]?.name);

		const start = DateTime.fromISO('2026-03-02T00:00:00Z', {zone: 'UTC'});
		const end = start.plus({days: 7});
		const answer = await new sdk.AnalyticsApi().postAnalyticsConversationsAggregatesQuery({
			interval: `${start.toISO()}/${end.toISO()}`,
			groupBy: ['queueId', 'mediaType'],
			metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'nOverSla', 'tHandle', 'oServiceLevel'],
			timeZone: 'UTC',
		});
		const truth = groundTruth(emu, start, end, 'UTC');
		const offered = (answer.results ?? [])
			.filter(result => result.group?.['queueId'])
			.flatMap(result => result.data ?? [])
			.flatMap(data => data.metrics ?? [])
			.filter(metric => metric.metric === 'nOffered')
			.reduce((sum, metric) => sum + (metric.stats?.count ?? 0), 0);
		expect(offered).toBe(truth.reduce((sum, cell) => sum + (cell.stats['nOffered']?.count ?? 0), 0));
		expect(offered).toBeGreaterThan(100);
	});

	it('gets the SDK error body for an invented metric', async () => {
		try {
			await new sdk.AnalyticsApi().postAnalyticsConversationsAggregatesQuery({
				interval: '2026-03-02T00:00:00Z/2026-03-03T00:00:00Z',
				metrics: ['nAnswered'],
			});
			expect.unreachable();
		} catch (error) {
			// The JS SDK rejects with the platform error body itself.
			expect(error).toMatchObject({
				status: 400,
				code: 'invalid.value',
				message: expect.stringContaining('nAnswered'),
				contextId: expect.any(String),
			});
		}
	});
});
