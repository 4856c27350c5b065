// `e` in the explorer: choose CSV or JSON and a file name; writes exactly the rows of the view, never over a file
// without asking.
import fs from 'node:fs';
import path from 'node:path';
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {useState} from 'react';
import {cannotWrite, type Fields, formatRecords, writeFileAtomic} from '../../export/output.js';
import {GqxError} from '../../errors.js';
import {rowFields} from '../../metrics/rows.js';
import {terminalText} from '../../text/sanitize.js';
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

/** Extensions of record formats: a name ending in one of them that is not the chosen format's is a mistake. */
const dataExtensions = new Set(['.csv', '.json', '.ndjson', '.tsv', '.txt', '.xlsx']);

/**
 * The file name for `name` in `format`: the format's extension added when the name has none (`q3` -> `q3.csv`);
 * a name ending in another format's extension is refused (a `.json` name holding CSV breaks whatever opens it).
 */
export function fittedFileName(name: string, format: 'csv' | 'json'): {file: string} | {problem: string} {
	const extension = path.extname(name).toLowerCase();
	if (extension === `.${format}`) return {file: name};
	if (dataExtensions.has(extension)) {
		const fitted = `${name.slice(0, -extension.length)}.${format}`;
		return {
			problem: `${name} ends in ${extension}, but this is a ${format.toUpperCase()} export: name it ${fitted}, or press Esc and choose the other format.`,
		};
	}
	return {file: `${name}.${format}`};
}

/** Why a file could not be written, in words (never the temporary file's name). */
function writeProblem(file: string, error: unknown): string {
	const said = error instanceof GqxError ? error : cannotWrite(file, error);
	if (said instanceof GqxError) return `${said.message} ${said.hint}`;
	const code = (error as NodeJS.ErrnoException).code;
	return `Cannot write ${file}${code ? ` (${code})` : ''}. Give another name or folder.`;
}

export function ExportDialog({rows, fields, suggestedName, cwd, onDone}: Props) {
	const theme = useTheme();
	const [format, setFormat] = useState<'csv' | 'json'>();
	const [name, setName] = useState('');
	const [problem, setProblem] = useState<string>();
	// The file that exists, after the first Enter on its name: a second Enter replaces it.
	const [replacing, setReplacing] = useState<string>();
	useInput((_input, key) => {
		if (key.escape) onDone(undefined);
	});
	// The suggestion is shown in the empty field, not put in it: typing replaces it, Enter on the empty field takes it.
	const suggestion = format ? `${suggestedName}.${format}` : '';
	const save = (value: string) => {
		const fitted = fittedFileName(value.trim() || suggestion, format ?? 'csv');
		if ('problem' in fitted) {
			setProblem(terminalText(fitted.problem));
			return;
		}
		const {file} = fitted;
		const target = path.resolve(cwd, file);
		let existing: fs.Stats | undefined;
		try {
			existing = fs.statSync(target, {throwIfNoEntry: false});
		} catch (error) {
			// A part of the path is a file (ENOTDIR), or a folder cannot be read: said like a failed write.
			setProblem(terminalText(writeProblem(file, error)));
			return;
		}
		if (existing?.isDirectory()) {
			setProblem(terminalText(`${file} is a folder. Give a file name.`));
			return;
		}
		if (replacing !== target && existing) {
			setReplacing(target);
			setProblem(terminalText(`${file} exists. Enter again replaces it; type another name to keep it.`));
			return;
		}
		try {
			writeFileAtomic(target, formatRecords(format ?? 'csv', {fields: fields ?? rowFields}, rows));
			onDone(`Wrote ${rows.length} rows to ${target}`);
		} catch (error) {
			setReplacing(undefined);
			setProblem(terminalText(writeProblem(file, error)));
		}
	};
	const edit = (value: string) => {
		setName(value);
		setReplacing(undefined);
		setProblem(undefined);
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
						{/* Its own box: a name long enough to wrap would otherwise squeeze out the space after the label. */}
						<Box flexShrink={0} marginRight={1}>
							<Text>File:</Text>
						</Box>
						<TextField value={name} onChange={edit} onSubmit={save} placeholder={suggestion} />
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
