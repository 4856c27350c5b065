// The wizard's region search finds a region by its country, city or common name, and says why a plain-http address
// to another machine is refused.
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, it} from 'vitest';
import {scratchDir} from '../run-cli.js';
import {renderApp} from './app-on-profile.js';
import {keys, press, ready, waitFor} from './ink.js';

afterEach(cleanup);

const selected = (frame: string) => frame.split('\n').find(line => line.startsWith('│ › ')) ?? '';

it.each([
	['japan', 'ap-northeast-1'],
	['australia', 'ap-southeast-2'],
	['india', 'ap-south-1'],
	['uk', 'eu-west-2'],
	['germany', 'eu-central-1'],
	['frankfurt', 'eu-central-1'],
])('finds %s: %s first', async (query, region) => {
	const app = renderApp(scratchDir(), {store: null});
	await ready(app, 'New profile · step 1 of 4');
	await press(app, query);
	const frame = await waitFor(app, text => selected(text).includes(region), `${region} selected for ${query}`);
	expect(selected(frame)).toContain(region);
});

it('says why plain http to another machine is refused', async () => {
	const app = renderApp(scratchDir(), {store: null});
	await ready(app, 'New profile · step 1 of 4');
	await press(app, 'http://gateway.example.com');
	const frame = await waitFor(app, text => text.includes('Refusing plain http'), 'the reason');
	expect(frame.replaceAll(/\s+/g, ' ')).toContain('unencrypted');
	await press(app, keys.escape);
});
