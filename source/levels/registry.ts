// Every level of the explorer. Adding a level is adding its module here: its key, if it declares one, joins the keymap.
import {hoursLevel} from './hours.js';
import {intervalsLevel} from './intervals.js';
import {mediaLevel} from './media.js';
import {queuesLevel} from './queues.js';
import type {LevelContext, LevelExport, LevelId, LevelKey, LevelModule, LevelRef} from './types.js';
import {liveExport} from './live.js';
import {agentIntervalsLevel, agentsLevel} from './agents.js';
import {wrapupIntervalsLevel, wrapupsLevel} from './wrapups.js';
import {conversationsLevel} from './conversations.js';
import {timelineLevel} from './timeline.js';
import {peopleLevel} from './people.js';
import {flowHoursLevel, flowOutcomeIntervalsLevel, flowOutcomesLevel, flowQueuesLevel, flowsLevel} from './flows.js';
import {bandsLevel, serviceLevelsExport} from './bands.js';
import {rowDimensions} from '../genesys/row-dimensions.js';

export const levels: Readonly<Record<LevelId, LevelModule>> = {
	queues: queuesLevel,
	media: mediaLevel,
	intervals: intervalsLevel,
	agents: agentsLevel,
	'agent-intervals': agentIntervalsLevel,
	wrapups: wrapupsLevel,
	'wrapup-intervals': wrapupIntervalsLevel,
	hours: hoursLevel,
	conversations: conversationsLevel,
	timeline: timelineLevel,
	people: peopleLevel,
	flows: flowsLevel,
	'flow-outcomes': flowOutcomesLevel,
	'flow-outcome-intervals': flowOutcomeIntervalsLevel,
	'flow-queues': flowQueuesLevel,
	'flow-hours': flowHoursLevel,
	bands: bandsLevel,
};

export const levelIds = Object.keys(levels) as LevelId[];

/** The keys that open levels (a, w, h), in the registry's order: the keymap makes a binding of each. */
export const levelKeys: readonly LevelKey[] = Object.values(levels).flatMap(level => (level.key ? [level.key] : []));

/** Whether the totals row opens what `action` opens (for all rows together). Enter on it opens nothing. */
export function opensOnTotal(action: string): boolean {
	return levelKeys.some(key => key.action === action && key.onTotal === true);
}

/** Whether what `action` opens is of the level as a whole, whichever row opens it (its context is the level's own). */
export function opensWholeLevel(action: string): boolean {
	return levelKeys.some(key => key.action === action && key.wholeLevel === true);
}

/** `gqx export --level NAME`: the levels' export parts in the order the help names them, and the snapshot of now. */
export const exportLevels: readonly LevelExport[] = [
	...[queuesLevel, mediaLevel, intervalsLevel, hoursLevel, agentsLevel, wrapupsLevel, conversationsLevel].flatMap(
		level => (level.export ? [level.export] : []),
	),
	liveExport,
	...[peopleLevel, flowsLevel, flowOutcomesLevel].flatMap(level => (level.export ? [level.export] : [])),
	...(bandsLevel.export ? [bandsLevel.export] : []),
	serviceLevelsExport,
];

export function exportLevelOf(name: string): LevelExport | undefined {
	return exportLevels.find(level => level.name === name);
}

export function levelOf(ref: LevelRef): LevelModule {
	return levels[ref.id];
}

export const firstLevel: LevelRef = {id: 'queues', context: {}};

/** What a requested skill's or language's row opens: its own numbers (media, intervals, bands, heat map), not a queue's. */
const openedByAnyRows: ReadonlySet<LevelId> = new Set(['media', 'intervals', 'bands', 'hours', 'flows', 'queues']);

/**
 * Why `via` opens nothing from rows that are requested skills or languages (`t`), when it does not: agents, wrap-up
 * codes, conversations and people now are a queue's.
 */
export function rowsCannotOpen(ref: LevelRef, via: string): string | undefined {
	const {rowsBy} = ref.context;
	const next = levels[ref.id].opens[via];
	if (!rowsBy || rowsBy === 'queue' || !next || openedByAnyRows.has(next)) return undefined;
	return `works on queue rows, not on ${rowDimensions[rowsBy].many} (t on the first level: queues)`;
}

/** The levels whose numbers are of the first level's rows (`rowsBy`); the flows and what they open are not. */
const readByRows: ReadonlySet<LevelId> = new Set(['queues', 'media', 'intervals', 'bands', 'hours']);

/**
 * The context `next` opens with: without the row dimension when its rows are not the first level's (f: flows), so
 * that a flow's destination queues, and what they open, are queues again.
 */
export function rowsContextFor(next: LevelId, context: LevelContext): LevelContext {
	if (readByRows.has(next) || context.rowsBy === undefined) return context;
	const {rowsBy: _rowsBy, ...rest} = context;
	return rest;
}

/** A level's live columns as it was opened: none for skill or language rows (observations are per queue). */
export function liveOf(ref: LevelRef): LevelModule['live'] {
	const {rowsBy} = ref.context;
	return rowsBy && rowsBy !== 'queue' ? undefined : levels[ref.id].live;
}

/** The name column's header as the level was opened (Skill, Language where the first level's rows are those). */
export function nameHeaderOf(ref: LevelRef): string {
	return levels[ref.id].headerOf?.(ref) ?? levels[ref.id].nameHeader;
}

/** The README's table of levels, generated from the registry (a test keeps the README in sync). */
export function levelsMarkdown(): string {
	const keyNames: Record<string, string> = {
		drill: 'Enter',
		...Object.fromEntries(levelKeys.map(({action, key}) => [action, key])),
	};
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
