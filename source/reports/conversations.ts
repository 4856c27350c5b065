// Conversations through the client: every conversation of a query as queue visits (agents, codes and queues named,
// each name asked once), a page at a time; one conversation as its timeline.
import type {GenesysClient} from '../genesys/client.js';
import {
	type Conversation,
	type DetailsOptions,
	type DetailsQuery,
	type DetailsSummary,
	fetchConversation,
	streamConversations,
} from '../genesys/details.js';
import {deletedQueueName, listAllQueues} from '../genesys/queues.js';
import {fetchUserNames, unknownUserName} from '../genesys/users.js';
import {fetchWrapupCodeNames, type WrapupCodeNames} from '../genesys/wrapup-codes.js';
import {
	type ConversationVisit,
	matchesOutcome,
	membersOf,
	type Names,
	sessionsOf,
	type TimelineStep,
	timelineOf,
	type VisitFilter,
	visitsOf,
} from '../metrics/conversations.js';

export type VisitQuery = DetailsQuery & {
	/** Customer addresses as they are (`--reveal-addresses`); masked otherwise. */
	reveal: boolean;
	/** Queue names known already (the level's queue, the export's listing); others are looked up. */
	queueName?: (id: string) => string | undefined;
};

export type VisitStreamOptions = Omit<DetailsOptions, 'onConversations'> & {
	/** The visits of a page of conversations (each conversation once), in the order they came. */
	onVisits(visits: readonly ConversationVisit[]): Promise<void> | void;
};

/**
 * The queue visits of every conversation of `query`, a page at a time, agents and wrap-up codes named (each name
 * looked up once). Returns what the listing saw: duplicates dropped, limits met.
 */
export async function streamVisits(
	client: GenesysClient,
	query: VisitQuery,
	options: VisitStreamOptions,
): Promise<DetailsSummary> {
	const {onVisits, ...detailsOptions} = options;
	const namer = new Namer(client, query.queueName, options.signal);
	const filter: VisitFilter = {
		queueIds: query.queueIds.length > 0 ? new Set(query.queueIds) : undefined,
		...(query.mediaTypes?.length ? {mediaTypes: new Set(query.mediaTypes)} : {}),
		startMs: query.start.toMillis(),
		endMs: query.end.toMillis(),
		...(query.userId !== undefined ? {userId: query.userId} : {}),
		...(query.wrapUpCode !== undefined ? {wrapUpCode: query.wrapUpCode} : {}),
	};
	return streamConversations(client, query, {
		...detailsOptions,
		async onConversations(conversations) {
			const names = await namer.namesFor(conversations);
			const visits = conversations.flatMap(conversation => visitsOf(conversation, filter, names, query.reveal));
			const wanted = query.outcome ? visits.filter(visit => matchesOutcome(visit, query.outcome!)) : visits;
			if (wanted.length > 0) await onVisits(wanted);
		},
	});
}

/** Names the queues, agents and wrap-up codes of conversations: each listing or lookup once. */
class Namer {
	readonly #queueNames = new Map<string, string>();
	#listing: Promise<void> | undefined;
	readonly #codes: Promise<WrapupCodeNames | undefined>;

	constructor(
		readonly client: GenesysClient,
		readonly known: ((id: string) => string | undefined) | undefined,
		readonly signal: AbortSignal | undefined,
	) {
		this.#codes = fetchWrapupCodeNames(client, {signal}).catch(() => undefined);
	}

	async namesFor(conversations: readonly Conversation[]): Promise<Names> {
		const {client, known, signal} = this;
		const members = membersOf(conversations);
		if (queueIdsOf(conversations).some(id => !known?.(id) && !this.#queueNames.has(id))) {
			this.#listing ??= listAllQueues(client, {signal}).then(
				queues => {
					for (const queue of queues) this.#queueNames.set(queue.id, queue.name);
				},
				() => undefined,
			);
			await this.#listing;
		}
		const [userName, codeNames] = await Promise.all([
			members.userIds.size > 0
				? fetchUserNames(client, members.userIds, {signal}).catch(() => unknownUserName)
				: unknownUserName,
			this.#codes,
		]);
		return {
			queueName: id => known?.(id) ?? this.#queueNames.get(id) ?? deletedQueueName(id),
			userName,
			wrapUpName: id => codeNames?.nameOf(id) ?? id,
		};
	}
}

/** One conversation (by id) as its timeline, and its record-like facts for the status line. */
export async function fetchTimeline(
	client: GenesysClient,
	conversationId: string,
	options: {signal?: AbortSignal; queueName?: (id: string) => string | undefined},
): Promise<{conversation: Conversation; steps: TimelineStep[]}> {
	const conversation = await fetchConversation(client, conversationId, options.signal);
	const names = await new Namer(client, options.queueName, options.signal).namesFor([conversation]);
	return {conversation, steps: timelineOf(conversation, names)};
}

/** The queues a page of conversations went through. */
function queueIdsOf(conversations: readonly Conversation[]): string[] {
	const ids = new Set<string>();
	for (const conversation of conversations)
		for (const {session} of sessionsOf(conversation, 'acd'))
			for (const segment of session.segments ?? []) if (segment.queueId) ids.add(segment.queueId);
	return [...ids];
}
