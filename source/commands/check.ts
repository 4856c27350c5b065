// `gqx check`: for cron and monitoring. Exit 0 when every queue meets every threshold given, 1 when any breaches,
// with the breaching queues (value and threshold) as a table, csv or json. Flags are export's, read the same way.
import {DateTime} from 'luxon';
import {UsageError} from '../errors.js';
import {fetchReport} from '../reports/report.js';
import {listAllQueues, type QueueInfo} from '../genesys/queues.js';
import {formatDuration, formatPercent} from '../metrics/format.js';
import {compareText} from '../text/collate.js';
import {rollUp} from '../metrics/rows.js';
import type {Thresholds} from '../metrics/thresholds.js';
import {isoInterval, resolveRange} from '../range/range.js';
import {stringify} from 'csv-stringify/sync';
import {parseFlags} from './args.js';
import {reportFailure} from './errors.js';
import {connect, exportFlags, planExport} from './export.js';
import type {Io} from './io.js';
import {fetchLiveSnapshot} from './live-snapshot.js';
import {selectQueueIds} from './queue-match.js';
import {parseThresholdFlags, thresholdFlags} from './threshold-flags.js';

export const checkHelp = `Usage: gqx check [thresholds] [options]

Checks every queue against thresholds; for cron and monitoring.
Exit 0 when every queue meets every threshold given, 1 when any breaches (the breaching queues are printed
with the value and the threshold), 2-5 as for gqx export.

Thresholds (at least one; a profile's saved thresholds, see gqx profiles thresholds, apply when its flag is not given):
  --min-sl target|RATIO     service level of the range at least each queue's own target, or RATIO (0.8 or 80%)
  --max-abandon RATIO       abandon rate of the range at most RATIO (0.05 or 5%)
  --max-wait SECONDS        the longest wait now (live observations) at most SECONDS

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

export type CheckName = 'min-sl' | 'max-abandon' | 'max-wait';

/** A queue over a threshold; ratios for service level and abandon rate, seconds for the wait. */
export type Breach = {queueId: string; queueName: string; check: CheckName; value: number; threshold: number};

export function parseThresholds(values: Record<string, unknown>, saved: Thresholds = {}): Thresholds {
	const thresholds: Thresholds = {...saved, ...parseThresholdFlags(values)};
	if (
		thresholds.minServiceLevel === undefined &&
		thresholds.maxAbandon === undefined &&
		thresholds.maxWaitSeconds === undefined
	)
		throw new UsageError(
			'No threshold to check.',
			'Give at least one of --min-sl target|RATIO, --max-abandon RATIO, --max-wait SECONDS, or save them for the profile: gqx profiles thresholds NAME --max-abandon 5%.',
		);
	return thresholds;
}

function describe(breach: Breach): {value: string; threshold: string} {
	if (breach.check === 'max-wait')
		return {value: formatDuration(breach.value * 1000), threshold: formatDuration(breach.threshold * 1000)};
	return {value: formatPercent(breach.value), threshold: formatPercent(breach.threshold)};
}

const checkWords: Record<CheckName, string> = {
	'min-sl': 'SL below',
	'max-abandon': 'abandon above',
	'max-wait': 'wait above',
};

export function renderBreaches(breaches: readonly Breach[], format: string, checked: number): string {
	const fields = ['queueId', 'queueName', 'check', 'value', 'threshold'] as const;
	if (format === 'json')
		return breaches.length === 0 ? '[]\n' : `[\n${breaches.map(breach => JSON.stringify(breach)).join(',\n')}\n]\n`;
	if (format === 'ndjson') return breaches.map(breach => `${JSON.stringify(breach)}\n`).join('');
	if (format === 'csv')
		return stringify(
			breaches.map(breach => fields.map(field => breach[field])),
			{header: true, columns: [...fields], cast: {number: value => String(value)}},
		);
	if (breaches.length === 0) return `All ${checked} queues meet every threshold.\n`;
	const rows = breaches.map(breach => {
		const {value, threshold} = describe(breach);
		return [breach.queueName, checkWords[breach.check], value, threshold];
	});
	const header = ['Queue', 'Check', 'Value', 'Threshold'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	return `${[line(header), line(widths.map(width => '─'.repeat(width))), ...rows.map(line)].join('\n')}\n`;
}

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
		const connection = await connect(values, io, plan.timeoutMs);
		stop = connection.stop;
		const thresholds = parseThresholds(values, connection.profile?.thresholds);
		const {client} = connection;
		const all: QueueInfo[] = await listAllQueues(client);
		const queueIds = selectQueueIds({queues: plan.queues, divisions: plan.divisions}, all);
		const breaches: Breach[] = [];
		let checked = queueIds?.length ?? all.length;
		if (thresholds.minServiceLevel !== undefined || thresholds.maxAbandon !== undefined) {
			const range = resolveRange(plan.choice, plan.timeZone, DateTime.now());
			const report = await fetchReport(
				client,
				{start: range.start, end: range.end, timeZone: range.timeZone, queueIds, mediaTypes: plan.media},
				{knownQueues: new Map(all.map(queue => [queue.id, queue]))},
			);
			const rows = rollUp(report.cells, 'queues', report.nameOf, isoInterval(range.start, range.end));
			checked = Math.max(checked, rows.length);
			for (const row of rows) {
				const identity = {queueId: row.queueId ?? '', queueName: row.queueName};
				const target = thresholds.minServiceLevel === 'target' ? row.serviceLevelTarget : thresholds.minServiceLevel;
				if (target !== undefined && target !== null && row.serviceLevel !== null && row.serviceLevel < target)
					breaches.push({...identity, check: 'min-sl', value: row.serviceLevel, threshold: target});
				if (thresholds.maxAbandon !== undefined && row.abandonRate !== null && row.abandonRate > thresholds.maxAbandon)
					breaches.push({...identity, check: 'max-abandon', value: row.abandonRate, threshold: thresholds.maxAbandon});
			}
		}
		if (thresholds.maxWaitSeconds !== undefined) {
			const snapshot = await fetchLiveSnapshot(client, plan, {known: all});
			for (const queue of snapshot.queues) {
				const seconds = queue.longestWaitingMs === null ? null : queue.longestWaitingMs / 1000;
				if (seconds !== null && seconds > thresholds.maxWaitSeconds)
					breaches.push({
						queueId: queue.queueId,
						queueName: snapshot.nameOf(queue.queueId),
						check: 'max-wait',
						value: Math.round(seconds),
						threshold: thresholds.maxWaitSeconds,
					});
			}
		}
		breaches.sort((a, b) => compareText(a.queueName, b.queueName) || compareText(a.check, b.check));
		const text = renderBreaches(breaches, plan.format, checked);
		await new Promise<void>((resolve, reject) => io.stdout.write(text, error => (error ? reject(error) : resolve())));
		return breaches.length > 0 ? 1 : 0;
	} catch (error) {
		return reportFailure(error, io.stderr);
	} finally {
		await stop?.();
	}
}
