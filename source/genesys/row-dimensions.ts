// What the first level's rows are (t cycles them): queues, requested skills or requested languages. Each is an
// aggregates dimension the same queries group and filter by; the rest of a row (its numbers, drills) is the same.

export type RowsBy = 'queue' | 'skill' | 'language';

/** Rows named from the routing skills or languages listing, not the queue listing. */
export type RoutedRows = Exclude<RowsBy, 'queue'>;

export type RowDimension = {
	by: RowsBy;
	/** The aggregates dimension (reference part 3 §C.2). */
	dimension: 'queueId' | 'requestedRoutingSkillId' | 'requestedLanguageId';
	/** The name column's header, and what a row is called. */
	header: string;
	one: string;
	many: string;
	/** The export's first two fields (`gqx export --by`). */
	idField: string;
	nameField: string;
};

export const rowDimensions: Readonly<Record<RowsBy, RowDimension>> = {
	queue: {
		by: 'queue',
		dimension: 'queueId',
		header: 'Queue',
		one: 'queue',
		many: 'queues',
		idField: 'queueId',
		nameField: 'queueName',
	},
	skill: {
		by: 'skill',
		dimension: 'requestedRoutingSkillId',
		header: 'Skill',
		one: 'requested skill',
		many: 'requested skills',
		idField: 'skillId',
		nameField: 'skillName',
	},
	language: {
		by: 'language',
		dimension: 'requestedLanguageId',
		header: 'Language',
		one: 'requested language',
		many: 'requested languages',
		idField: 'languageId',
		nameField: 'languageName',
	},
};

/** The order `t` cycles them in. */
export const rowsByOrder: readonly RowsBy[] = ['queue', 'skill', 'language'];

export function rowDimensionOf(by: RowsBy | undefined): RowDimension {
	return rowDimensions[by ?? 'queue'];
}

/** The aggregates dimension of the rows (queueId unless skills or languages were chosen). */
export function rowDimensionName(by: RowsBy | undefined): RowDimension['dimension'] {
	return rowDimensionOf(by).dimension;
}
