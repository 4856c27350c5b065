// `gqx export`: the scripting interface. Validates everything before the first request, then
// writes one record per queue (and media, and interval) as csv, json, ndjson or a table.
import {DateTime} from 'luxon';
import {describeRetry, GenesysClient} from '../genesys/client.js';
import {UsageError} from '../errors.js';
import {analyticsMediaTypes, isAnalyticsMediaType} from '../genesys/media-types.js';
import {deletedQueueName, listAllQueues} from '../genesys/queues.js';
import {describeDropped, DroppedLog, type DropSink} from '../genesys/dropped-statistics.js';
import {fetchReport, streamIntervalRows} from '../reports/report.js';
import {listQueuesInParallel} from '../genesys/queues.js';
import {compareRecords, comparedFields} from '../metrics/compared.js';
import {type CompareMode, compareModes, comparisonRange, shiftDays, validateCompareMode} from '../range/compare.js';
import {type Level, rollUp, totalRow} from '../metrics/rows.js';
import {type ProfileWithSecret, SecretStore} from '../credentials/secret-store.js';
import {resolveNetwork} from '../net/settings.js';
import {openProfileStore} from '../profiles/store.js';
import type {ReportQuery} from '../reports/report.js';
import {
	type DateChoice,
	type DateRange,
	defaultGranularity,
	type Granularity,
	isoInterval,
	isPreset,
	presets,
	resolveRange,
	systemTimeZone,
	validateGranularity,
	validateTimeZone,
} from '../range/range.js';
import {parseFlags} from './args.js';
import type {Io} from './io.js';
import {type Credentials, resolveCredentials} from '../credentials/resolve.js';
import {reportFailure} from './errors.js';
import {type Format, formats, openSink, render, writeFileAtomic} from '../export/writers.js';
import {selectQueueIds} from './queue-match.js';
import {type DrillKind, type DrillRow, agentFields, wrapupFields} from '../metrics/drill-rows.js';
import type {DrillReportQuery} from '../reports/drill-report.js';
import {fetchLiveSnapshot} from './live-snapshot.js';
import {liveRecords} from '../metrics/live.js';
import {renderLive} from '../export/live.js';
import type {HourRecord} from '../reports/hours.js';
import type {QueueInfo} from '../genesys/queues.js';
import {hourRow} from '../metrics/hour-grid.js';
import {mergeBags, type StatsBag} from '../genesys/stats.js';
import {toRow} from '../metrics/rows.js';
import {agentsLevel} from '../levels/agents.js';
import {wrapupsLevel} from '../levels/wrapups.js';
import {renderTable} from '../export/table.js';

export const exportHelp = `Usage: gqx export [options]

Writes queue performance numbers from the Genesys Cloud aggregates API.

Where:
  --profile NAME            a saved profile (see gqx profiles list)
  --region R                region (us-east-1, eu_west_1, mypurecloud.ie) or base URL
  --client-id ID            OAuth client id (client credentials grant)
  --client-secret SECRET    works, but prefer GENESYS_CLOUD_CLIENT_SECRET (process lists show flags)
  --demo                    use the embedded emulator and its demo data; no account needed

When (calendar days in --tz, both included; default --preset yesterday):
  --from YYYY-MM-DD --to YYYY-MM-DD
  --preset ${presets.join('|')}
  --tz IANA                 time zone of the days and buckets (default: the system's, ${systemTimeZone()})

What:
  --level queues|media|intervals|hours   one record per queue, per queue and media (default),
                            per bucket, or per queue, weekday and local hour (weekday, hour, days)
  --level agents|wrapups    one record per queue and agent, or per queue and wrap-up code
  --by-media                --level hours|agents|wrapups: one record per media type too
  --granularity PT15M|PT30M|PT1H|P1D|P7D   bucket size for --level intervals (implies it), agents or wrapups
  --level live              one snapshot of now (queue observations): a record per queue with agent counts,
                            then one per queue and media type; no dates
  --queue NAME_OR_ID ...    only these queues (exact name, id, or a pattern with *); repeatable
  --media TYPE ...          only these media types (voice, chat, email, message, callback, ...); repeatable
  --division NAME ...       only queues of these divisions (exact name, or a pattern with *); repeatable
  --compare ${compareModes.join('|')}   also the previous period, or the same days a week or 52 weeks
                            earlier: <field>Prev for every number, and comparedInterval

Network:
  --timeout SECONDS         per-request timeout (default 30); failures are retried with backoff
  --proxy URL               an HTTP proxy (http://user:password@host:port) instead of HTTPS_PROXY
  --no-proxy                connect directly, whatever HTTPS_PROXY or the profile say
  --ca-file PATH            also trust the certificate authorities in this PEM file (a company CA)

Proxies: HTTPS_PROXY (https_proxy first), HTTP_PROXY and NO_PROXY are honoured; a profile's proxy
and CA file apply to it; loopback (the emulator) is reached directly unless NO_PROXY is set empty.

Output:
  --format table|csv|json|ndjson   default: table on a terminal, csv otherwise
  --output FILE             write to FILE (whole or not at all) instead of stdout
  --wide                    --format table: every column, however wide (default: fit the terminal,
                            or COLUMNS when stdout is not a terminal, else every column)

Credentials are taken from flags, then --profile, then the environment (GENESYS_CLOUD_REGION,
GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET, or the Genesys CLI's GENESYSCLOUD_REGION,
GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET), then a .env file in this folder.

Exit codes: 0 ok, 2 bad usage or input, 3 authentication failed, 4 permission missing,
5 API or network failure after retries.
`;

export const exportFlags = {
	profile: {type: 'string'},
	region: {type: 'string'},
	'client-id': {type: 'string'},
	'client-secret': {type: 'string'},
	from: {type: 'string'},
	to: {type: 'string'},
	preset: {type: 'string'},
	tz: {type: 'string'},
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
	compare: {type: 'string'},
	'by-media': {type: 'boolean'},
	'demo-queues': {type: 'string'},
	help: {type: 'boolean', short: 'h'},
} as const;

export type ExportPlan = {
	choice: DateChoice;
	timeZone: string;
	level: Level | DrillKind | 'hours' | 'live';
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
};

/** Checks every flag that needs no network, so bad input fails before anything is sent. */
export function planExport(values: Record<string, unknown>, io: Io): ExportPlan {
	const format = (values['format'] as string | undefined) ?? (io.stdout.isTTY && !values['output'] ? 'table' : 'csv');
	if (!(formats as readonly string[]).includes(format))
		throw new UsageError(`Unknown format "${format}".`, `Use one of ${formats.join(', ')}.`);
	const granularityText = values['granularity'] as string | undefined;
	const granularity = granularityText === undefined ? undefined : validateGranularity(granularityText);
	const levelText = (values['level'] as string | undefined) ?? (granularity ? 'intervals' : 'media');
	if (!['queues', 'media', 'intervals', 'hours', 'agents', 'wrapups', 'live'].includes(levelText))
		throw new UsageError(
			`Unknown level "${levelText}".`,
			'Use queues, media, intervals, hours, agents, wrapups or live.',
		);
	if (levelText === 'live' && (values['from'] ?? values['to'] ?? values['preset']) !== undefined)
		throw new UsageError('--level live is a snapshot of now: it takes no dates.', 'Drop --from, --to and --preset.');
	const drill = levelText === 'agents' || levelText === 'wrapups';
	if (granularity && levelText !== 'intervals' && !drill)
		throw new UsageError(
			`--granularity needs --level intervals, agents or wrapups (got --level ${levelText}).`,
			'Drop --level, or use --level intervals.',
		);
	const byMedia = values['by-media'] === true;
	if (byMedia && !drill && levelText !== 'hours')
		throw new UsageError(
			`--by-media is for --level hours, agents and wrapups (got --level ${levelText}).`,
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
	if (compare && !['queues', 'media', 'intervals'].includes(levelText))
		throw new UsageError(
			`--compare is for the queues, media and intervals levels, not --level ${levelText}.`,
			`Export each range with --level ${levelText} on its own, or drop --compare.`,
		);
	return {
		compare,
		choice,
		timeZone,
		level: levelText as Level | DrillKind | 'hours' | 'live',
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

/**
 * --compare: the range and its comparison period fetched in parallel (one queue listing for both),
 * joined record by record. Not streamed: both periods' records are held to join them.
 */
async function writeCompared(
	client: GenesysClient,
	io: Io,
	plan: ExportPlan & {compare: CompareMode; level: Level},
	run: {
		range: DateRange;
		query: Omit<ReportQuery, 'granularity'>;
		granularity: Granularity | undefined;
		knownQueues: ReadonlyMap<string, QueueInfo> | undefined;
		onProgress: (progress: {done: number; total: number}) => void;
		onDrop: DropSink;
		wide: boolean;
	},
): Promise<{count: number; nameOf: (id: string) => string}> {
	const {range, granularity, knownQueues} = run;
	const compared = comparisonRange(range, plan.compare);
	const listing = knownQueues ? undefined : listQueuesInParallel(client, {concurrency: 50}).catch(() => undefined);
	const progress = [
		{done: 0, total: 0},
		{done: 0, total: 0},
	];
	const report = (index: number, start: DateRange['start'], end: DateRange['end']) =>
		fetchReport(
			client,
			{...run.query, start, end, granularity},
			{
				knownQueues,
				listing,
				onDrop: run.onDrop,
				onProgress: each => {
					progress[index] = each;
					run.onProgress({done: progress[0]!.done + progress[1]!.done, total: progress[0]!.total + progress[1]!.total});
				},
			},
		);
	const [now, before] = await Promise.all([report(0, range.start, range.end), report(1, compared.start, compared.end)]);
	const rangeInterval = isoInterval(range.start, range.end);
	const comparedRange = isoInterval(compared.start, compared.end);
	const records = compareRecords(
		rollUp(now.cells, plan.level, now.nameOf, rangeInterval, now.divisionOf),
		rollUp(before.cells, plan.level, before.nameOf, comparedRange, before.divisionOf),
		{
			days: shiftDays(range, plan.compare),
			timeZone: range.timeZone,
			range: rangeInterval,
			comparedRange,
			byBucket: plan.level === 'intervals',
		},
	);
	const text = await render(records, plan.format, {
		width: tableWidth(io, run.wide),
		total: totalRow(now.cells),
		previousTotal: totalRow(before.cells),
		level: plan.level,
		timeZone: range.timeZone,
		granularity,
		fields: comparedFields,
	});
	if (plan.output) writeFileAtomic(plan.output, text);
	else
		await new Promise<void>((resolve, reject) => io.stdout.write(text, error => (error ? reject(error) : resolve())));
	return {count: records.length, nameOf: id => (now.queues.has(id) ? now.nameOf(id) : before.nameOf(id))};
}

/** The width `--format table` fits: the terminal's, else COLUMNS, else none (every column). */
function tableWidth(io: Io, wide: boolean): number | undefined {
	if (wide) return undefined;
	if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
	const columns = Number(io.env['COLUMNS']);
	return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

export async function runExport(args: string[], io: Io): Promise<number> {
	let stopDemo: (() => Promise<void>) | undefined;
	try {
		const {values} = parseFlags(args, exportFlags, 'export');
		if (values.help) {
			io.stdout.write(exportHelp);
			return 0;
		}
		const plan = planExport(values, io);
		const now = DateTime.now();
		const range = resolveRange(plan.choice, plan.timeZone, now);
		if (range.clamped && range.to > now.setZone(range.timeZone).toISODate()!) {
			io.stderr.write(
				`gqx: the range ends in the future; using data up to now (${range.end.toFormat('yyyy-MM-dd HH:mm')} ${range.timeZone}).\n`,
			);
		}
		const connection = await connect(values, io, plan.timeoutMs);
		stopDemo = connection.stop;
		const {client} = connection;
		if (plan.level === 'live') return await writeLive(client, plan, io, tableWidth(io, Boolean(values.wide)));
		let queueIds: string[] | undefined;
		let knownQueues;
		if (plan.queues.length > 0 || plan.divisions.length > 0) {
			const all = await listAllQueues(client);
			queueIds = selectQueueIds({queues: plan.queues, divisions: plan.divisions}, all);
			knownQueues = new Map(all.map(queue => [queue.id, queue]));
		}
		const granularity = plan.level === 'intervals' ? (plan.granularity ?? defaultGranularity(range)) : plan.granularity;
		const showProgress = Boolean(io.stderr.isTTY);
		const onProgress = (progress: {done: number; total: number}) => {
			if (showProgress && progress.total > 1) io.stderr.write(`\rgqx: fetching ${progress.done}/${progress.total}…`);
		};
		const query = {start: range.start, end: range.end, timeZone: range.timeZone, queueIds, mediaTypes: plan.media};
		// Impossible statistics are left out and said once each at the end, when the queues have names.
		const dropped = new DroppedLog();
		const onDrop = dropped.add;
		const names = new Map<string, string>();
		let nameOf = (id: string) => names.get(id) ?? deletedQueueName(id);
		let written: number;
		if (plan.compare && (plan.level === 'queues' || plan.level === 'media' || plan.level === 'intervals')) {
			const compared = await writeCompared(
				client,
				io,
				{...plan, compare: plan.compare, level: plan.level},
				{
					range,
					query,
					granularity,
					knownQueues,
					onProgress,
					onDrop,
					wide: Boolean(values.wide),
				},
			);
			written = compared.count;
			nameOf = compared.nameOf;
		} else if (plan.level === 'agents' || plan.level === 'wrapups') {
			written = await exportDrill(client, {...query, granularity, kind: plan.level, byMedia: plan.byMedia}, plan, {
				io,
				knownQueues,
				onProgress,
				width: tableWidth(io, Boolean(values.wide)),
			});
		} else if (plan.level === 'hours') {
			written = await exportHours(client, {...query, queueIds}, plan, {
				io,
				knownQueues,
				onProgress,
				width: tableWidth(io, Boolean(values.wide)),
			});
		} else if (granularity && plan.format !== 'table') {
			// The interval level can be millions of rows: streamed a batch of queues at a time.
			const sink = openSink(plan.format, plan.output ? {file: plan.output} : {stream: io.stdout});
			try {
				await streamIntervalRows(
					client,
					{...query, granularity},
					{
						knownQueues,
						onProgress,
						onDrop,
						onRows: rows => {
							for (const row of rows) if (row.queueId) names.set(row.queueId, row.queueName);
							return sink.write(rows);
						},
					},
				);
				await sink.end();
			} catch (error) {
				sink.abort();
				throw error;
			}
			written = sink.count;
		} else {
			const report = await fetchReport(client, {...query, granularity}, {knownQueues, onProgress, onDrop});
			nameOf = report.nameOf;
			const rows = rollUp(
				report.cells,
				plan.level as Level,
				report.nameOf,
				isoInterval(range.start, range.end),
				report.divisionOf,
			);
			const text = await render(rows, plan.format, {
				width: tableWidth(io, Boolean(values.wide)),
				total: totalRow(report.cells),
				level: plan.level as Level,
				timeZone: range.timeZone,
				granularity,
			});
			if (plan.output) writeFileAtomic(plan.output, text);
			else
				await new Promise<void>((resolve, reject) =>
					io.stdout.write(text, error => (error ? reject(error) : resolve())),
				);
			written = rows.length;
		}
		if (showProgress) io.stderr.write('\r\u001B[K');
		for (const entry of dropped.entries)
			io.stderr.write(`gqx: warning: left out an impossible statistic: ${describeDropped(entry, nameOf)}\n`);
		if (plan.output) io.stderr.write(`gqx: wrote ${written} records to ${plan.output}\n`);
		return 0;
	} catch (error) {
		return reportFailure(error, io.stderr);
	} finally {
		await stopDemo?.();
	}
}

/**
 * `--level agents|wrapups`: streamed a batch of queues at a time to csv, json or ndjson; `--format
 * table` gathers the rows (a table is for people, who ask for fewer of them) to fit the columns.
 */
async function exportDrill(
	client: GenesysClient,
	query: DrillReportQuery,
	plan: ExportPlan,
	context: {
		io: Io;
		knownQueues: ReadonlyMap<string, QueueInfo> | undefined;
		onProgress: (progress: {done: number; total: number}) => void;
		width: number | undefined;
	},
): Promise<number> {
	const {streamDrillRows} = await import('../reports/drill-report.js');
	const agents = query.kind === 'agents';
	const fields = agents ? agentFields : wrapupFields;
	const options = {
		knownQueues: context.knownQueues,
		onProgress: context.onProgress,
		onNotice: (text: string) => context.io.stderr.write(`gqx: ${text}\n`),
	};
	if (plan.format !== 'table') {
		const sink = openSink(plan.format, plan.output ? {file: plan.output} : {stream: context.io.stdout}, fields);
		try {
			await streamDrillRows(client, query, {...options, onRows: rows => sink.write(rows)});
			await sink.end();
		} catch (error) {
			sink.abort();
			throw error;
		}
		return sink.count;
	}
	const rows: DrillRow[] = [];
	const bags: StatsBag[] = [];
	await streamDrillRows(client, query, {
		...options,
		onRows: async (batch, entries) => {
			rows.push(...batch);
			for (const entry of entries) bags.push(entry.stats);
		},
	});
	const level = agents ? agentsLevel : wrapupsLevel;
	const text = await render(rows, 'table', {
		width: context.width,
		total: toRow({queueId: null, queueName: 'Total', mediaType: null, interval: null}, mergeBags(bags)),
		level: query.granularity ? 'intervals' : 'queues',
		showMedia: query.byMedia,
		member: {
			header: level.nameHeader,
			text: row => (agents ? (row as DrillRow).userName : (row as DrillRow).wrapUpCodeName) ?? '',
		},
		metrics: level.columns,
		timeZone: query.timeZone,
		granularity: query.granularity,
	});
	if (plan.output) writeFileAtomic(plan.output, text);
	else
		await new Promise<void>((resolve, reject) =>
			context.io.stdout.write(text, error => (error ? reject(error) : resolve())),
		);
	return rows.length;
}

/** `--level live`: one snapshot, written whole. */
async function writeLive(client: GenesysClient, plan: ExportPlan, io: Io, width: number | undefined): Promise<number> {
	const snapshot = await fetchLiveSnapshot(client, plan);
	const records = liveRecords(snapshot.queues, snapshot.nameOf);
	const text = renderLive(records, plan.format, {width});
	if (plan.output) writeFileAtomic(plan.output, text);
	else
		await new Promise<void>((resolve, reject) => io.stdout.write(text, error => (error ? reject(error) : resolve())));
	if (plan.output) io.stderr.write(`gqx: wrote ${records.length} records to ${plan.output}\n`);
	return 0;
}

/** The flags every command that reads Genesys Cloud takes: credentials, demo, network. */
export type ConnectFlags = {
	profile?: string;
	region?: string;
	'client-id'?: string;
	'client-secret'?: string;
	proxy?: string;
	'no-proxy'?: boolean;
	'ca-file'?: string;
	demo?: boolean;
	'demo-queues'?: string;
};

/**
 * A client from the credential, demo and network flags (flags, then --profile, then the environment), warnings
 * on stderr; `stop` ends the embedded emulator of --demo. Shared by export and check.
 */
export async function connect(
	values: ConnectFlags,
	io: Io,
	timeoutMs: number,
): Promise<{client: GenesysClient; stop?: () => Promise<void>; profile?: ProfileWithSecret}> {
	let stop: (() => Promise<void>) | undefined;
	let credentials: Credentials;
	let profile: ProfileWithSecret | undefined;
	if (values.demo) {
		const {startDemo} = await import('./demo.js');
		const demo = await startDemo({
			queues: values['demo-queues'] === undefined ? undefined : Number(values['demo-queues']),
		});
		stop = demo.stop;
		credentials = demo.credentials;
	} else {
		if (values.profile !== undefined) {
			const store = openProfileStore(io.env);
			// The keychain binding loads only for a profile whose secret is there.
			profile = await new SecretStore(store, {env: io.env}).withSecret(store.require(values.profile));
		}
		credentials = resolveCredentials({
			region: values.region,
			clientId: values['client-id'],
			clientSecret: values['client-secret'],
			profile,
			env: io.env,
			cwd: io.cwd,
		});
	}
	for (const warning of credentials.warnings) io.stderr.write(`gqx: warning: ${warning}\n`);
	const network = resolveNetwork({
		proxy: values.proxy,
		noProxy: values['no-proxy'],
		caFile: values['ca-file'],
		profile,
		env: io.env,
		demo: values.demo,
	});
	if (network.proxy?.kind === 'url' && network.proxy.source === '--proxy' && network.proxy.url.password)
		io.stderr.write(
			'gqx: warning: A proxy password given in --proxy can be seen in the process list and shell history; prefer HTTPS_PROXY or a saved profile.\n',
		);
	const client = new GenesysClient({
		network,
		region: credentials.region,
		clientId: credentials.clientId,
		clientSecret: credentials.clientSecret,
		onRetry: notice => io.stderr.write(`gqx: ${describeRetry(notice)}\n`),
		timeoutMs,
	});
	return {client, stop, profile};
}

/** `--level hours`: streamed a batch of queues at a time like the interval level; a table is made whole. */
async function exportHours(
	client: GenesysClient,
	query: {start: DateTime; end: DateTime; timeZone: string; queueIds?: string[]; mediaTypes: string[]},
	plan: ExportPlan,
	options: {
		io: Io;
		knownQueues: Map<string, QueueInfo> | undefined;
		onProgress: (progress: {done: number; total: number}) => void;
		width: number | undefined;
	},
): Promise<number> {
	const {streamHourRecords, hourFields} = await import('../reports/hours.js');
	const {knownQueues, onProgress, io} = options;
	if (plan.format === 'table') {
		const records: HourRecord[] = [];
		const total: StatsBag = {};
		await streamHourRecords(client, query, {
			knownQueues,
			onProgress,
			byMedia: plan.byMedia,
			total,
			onRows: async rows => {
				records.push(...rows);
			},
		});
		const text = renderTable(records, {width: options.width, level: 'hours', total: hourRow(total, 'Total')});
		if (plan.output) writeFileAtomic(plan.output, text);
		else
			await new Promise<void>((resolve, reject) => io.stdout.write(text, error => (error ? reject(error) : resolve())));
		return records.length;
	}
	const sink = openSink(plan.format, plan.output ? {file: plan.output} : {stream: io.stdout}, hourFields);
	try {
		await streamHourRecords(client, query, {
			knownQueues,
			onProgress,
			byMedia: plan.byMedia,
			onRows: rows => sink.write(rows),
		});
		await sink.end();
	} catch (error) {
		sink.abort();
		throw error;
	}
	return sink.count;
}
