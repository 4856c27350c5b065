// Seeded random damage to valid emulator answers, served over HTTP to the real client: each answer
// is either rejected with a typed error or becomes rows that satisfy what always holds.
import {DateTime} from 'luxon';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {GqxError, ResponseError} from '../../source/errors.js';
import {rollUp} from '../../source/metrics/rows.js';
import {runAggregateQuery, validateAggregateQuery} from '../../source/emulator/aggregates.js';
import type {Emulator} from '../../source/emulator/server.js';
import {buildAggregateBody} from '../../source/genesys/analytics.js';
import {clientFor, emulator, mulberry32} from '../helpers.js';

const cases = 1500;
let emu: Emulator;
let valid: string;
beforeAll(async () => {
	emu = await emulator({queues: 6, seed: 9});
	const query = validateAggregateQuery(
		buildAggregateBody(
			'2026-03-02T00:00:00.000Z/2026-03-04T00:00:00.000Z',
			{timeZone: 'UTC', granularity: 'P1D'},
			undefined,
		),
	);
	if ('status' in query) throw new Error(query.message);
	valid = JSON.stringify({results: runAggregateQuery(emu.org, emu.model, query)});
});
afterAll(async () => emu.stop());

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};

/** Every (container, key) pair in a JSON value, to pick one to damage. */
function slots(value: Json, into: Array<[Json[] | {[key: string]: Json}, string | number]> = []): typeof into {
	if (Array.isArray(value)) {
		value.forEach((item, index) => {
			into.push([value, index]);
			slots(item, into);
		});
	} else if (value && typeof value === 'object') {
		for (const key of Object.keys(value)) {
			into.push([value, key]);
			slots(value[key] ?? null, into);
		}
	}
	return into;
}

function damage(text: string, random: () => number): string {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	if (random() < 0.15) {
		// Text-level damage: cut, or change one character.
		const at = Math.floor(random() * text.length);
		return random() < 0.5
			? text.slice(0, at)
			: text.slice(0, at) + pick(['"', '}', ']', ',', '9', '-', 'x', ' ']) + text.slice(at + 1);
	}
	const value = JSON.parse(text) as Json;
	const count = 1 + Math.floor(random() * 3);
	for (let index = 0; index < count; index++) {
		const [container, key] = pick(slots(value));
		const current = (container as Record<string | number, Json>)[key];
		const mutations: Array<() => Json | undefined> = [
			() => undefined,
			() => null,
			() => 'oops',
			() => -7,
			() => 1e308,
			() => (typeof current === 'number' ? Math.round(current * random() * 3) : current),
			() => (typeof current === 'number' ? current + 0.5 : current),
			() => (typeof current === 'number' ? -current : current),
			() => [],
			() => ({}),
			() => (typeof current === 'string' ? `${current}x` : current),
		];
		const next = pick(mutations)();
		if (next === undefined) {
			if (Array.isArray(container)) container.splice(Number(key), 1);
			else delete container[key as string];
		} else {
			(container as Record<string | number, Json>)[key] = next;
		}
	}
	return JSON.stringify(value);
}

describe('API answer fuzz', () => {
	it(`rejects or survives ${cases} damaged answers`, async () => {
		const random = mulberry32(2026);
		const client = clientFor(emu, {maxRetries: 0});
		const start = DateTime.fromISO('2026-03-02', {zone: 'UTC'});
		let rejected = 0;
		let parsed = 0;
		for (let index = 0; index < cases; index++) {
			const body = damage(valid, random);
			emu.inject({kind: 'status', status: 200, body, path: '/api/v2/analytics'});
			try {
				const cells = await fetchQueueAggregates(
					client,
					{start, end: start.plus({days: 2}), timeZone: 'UTC', granularity: 'P1D'},
					{splitByMedia: false},
				);
				parsed++;
				for (const row of rollUp(cells, 'intervals', id => id, null)) {
					for (const field of [
						'offered',
						'answered',
						'abandoned',
						'flowOuts',
						'shortAbandoned',
						'transferred',
						'overSla',
					] as const) {
						expect(Number.isInteger(row[field]) && row[field] >= 0, `${field} of case ${index}`).toBe(true);
					}
					if (row.serviceLevel !== null)
						expect(row.serviceLevel >= 0 && row.serviceLevel <= 1, `serviceLevel of case ${index}`).toBe(true);
					for (const field of ['asaMs', 'avgWaitMs', 'ahtMs', 'avgTalkMs', 'avgHoldMs', 'avgAcwMs'] as const) {
						const value = row[field];
						if (value !== null)
							expect(Number.isFinite(value) && value >= 0, `${field} of case ${index}: ${value}`).toBe(true);
					}
				}
				for (const cell of cells) {
					for (const [metric, stats] of Object.entries(cell.stats)) {
						if (stats.count && stats.sum !== undefined && stats.min !== undefined && stats.max !== undefined) {
							const average = stats.sum / stats.count;
							// The client's own slack (schemas.ts statsProblem): a millionth, for sums of floating timers.
							const slack = 1e-6 * Math.max(1, Math.abs(average));
							expect(
								average >= stats.min - slack && average <= stats.max + slack,
								`${metric} average within min..max in case ${index}`,
							).toBe(true);
						}
					}
				}
			} catch (error) {
				expect(error, `case ${index}: ${String(error)}`).toBeInstanceOf(GqxError);
				expect(error).toBeInstanceOf(ResponseError);
				rejected++;
			} finally {
				emu.clearFaults();
			}
		}
		expect(rejected + parsed).toBe(cases);
		// Both outcomes happen: the mutations are neither all harmless nor all fatal.
		expect(rejected).toBeGreaterThan(cases / 10);
		expect(parsed).toBeGreaterThan(cases / 10);
		console.log(`API fuzz: ${cases} cases, ${rejected} rejected with a typed error, ${parsed} parsed into valid rows`);
	}, 120_000);
});
