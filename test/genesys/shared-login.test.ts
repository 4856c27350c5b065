// The client's one login shared by parallel requests: cancelling the request that started it fails only that one.
import {afterAll, beforeAll, expect, it} from 'vitest';
import {CancelledError} from '../../source/errors.js';
import type {Emulator} from '../../source/emulator/server.js';
import {queueListingSchema} from '../../source/genesys/schemas.js';
import {clientFor, emulator} from '../helpers.js';
import {until} from '../wait.js';

let emu: Emulator;
beforeAll(async () => {
	// Every answer is slow, so the login is still running when the first request is cancelled.
	emu = await emulator({queues: 10, latencyMs: 400, recordRequests: true});
});
afterAll(async () => emu.stop());

const list = (client: ReturnType<typeof clientFor>, signal?: AbortSignal) =>
	client.get('/api/v2/routing/queues', new URLSearchParams({pageSize: '5'}), queueListingSchema, signal);

async function loginSent(): Promise<void> {
	await until(
		() => emu.requests.some(request => request.path === '/oauth/token'),
		sent => sent,
		'the login at the emulator',
		{everyMs: 5},
	);
}

it('keeps the login going for the others when the request that started it is cancelled', async () => {
	const client = clientFor(emu);
	const first = new AbortController();
	const cancelled = list(client, first.signal);
	const other = list(client);
	await loginSent();
	first.abort();
	await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
	const answer = await other;
	expect(answer.entities?.length).toBe(5);
	expect(client.stats.logins).toBe(1);
});

it('stops the login when every request waiting on it is cancelled, and logs in afresh for the next', async () => {
	const client = clientFor(emu);
	const controllers = [new AbortController(), new AbortController()];
	const requests = controllers.map(controller => list(client, controller.signal));
	emu.requests.length = 0;
	await loginSent();
	for (const controller of controllers) controller.abort();
	for (const request of requests) await expect(request).rejects.toBeInstanceOf(CancelledError);
	const answer = await list(client);
	expect(answer.entities?.length).toBe(5);
});
