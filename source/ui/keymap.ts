// The one keymap: it decides what a key does, and the footer and the help overlay are drawn from it.
import type {Key} from 'ink';
import {levelKeys} from '../levels/registry.js';

/** Where a key is read: the explorer's table (loaded, loading, failed), its column picker, or another screen. */
export type KeyContext =
	'table' | 'loading' | 'error' | 'columns' | 'heatmap' | 'picker' | 'wizard' | 'dates' | 'export';

export type KeyAction =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'first'
	| 'last'
	| 'drill'
	| 'back'
	| 'filter'
	| 'sort'
	| 'sort-reverse'
	| 'granularity'
	| 'refresh'
	| 'dates'
	| 'profile'
	| 'export'
	| 'columns'
	| 'compare'
	| 'copy-row'
	| 'copy-view'
	| 'live'
	| 'help'
	| 'cancel'
	| 'quit'
	| 'column-up'
	| 'column-down'
	| 'column-first'
	| 'column-last'
	| 'column-toggle'
	| 'column-earlier'
	| 'column-later'
	| 'columns-reset'
	| 'close'
	| 'use'
	| 'new'
	| 'edit'
	| 'delete'
	| 'next'
	| 'previous'
	| 'heat-previous'
	| 'heat-next'
	| 'quick-filter'
	| 'idle-rows'
	| 'rows-by'
	| 'everyone'
	| LevelAction;

/** A key a level declares (`open:agents`): it opens that level from the rows that list the action. */
export type LevelAction = `open:${string}`;

export type Binding = {
	action: KeyAction;
	/** How the keys are written in the footer and the help. */
	keys: string;
	description: string;
	contexts: readonly KeyContext[];
	/** Shown in the footer (the few keys that matter most); every binding is in the help. */
	footer: boolean;
	/** The footer's word for it, when the description is too long for one line of keys. */
	short?: string;
	/** The footer's keys, when one hint stands for a pair of bindings (`←/→ metric`). */
	footerKeys?: string;
	match: (input: string, key: Key) => boolean;
};

const plain = (key: Key) => !key.ctrl && !key.meta;

export const bindings: readonly Binding[] = [
	{
		action: 'up',
		keys: '↑/k',
		description: 'move up',
		contexts: ['table'],
		footer: false,
		match: (input, key) => key.upArrow || (input === 'k' && plain(key)),
	},
	{
		action: 'down',
		keys: '↓/j',
		description: 'move down',
		contexts: ['table'],
		footer: false,
		match: (input, key) => key.downArrow || (input === 'j' && plain(key)),
	},
	{
		action: 'page-up',
		keys: 'PgUp',
		description: 'page up',
		contexts: ['table'],
		footer: false,
		match: (_input, key) => key.pageUp,
	},
	{
		action: 'page-down',
		keys: 'PgDn',
		description: 'page down',
		contexts: ['table'],
		footer: false,
		match: (_input, key) => key.pageDown,
	},
	{
		action: 'first',
		keys: 'Home/g',
		description: 'first row',
		contexts: ['table'],
		footer: false,
		match: (input, key) => key.home || (input === 'g' && plain(key)),
	},
	{
		action: 'last',
		keys: 'End/G',
		description: 'last row',
		contexts: ['table'],
		footer: false,
		match: (input, key) => key.end || (input === 'G' && plain(key)),
	},
	{
		action: 'drill',
		short: 'drill in',
		keys: 'Enter',
		description: 'drill in',
		contexts: ['table'],
		footer: true,
		match: (_input, key) => key.return,
	},
	// The heat map's metric, with ←/→ (the map itself opens by the key its level declares).
	{
		action: 'heat-previous',
		keys: '←',
		description: 'previous heat map metric',
		contexts: ['heatmap'],
		footer: false,
		match: (_input, key) => key.leftArrow,
	},
	{
		action: 'heat-next',
		short: 'metric',
		keys: '→',
		footerKeys: '←/→',
		description: 'next heat map metric',
		contexts: ['heatmap'],
		footer: true,
		match: (_input, key) => key.rightArrow,
	},
	{
		action: 'cancel',
		short: 'cancel',
		keys: 'Esc',
		description: 'cancel the request',
		contexts: ['loading'],
		footer: true,
		match: (_input, key) => key.escape,
	},
	{
		action: 'back',
		short: 'back',
		keys: 'Esc/Bksp',
		description: 'back one level',
		contexts: ['table', 'error', 'heatmap'],
		footer: true,
		match: (_input, key) => key.escape || key.backspace || key.delete,
	},
	{
		action: 'filter',
		short: 'filter',
		keys: '/',
		description: 'filter queues by name or division',
		contexts: ['table'],
		footer: true,
		match: input => input === '/',
	},
	{
		action: 'sort',
		short: 'sort',
		keys: 's',
		description: 'sort by the next column',
		contexts: ['table'],
		footer: true,
		match: (input, key) => input === 's' && plain(key),
	},
	{
		action: 'sort-reverse',
		keys: 'S',
		description: 'reverse the sort',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'S' && plain(key),
	},
	{
		action: 'granularity',
		keys: 'i',
		description: 'interval size (interval level)',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'i' && plain(key),
	},
	{
		action: 'refresh',
		short: 'refresh',
		keys: 'r',
		description: 'refresh this level',
		contexts: ['table', 'error', 'heatmap'],
		footer: true,
		match: (input, key) => input === 'r' && plain(key),
	},
	{
		action: 'dates',
		short: 'dates',
		keys: 'd',
		description: 'change dates',
		contexts: ['table', 'error', 'heatmap'],
		footer: true,
		match: (input, key) => input === 'd' && plain(key),
	},
	{
		action: 'profile',
		keys: 'p',
		description: 'switch profile',
		contexts: ['table', 'error', 'heatmap'],
		footer: false,
		match: (input, key) => input === 'p' && plain(key),
	},
	{
		action: 'export',
		short: 'export',
		keys: 'e',
		description: 'export this view (csv/json)',
		contexts: ['table', 'heatmap'],
		footer: true,
		match: (input, key) => input === 'e' && plain(key),
	},
	{
		action: 'columns',
		short: 'columns',
		keys: 'v',
		description: 'choose, order and reset columns',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'v' && plain(key),
	},
	// The keys levels declare (a agents, w wrap-ups, h heat map), after the keys every level has, so a narrow footer
	// drops them first.
	...levelKeys.map((level): Binding => ({
		action: `open:${level.action}`,
		short: level.short,
		keys: level.key,
		description: level.description,
		contexts: ['table'],
		footer: level.footer,
		match: (input, key) => input === level.key && plain(key),
	})),
	{
		action: 'quick-filter',
		short: 'outcome',
		keys: 'o',
		description:
			'the level’s quick filter: conversations by outcome (all, abandoned, answered, over SL time, flow-out)',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'o' && plain(key),
	},
	{
		action: 'everyone',
		short: 'everyone now',
		keys: 'N',
		description: 'people now of every queue’s agents, from any level',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'N' && plain(key),
	},
	{
		action: 'rows-by',
		short: 'rows',
		keys: 't',
		description: 'first level: queues, requested skills or languages',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 't' && plain(key),
	},
	{
		action: 'idle-rows',
		short: 'idle queues',
		keys: 'z',
		description: 'show or hide the queues without traffic',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'z' && plain(key),
	},
	{
		action: 'compare',
		short: 'compare',
		keys: 'c',
		description: 'compare: previous period, a week earlier, 52 weeks earlier, off',
		contexts: ['table'],
		footer: true,
		match: (input, key) => input === 'c' && plain(key),
	},
	{
		action: 'copy-row',
		short: 'copy row',
		keys: 'y',
		description: 'copy the selected row (TSV)',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'y' && plain(key),
	},
	{
		action: 'copy-view',
		short: 'copy view',
		keys: 'Y',
		description: 'copy this view (TSV)',
		contexts: ['table'],
		footer: false,
		match: (input, key) => input === 'Y' && plain(key),
	},
	{
		action: 'live',
		short: 'pause',
		keys: 'l',
		description: 'pause or resume live updates (ranges with today; people now on any range)',
		contexts: ['table', 'error'],
		footer: true,
		match: (input, key) => input === 'l' && plain(key),
	},
	{
		action: 'help',
		short: 'keys',
		keys: '?',
		description: 'all keys',
		contexts: ['table', 'error', 'heatmap'],
		footer: true,
		match: input => input === '?',
	},
	{
		action: 'quit',
		short: 'quit',
		keys: 'q',
		description: 'quit',
		contexts: ['table', 'error', 'loading', 'heatmap'],
		footer: true,
		match: (input, key) => input === 'q' && plain(key),
	},
	// The column picker (v).
	{
		action: 'column-up',
		keys: '↑/k',
		description: 'previous column',
		contexts: ['columns'],
		footer: false,
		match: (input, key) => key.upArrow || (input === 'k' && plain(key)),
	},
	{
		action: 'column-down',
		keys: '↓/j',
		description: 'next column',
		contexts: ['columns'],
		footer: false,
		match: (input, key) => key.downArrow || (input === 'j' && plain(key)),
	},
	{
		action: 'column-first',
		keys: 'Home/g',
		description: 'first column',
		contexts: ['columns'],
		footer: false,
		match: (input, key) => key.home || (input === 'g' && plain(key)),
	},
	{
		action: 'column-last',
		keys: 'End/G',
		description: 'last column',
		contexts: ['columns'],
		footer: false,
		match: (input, key) => key.end || (input === 'G' && plain(key)),
	},
	{
		action: 'column-toggle',
		short: 'show/hide',
		keys: 'Space',
		description: 'show or hide the column',
		contexts: ['columns'],
		footer: true,
		match: input => input === ' ',
	},
	{
		action: 'column-earlier',
		short: 'move up',
		keys: '[',
		description: 'move the column up (further left in the table)',
		contexts: ['columns'],
		footer: true,
		match: input => input === '[',
	},
	{
		action: 'column-later',
		short: 'down',
		keys: ']',
		description: 'move the column down (further right in the table)',
		contexts: ['columns'],
		footer: true,
		match: input => input === ']',
	},
	{
		action: 'columns-reset',
		short: 'reset',
		keys: 'r',
		description: 'back to the default columns and sort',
		contexts: ['columns'],
		footer: true,
		match: (input, key) => input === 'r' && plain(key),
	},
	{
		action: 'close',
		short: 'done',
		keys: 'Enter/Esc',
		description: 'close the picker',
		contexts: ['columns'],
		footer: true,
		match: (input, key) => key.return || key.escape || input === 'v',
	},
	// Other screens: their lists move with ↑↓ (ink-select-input); these keys are read by the screens.
	{
		action: 'use',
		short: 'use',
		keys: 'Enter',
		description: 'use the profile',
		contexts: ['picker'],
		footer: true,
		match: (_input, key) => key.return,
	},
	{
		action: 'new',
		short: 'new',
		keys: 'n',
		description: 'new profile',
		contexts: ['picker'],
		footer: true,
		match: (input, key) => input === 'n' && plain(key),
	},
	{
		action: 'edit',
		short: 'edit',
		keys: 'e',
		description: 'edit the profile',
		contexts: ['picker'],
		footer: true,
		match: (input, key) => input === 'e' && plain(key),
	},
	{
		action: 'delete',
		short: 'delete',
		keys: 'x',
		description: 'delete the profile (asks first)',
		contexts: ['picker'],
		footer: true,
		match: (input, key) => (input === 'x' && plain(key)) || key.delete,
	},
	{
		action: 'quit',
		short: 'quit',
		keys: 'q',
		description: 'quit',
		contexts: ['picker'],
		footer: true,
		match: (input, key) => input === 'q' && plain(key),
	},
	{
		action: 'previous',
		short: 'back',
		keys: 'Esc',
		description: 'back to the table (at the start: quit)',
		contexts: ['picker'],
		footer: true,
		match: (_input, key) => key.escape,
	},
	{
		action: 'next',
		short: 'continue',
		keys: 'Enter',
		description: 'continue',
		contexts: ['wizard'],
		footer: true,
		match: (_input, key) => key.return,
	},
	{
		action: 'next',
		short: 'pick',
		keys: 'Enter',
		description: 'pick',
		contexts: ['dates'],
		footer: true,
		match: (_input, key) => key.return,
	},
	{
		action: 'next',
		short: 'confirm',
		keys: 'Enter',
		description: 'confirm',
		contexts: ['export'],
		footer: true,
		match: (_input, key) => key.return,
	},
	{
		action: 'previous',
		short: 'go back',
		keys: 'Esc',
		description: 'go back',
		contexts: ['wizard', 'dates'],
		footer: true,
		match: (_input, key) => key.escape,
	},
	{
		action: 'previous',
		short: 'cancel',
		keys: 'Esc',
		description: 'cancel',
		contexts: ['export'],
		footer: true,
		match: (_input, key) => key.escape,
	},
];

/** The explorer's contexts: the help overlay and the README list their keys. */
const explorerContexts: readonly KeyContext[] = ['table', 'loading', 'error', 'heatmap'];

/** One line of a screen's keys ("Enter use · n new · q quit"), for the screens outside the explorer. */
export function hintLine(context: KeyContext): string {
	return footerFor(context)
		.map(binding => `${binding.keys} ${binding.description}`)
		.join(' · ');
}

export function actionFor(context: KeyContext, input: string, key: Key): KeyAction | undefined {
	return bindings.find(binding => binding.contexts.includes(context) && binding.match(input, key))?.action;
}

/** A key as the footer offers it. */
export type Hint = {action: KeyAction; keys: string; description: string};

/**
 * The footer's keys for `context`, in keymap order: those that act here (`acts`), with the word of the moment
 * where one is given (`l resume` while paused).
 */
export function footerFor(
	context: KeyContext,
	options: {acts?: (action: KeyAction) => boolean; words?: Partial<Record<KeyAction, string>>} = {},
): Hint[] {
	return bindings
		.filter(binding => binding.footer && binding.contexts.includes(context))
		.filter(binding => options.acts?.(binding.action) ?? true)
		.map(binding => ({
			action: binding.action,
			keys: binding.footerKeys ?? binding.keys,
			description: options.words?.[binding.action] ?? binding.short ?? binding.description,
		}));
}

/** Rows of the help overlay and of the README's keys table. */
export function helpRows(
	contexts: readonly KeyContext[] = explorerContexts,
): Array<Pick<Binding, 'keys' | 'description'>> {
	const seen = new Set<string>();
	const rows: Array<Pick<Binding, 'keys' | 'description'>> = [];
	for (const binding of bindings) {
		if (!binding.contexts.some(context => contexts.includes(context))) continue;
		if (seen.has(binding.action)) continue;
		seen.add(binding.action);
		rows.push({keys: binding.keys, description: binding.description});
	}
	if (contexts === explorerContexts) rows.push({keys: 'Ctrl+C', description: 'quit at once, from anywhere'});
	return rows;
}

/** The README's keys table, generated from the bindings (a test keeps the README in sync). */
export function keysMarkdown(): string {
	const table = (rows: ReturnType<typeof helpRows>) => [
		'| key | what it does |',
		'| --- | --- |',
		...rows.map(row => `| \`${row.keys}\` | ${row.description} |`),
	];
	return [...table(helpRows()), '', 'In the column picker (`v`):', '', ...table(helpRows(['columns']))].join('\n');
}
