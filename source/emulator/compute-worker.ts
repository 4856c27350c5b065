// A worker thread of the emulator: answers aggregate queries for the same organization and traffic
// (built from the same seed), so several queries are computed at once and a long one never holds up
// the rest of the server, as with Genesys itself. It hands back the answer as JSON text.
import {parentPort, workerData} from 'node:worker_threads';
import {runAggregateQuery, validateAggregateQuery} from './aggregates.js';
import {generateOrg} from './org.js';
import {createTrafficModel} from './traffic.js';

export type ComputeSetup = {
	seed: number;
	queues: number;
	idleQueues: number;
	agents?: number;
	offsetMinutes: number;
	dataStartMs: number;
};
export type ComputeTask = {id: number; query: unknown; nowMs: number};
export type ComputeAnswer = {id: number; json?: string; empty?: boolean; error?: string};

const setup = workerData as ComputeSetup;
const org = generateOrg(setup.seed, setup.queues, setup.idleQueues, setup.agents);
let now = 0;
const model = createTrafficModel(setup.seed, {
	offsetMinutes: setup.offsetMinutes,
	dataStartMs: setup.dataStartMs,
	nowMs: () => now,
});

parentPort?.on('message', (task: ComputeTask) => {
	let answer: ComputeAnswer;
	try {
		now = task.nowMs;
		const query = validateAggregateQuery(task.query);
		if ('status' in query) throw new Error('the query was checked before it was sent here');
		const results = runAggregateQuery(org, model, query);
		answer = results.length === 0 ? {id: task.id, empty: true} : {id: task.id, json: JSON.stringify({results})};
	} catch (error) {
		answer = {id: task.id, error: (error as Error).message};
	}
	parentPort?.postMessage(answer);
});
