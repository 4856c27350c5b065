// `gqx export`: the scripting interface. Checks every flag before the first request, then one level's records, as the
// level's export part makes them, through the one record writer: csv, json, ndjson or a table, to stdout or a file.
import path from 'node:path';
import {DateTime} from 'luxon';
import {deletedQueueName, listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {findUserId} from '../genesys/users.js';
import {findFlowIds} from '../genesys/flows.js';
import {describeDropped, DroppedLog} from '../genesys/dropped-statistics.js';
import {compareModes} from '../range/compare.js';
import {
	defaultGranularity,
	longestRangeYears,
	presets,
	rangeBoundError,
	resolveRange,
	systemTimeZone,
} from '../range/range.js';
import {exportLevelOf, exportLevels} from '../levels/registry.js';
import type {ExportRequest, LevelExport} from '../levels/types.js';
import {looksLikeId, matchQueues, selectQueueIds} from '../reports/queue-match.js';
import {fetchRoutingNames, listRoutingEntities} from '../genesys/routing-names.js';
import {rowsByRecords, rowsBySpec} from '../levels/row-records.js';
import {writeRecords} from '../export/output.js';
import {parseFlags} from './args.js';
import {connect} from './connect.js';
import {reportFailure} from './errors.js';
import {terminalText} from '../text/sanitize.js';
import type {Io} from './io.js';
import {exportFlags, type ExportPlan, planExport} from './export-plan.js';
import {profileBandEdges} from '../metrics/bands.js';

/** --bands, else the profile's bands for a level that takes them (read only there: another level never fails on them). */
function bandEdgesOf(
	plan: ExportPlan,
	level: LevelExport,
	profile: {name: string; bands?: unknown} | undefined,
): {bandEdges?: readonly number[]} {
	const edges = plan.bandEdges ?? (profile && level.takes?.includes('bands') ? profileBandEdges(profile) : undefined);
	return edges ? {bandEdges: edges} : {};
}

/** The export levels that `keep`, as `a|b|c`. */
function levelsThat(keep: (level: LevelExport) => boolean): string {
	return exportLevels
		.filter(keep)
		.map(level => level.name)
		.join('|');
}

/** One line a level, from the registry: what a record of it is. */
function levelLines(): string {
	const lines = exportLevels.map(level => `  --level ${level.name.padEnd(18)}${level.help}`);
	return lines.join('\n');
}

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
  --week-start monday|sunday   the day weekly buckets (P7D) and this-week/last-week start on (default: the
                            profile's, else monday); a week the range cuts is flagged partial
  --yes                     run a range longer than ${longestRangeYears} years (refused without it: a typo in a year
                            would start thousands of requests)

What:
${levelLines()}
  --by-media                --level ${levelsThat(level => level.byMedia)}: one record per media type too
  --granularity PT15M|PT30M|PT1H|P1D|P7D   bucket size for --level ${levelsThat(level => level.granularity !== 'no')}
                            (--level intervals when no level is given)
  --sparse                  by interval: only the intervals with traffic (by default every interval of the
                            range for each queue and media type, agent or code with traffic, empty ones with counts 0)
  --queue NAME_OR_ID ...    only these queues (exact name, id, or a pattern with *); repeatable
  --media TYPE ...          only these media types (voice, chat, email, message, callback, ...); repeatable
  --division NAME ...       only queues of these divisions (exact name, or a pattern with *); repeatable
  --by queue|skill|language records of queues (default), or of requested skills or languages (skillId,
                            skillName or languageId, languageName instead of queueId, queueName; --level
                            ${levelsThat(level => level.byRows === true)}); a conversation that requested two skills is
                            in both skills' records
  --skill NAME_OR_ID ...    --by skill: only these skills (exact name, id, or a pattern with *); repeatable
  --language NAME_OR_ID ... --by language: only these languages (as --skill); repeatable
  --outcome abandoned|answered|flowOut|overSla   --level conversations: only these
  --agent NAME_OR_ID        --level conversations: only those this agent answered
  --flow NAME_OR_ID ...     --level flows|flow-outcomes: only these flows (exact name or id); repeatable
  --flow-type TYPE ...      --level flows|flow-outcomes: only flows of these types (inboundcall, inboundchat,
                            inboundshortmessage, bot, digitalbot, inqueuecall, ...); repeatable
  --reveal-addresses        --level conversations: customer phone numbers and e-mail addresses as
                            they are (masked by default: +44•••••1234, j•••@example.com)
  --bands 5,15,30,60,180    --level bands: where the wait bands end, in seconds (default 10,20,30,60,120,300)
  --at 10,20,30,60          --level service-levels: the SL times to work out (default 10,20,30,45,60,90,120);
                            the service level had the SL time been T = answered within T / oServiceLevel's
                            denominator (offered less flow-outs by default)
  --compare ${compareModes.join('|')}   also the previous period, or the same days a week or 52 weeks
                            earlier: <field>Prev for every number, and comparedInterval
                            (--level ${levelsThat(level => level.compare)})

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
  --raw-csv                 --format csv: text cells exactly as received (by default a name starting
                            with = + - @, TAB or CR gets a leading ' so a spreadsheet never runs it)

Credentials are taken from flags, then --profile, then the environment (GENESYS_CLOUD_REGION,
GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET, or the Genesys CLI's GENESYSCLOUD_REGION,
GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET), then a .env file in this folder
(or --env-file PATH), which is used only whole: when none of the others gives a secret, its region,
client id and secret go together, and its region never goes with a secret from elsewhere.

Exit codes: 0 ok, 2 bad usage or input, 3 authentication failed, 4 permission missing,
5 API or network failure after retries.
`;

/** The width `--format table` fits: the terminal's, else COLUMNS, else none (every column). */
function tableWidth(io: Io, wide: boolean): number | undefined {
	if (wide) return undefined;
	if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
	const columns = Number(io.env['COLUMNS']);
	return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/**
 * The queues of --queue and --division, looked up once (the level need not list them again); with --by skill or
 * language, the ids of --skill or --language, matched as --queue is (an exact name, an id, a pattern with *).
 */
async function chosenQueues(
	client: Parameters<LevelExport['stream']>[0],
	plan: ExportPlan,
	io: Io,
): Promise<{queueIds?: string[]; knownQueues?: ReadonlyMap<string, QueueInfo>}> {
	if (plan.rowsBy) {
		if (plan.rowNames.length === 0) {
			// Without routing:skill:view the records name skills by their ids: say so, as the explorer does.
			const {missingPermission} = await fetchRoutingNames(client, plan.rowsBy, []);
			if (missingPermission)
				io.stderr.write(`gqx: warning: skill names are their ids: the OAuth client lacks ${missingPermission}.\n`);
			return {};
		}
		const entities = await listRoutingEntities(client, plan.rowsBy, plan.rowNames.filter(looksLikeId));
		return {queueIds: matchQueues(plan.rowNames, entities, plan.rowsBy)};
	}
	if (plan.queues.length === 0 && plan.divisions.length === 0) return {};
	const all = await listAllQueues(client);
	return {
		queueIds: selectQueueIds({queues: plan.queues, divisions: plan.divisions}, all),
		knownQueues: new Map(all.map(queue => [queue.id, queue])),
	};
}

export async function runExport(args: string[], io: Io): Promise<number> {
	let stopDemo: (() => Promise<void>) | undefined;
	let clearProgress = () => {};
	try {
		const {values} = parseFlags(args, exportFlags, 'export');
		if (values.help) {
			io.stdout.write(exportHelp);
			return 0;
		}
		const plan = planExport(values, io);
		const level = exportLevelOf(plan.level)!;
		const now = DateTime.now();
		let range = resolveRange(plan.choice, plan.timeZone, now, undefined, plan.weekStart);
		const tooLong = values.yes ? undefined : rangeBoundError(range, 'add --yes to run it anyway');
		if (tooLong) throw tooLong;
		if (range.clamped && range.to > now.setZone(range.timeZone).toISODate()!) {
			io.stderr.write(
				`gqx: the range ends in the future; using data up to now (${range.end.toFormat('yyyy-MM-dd HH:mm')} ${range.timeZone}).\n`,
			);
		}
		const connection = await connect(values, io, plan.timeoutMs);
		stopDemo = connection.stop;
		// Without --week-start, the profile's week start (gqx profiles week-start), if it has one.
		const profileWeekStart = connection.profile?.weekStart;
		if (!plan.weekStart && profileWeekStart)
			range = resolveRange(plan.choice, plan.timeZone, now, undefined, profileWeekStart);
		const {client} = connection;
		const request: ExportRequest = {
			range,
			...(await chosenQueues(client, plan, io)),
			queues: plan.queues,
			divisions: plan.divisions,
			mediaTypes: plan.media,
			granularity: level.granularity === 'always' ? (plan.granularity ?? defaultGranularity(range)) : plan.granularity,
			byMedia: plan.byMedia,
			compare: plan.compare,
			sparse: plan.sparse,
			...(plan.outcome ? {outcome: plan.outcome} : {}),
			...(plan.agent ? {agentId: await findUserId(client, plan.agent)} : {}),
			revealAddresses: plan.revealAddresses,
			...(plan.flows.length > 0 ? {flowIds: await findFlowIds(client, plan.flows)} : {}),
			flowTypes: plan.flowTypes,
			// Without --bands, the profile's bands (gqx profiles bands), if it has some, checked as --bands is.
			...bandEdgesOf(plan, level, connection.profile),
			...(plan.atSeconds ? {atSeconds: plan.atSeconds} : {}),
			...(plan.rowsBy ? {rowsBy: plan.rowsBy} : {}),
		};
		const showProgress = Boolean(io.stderr.isTTY);
		let progressShown = false;
		// The progress line goes before anything else is said on stderr, a failure's message too.
		clearProgress = () => {
			if (progressShown) io.stderr.write('\r\u001B[K');
			progressShown = false;
		};
		// Impossible statistics are left out and said once each at the end, when the queues have names.
		const dropped = new DroppedLog();
		let nameOf = deletedQueueName;
		const written = await writeRecords(
			plan.format,
			// A relative name is the caller's folder's (a command run in-process has its own).
			plan.output ? {file: path.resolve(io.cwd, plan.output)} : {stream: io.stdout},
			rowsBySpec(level.spec(request), request.rowsBy),
			async onRecords => {
				const result = await level.stream(client, request, {
					// Records on the terminal start on a clean line (the progress line comes back with the next batch).
					onRecords: records => {
						clearProgress();
						return onRecords(rowsByRecords(records, request.rowsBy));
					},
					onProgress: progress => {
						if (!showProgress || progress.total <= 1) return;
						io.stderr.write(`\rgqx: fetching ${progress.done}/${progress.total}…`);
						progressShown = true;
					},
					onDrop: dropped.add,
					onNotice: text => io.stderr.write(`gqx: ${terminalText(text)}\n`),
				});
				if (result.nameOf) nameOf = result.nameOf;
				// A table is drawn after this: on a clean line.
				clearProgress();
				return result;
			},
			{width: tableWidth(io, Boolean(values.wide)), rawCsv: Boolean(values['raw-csv'])},
		);
		clearProgress();
		for (const entry of dropped.entries)
			io.stderr.write(
				`gqx: warning: left out an impossible statistic: ${terminalText(describeDropped(entry, nameOf))}\n`,
			);
		if (plan.output) io.stderr.write(`gqx: wrote ${written} records to ${plan.output}\n`);
		return 0;
	} catch (error) {
		clearProgress();
		return reportFailure(error, io.stderr);
	} finally {
		await stopDemo?.();
	}
}
