// Loopback hosts: reached directly (no proxy) and over plain HTTP (the emulator); nothing else is.
const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return loopbackHosts.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
