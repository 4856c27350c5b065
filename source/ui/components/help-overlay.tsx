// Every key of the explorer (`?`), from the keymap: wrapped to the width, in two columns where they fit, and in
// pages where the terminal is too short for all of them (↓/PgDn/Space for the next page).
import {Box, Text} from 'ink';
import {helpRows} from '../keymap.js';
import {textWidth} from '../../text/columns.js';
import {wrapWords} from '../../text/wrap.js';
import {useTheme} from '../theme-context.js';

/** One line of the help: the keys on a binding's first line, blank on the lines its description wraps onto. */
type HelpLine = {keys: string; text: string};

/** Border and padding on each side of the box, and the gap between two columns. */
const frameWidth = 4;
const columnGap = 3;
/** Border, title and the page line. */
const frameHeight = 4;
/** A description narrower than this would wrap on every other word: one column instead. */
const narrowestDescription = 26;

export type HelpLayout = {columns: number; keyWidth: number; pages: HelpLine[][][]};

/**
 * The help's lines for a box `width` x `height`, as pages of columns; a binding's lines are never split. The first
 * column is wrapped to half the width, the second to what the first leaves.
 */
export function helpLayout(width: number, height: number): HelpLayout {
	const rows = helpRows();
	const keyWidth = Math.max(...rows.map(row => textWidth(row.keys)));
	const inner = Math.max(10, width - frameWidth);
	const half = Math.floor((inner - columnGap) / 2);
	const twoColumns = half - keyWidth - 1 >= narrowestDescription;
	const columns = twoColumns ? 2 : 1;
	const perColumn = Math.max(1, height - frameHeight);
	const lines = (description: string, room: number) =>
		wrapWords(description, Math.max(8, room)).map((text, index) => ({text, first: index === 0}));
	const pages: HelpLine[][][] = [];
	let page: HelpLine[][] = [];
	let column: HelpLine[] = [];
	const roomNow = () =>
		page.length === 0
			? (twoColumns ? half : inner) - keyWidth - 1
			: inner - columnGap - Math.max(...page[0]!.map(line => keyWidth + 1 + textWidth(line.text))) - keyWidth - 1;
	for (const row of rows) {
		let block = lines(row.description, roomNow());
		if (column.length > 0 && column.length + block.length > perColumn) {
			page.push(column);
			column = [];
			if (page.length === columns) {
				pages.push(page);
				page = [];
			}
			block = lines(row.description, roomNow());
		}
		column.push(...block.map(line => ({keys: line.first ? row.keys : '', text: line.text})));
	}
	page.push(column);
	pages.push(page);
	return {columns, keyWidth, pages};
}

export function HelpOverlay({width, height, page}: {width: number; height: number; page: number}) {
	const theme = useTheme();
	const {keyWidth, pages} = helpLayout(width, height);
	const shown = Math.min(Math.max(0, page), pages.length - 1);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width}>
			<Text bold wrap="truncate-end">
				Keys{pages.length > 1 ? ` · page ${shown + 1} of ${pages.length}` : ''}
			</Text>
			<Box>
				{(pages[shown] ?? []).map((column, index) => (
					<Box key={index} flexDirection="column" marginRight={index === 0 ? columnGap : 0}>
						{column.map((line, at) => (
							<Text key={at} wrap="truncate-end">
								<Text bold>{line.keys.padEnd(keyWidth)}</Text> {line.text}
							</Text>
						))}
					</Box>
				))}
			</Box>
			<Text dimColor={theme.dim} wrap="truncate-end">
				{pages.length > 1
					? `${shown + 1 < pages.length ? '↓/PgDn/Space next page · ' : ''}${shown > 0 ? '↑/PgUp previous page · ' : ''}any other key closes`
					: 'Press any key to close.'}
			</Text>
		</Box>
	);
}

/** How many pages the help has at this size (the explorer's keys turn them). */
export function helpPageCount(width: number, height: number): number {
	return helpLayout(width, height).pages.length;
}
