// The people-now board's words and records: routing statuses and presences as people say them, time in status, the
// summary line, and the export record of an agent in a queue. Pure: no requests, no terminal.
import type {AgentNow, SessionNow} from '../genesys/activity.js';
import {formatCount} from './format.js';

const routingWords: Readonly<Record<string, string>> = {
	IDLE: 'Idle',
	INTERACTING: 'Interacting',
	COMMUNICATING: 'Communicating',
	NOT_RESPONDING: 'Not responding',
	OFF_QUEUE: 'Off queue',
};

/** ON_QUEUE as "On queue", a value this list does not know as it is, in words. */
function words(value: string): string {
	const text = value.toLowerCase().replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function routingText(status: string): string {
	return routingWords[status] ?? words(status);
}

/** The org's label of the agent's presence, else the system presence in words. */
export function presenceText(
	agent: Pick<AgentNow, 'presence' | 'presenceId'>,
	labels: ReadonlyMap<string, string>,
): string {
	return (agent.presenceId ? labels.get(agent.presenceId) : undefined) ?? words(agent.presence);
}

/** Since when the agent is as they are: the later of the two changes (routing status, presence). */
export function statusSince(agent: Pick<AgentNow, 'routingStatusSince' | 'presenceSince'>): number | null {
	const times = [agent.routingStatusSince, agent.presenceSince].filter((time): time is number => time !== null);
	return times.length > 0 ? Math.max(...times) : null;
}

/**
 * The board's status groups in the order a supervisor reads them: who needs a look first (not responding), who works
 * (interacting, communicating), who waits for work (idle), who is away from the queue (off queue), who is gone (offline).
 */
const groupOrder = ['NOT_RESPONDING', 'INTERACTING', 'COMMUNICATING', 'IDLE', 'OFF_QUEUE'];

/** Where the agent's status group comes in `groupOrder` (offline last; a status it does not know with off queue). */
export function statusGroupRank(agent: Pick<AgentNow, 'routingStatus' | 'presence'>): number {
	if (!isLoggedIn(agent)) return groupOrder.length + 1;
	const index = groupOrder.indexOf(agent.routingStatus);
	return index === -1 ? groupOrder.length - 1 : index;
}

/** The Routing column's sort key: the status group, then the longest in status first (ascending order reads so). */
export function statusOrder(agent: Pick<AgentNow, 'routingStatus' | 'presence'>, inStatusMs: number | null): number {
	// Ten years of milliseconds per group: in-status times never reach the next group.
	return statusGroupRank(agent) * 1e12 - Math.min(inStatusMs ?? 0, 1e12 - 1);
}

export function isLoggedIn(agent: Pick<AgentNow, 'presence'>): boolean {
	return agent.presence !== 'OFFLINE';
}

/**
 * One line of counts, each agent once: "On queue 42: idle 9, interacting 30, not responding 3 · Off queue 7: break 4,
 * meal 2, available 1 · Offline 12".
 */
export function summaryLine(agents: readonly AgentNow[], labels: ReadonlyMap<string, string>): string {
	const byUser = new Map(agents.map(agent => [agent.userId, agent]));
	const onQueue = new Map<string, number>();
	const offQueue = new Map<string, number>();
	let on = 0;
	let off = 0;
	let offline = 0;
	for (const agent of byUser.values()) {
		if (!isLoggedIn(agent)) offline++;
		else if (agent.routingStatus === 'OFF_QUEUE') {
			off++;
			const label = presenceText(agent, labels).toLowerCase();
			offQueue.set(label, (offQueue.get(label) ?? 0) + 1);
		} else {
			on++;
			const label = routingText(agent.routingStatus).toLowerCase();
			onQueue.set(label, (onQueue.get(label) ?? 0) + 1);
		}
	}
	const list = (counts: Map<string, number>) =>
		[...counts]
			.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
			.map(([label, count]) => `${label} ${formatCount(count)}`)
			.join(', ');
	const parts = [`On queue ${formatCount(on)}${on > 0 ? `: ${list(onQueue)}` : ''}`];
	parts.push(`Off queue ${formatCount(off)}${off > 0 ? `: ${list(offQueue)}` : ''}`);
	parts.push(`Offline ${formatCount(offline)}`);
	return parts.join(' · ');
}

/** The media types of an agent's conversations now, each once, in the order the answer gave them. */
export function activeMedia(sessions: readonly SessionNow[] | undefined): string[] {
	return [...new Set((sessions ?? []).map(session => session.mediaType))];
}

/** Since when the agent is in after-call work (the earliest wrap-up segment of their conversations), if they are. */
export function acwSince(sessions: readonly SessionNow[] | undefined): number | null {
	const starts = (sessions ?? [])
		.filter(session => session.segmentType === 'wrapup' && session.segmentSince !== null)
		.map(session => session.segmentSince!);
	return starts.length > 0 ? Math.min(...starts) : null;
}

/** The measures of the agent thresholds at `atMs`: time in after-call work, on a break or meal, idle on queue. */
export function agentMeasures(
	agent: Pick<AgentNow, 'routingStatus' | 'routingStatusSince' | 'presence' | 'presenceSince'>,
	acwSinceMs: number | null,
	atMs: number,
	/** False for a change pushed after `atMs`: a negative time that ageing (now less `atMs`) makes right. */
	clamp = true,
): {acwMs: number | null; breakMs: number | null; idleMs: number | null} {
	const since = (from: number | null) => (from === null ? null : clamp ? Math.max(0, atMs - from) : atMs - from);
	return {
		acwMs: since(acwSinceMs),
		breakMs: agent.presence === 'BREAK' || agent.presence === 'MEAL' ? since(agent.presenceSince) : null,
		idleMs: agent.routingStatus === 'IDLE' ? since(agent.routingStatusSince) : null,
	};
}

/** The board's Media cell: `voice`, `chat, message`; `voice ACW` while in after-call work. */
export function mediaText(sessions: readonly SessionNow[] | undefined): string {
	const media = activeMedia(sessions).join(', ');
	const wrapping = (sessions ?? []).some(session => session.segmentType === 'wrapup');
	return wrapping ? `${media} ACW` : media;
}

/** `gqx export --level agent-status`: an agent in a queue now; times ISO 8601 UTC. */
export type AgentStatusRecord = {
	userId: string;
	userName: string;
	queueId: string;
	queueName: string;
	routingStatus: string;
	routingStatusSince: string | null;
	presence: string;
	presenceLabel: string;
	presenceSince: string | null;
	/** The media types of their conversations now, comma-separated ('' when none or unknown). */
	activeMedia: string;
	observedAt: string;
};

export const agentStatusFields: ReadonlyArray<keyof AgentStatusRecord> = [
	'userId',
	'userName',
	'queueId',
	'queueName',
	'routingStatus',
	'routingStatusSince',
	'presence',
	'presenceLabel',
	'presenceSince',
	'activeMedia',
	'observedAt',
];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function agentStatusRecord(
	agent: AgentNow,
	names: {user: (id: string) => string; queue: (id: string) => string; labels: ReadonlyMap<string, string>},
	observedAt: number,
	sessions?: readonly SessionNow[],
): AgentStatusRecord {
	return {
		userId: agent.userId,
		userName: names.user(agent.userId),
		queueId: agent.queueId,
		queueName: names.queue(agent.queueId),
		routingStatus: agent.routingStatus,
		routingStatusSince: iso(agent.routingStatusSince),
		presence: agent.presence,
		presenceLabel: presenceText(agent, names.labels),
		presenceSince: iso(agent.presenceSince),
		activeMedia: activeMedia(sessions).join(','),
		observedAt: new Date(observedAt).toISOString(),
	};
}
