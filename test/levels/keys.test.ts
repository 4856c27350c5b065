// Levels declare the keys that open them; the keymap, footer, help and README take them from the registry.
import {describe, expect, it} from 'vitest';
import {levelKeys, levels, opensOnTotal} from '../../source/levels/registry.js';
import {actionFor, bindings, footerFor, helpRows} from '../../source/ui/keymap.js';

const plainKey = {ctrl: false, meta: false} as never;

describe('level keys', () => {
	it('every action a level opens by is Enter or a key a level declares, and every level it opens exists', () => {
		const actions = new Set(['drill', ...levelKeys.map(key => key.action)]);
		for (const level of Object.values(levels))
			for (const [action, target] of Object.entries(level.opens)) {
				expect(actions.has(action), `${level.id} opens by ${action}`).toBe(true);
				expect(levels[target as keyof typeof levels], `${level.id} opens ${target}`).toBeDefined();
			}
	});

	it('each declared key is a binding of the table: its key acts, the help lists it, the footer when it says so', () => {
		expect(levelKeys.map(key => key.key)).toEqual(['a', 'w', 'h', 'x', 'n', 'f', 'u', 'b']);
		const help = helpRows();
		for (const key of levelKeys) {
			expect(actionFor('table', key.key, plainKey)).toBe(`open:${key.action}`);
			expect(help).toContainEqual({keys: key.key, description: key.description});
			expect(footerFor('table').some(hint => hint.keys === key.key)).toBe(key.footer);
		}
		// No two table bindings share a key: a level's key never shadows another's.
		const tableKeys = bindings.filter(binding => binding.contexts.includes('table')).map(binding => binding.keys);
		expect(new Set(tableKeys).size).toBe(tableKeys.length);
	});

	it('the totals row opens only what its key says (the heat map), never a drill', () => {
		expect(opensOnTotal('heatmap')).toBe(true);
		expect(opensOnTotal('agents')).toBe(false);
		expect(opensOnTotal('drill')).toBe(false);
	});
});
