// Customer addresses are masked by default: a number keeps its country code and last four digits, an e-mail its first
// letter and domain, and the mask never tells the length.
import {describe, expect, it} from 'vitest';
import {maskAddress, showAddress} from '../../source/text/mask.js';

describe('address masking', () => {
	it('keeps the country code and last four digits of a number, whatever its length', () => {
		expect(maskAddress('tel:+441234561234')).toBe('+44•••••1234');
		expect(maskAddress('tel:+4915550101')).toBe('+49•••••0101');
		// Shorter numbers (local, extensions) show their last two digits only.
		expect(maskAddress('tel:+15550101')).toBe('•••••01');
		expect(maskAddress('5550101')).toBe('•••••01');
		expect(maskAddress('+1 (555) 010-9999')).toBe('+15•••••9999');
		expect(maskAddress('sip:+4930123456@edge.example')).toBe('+•••@edge.example');
	});

	it('keeps the first letter and the domain of an e-mail', () => {
		expect(maskAddress('jane.doe@example.com')).toBe('j•••@example.com');
		expect(maskAddress('mailto:Ölaf@example.de')).toBe('Ö•••@example.de');
	});

	it('hides short numbers and names whole but for a first letter, and has nothing for nothing', () => {
		expect(maskAddress('1234')).toBe('•••••');
		expect(maskAddress('Web visitor')).toBe('W•••••');
		expect(maskAddress('')).toBeNull();
		expect(maskAddress(undefined)).toBeNull();
	});

	it('shows the address as it is only when revealed', () => {
		expect(showAddress('tel:+441234561234', true)).toBe('+441234561234');
		expect(showAddress('tel:+441234561234', false)).toBe('+44•••••1234');
		expect(showAddress(null, true)).toBeNull();
	});
});
