// `e` in the explorer: choose CSV or JSON and a file name; writes exactly the rows of the view.
import path from 'node:path';
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {useState} from 'react';
import {type Fields, formatRecords, writeFileAtomic} from '../../export/output.js';
import {rowFields} from '../../metrics/rows.js';
import {hintLine} from '../keymap.js';
import {useTheme} from '../theme-context.js';
import {TextField} from '../components/text-field.js';

type Props = {
	rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
	/** The records' fields: a level's own (agents, wrap-up codes) or the heat map's weekday-hour records; default the queue levels'. */
	fields?: Fields;
	suggestedName: string;
	cwd: string;
	onDone: (message: string | undefined) => void;
};

export function ExportDialog({rows, fields, suggestedName, cwd, onDone}: Props) {
	const theme = useTheme();
	const [format, setFormat] = useState<'csv' | 'json'>();
	const [name, setName] = useState('');
	const [problem, setProblem] = useState<string>();
	useInput((_input, key) => {
		if (key.escape) onDone(undefined);
	});
	// The suggestion is shown in the empty field, not put in it: typing replaces it, Enter on the empty field takes it.
	const suggestion = format ? `${suggestedName}.${format}` : '';
	const save = (value: string) => {
		const file = value.trim() || suggestion;
		try {
			const target = path.resolve(cwd, file);
			writeFileAtomic(target, formatRecords(format ?? 'csv', {fields: fields ?? rowFields}, rows));
			onDone(`Wrote ${rows.length} rows to ${target}`);
		} catch (error) {
			setProblem(`Could not write ${file}: ${(error as Error).message}`);
		}
	};
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold>Export this view ({rows.length} rows, after filter and sort)</Text>
			{format === undefined ? (
				<SelectInput
					items={[
						{label: 'CSV (spreadsheets)', value: 'csv' as const},
						{label: 'JSON', value: 'json' as const},
					]}
					onSelect={item => {
						setFormat(item.value);
						setName('');
					}}
				/>
			) : (
				<Box flexDirection="column">
					<Box>
						<Text>File: </Text>
						<TextField value={name} onChange={setName} onSubmit={save} placeholder={suggestion} />
					</Box>
					{/* Said in words too: without colour a dim placeholder looks like typed text. */}
					{name === '' ? <Text dimColor={theme.dim}>Suggested name: Enter takes it, typing replaces it.</Text> : null}
				</Box>
			)}
			{problem ? <Text color={theme.error}>{problem}</Text> : null}
			<Text dimColor={theme.dim}>{hintLine('export')}</Text>
		</Box>
	);
}
