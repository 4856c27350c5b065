// `t` in the explorer's reducer without a terminal: the first level's rows cycle queues, requested skills, requested
// languages and queues again, each its own request; below the first level it does nothing; drills keep the choice.
import {describe, expect, it} from 'vitest';
import {currentFrame, initialExplorer, requestKey} from '../../../source/ui/explorer/state.js';
import {apply} from './apply.js';

const rows = [{key: 'skill-1', label: 'Billing'}];

describe('t: what the first level’s rows are', () => {
	it('cycles queues, skills, languages and queues, each with a request of its own', () => {
		const start = initialExplorer('P1D');
		const seen = [start];
		for (let index = 0; index < 3; index++) seen.push(apply(seen.at(-1)!, {type: 'rows-next'}));
		expect(seen.map(state => currentFrame(state).level.context.rowsBy)).toEqual([
			undefined,
			'skill',
			'language',
			undefined,
		]);
		const keys = seen.map(state => requestKey(currentFrame(state), 'P1D'));
		expect(new Set(keys.slice(0, 3)).size).toBe(3);
		expect(keys[3]).toBe(keys[0]);
		expect(seen.every(state => state.stack.length === 1)).toBe(true);
	});

	it('keeps skills for the drills and does nothing below the first level', () => {
		const skills = apply(initialExplorer('P1D'), {type: 'rows-next'});
		const media = apply(skills, {type: 'open', via: 'drill', rows});
		expect(currentFrame(media).level).toEqual({
			id: 'media',
			context: expect.objectContaining({rowsBy: 'skill', queueId: 'skill-1', queueName: 'Billing'}) as unknown,
		});
		expect(apply(media, {type: 'rows-next'})).toBe(media);
		// A queue's drill (agents) does not open from a skill's row.
		expect(apply(skills, {type: 'open', via: 'agents', rows})).toBe(skills);
	});
});
