// `gqx export`'s flags, checked before anything is sent: the dates, the level and what it takes, the queues and
// media, the format and the network. `gqx check` reads the same flags the same way.
import {parseBandEdges} from '../metrics/bands.js';
import {UsageError} from '../errors.js';
import {analyticsMediaTypes, isAnalyticsMediaType} from '../genesys/media-types.js';
import {exportLevelOf, exportLevels} from '../levels/registry.js';
import type {LevelExport} from '../levels/types.js';
import {type CompareMode, validateCompareMode} from '../range/compare.js';
import {
	type DateChoice,
	type Granularity,
	isPreset,
	presets,
	systemTimeZone,
	validateGranularity,
	validateTimeZone,
	validateWeekStart,
	type WeekStart,
} from '../range/range.js';
import {type Format, formats} from '../export/output.js';
import type {Io} from './io.js';
import {type OutcomeFilter, outcomeFilters} from '../genesys/details.js';
import {flowTypes} from '../genesys/flow-types.js';
import {rowDimensions, rowsByOrder, type RoutedRows, type RowsBy} from '../genesys/row-dimensions.js';

export const exportFlags = {
	profile: {type: 'string'},
	region: {type: 'string'},
	'client-id': {type: 'string'},
	'client-secret': {type: 'string'},
	'env-file': {type: 'string'},
	from: {type: 'string'},
	to: {type: 'string'},
	preset: {type: 'string'},
	tz: {type: 'string'},
	'week-start': {type: 'string'},
	level: {type: 'string'},
	granularity: {type: 'string'},
	queue: {type: 'string', multiple: true},
	media: {type: 'string', multiple: true},
	division: {type: 'string', multiple: true},
	format: {type: 'string'},
	output: {type: 'string', short: 'o'},
	timeout: {type: 'string'},
	proxy: {type: 'string'},
	'no-proxy': {type: 'boolean'},
	'ca-file': {type: 'string'},
	demo: {type: 'boolean'},
	wide: {type: 'boolean'},
	yes: {type: 'boolean'},
	'raw-csv': {type: 'boolean'},
	compare: {type: 'string'},
	'by-media': {type: 'boolean'},
	sparse: {type: 'boolean'},
	'demo-queues': {type: 'string'},
	outcome: {type: 'string'},
	agent: {type: 'string'},
	'reveal-addresses': {type: 'boolean'},
	flow: {type: 'string', multiple: true},
	'flow-type': {type: 'string', multiple: true},
	bands: {type: 'string'},
	at: {type: 'string'},
	by: {type: 'string'},
	skill: {type: 'string', multiple: true},
	language: {type: 'string', multiple: true},
	help: {type: 'boolean', short: 'h'},
} as const;

export type ExportPlan = {
	choice: DateChoice;
	timeZone: string;
	/** The --level: a name of the registry's export levels. */
	level: string;
	/** --level hours|agents|wrapups: a record per media type too. */
	byMedia: boolean;
	granularity: Granularity | undefined;
	format: Format;
	output: string | undefined;
	queues: string[];
	media: string[];
	timeoutMs: number;
	compare: CompareMode | undefined;
	divisions: string[];
	outcome?: OutcomeFilter;
	/** --agent as given: a user id, or a name looked up. */
	agent?: string;
	revealAddresses: boolean;
	/** --flow as given (names or ids), --flow-type in lower case. */
	flows: string[];
	flowTypes: string[];
	/** --bands (the bands level) and --at (service levels): times in seconds, checked. */
	bandEdges?: readonly number[];
	atSeconds?: readonly number[];
	/** --sparse: only the intervals with traffic (the grid is filled otherwise). */
	sparse: boolean;
	/** --week-start: the day weekly buckets and the week presets start on (else the profile's, else Monday). */
	weekStart?: WeekStart;
	/** --by skill|language (absent: queues), and --skill or --language as given (names or ids). */
	rowsBy?: RoutedRows;
	rowNames: string[];
};

/** "a, b or c". */
function listed(names: readonly string[], last: 'or' | 'and'): string {
	return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/**
 * --by, --skill and --language: records of requested skills or languages (reference part 3 §C.2) for the levels whose
 * rows can be those; --skill or --language alone implies its --by. Queues are not chosen with them.
 */
function planRows(
	values: Record<string, unknown>,
	level: LevelExport,
	levelText: string,
	names: (keep: (level: LevelExport) => boolean) => string[],
): Pick<ExportPlan, 'rowsBy' | 'rowNames'> {
	const skills = (values['skill'] as string[] | undefined) ?? [];
	const languages = (values['language'] as string[] | undefined) ?? [];
	if (skills.length > 0 && languages.length > 0)
		throw new UsageError('Give either --skill or --language, not both.', 'A record is of a skill or of a language.');
	const implied = skills.length > 0 ? 'skill' : languages.length > 0 ? 'language' : undefined;
	const byText = (values['by'] as string | undefined)?.trim().toLowerCase() ?? implied ?? 'queue';
	if (!(rowsByOrder as readonly string[]).includes(byText))
		throw new UsageError(`Unknown --by "${String(values['by'])}".`, `Use ${listed(rowsByOrder, 'or')}.`);
	const by = byText as RowsBy;
	if (implied && implied !== by)
		throw new UsageError(
			`--${implied} chooses ${rowDimensions[implied].many}, but --by is ${by}.`,
			`Use --by ${implied}, or drop --${implied}.`,
		);
	if (by === 'queue') return {rowNames: []};
	const many = rowDimensions[by].many;
	if (!level.byRows)
		throw new UsageError(
			`--by ${by} is for --level ${listed(
				names(each => each.byRows === true),
				'or',
			)} (got --level ${levelText}).`,
			`The records of --level ${levelText} are not of ${many}; drop --by${implied ? ` and --${implied}` : ''}.`,
		);
	const byQueue = (['queue', 'division'] as const).find(flag => values[flag] !== undefined);
	if (byQueue)
		throw new UsageError(
			`--${byQueue} chooses queues; --by ${by} writes ${many}.`,
			`Choose them with --${by} NAME_OR_ID, or drop --by ${by}.`,
		);
	const chosen = by === 'skill' ? skills : languages;
	if (chosen.some(text => text.trim() === '')) throw new UsageError(`--${by} is empty.`, `Give a ${by} name or id.`);
	return {rowsBy: by, rowNames: chosen.map(text => text.trim())};
}

/** Checks every flag that needs no network, so bad input fails before anything is sent. */
export function planExport(values: Record<string, unknown>, io: Io): ExportPlan {
	const format = (values['format'] as string | undefined) ?? (io.stdout.isTTY && !values['output'] ? 'table' : 'csv');
	if (!(formats as readonly string[]).includes(format))
		throw new UsageError(`Unknown format "${format}".`, `Use one of ${formats.join(', ')}.`);
	const granularityText = values['granularity'] as string | undefined;
	const granularity = granularityText === undefined ? undefined : validateGranularity(granularityText);
	const levelText = (values['level'] as string | undefined) ?? (granularity ? 'intervals' : 'media');
	const names = (keep: (level: LevelExport) => boolean) => exportLevels.filter(keep).map(level => level.name);
	const level = exportLevelOf(levelText);
	if (!level)
		throw new UsageError(
			`Unknown level "${levelText}".`,
			`Use ${listed(
				names(() => true),
				'or',
			)}.`,
		);
	if (!level.dated && (values['from'] ?? values['to'] ?? values['preset']) !== undefined)
		throw new UsageError(
			`--level ${levelText} is a snapshot of now: it takes no dates.`,
			'Drop --from, --to and --preset.',
		);
	if (granularity && level.granularity === 'no')
		throw new UsageError(
			`--granularity needs --level ${listed(
				names(each => each.granularity !== 'no'),
				'or',
			)} (got --level ${levelText}).`,
			'Drop --level, or use --level intervals.',
		);
	const sparse = values['sparse'] === true;
	// A level by interval fills every bucket of the range; --sparse is for those (agents and codes with --granularity).
	if (sparse && (level.granularity === 'no' || (level.granularity === 'optional' && !granularity)))
		throw new UsageError(
			`--sparse is for a level by interval: --level intervals, or ${listed(
				names(each => each.granularity === 'optional'),
				'or',
			)} with --granularity (got --level ${levelText}${granularity ? '' : ' without --granularity'}).`,
			'Drop --sparse: without intervals there are no empty ones to leave out.',
		);
	const byMedia = values['by-media'] === true;
	if (byMedia && !level.byMedia)
		throw new UsageError(
			`--by-media is for --level ${listed(
				names(each => each.byMedia),
				'and',
			)} (got --level ${levelText}).`,
			'The media and intervals levels are by media type already.',
		);
	const timeZone = validateTimeZone((values['tz'] as string | undefined) ?? systemTimeZone());
	const from = values['from'] as string | undefined;
	const to = values['to'] as string | undefined;
	const preset = values['preset'] as string | undefined;
	let choice: DateChoice;
	if (preset !== undefined) {
		if (from !== undefined || to !== undefined)
			throw new UsageError('Give either --preset or --from/--to, not both.', '');
		if (!isPreset(preset)) throw new UsageError(`Unknown preset "${preset}".`, `Use one of ${presets.join(', ')}.`);
		choice = {preset};
	} else if (from !== undefined || to !== undefined) {
		if (from === undefined || to === undefined)
			throw new UsageError(
				`--${from === undefined ? 'from' : 'to'} is missing.`,
				'Give both --from and --to (YYYY-MM-DD, both days included).',
			);
		choice = {from, to};
	} else {
		choice = {preset: 'yesterday'};
	}
	const media = ((values['media'] as string[] | undefined) ?? []).map(type => type.trim().toLowerCase());
	for (const type of media) {
		if (!isAnalyticsMediaType(type))
			throw new UsageError(`Unknown media type "${type}".`, `Use one of ${analyticsMediaTypes.join(', ')}.`);
	}
	const queues = (values['queue'] as string[] | undefined) ?? [];
	if (queues.some(queue => queue.trim() === ''))
		throw new UsageError('--queue is empty.', 'Give a queue name, id, or a pattern with *.');
	const divisions = (values['division'] as string[] | undefined) ?? [];
	if (divisions.some(division => division.trim() === ''))
		throw new UsageError('--division is empty.', 'Give a division name, or a pattern with *.');
	const byQueue = (['queue', 'division', 'media'] as const).find(flag => values[flag] !== undefined);
	if (level.notByQueue && byQueue)
		throw new UsageError(
			`--${byQueue} does not choose the records of --level ${levelText}.`,
			`${level.notByQueue.instead}; drop --${byQueue}.`,
		);
	const output = values['output'] as string | undefined;
	if (output !== undefined && output.trim() === '') throw new UsageError('--output is empty.', 'Give a file name.');
	const timeoutText = values['timeout'] as string | undefined;
	const timeoutSeconds = timeoutText === undefined ? 30 : Number(timeoutText);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600)
		throw new UsageError(
			`--timeout "${timeoutText}" is not a number of seconds from 0 to 600.`,
			'For example --timeout 60.',
		);
	const compareText = values['compare'] as string | undefined;
	const compare = compareText === undefined ? undefined : validateCompareMode(compareText);
	if (compare && !level.compare)
		throw new UsageError(
			`--compare is for the ${listed(
				names(each => each.compare),
				'and',
			)} levels, not --level ${levelText}.`,
			`Export each range with --level ${levelText} on its own, or drop --compare.`,
		);
	for (const flag of ['outcome', 'agent', 'reveal-addresses', 'flow', 'flow-type', 'bands', 'at'] as const) {
		if (values[flag] === undefined || level.takes?.includes(flag)) continue;
		throw new UsageError(
			`--${flag} is for --level ${listed(
				names(each => each.takes?.includes(flag) === true),
				'or',
			)} (got --level ${levelText}).`,
			`Add --level ${names(each => each.takes?.includes(flag) === true)[0] ?? ''}, or drop --${flag}.`,
		);
	}
	const outcomeText = values['outcome'] as string | undefined;
	const outcome =
		outcomeText === undefined
			? undefined
			: outcomeFilters.find(each => each.toLowerCase() === outcomeText.trim().toLowerCase().replace(/[-_ ]/g, ''));
	if (outcomeText !== undefined && !outcome)
		throw new UsageError(`Unknown outcome "${outcomeText}".`, `Use one of ${outcomeFilters.join(', ')}.`);
	const agent = values['agent'] as string | undefined;
	if (agent !== undefined && agent.trim() === '')
		throw new UsageError('--agent is empty.', 'Give an agent name or user id.');
	const flows = (values['flow'] as string[] | undefined) ?? [];
	if (flows.some(flow => flow.trim() === '')) throw new UsageError('--flow is empty.', 'Give a flow name or id.');
	const flowTypeList = ((values['flow-type'] as string[] | undefined) ?? []).map(type => type.trim().toLowerCase());
	for (const type of flowTypeList)
		if (!(flowTypes as readonly string[]).includes(type))
			throw new UsageError(`Unknown flow type "${type}".`, `Use one of ${flowTypes.join(', ')}.`);
	const bandsText = values['bands'] as string | undefined;
	const atText = values['at'] as string | undefined;
	const rows = planRows(values, level, levelText, names);
	return {
		...rows,
		flows: flows.map(flow => flow.trim()),
		flowTypes: flowTypeList,
		...(bandsText === undefined ? {} : {bandEdges: parseBandEdges(bandsText, '--bands')}),
		...(atText === undefined ? {} : {atSeconds: parseBandEdges(atText, '--at')}),
		...(outcome ? {outcome} : {}),
		...(agent !== undefined ? {agent: agent.trim()} : {}),
		revealAddresses: values['reveal-addresses'] === true,
		sparse,
		...(values['week-start'] === undefined ? {} : {weekStart: validateWeekStart(values['week-start'] as string)}),
		compare,
		choice,
		timeZone,
		level: levelText,
		byMedia,
		granularity,
		format: format as Format,
		output,
		queues,
		media,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		divisions,
	};
}
