// Records whose rows are requested skills or languages (`gqx export --by`, `e` on such rows): the queue's two fields
// at the front of every record become the skill's or language's, the rest of the record as the level writes it.
import {rowDimensions, type RoutedRows} from '../genesys/row-dimensions.js';
import type {RecordSpec} from '../text/records.js';

/** The spec with `queueId, queueName` renamed (in place: still at the front), and the table's Queue column too. */
export function rowsBySpec<R>(spec: RecordSpec<R>, rowsBy: RoutedRows | undefined): RecordSpec<R> {
	if (!rowsBy) return spec;
	const {idField, nameField, header} = rowDimensions[rowsBy];
	const fields = spec.fields.map(field => (field === 'queueId' ? idField : field === 'queueName' ? nameField : field));
	const {table} = spec;
	return {
		fields,
		...(table
			? {
					table: {
						...table,
						columns: records =>
							table.columns(records).map(column => (column.header === 'Queue' ? {...column, header} : column)),
					},
				}
			: {}),
	};
}

/** The records with the skill's or language's fields (the queue's id and name fields hold theirs). */
export function rowsByRecords<R>(records: readonly R[], rowsBy: RoutedRows | undefined): readonly R[] {
	if (!rowsBy) return records;
	const {idField, nameField} = rowDimensions[rowsBy];
	return records.map(record => {
		const {queueId, queueName} = record as {queueId?: unknown; queueName?: unknown};
		return {...record, [idField]: queueId ?? null, [nameField]: queueName ?? null};
	});
}
