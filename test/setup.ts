// Every frame any test renders with Ink goes through gqx's compositor and, to check it, through
// Ink's own code too: a frame that would look different fails the test that drew it.
import {installFastOutput} from '../source/ui/fast-output.js';

if (!(await installFastOutput({verify: true})))
	throw new Error('the frame compositor did not install: is Ink still 6.8?');
