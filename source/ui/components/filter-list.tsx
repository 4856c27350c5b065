// A list you narrow by typing: letters go to the query, arrows move, Enter picks. Used for regions and time zones.
import {Box, Text, useInput} from 'ink';
import {useCallback, useMemo, useState} from 'react';
import {terminalText} from '../../text/sanitize.js';
import {useTheme} from '../theme-context.js';
import {TextField} from './text-field.js';

/** `keywords`: more words the query finds the item by, not shown (a region's country and cities). */
export type ListItem<V> = {label: string; value: V; hint?: string; keywords?: string};

type Props<V> = {
	items: ReadonlyArray<ListItem<V>>;
	limit: number;
	initialQuery?: string;
	placeholder?: string;
	onSelect: (item: ListItem<V>) => void;
	onCancel?: () => void;
	/** An item the query names outright (a pasted address), shown first and picked by Enter. */
	direct?: (query: string) => ListItem<V> | undefined;
	/** Why nothing matches this query, when there is more to say than that (an address refused). */
	whyNone?: (query: string) => string | undefined;
	/** Items the query names another way than by their words (a time zone by `EST` or `+05:30`), shown first. */
	search?: (query: string) => ReadonlyArray<ListItem<V>> | undefined;
};

function narrow<V>(items: ReadonlyArray<ListItem<V>>, query: string): Array<ListItem<V>> {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	return items.filter(item =>
		words.every(word => `${item.label} ${item.hint ?? ''} ${item.keywords ?? ''}`.toLowerCase().includes(word)),
	);
}

export function FilterList<V>({
	items,
	limit,
	initialQuery = '',
	placeholder,
	onSelect,
	onCancel,
	direct,
	whyNone,
	search,
}: Props<V>) {
	const theme = useTheme();
	const [query, setQuery] = useState(initialQuery);
	const [index, setIndex] = useState(0);
	// Made anew only with `items` or `direct`, which callers keep stable enough for a list of a few dozen.
	const matching = useCallback(
		(text: string) => {
			const first = [direct?.(text), ...(search?.(text) ?? [])].filter(
				(item): item is ListItem<V> => item !== undefined,
			);
			const narrowed = narrow(items, text);
			return [...first, ...narrowed.filter(item => !first.some(named => named.value === item.value))];
		},
		[items, direct, search],
	);
	const shown = useMemo(() => matching(query), [matching, query]);
	const selected = Math.min(index, Math.max(0, shown.length - 1));
	useInput((_input, key) => {
		if (key.upArrow) setIndex(Math.max(0, selected - 1));
		else if (key.downArrow) setIndex(Math.min(shown.length - 1, selected + 1));
		else if (key.pageUp) setIndex(Math.max(0, selected - limit));
		else if (key.pageDown) setIndex(Math.min(shown.length - 1, selected + limit));
		else if (key.escape) onCancel?.();
	});
	const top = Math.max(0, Math.min(selected - Math.floor(limit / 2), shown.length - limit));
	return (
		<Box flexDirection="column">
			<Box>
				<Text color={theme.accent}>{'> '}</Text>
				<TextField
					value={query}
					placeholder={placeholder}
					onChange={text => {
						setQuery(text);
						setIndex(0);
					}}
					onSubmit={typed => {
						// Typed and submitted in one go: narrow by what was typed, not by the last frame.
						const item = typed === query ? shown[selected] : matching(typed)[0];
						if (item) onSelect(item);
					}}
				/>
			</Box>
			{shown.length === 0 ? (
				<Text dimColor={theme.dim}>{terminalText(whyNone?.(query) ?? `Nothing matches “${query}”.`)}</Text>
			) : null}
			{shown.slice(top, top + limit).map((item, offset) => (
				<Text key={`${item.label}-${top + offset}`} inverse={top + offset === selected} wrap="truncate-end">
					{top + offset === selected ? '› ' : '  '}
					{terminalText(item.label)}
					{item.hint ? <Text dimColor={theme.dim}>{`  ${terminalText(item.hint)}`}</Text> : null}
				</Text>
			))}
			<Text dimColor={theme.dim}>
				{shown.length} of {items.length} · type to narrow, ↑↓ to move, Enter to pick
			</Text>
		</Box>
	);
}
