// What a kind of record is written as, whatever writes it: its fields (the CSV header, the JSON keys) and its text
// table. The levels, `gqx check` and the live snapshot declare one each; the record writer (export/output.ts) reads it.
import type {TextColumn} from './table.js';

/** A record's fields in order. */
export type Fields = ReadonlyArray<string>;

/** How records read as a text table: its columns (which may depend on the records), and what an empty one says. */
export type RecordTable<R> = {
	columns(records: readonly R[]): ReadonlyArray<TextColumn<R>>;
	empty: string;
};

/** Without a table of its own, records are drawn with a column per field. */
export type RecordSpec<R> = {fields: Fields; table?: RecordTable<R>};

/** A plain table of the fields, for records that declare none (the explorer's `e` offers csv and json only). */
export function fieldTable<R>(fields: Fields): RecordTable<R> {
	return {
		empty: 'No records.\n',
		columns: () =>
			fields.map(field => ({
				header: field,
				align: 'left' as const,
				text: (record: R) => String((record as Record<string, unknown>)[field] ?? ''),
			})),
	};
}
