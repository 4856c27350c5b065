// `gqx check`: for cron and monitoring. Exit 0 when every queue meets every threshold given, 1 when any breaches,
// with the breaching queues (value and threshold) as a table, csv or json. Flags are export's, read the same way.
import {DateTime} from 'luxon';
import {UsageError} from '../errors.js';
import {listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {writeRecords} from '../export/output.js';
import {acwSince, agentMeasures} from '../metrics/people.js';
import {agentChecks, type Thresholds} from '../metrics/thresholds.js';
import {
	type Breach,
	type CheckName,
	describeValue,
	divisionsOf,
	fetchRangeBreaches,
	liveBreaches,
} from '../reports/breaches.js';
import {rangeBoundError, resolveRange} from '../range/range.js';
import {includesToday} from '../levels/live.js';
import {queueLabel, sharedNames} from '../levels/queue-labels.js';
import {fetchLiveSnapshot} from '../reports/live-snapshot.js';
import {selectQueueIds} from '../reports/queue-match.js';
import {compareText} from '../text/collate.js';
import type {RecordSpec} from '../text/records.js';
import {parseFlags} from './args.js';
import {connect} from './connect.js';
import {reportFailure} from './errors.js';
import {exportFlags, planExport} from './export-plan.js';
import type {Io} from './io.js';
import {parseThresholdFlags, thresholdFlags} from './threshold-flags.js';

export const checkHelp = `Usage: gqx check [thresholds] [options]

Checks every queue against thresholds; for cron and monitoring.
Exit 0 when every queue meets every threshold given, 1 when any breaches (the breaching queues are printed
with the value and the threshold), 2-5 as for gqx export.

Thresholds (at least one; a profile's saved thresholds, see gqx profiles thresholds, apply when its flag is not given):
  --min-sl target|RATIO     service level of the range at least each queue's own target (where its media
                            have different ones, the lowest of them, as the explorer marks it), or RATIO
                            (0.8, 80% or 80 alike; 1 to under 2 needs its % sign)
  --max-abandon RATIO       abandon rate of the range at most RATIO (0.05, 5% or 5)
  --max-wait SECONDS        the longest wait now (live observations) at most SECONDS; a range with today only
  --max-acw SECONDS         no agent in after-call work longer than SECONDS now (people now; a breach names
                            the agent and each of their queues checked)
  --max-break SECONDS       no agent on a break or meal presence longer than SECONDS now
  --max-idle SECONDS        no agent idle on queue longer than SECONDS now

Options: the credential, date, --tz, --queue, --division, --media, network and --demo flags
of gqx export (see gqx export --help); the dates default to today.
  --format table|csv|json   default: table on a terminal, csv otherwise

Example (cron, every 15 minutes, mail on a breach):
  */15 * * * * gqx check --profile acme --min-sl target --max-wait 120 > /tmp/gqx-check.txt || mail -s "queues breaching" ops@example.com < /tmp/gqx-check.txt
`;

// Export's flags minus what only writing records needs (--division comes with them).
const {
	level: _level,
	granularity: _granularity,
	wide: _wide,
	output: _output,
	'by-media': _byMedia,
	...sharedFlags
} = exportFlags;
const checkFlags = {...sharedFlags, ...thresholdFlags} as const;

export type {Breach, CheckName} from '../reports/breaches.js';

export function parseThresholds(values: Record<string, unknown>, saved: Thresholds = {}): Thresholds {
	const thresholds: Thresholds = {...saved, ...parseThresholdFlags(values)};
	if (
		thresholds.minServiceLevel === undefined &&
		thresholds.maxAbandon === undefined &&
		thresholds.maxWaitSeconds === undefined &&
		agentChecks.every(check => thresholds[check.key] === undefined)
	)
		throw new UsageError(
			'No threshold to check.',
			'Give at least one of --min-sl target|RATIO, --max-abandon RATIO, --max-wait SECONDS, --max-acw SECONDS, --max-break SECONDS, --max-idle SECONDS, or save them for the profile: gqx profiles thresholds NAME --max-abandon 5%.',
		);
	return thresholds;
}

const checkWords: Record<CheckName, string> = {
	'min-sl': 'SL below',
	'max-abandon': 'abandon above',
	'max-wait': 'wait above',
	'max-acw': 'ACW above',
	'max-break': 'break above',
	'max-idle': 'idle above',
	'no-agents': 'waiting, nobody available',
	'max-not-responding': 'not responding above',
};

/** The agent checks by flag, with their threshold's key and the board row's measure. */
const agentCheckNames = {
	maxAcwSeconds: 'max-acw',
	maxBreakSeconds: 'max-break',
	maxIdleSeconds: 'max-idle',
} as const satisfies Record<(typeof agentChecks)[number]['key'], CheckName>;

/** Breaches as records: a table for people (values as the explorer shows them), or csv, json, ndjson for machines. */
export function breachRecords(checked: number, shared: ReadonlySet<string> = new Set()): RecordSpec<Breach> {
	return {
		fields: ['queueId', 'queueName', 'check', 'value', 'threshold', 'divisionId', 'divisionName', 'userId', 'userName'],
		table: {
			empty: `All ${checked} queues meet every threshold.\n`,
			columns: breaches => [
				{header: 'Queue', align: 'left', text: breach => queueLabel(breach.queueName, breach.divisionName, shared)},
				...(breaches.some(breach => breach.userName !== null)
					? [{header: 'Agent', align: 'left' as const, text: (breach: Breach) => breach.userName ?? ''}]
					: []),
				{header: 'Check', align: 'left', text: breach => checkWords[breach.check]},
				{header: 'Value', align: 'right', text: breach => describeValue(breach).value},
				{header: 'Threshold', align: 'right', text: breach => describeValue(breach).threshold},
			],
		},
	};
}

/** The checks of values of now, by flag: only a range with today has them. */
const liveChecks = [
	['max-wait', 'maxWaitSeconds', 'the longest wait'],
	['max-acw', 'maxAcwSeconds', 'after-call work'],
	['max-break', 'maxBreakSeconds', 'breaks'],
	['max-idle', 'maxIdleSeconds', 'idle time'],
] as const;

export async function runCheck(args: string[], io: Io): Promise<number> {
	let stop: (() => Promise<void>) | undefined;
	try {
		const {values} = parseFlags(args, checkFlags, 'check');
		if (values.help) {
			io.stdout.write(checkHelp);
			return 0;
		}
		const dated = values.from !== undefined || values.to !== undefined || values.preset !== undefined;
		const plan = planExport({...values, ...(dated ? {} : {preset: 'today'})}, io);
		const range = resolveRange(plan.choice, plan.timeZone, DateTime.now());
		const tooLong = values.yes ? undefined : rangeBoundError(range, 'add --yes to run it anyway');
		if (tooLong) throw tooLong;
		const connection = await connect(values, io, plan.timeoutMs);
		stop = connection.stop;
		const thresholds = parseThresholds(values, connection.profile?.thresholds);
		// The longest wait and the agents' states are values of now: a range without today has none to check.
		if (!includesToday(range))
			for (const [flag, key, what] of liveChecks) {
				if (thresholds[key] === undefined) continue;
				if (values[flag] !== undefined)
					throw new UsageError(
						`--${flag} checks ${what} now, and ${range.from} to ${range.to} does not include today.`,
						`Drop --${flag} for a past range, or check today (no dates) for what is happening now.`,
					);
				io.stderr.write(
					`gqx check: the profile's max ${flag.slice(4)} is not checked: it is a value of now, and ${range.from} to ${range.to} does not include today.\n`,
				);
				delete thresholds[key];
			}
		const {client} = connection;
		const all: QueueInfo[] = await listAllQueues(client);
		const divisionOf = divisionsOf(all);
		const queueIds = selectQueueIds({queues: plan.queues, divisions: plan.divisions}, all);
		const breaches: Breach[] = [];
		let checked = queueIds?.length ?? all.length;
		if (thresholds.minServiceLevel !== undefined || thresholds.maxAbandon !== undefined) {
			const inRange = await fetchRangeBreaches(client, range, {queueIds, mediaTypes: plan.media}, thresholds, all);
			checked = Math.max(checked, inRange.rows);
			breaches.push(...inRange.breaches);
		}
		if (thresholds.maxWaitSeconds !== undefined) {
			const snapshot = await fetchLiveSnapshot(client, plan, {known: all});
			breaches.push(...liveBreaches(snapshot, {maxWaitSeconds: thresholds.maxWaitSeconds}, divisionOf));
		}
		if (agentChecks.some(check => thresholds[check.key] !== undefined)) {
			const {fetchBoard} = await import('../reports/people.js');
			const board = await fetchBoard(
				client,
				{...(queueIds ? {queueIds} : {}), queues: plan.queues, divisions: plan.divisions},
				{known: all},
			);
			if (board.sessions.unavailable && thresholds.maxAcwSeconds !== undefined)
				io.stderr.write(`gqx check: after-call work is not (wholly) checked: ${board.sessions.unavailable}.\n`);
			for (const agent of board.agents) {
				const measures = agentMeasures(agent, acwSince(board.sessions.byUser.get(agent.userId)), board.completedAt);
				for (const check of agentChecks) {
					const limit = thresholds[check.key];
					const measured = measures[check.measure];
					if (limit === undefined || measured === null || measured <= limit * 1000) continue;
					breaches.push({
						queueId: agent.queueId,
						queueName: board.queueName(agent.queueId),
						check: agentCheckNames[check.key],
						// Whole seconds up: a breach never reads as equal to its threshold.
						value: Math.ceil(measured / 1000),
						threshold: limit,
						...divisionOf(agent.queueId),
						userId: agent.userId,
						userName: board.userName(agent.userId),
					});
				}
			}
		}
		breaches.sort(
			(a, b) =>
				compareText(a.queueName, b.queueName) ||
				compareText(a.divisionName ?? '', b.divisionName ?? '') ||
				compareText(a.check, b.check) ||
				compareText(a.userName ?? '', b.userName ?? ''),
		);
		// A name two queues of the org share shows the breaching one's division, whether or not the other breaches.
		const shared = sharedNames(all.map(queue => queue.name));
		await writeRecords(
			plan.format,
			{stream: io.stdout},
			breachRecords(checked, shared),
			async write => write(breaches),
			{
				rawCsv: Boolean(values['raw-csv']),
			},
		);
		return breaches.length > 0 ? 1 : 0;
	} catch (error) {
		return reportFailure(error, io.stderr);
	} finally {
		await stop?.();
	}
}
