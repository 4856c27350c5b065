// Reads an aggregates answer from its bytes a batch of results at a time: neither the whole text nor the
// whole parsed answer is ever held (parsed at once, a 5 MB answer was most of the TUI's memory peak).
import type {BodyReader} from './client.js';
import {type AggregateResult, checkResult, fail, ParseFailure, parseAggregates} from './schemas.js';
import type {DropSink} from './dropped-statistics.js';

/** The bytes are not JSON (what JSON.parse of the whole would have thrown on). */
export class NotJsonError extends Error {}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/** Results are parsed this many bytes at a time: small enough to die young, large enough to parse quickly. */
const defaultBatchBytes = 32 * 1024;

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new NotJsonError();
	}
}

function isSpace(byte: number | undefined): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Hands each result of the answer in `body` to `onResult`, checked, in order; returns how many there were.
 * Throws a ParseFailure (as `aggregateResponseParser` would report it) when the answer breaks the rules,
 * and NotJsonError when it is not JSON. The verdict is always the one of parsing and checking the whole,
 * but results before a failure may already have been handed over.
 */
export function readAggregates(
	body: Buffer,
	onResult: (result: AggregateResult) => void,
	batchBytes = defaultBatchBytes,
	onDrop?: DropSink,
): number {
	try {
		return scan(body, onResult, batchBytes, onDrop);
	} catch (error) {
		// A whole that is not JSON is reported as such, whatever broke first in the part read so far.
		if (error instanceof ParseFailure) parseJson(body.toString('utf8'));
		throw error;
	}
}

/** The client's reader of an aggregates answer: each checked result goes to `onResult`; the data is their count. */
export function aggregatesReader(onResult: (result: AggregateResult) => void, onDrop?: DropSink): BodyReader<number> {
	return {
		readBody(body) {
			try {
				return {success: true, data: readAggregates(body, onResult, defaultBatchBytes, onDrop)};
			} catch (error) {
				if (error instanceof NotJsonError) return undefined;
				if (error instanceof ParseFailure) return {success: false, error: {issues: [error.issue]}};
				throw error;
			}
		},
	};
}

/** Without a results array there is little to read: the whole, parsed and checked at once. */
function readWhole(body: Buffer, onResult: (result: AggregateResult) => void, onDrop?: DropSink): number {
	const results = parseAggregates(parseJson(body.toString('utf8')), onDrop).results ?? [];
	for (const result of results) onResult(result);
	return results.length;
}

function scan(
	body: Buffer,
	onResult: (result: AggregateResult) => void,
	batchBytes: number,
	onDrop: DropSink | undefined,
): number {
	const end = body.length;
	let at = 0;
	while (isSpace(body[at])) at++;
	// Not an object: small or broken, so the whole is parsed and checked at once.
	if (body[at] !== openBrace) return readWhole(body, onResult, onDrop);
	let count = 0;
	let depth = 0;
	// The last string seen in the top-level object (a key when a colon follows it).
	let keyStart = -1;
	let keyEnd = -1;
	let resultsNext = false;
	let resultsOpen = -1;
	let resultsClose = -1;
	let inResults = false;
	let batchStart = 0;
	let commas = 0;
	const flush = (to: number) => {
		const batch = parseJson(`[${body.toString('utf8', batchStart, to)}]`) as unknown[];
		// An empty piece next to a comma ("[,1]", "[1,]") is not JSON, though "[]" around it would be.
		if (batch.length === 0 && commas > 0) throw new NotJsonError();
		for (const result of batch) {
			checkResult(result, count++, onDrop);
			onResult(result);
		}
	};
	for (; at < end; at++) {
		const byte = body[at];
		if (byte === quote) {
			const start = at;
			for (at++; at < end; at++) {
				const inner = body[at];
				if (inner === backslash) at++;
				else if (inner === quote) break;
			}
			if (at >= end) throw new NotJsonError();
			if (depth === 1) {
				keyStart = start;
				keyEnd = at + 1;
			}
		} else if (byte === openBrace || byte === openBracket) {
			depth++;
			if (depth === 2 && resultsNext && byte === openBracket) {
				if (resultsOpen >= 0) fail(['results'], 'given twice');
				resultsOpen = at;
				inResults = true;
				batchStart = at + 1;
			}
		} else if (byte === closeBrace || byte === closeBracket) {
			depth--;
			if (depth === 1 && inResults) {
				flush(at);
				inResults = false;
				resultsClose = at;
			}
		} else if (depth === 2 && byte === comma && inResults) {
			commas++;
			if (at - batchStart >= batchBytes) {
				flush(at);
				batchStart = at + 1;
			}
		} else if (depth === 1 && byte === colon) {
			// Whether the value that follows is the results; every value of the object follows a key.
			resultsNext = parseJson(body.toString('utf8', keyStart, keyEnd)) === 'results';
		}
	}
	if (resultsOpen < 0) return readWhole(body, onResult, onDrop);
	if (resultsClose < 0) throw new NotJsonError();
	// Everything but the results array's contents: checks that the whole is JSON, and the rest of its shape
	// (a later "results" key that is not an array fails here, as it would in the whole).
	parseAggregates(parseJson(body.toString('utf8', 0, resultsOpen + 1) + body.toString('utf8', resultsClose, end)));
	return count;
}
