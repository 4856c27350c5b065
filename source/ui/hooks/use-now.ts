// The time, renewed every `intervalMs` while `enabled`: for "updated 4 s ago".
import {useEffect, useState} from 'react';

export function useNow(intervalMs: number, enabled: boolean): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!enabled) return;
		setNow(Date.now());
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs, enabled]);
	return now;
}
