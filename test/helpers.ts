// Shared test set-up: an emulator on 127.0.0.1 port 0 with a fixed clock, and a client for it.
import {DateTime} from 'luxon';
import {runAggregateQuery, validateAggregateQuery} from '../source/emulator/aggregates.js';
import {buildAggregateBody} from '../source/genesys/analytics.js';
import type {AggregateCell} from '../source/genesys/analytics.js';
import {type Granularity, isoInterval} from '../source/range/range.js';
import {GenesysClient, type ClientOptions} from '../source/genesys/client.js';
import {resolveRegion} from '../source/genesys/regions.js';
import {SecretStore} from '../source/credentials/secret-store.js';
import type {ProfileStore} from '../source/profiles/store.js';
import {demoClient, type Emulator, type EmulatorOptions, startEmulator} from '../source/emulator/server.js';
import {type Conversation, conversationAt, seriesConversations, seriesOf} from '../source/emulator/conversations.js';

/** The emulator clock in tests: a fixed instant, so data never moves under a test. */
export const testNow = DateTime.fromISO('2026-03-20T15:00:00Z').toMillis();

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return startEmulator({now: () => testNow, rateLimitPerMinute: 0, ...options});
}

/** An access token from the emulator for a client's id and secret (the client-credentials grant). */
export async function loginTo(emu: Emulator, id: string, secret: string): Promise<string> {
	const response = await fetch(`${emu.url}/oauth/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	return ((await response.json()) as {access_token: string}).access_token;
}

export function clientFor(emu: Emulator, options: Partial<ClientOptions> = {}): GenesysClient {
	return new GenesysClient({
		region: resolveRegion(emu.url),
		clientId: demoClient.id,
		clientSecret: demoClient.secret,
		backoffBaseMs: 10,
		backoffMaxMs: 50,
		timeoutMs: 5000,
		...options,
	});
}

/** The emulator's own answer to one unchunked query, as cells: the ground truth that clients must reproduce. */
export function groundTruth(
	emu: Emulator,
	start: DateTime,
	end: DateTime,
	timeZone: string,
	granularity?: Granularity,
	filter?: {queueIds?: string[]; mediaTypes?: string[]},
): AggregateCell[] {
	const query = validateAggregateQuery(
		buildAggregateBody(
			isoInterval(start, end),
			{timeZone, granularity, mediaTypes: filter?.mediaTypes},
			filter?.queueIds,
		),
	);
	if ('status' in query) throw new Error(query.message);
	const cells: AggregateCell[] = [];
	for (const result of runAggregateQuery(emu.org, emu.model, query)) {
		const queueId = result.group?.['queueId'];
		if (!queueId) continue;
		for (const data of result.data) {
			const stats = Object.fromEntries(
				data.metrics.map(metric => {
					const {ratio: _ratio, ...rest} = metric.stats;
					return [metric.metric, rest];
				}),
			);
			cells.push({
				queueId,
				mediaType: result.group?.['mediaType'] ?? null,
				interval: granularity ? data.interval : isoInterval(start, end),
				stats,
			});
		}
	}
	return cells;
}

/** Queue names as the emulator knows them. */
export function namesOf(emu: Emulator): (id: string) => string {
	return id => emu.org.byId.get(id)?.name ?? `(deleted queue ${id.slice(0, 8)})`;
}

/** The emulator's own division of each queue. */
export function divisionsOf(emu: Emulator): (id: string) => {id: string; name: string} | undefined {
	return id => {
		const queue = emu.org.byId.get(id);
		return queue ? {id: queue.divisionId, name: queue.divisionName} : undefined;
	};
}

/** A small seeded random number generator (mulberry32): the same seed, the same sequence. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Saved profiles with their secrets in the profiles file: what the TUI tests give the app, whatever keychain the machine has. */
export function fileSecrets(store: ProfileStore): SecretStore {
	return new SecretStore(store, {env: {GQX_SECRET_STORE: 'file'}});
}

/** The environment that gives gqx the emulator at `url` and its demo client, as a user's shell would. */
export function credentialsEnv(url: string): Record<string, string> {
	return {
		GENESYS_CLOUD_REGION: url,
		GENESYS_CLOUD_CLIENT_ID: demoClient.id,
		GENESYS_CLOUD_CLIENT_SECRET: demoClient.secret,
	};
}

/**
 * The org's business day placed so that it is a given local time there now (UTC offset in minutes, -12 h to +14 h):
 * for tests on the real clock (today's data, live ages), where at night there would be nobody at work.
 */
export function businessOffsetFor(localMinute: number, at = new Date()): number {
	const minuteOfDayUtc = at.getUTCHours() * 60 + at.getUTCMinutes();
	const offset = (((localMinute - minuteOfDayUtc) % 1440) + 1440) % 1440;
	return offset > 14 * 60 ? offset - 1440 : offset;
}

/** Every conversation the emulator made that entered a queue in [fromMs, toMs), one by one, series by series. */
export function* conversationsIn(emu: Emulator, fromMs: number, toMs: number): Generator<Conversation> {
	for (const series of seriesOf(emu.org).list)
		for (const slot of seriesConversations(emu.org, emu.model, series, {fromMs, toMs}, {descending: false}))
			yield conversationAt(emu.org, emu.model, series, slot.n, slot.startMs);
}
