// The board's reconciles after a network blip (one a socket, five at 5,000 agents) run as one whole-board load and at
// most one more behind it, not five at once over the rate limit.
import {expect, it} from 'vitest';
import {oneBehind} from '../../../source/ui/hooks/one-behind.js';

function deferred() {
	let resolve!: () => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<void>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}

it('runs once for calls made while it runs, once more behind them, and again when asked after', async () => {
	const runs: Array<ReturnType<typeof deferred> & {label: string}> = [];
	const reload = oneBehind(async (label: string) => {
		const run = {...deferred(), label};
		runs.push(run);
		return run.promise;
	});
	const settled: string[] = [];
	const calls = ['a', 'b', 'c', 'd', 'e'].map(label => reload(label).then(() => settled.push(label)));
	// Five sockets reconnected at once: one load runs, the other four wait for one more.
	expect(runs.map(run => run.label)).toEqual(['a']);
	runs[0]!.resolve();
	await calls[0];
	await new Promise(resolve => setImmediate(resolve));
	expect(runs.map(run => run.label)).toEqual(['a', 'b']);
	expect(settled).toEqual(['a']);
	runs[1]!.resolve();
	await Promise.all(calls);
	expect(settled).toEqual(['a', 'b', 'c', 'd', 'e']);
	// Asked after both ended: a run of its own.
	const later = reload('f');
	expect(runs.map(run => run.label)).toEqual(['a', 'b', 'f']);
	runs[2]!.resolve();
	await later;
});

it('runs the one behind though the running one failed, and each caller sees its own run fail', async () => {
	const runs: Array<ReturnType<typeof deferred>> = [];
	const reload = oneBehind(async () => {
		const run = deferred();
		runs.push(run);
		return run.promise;
	});
	const first = reload();
	const second = reload();
	runs[0]!.reject(new Error('HTTP 503'));
	await expect(first).rejects.toThrow('HTTP 503');
	await new Promise(resolve => setImmediate(resolve));
	expect(runs).toHaveLength(2);
	runs[1]!.resolve();
	await expect(second).resolves.toBeUndefined();
});
