// The live slice of the explorer reducer: refreshes replace only the queues asked, failures count until one works, `l` pauses.
import {describe, expect, it} from 'vitest';
import type {LiveQueue} from '../../../source/genesys/observations.js';
import {initialExplorer, liveReducer} from '../../../source/ui/explorer/state.js';
import {livePaused} from '../../../source/ui/explorer/live.js';
import {apply} from './apply.js';

const queue = (queueId: string, waiting: number): LiveQueue => ({
	queueId,
	waiting,
	interacting: 0,
	longestWaitingMs: null,
	onQueueAgents: 1,
	availableAgents: 1,
	media: [],
	observedAt: 0,
});

describe('live columns in the reducer', () => {
	it('replaces only the queues a refresh asked about; the others keep their last values', () => {
		const state = apply(
			initialExplorer('P1D', {}, true),
			{
				type: 'live-done',
				queues: new Map([
					['q1', queue('q1', 3)],
					['q2', queue('q2', 5)],
				]),
				at: 1000,
			},
			{type: 'live-done', queues: new Map([['q2', queue('q2', 8)]]), at: 2000},
		);
		expect([...(state.live?.queues.values() ?? [])].map(each => [each.queueId, each.waiting])).toEqual([
			['q1', 3],
			['q2', 8],
		]);
		expect(state.live?.updatedAt).toBe(2000);
	});

	it('counts failures in a row with the last reason, and forgets them when a refresh works', () => {
		let state = apply(
			initialExplorer('P1D', {}, true),
			{type: 'live-failed', reason: 'rate limited'},
			{type: 'live-failed', reason: 'network unreachable'},
		);
		expect(state.live).toMatchObject({failures: 2, reason: 'network unreachable'});
		state = apply(state, {type: 'live-done', queues: new Map(), at: 3000});
		expect(state.live).toMatchObject({failures: 0, reason: undefined});
	});

	it('l pauses and resumes, keeping the values', () => {
		const live = apply(initialExplorer('P1D', {}, true), {
			type: 'live-done',
			queues: new Map([['q1', queue('q1', 3)]]),
			at: 1000,
		});
		const paused = apply(live, {type: 'live-toggle'});
		expect(paused.live?.paused).toBe(true);
		expect(paused.live?.queues).toBe(live.live?.queues);
		expect(apply(paused, {type: 'live-toggle'}).live?.paused).toBe(false);
	});

	it('without today in the range there are no live values: only l, for a level of now, is held', () => {
		const state = initialExplorer('P1D');
		const paused = liveReducer(state, {type: 'live-toggle'});
		expect(paused.live).toBeUndefined();
		expect(livePaused(paused)).toBe(true);
		expect(livePaused(liveReducer(paused, {type: 'live-toggle'}))).toBe(false);
		expect(liveReducer(state, {type: 'live-done', queues: new Map([['q1', queue('q1', 3)]]), at: 1})).toBe(state);
		expect(liveReducer(state, {type: 'live-failed', reason: 'rate limited'})).toBe(state);
	});
});
