// One list of media types: the reference's eleven, every one in exactly one query partition, accepted end to end.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mediaPartitions} from '../../source/genesys/analytics.js';
import {analyticsMediaTypes} from '../../source/genesys/media-types.js';
import {fetchQueueAggregates} from '../../source/genesys/analytics.js';
import {mediaTypes as demoMediaTypes} from '../../source/emulator/catalog.js';
import type {Emulator} from '../../source/emulator/server.js';
import {clientFor, emulator} from '../helpers.js';
import {DateTime} from 'luxon';

// The API reference's §8.1 (shared/reference/genesys-api.md), as written there.
const referenceText = `Analytics session/mediaType values (.NET 270 \`AnalyticsSession.MediaTypeEnum\`): \`callback\`, \`chat\`, \`cobrowse\`,
\`email\`, \`internalmessage\`, \`message\`, \`screenmonitoring\`, \`screenshare\`, \`unknown\`, \`video\`, \`voice\`.`;

function typesIn(text: string): string[] {
	return [...text.matchAll(/`([a-z]+)`/g)].map(match => match[1]!);
}

describe('media types', () => {
	it('are the reference’s eleven analytics media types', () => {
		expect([...analyticsMediaTypes].sort()).toEqual(typesIn(referenceText).sort());
		expect(analyticsMediaTypes).toHaveLength(11);
		// Beside the shared reference (a developer's checkout), check it has not moved on.
		const shared = path.resolve(import.meta.dirname, '../../../shared/reference/genesys-api.md');
		if (fs.existsSync(shared)) {
			const section = /### 8\.1 Media types\n([\s\S]*?)Queue `mediaSettings`/.exec(
				fs.readFileSync(shared, 'utf8'),
			)?.[1];
			expect(typesIn(section ?? '').sort()).toEqual([...analyticsMediaTypes].sort());
		}
	});

	it('each fall in exactly one partition of the totals query, so no traffic is dropped or counted twice', () => {
		const matched = mediaPartitions.flat().flatMap(predicate => (predicate.value ? [predicate.value] : []));
		expect([...matched].sort()).toEqual([...analyticsMediaTypes].sort());
		expect(mediaPartitions.flat().filter(predicate => predicate.operator === 'notExists')).toHaveLength(1);
	});

	it('include every type the demo org has traffic in', () => {
		for (const type of demoMediaTypes) expect(analyticsMediaTypes).toContain(type);
	});

	describe('against the emulator', () => {
		let emu: Emulator;
		beforeAll(async () => {
			emu = await emulator({queues: 5});
		});
		afterAll(async () => emu.stop());

		it('accepts a filter on every one of them', async () => {
			const start = DateTime.fromISO('2026-03-02T00:00:00Z');
			const cells = await fetchQueueAggregates(clientFor(emu), {
				start,
				end: start.plus({days: 1}),
				timeZone: 'UTC',
				mediaTypes: [...analyticsMediaTypes],
			});
			expect(cells.length).toBeGreaterThan(0);
		});
	});
});
