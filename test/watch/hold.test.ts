// The --for state machine on its own: breach after holding, recovery after being clear as long, no flapping between.
import {describe, expect, it} from 'vitest';
import type {Breach} from '../../source/reports/breaches.js';
import {Hold} from '../../source/watch/hold.js';

const wait = (value: number, mediaType = 'voice'): Breach => ({
	queueId: 'q1',
	queueName: 'Billing',
	check: 'max-wait',
	value,
	threshold: 120,
	divisionId: null,
	divisionName: null,
	userId: null,
	userName: null,
	mediaType,
});

/** Steps every 10 s through `script` (a value breaching at that poll, or null for clear); the events by second. */
function run(forSeconds: number, script: ReadonlyArray<number | null>): string[] {
	const hold = new Hold(forSeconds * 1000);
	return script.flatMap((value, index) =>
		hold
			.step(value === null ? [] : [wait(value)], index * 10_000)
			.map(event => `${index * 10}s ${event.event} ${event.value} since ${Date.parse(event.since) / 1000}s`),
	);
}

describe('Hold (--for)', () => {
	it('a breach after holding --for, a recovery after being clear as long, with the last breaching value', () => {
		expect(run(20, [null, 130, 140, 150, 160, null, null, null, null])).toEqual([
			'30s BREACH 150 since 10s',
			'70s RECOVERED 160 since 10s',
		]);
	});

	it('blips shorter than --for say nothing either way: no flapping', () => {
		// Pending then gone: nothing. Open, then clear for 10 s and back: still the one breach.
		expect(run(20, [130, 140, null, 130, 140, 150, null, 150, null, 150, null, null, null])).toEqual([
			'50s BREACH 150 since 30s',
			'120s RECOVERED 150 since 30s',
		]);
	});

	it('--for 0: every change is an event at once', () => {
		expect(run(0, [130, null, 140])).toEqual([
			'0s BREACH 130 since 0s',
			'10s RECOVERED 130 since 0s',
			'20s BREACH 140 since 20s',
		]);
	});

	it('picks up where the state file left it: an open breach is not announced again', () => {
		const first = new Hold(20_000);
		for (const at of [0, 10_000, 20_000]) first.step([wait(130)], at);
		expect(first.open()).toHaveLength(1);
		const again = new Hold(20_000, first.tracked());
		expect(again.step([wait(130)], 30_000)).toEqual([]);
		expect(again.step([], 40_000)).toEqual([]);
		expect(again.step([], 60_000).map(event => event.event)).toEqual(['RECOVERED']);
	});

	it('a queue over --max-wait is one breach while voice and callback take turns at the longest wait', () => {
		const hold = new Hold(20_000);
		const media = ['voice', 'callback', 'voice', 'callback', 'voice', 'callback'];
		const events = media.flatMap((type, index) => hold.step([wait(130 + index, type)], index * 10_000));
		expect(events.map(event => `${event.event} ${event.mediaType}`)).toEqual(['BREACH voice']);
		const recovered = [6, 7, 8].flatMap(index => hold.step([], index * 10_000));
		// The latest media type is the event's.
		expect(recovered.map(event => `${event.event} ${event.mediaType} ${event.value}`)).toEqual([
			'RECOVERED callback 135',
		]);
	});

	it('a state file keyed with the media type is picked up as the same open breach', () => {
		const first = new Hold(0);
		first.step([wait(130)], 0);
		const old = first.tracked().map(each => ({...each, key: 'q1|voice|max-wait|'}));
		const again = new Hold(0, old);
		expect(again.step([wait(140, 'callback')], 10_000)).toEqual([]);
		expect(again.tracked().map(each => each.key)).toEqual(['q1|max-wait|']);
	});
});
