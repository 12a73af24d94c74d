import { useEffect } from 'react';
import type { EventOf } from '../../shared/ipc/contract';
import { useActionsStore } from '../features/actions/store';
import { useRecordStore } from '../features/record/store';
import { useDialDraft } from '../features/softphone/dial-draft';
import { softphoneStore } from '../features/softphone/store';
import type { PosteClient } from './client';

type Registration = 'unregistered' | 'registering' | 'registered' | 'failed';
type Presence = 'available' | 'on_call' | 'break' | 'offline';

export interface DeskHandlers {
  openSettings(): void;
  nextLead(): void;
  microphone(status: string): void;
}

/** The engine's registration states, as the menu-bar status names them. */
function registrationOf(state: string): Registration {
  if (state === 'registered') return 'registered';
  if (state === 'connecting' || state === 'registering') return 'registering';
  if (state === 'retrying') return 'failed';
  return 'unregistered';
}

/**
 * The desktop around the console: links that opened Poste (tel:, sip:, poste://), menu
 * commands and shortcuts, the microphone permission, and the menu-bar status and dock
 * badge kept in step with the softphone. In the web host the same events simply never come.
 */
export function useDesk(client: PosteClient, handlers: DeskHandlers): void {
  useEffect(() => {
    const openLink = (link: EventOf<'desk:openLink'>) => {
      if (link.kind === 'dial') useDialDraft.getState().set(link.value);
      else void useRecordStore.getState().open(client, link.value);
    };
    const offLink = client.on('desk:openLink', openLink);
    void client.tryCall('desk:takeLinks', {}).then((result) => {
      if (result.ok) result.value.forEach(openLink);
    });
    const offCommand = client.on('desk:command', ({ command }) => {
      const phone = softphoneStore.getState();
      if (command === 'search') document.getElementById('search-input')?.focus();
      else if (command === 'openSettings') handlers.openSettings();
      else if (command === 'nextLead') handlers.nextLead();
      else if (command === 'answer' && phone.ringing[0]) void phone.actions.answer(phone.ringing[0].id);
      else if (command === 'hangUp') {
        const active = phone.calls.find((c) => c.state !== 'ringing') ?? phone.calls[0];
        if (active) void phone.actions.hangup(active.id);
      } else if (command === 'copyDiagnostics') {
        void client.tryCall('diagnostics:get', {}).then(async (r) => {
          if (r.ok) await navigator.clipboard?.writeText(r.value.text);
        });
      }
    });
    const offMic = client.on('desk:microphoneAccess', ({ status }) => handlers.microphone(status));
    void client.tryCall('desk:microphoneAccess', {}).then((r) => {
      if (r.ok) handlers.microphone(r.value.status);
    });

    // Menu-bar status and dock badge follow the softphone and the texts.
    let last = '';
    let seenMissed = new Set<string>();
    const push = () => {
      const phone = softphoneStore.getState();
      const presence: Presence = phone.calls.some((c) => c.state === 'active')
        ? 'on_call'
        : phone.ownPresence === 'lunch'
          ? 'break'
          : phone.ownPresence;
      const missed = phone.recentCalls.filter((c) => c.endCause === 'missed' && !seenMissed.has(c.id)).length;
      const unread = useActionsStore.getState().texts.length;
      const key = `${registrationOf(phone.registration.state)}|${presence}|${missed}|${unread}`;
      if (key === last) return;
      last = key;
      void client.tryCall('desk:setStatus', { registration: registrationOf(phone.registration.state), presence });
      void client.tryCall('desk:setBadge', { missedCalls: missed, unreadTexts: unread });
    };
    const onFocus = () => {
      seenMissed = new Set(softphoneStore.getState().recentCalls.map((c) => c.id));
      push();
    };
    const offPhone = softphoneStore.subscribe(push);
    const offTexts = useActionsStore.subscribe(push);
    window.addEventListener('focus', onFocus);
    push();
    return () => {
      offLink();
      offCommand();
      offMic();
      offPhone();
      offTexts();
      window.removeEventListener('focus', onFocus);
    };
  }, [client, handlers]);
}
