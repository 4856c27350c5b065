// The aggregates answer read from its bytes a batch of results at a time gives what parsing and checking
// the whole gives: the same results, the same rejection, for valid answers and damaged ones.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NotJsonError, readAggregates} from '../../source/genesys/aggregates-reader.js';
import {aggregateResponseParser} from '../../source/genesys/schemas.js';
import {runAggregateQuery, validateAggregateQuery} from '../../source/emulator/aggregates.js';
import {buildAggregateBody} from '../../source/genesys/analytics.js';
import type {Emulator} from '../../source/emulator/server.js';
import {emulator, mulberry32} from '../helpers.js';

type Verdict = {notJson: true} | {issue: {path: unknown[]; message: string}} | {results: unknown[]};

/** What the whole answer parsed at once says: the reference. */
function whole(text: string): Verdict {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {notJson: true};
	}
	const parsed = aggregateResponseParser.safeParse(value);
	if (!parsed.success) return {issue: {...parsed.error.issues[0]!, path: [...parsed.error.issues[0]!.path]}};
	return {results: parsed.data.results ?? []};
}

/** Read from the bytes; batches of `batchBytes` (1: a batch per result, every boundary a batch boundary). */
function read(text: string, batchBytes?: number): Verdict {
	const results: unknown[] = [];
	try {
		const count = readAggregates(Buffer.from(text), result => results.push(result), batchBytes);
		expect(count).toBe(results.length);
		return {results};
	} catch (error) {
		if (error instanceof NotJsonError) return {notJson: true};
		const issue = (error as {issue?: {path: unknown[]; message: string}}).issue;
		if (!issue) throw error;
		return {issue: {...issue, path: [...issue.path]}};
	}
}

let emu: Emulator;
let valid: string;
beforeAll(async () => {
	emu = await emulator({queues: 120, seed: 4});
	const query = validateAggregateQuery(
		buildAggregateBody(
			'2026-03-02T00:00:00.000Z/2026-03-05T00:00:00.000Z',
			{timeZone: 'UTC', granularity: 'P1D'},
			undefined,
		),
	);
	if ('status' in query) throw new Error(query.message);
	valid = JSON.stringify({results: runAggregateQuery(emu.org, emu.model, query)});
});
afterAll(async () => emu.stop());

describe('readAggregates', () => {
	it('reads a valid answer of many batches as the whole parse does, whitespace and all', () => {
		// Several batches of 32 KB, so results are handed over across batch boundaries.
		expect(valid.length).toBeGreaterThan(200_000);
		const reference = whole(valid);
		expect('results' in reference && reference.results.length).toBeGreaterThan(300);
		expect(read(valid)).toEqual(reference);
		expect(read(valid, 1)).toEqual(reference);
		const pretty = JSON.stringify(JSON.parse(valid), null, '\t').replace(/\n/g, '\r\n');
		expect(read(pretty)).toEqual(reference);
		expect(read(` \n${valid}\t `)).toEqual(reference);
	});

	it.each([
		['an empty object', '{}'],
		['no results', '{"results":[]}'],
		['no results, spaced', '{ "results" : [ ] , "other" : 1 }'],
		['results after other keys', '{"a":[1,{"b":"]"}],"results":[{"group":{"queueId":"q"}}]}'],
		['brackets and quotes inside strings', '{"results":[{"group":{"queueId":"q]}\\"[{,"}},{"group":{}}]}'],
		['an escaped key', '{"res\\u0075lts":[{"group":{"queueId":"q"}}]}'],
		['a non-ASCII name', '{"results":[{"group":{"queueId":"Zürich ☎"}}]}'],
		['results that are not an array', '{"results":{"group":{}}}'],
		['results null', '{"results":null}'],
		['a result that is not an object', '{"results":[{"group":{}},7]}'],
		['an array at the top', '[{"results":[]}]'],
		['a trailing comma', '{"results":[{"group":{}},]}'],
		['a leading comma', '{"results":[,{"group":{}}]}'],
		['two commas', '{"results":[{"group":{}},,{"group":{}}]}'],
		['a missing comma', '{"results":[{"group":{}} {"group":{}}]}'],
		['a mismatched bracket', '{"results":[{"group":{}]]}'],
		['an unclosed array', '{"results":[{"group":{}}'],
		['an unclosed string', '{"results":[{"group":{"queueId":"q}}]}'],
		['garbage after the answer', '{"results":[]}x'],
		['a later results key that is not an array', '{"results":[{"group":{}}],"results":5}'],
		['an earlier results key that is not an array', '{"results":5,"results":[{"group":{}}]}'],
		['a bad result before broken JSON', '{"results":[7,{"group":{}}]]'],
		['nothing', ''],
	])('%s: as the whole parse', (_what, text) => {
		expect(read(text)).toEqual(whole(text));
		expect(read(text, 1)).toEqual(whole(text));
	});

	it('refuses a second results array (the whole parse would keep only the last)', () => {
		expect(read('{"results":[{"group":{}}],"results":[]}')).toEqual({
			issue: {path: ['results'], message: 'given twice'},
		});
	});

	it('gives the verdict of the whole parse on 3,000 damaged answers', () => {
		const random = mulberry32(77);
		const pieces = ['"', '}', ']', '{', '[', ',', ':', '9', '-', 'x', ' ', '\\', 'null', '"a"'];
		let notJson = 0;
		let issues = 0;
		let results = 0;
		for (let index = 0; index < 3000; index++) {
			// Damage near the start, the middle or the end of a shorter answer, so every kind of spot is hit.
			const text = valid.slice(0, 5000 + Math.floor(random() * 60_000)).replace(/,\{"group[^]*$/, ']}');
			const at = Math.floor(random() * text.length);
			const piece = pieces[Math.floor(random() * pieces.length)]!;
			const cut = Math.floor(random() * 3);
			const damaged = random() < 0.1 ? text.slice(0, at) : text.slice(0, at) + piece + text.slice(at + cut);
			const reference = whole(damaged);
			const where = `case ${index} at ${at}: ${damaged.slice(Math.max(0, at - 40), at + 40)}`;
			expect(read(damaged), where).toEqual(reference);
			expect(read(damaged, 1), where).toEqual(reference);
			if ('notJson' in reference) notJson++;
			else if ('issue' in reference) issues++;
			else results++;
		}
		// All three verdicts are exercised.
		expect(Math.min(notJson, issues, results)).toBeGreaterThan(100);
	});
});

describe('impossible statistics', () => {
	it('are left out alike by the reader of bytes and the whole parse, each told once, the rest kept', () => {
		const bucket = (interval: string | undefined, metrics: unknown[]) => ({interval, metrics});
		const text = JSON.stringify({
			results: [
				{
					group: {mediaType: 'voice', queueId: 'q1'},
					data: [
						bucket('i1', [
							{metric: 'nOffered', stats: {count: 5}},
							{metric: 'tHandle', stats: {count: 2, sum: -10}},
							{metric: 'tAcw'},
							{metric: 'oServiceLevel', stats: {numerator: 9, denominator: 4}},
							{metric: 'tAnswered', stats: {count: 2, sum: 10}},
						]),
						bucket(undefined, [{metric: 'nOffered', stats: {count: 1}}]),
						bucket('i2', [{metric: 'nOffered', stats: {count: 3}}]),
					],
				},
				{group: {mediaType: 'chat', queueId: 'q2'}, data: [bucket('i1', [{metric: 'nOffered', stats: {count: 1}}])]},
			],
		});
		const kept = [
			{
				group: {mediaType: 'voice', queueId: 'q1'},
				data: [
					bucket('i1', [
						{metric: 'nOffered', stats: {count: 5}},
						{metric: 'tAnswered', stats: {count: 2, sum: 10}},
					]),
					bucket('i2', [{metric: 'nOffered', stats: {count: 3}}]),
				],
			},
			{group: {mediaType: 'chat', queueId: 'q2'}, data: [bucket('i1', [{metric: 'nOffered', stats: {count: 1}}])]},
		];
		const place = {queueId: 'q1', mediaType: 'voice'};
		const told = [
			{...place, interval: 'i1', metric: 'tHandle', problem: 'a timer is negative'},
			{...place, interval: 'i1', metric: 'tAcw', problem: 'the metric has no stats'},
			{...place, interval: 'i1', metric: 'oServiceLevel', problem: 'numerator is above denominator'},
			{...place, interval: null, metric: null, problem: 'the bucket has no interval'},
		];
		for (const batchBytes of [1, 32 * 1024]) {
			const results: unknown[] = [];
			const dropped: unknown[] = [];
			readAggregates(
				Buffer.from(text),
				result => results.push(result),
				batchBytes,
				entry => dropped.push(entry),
			);
			expect(JSON.parse(JSON.stringify(results))).toEqual(kept);
			expect(dropped).toEqual(told);
		}
		const whole: unknown[] = [];
		const parsed = aggregateResponseParser.safeParse(JSON.parse(text), entry => whole.push(entry));
		expect(parsed.success && JSON.parse(JSON.stringify(parsed.data.results))).toEqual(kept);
		expect(whole).toEqual(told);
	});
});
