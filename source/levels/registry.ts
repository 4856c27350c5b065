// Every level of the explorer. Adding a level is adding its module here (and a key in the keymap if it opens by one).
import {hoursLevel} from './hours.js';
import {intervalsLevel} from './intervals.js';
import {mediaLevel} from './media.js';
import {queuesLevel} from './queues.js';
import type {LevelId, LevelModule, LevelRef} from './types.js';

export const levels: Readonly<Record<LevelId, LevelModule>> = {
	queues: queuesLevel,
	media: mediaLevel,
	intervals: intervalsLevel,
	hours: hoursLevel,
};

export const levelIds = Object.keys(levels) as LevelId[];

export function levelOf(ref: LevelRef): LevelModule {
	return levels[ref.id];
}

export const firstLevel: LevelRef = {id: 'queues', context: {}};

/** The README's table of levels, generated from the registry (a test keeps the README in sync). */
export function levelsMarkdown(): string {
	const keyNames: Record<string, string> = {drill: 'Enter', heatmap: 'h'};
	return [
		'| level | a row is | opens |',
		'| --- | --- | --- |',
		...Object.values(levels).map(level => {
			const opens = Object.entries(level.opens)
				.map(([action, id]) => `\`${id}\` (${keyNames[action] ?? action})`)
				.join(', ');
			return `| \`${level.id}\` | ${level.description} | ${opens} |`;
		}),
	].join('\n');
}
