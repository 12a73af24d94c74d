import type { i18n as I18n } from 'i18next';
import type { ContractError } from '../../shared/ipc/result';
import { ContractCallError, type PosteClient } from './client';

/** A refusal in the agent's language when it comes with a key the console knows, else as the services wrote it. */
export function wordError(i18n: I18n, error: ContractError): ContractError {
  // With its values: a counted refusal exists only in its plural forms.
  const values = { ...error.text?.params };
  if (!error.text || !i18n.exists(error.text.key, values)) return error;
  return { ...error, message: sentence(i18n.t(error.text.key, values)) };
}

/**
 * A refusal stands as a sentence of its own in the console: it starts with a capital (the
 * catalogues start in lower case, the way an API's English messages read).
 */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * The client every panel uses: the services' refusals come back worded in the agent's
 * language (at the moment they come back), so that a panel shows `result.error.message`
 * as it always has.
 */
export function withWordedErrors(client: PosteClient, i18n: I18n): PosteClient {
  return {
    host: client.host,
    on: (event, listener) => client.on(event, listener),
    async tryCall(channel, input) {
      const result = await client.tryCall(channel, input);
      return result.ok ? result : { ok: false, error: wordError(i18n, result.error) };
    },
    async call(channel, input) {
      const result = await client.tryCall(channel, input);
      if (!result.ok) throw new ContractCallError(wordError(i18n, result.error));
      return result.value;
    },
  };
}
