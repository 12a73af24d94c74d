import { normaliseEmail } from '../../../shared/phone/phone';
import type { PhoneUpForm } from './store';

export type PhoneUpProblem = 'required' | 'email' | 'year';

/**
 * What the EL-1 form lacks before it is sent, by field, in the console's words: the
 * browser's own checks spoke the browser's language (« Please fill out this field. ») and
 * marked nothing. The services check again.
 */
export function phoneUpProblems(form: PhoneUpForm): Partial<Record<keyof PhoneUpForm, PhoneUpProblem>> {
  const problems: Partial<Record<keyof PhoneUpForm, PhoneUpProblem>> = {};
  if (form.firstName.trim() === '') problems.firstName = 'required';
  if (form.lastName.trim() === '') problems.lastName = 'required';
  // The console's one reading of an address (the search's and EL-2's).
  if (form.email.trim() !== '' && normaliseEmail(form.email) === null) problems.email = 'email';
  const year = form.year.trim();
  if (year !== '' && !(/^\d{4}$/.test(year) && Number(year) >= 1950 && Number(year) <= 2100)) problems.year = 'year';
  return problems;
}
