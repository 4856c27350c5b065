// The one keymap: it decides what a key does, and the footer and the help overlay are drawn from it.
import type {Key} from 'ink';

export type KeyContext = 'table' | 'loading' | 'error';

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
	| 'help'
	| 'cancel'
	| 'quit';

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
		contexts: ['table', 'error'],
		footer: true,
		match: (_input, key) => key.escape || key.backspace || key.delete,
	},
	{
		action: 'filter',
		short: 'filter',
		keys: '/',
		description: 'filter queues by name',
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
		keys: 'r',
		description: 'refresh this level',
		contexts: ['table', 'error'],
		footer: false,
		match: (input, key) => input === 'r' && plain(key),
	},
	{
		action: 'dates',
		short: 'dates',
		keys: 'd',
		description: 'change dates',
		contexts: ['table', 'error'],
		footer: true,
		match: (input, key) => input === 'd' && plain(key),
	},
	{
		action: 'profile',
		keys: 'p',
		description: 'switch profile',
		contexts: ['table', 'error'],
		footer: false,
		match: (input, key) => input === 'p' && plain(key),
	},
	{
		action: 'export',
		short: 'export',
		keys: 'e',
		description: 'export this view (csv/json)',
		contexts: ['table'],
		footer: true,
		match: (input, key) => input === 'e' && plain(key),
	},
	{
		action: 'help',
		short: 'keys',
		keys: '?',
		description: 'all keys',
		contexts: ['table', 'error'],
		footer: true,
		match: input => input === '?',
	},
	{
		action: 'quit',
		short: 'quit',
		keys: 'q',
		description: 'quit',
		contexts: ['table', 'error', 'loading'],
		footer: true,
		match: (input, key) => input === 'q' && plain(key),
	},
];

export function actionFor(context: KeyContext, input: string, key: Key): KeyAction | undefined {
	return bindings.find(binding => binding.contexts.includes(context) && binding.match(input, key))?.action;
}

export function footerFor(context: KeyContext): Array<{keys: string; description: string}> {
	return bindings
		.filter(binding => binding.footer && binding.contexts.includes(context))
		.map(binding => ({keys: binding.keys, description: binding.short ?? binding.description}));
}

/** Rows of the help overlay and of the README's keys table. */
export function helpRows(): Array<Pick<Binding, 'keys' | 'description'>> {
	const seen = new Set<string>();
	const rows: Array<Pick<Binding, 'keys' | 'description'>> = [];
	for (const binding of bindings) {
		if (seen.has(binding.action)) continue;
		seen.add(binding.action);
		rows.push({keys: binding.keys, description: binding.description});
	}
	rows.push({keys: 'Ctrl+C', description: 'quit at once, from anywhere'});
	return rows;
}

/** The README's keys table, generated from the bindings (a test keeps the README in sync). */
export function keysMarkdown(): string {
	return [
		'| key | what it does |',
		'| --- | --- |',
		...helpRows().map(row => `| \`${row.keys}\` | ${row.description} |`),
	].join('\n');
}
