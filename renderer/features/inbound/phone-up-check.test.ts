import { describe, expect, it } from 'vitest';
import { phoneUpProblems } from './phone-up-check';

const form = {
  firstName: 'Gabriel',
  lastName: 'Bouchard',
  language: 'fr' as const,
  email: '',
  message: '',
  year: '',
  make: '',
  model: '',
  stock: '',
};

describe('the EL-1 form, checked before it is sent', () => {
  it('asks for the names, and checks an e-mail and a year only when given', () => {
    expect(phoneUpProblems(form)).toEqual({});
    expect(phoneUpProblems({ ...form, firstName: '  ', lastName: '' })).toEqual({
      firstName: 'required',
      lastName: 'required',
    });
    expect(phoneUpProblems({ ...form, email: 'gabriel@' })).toEqual({ email: 'email' });
    expect(phoneUpProblems({ ...form, email: 'gabriel@exemple.ca', year: '2024' })).toEqual({});
    expect(phoneUpProblems({ ...form, year: '24' })).toEqual({ year: 'year' });
    expect(phoneUpProblems({ ...form, year: '3024' })).toEqual({ year: 'year' });
  });
});
