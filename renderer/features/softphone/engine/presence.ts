/**
 * Presence: our own state published as PIDF (PUBLISH, RFC 3903 / RFC 3863) and colleagues
 * watched through two subscriptions each (RFC 6665): `presence` (RFC 3856) for the state
 * they chose and `dialog` (RFC 4235) for "on a call", which the server publishes itself.
 *
 * Server restarts: a subscription can look alive to SIP.js while the server forgot it, so
 * after every re-registration each one is refreshed; a refresh answered 481 terminates the
 * Subscriber and a new one is made (test-stack.md). Expiries stay short (a dead tab's state
 * must not linger) and everything is unsubscribed/unpublished before `ua.stop()`, which
 * otherwise hangs with live Subscribers.
 */
import { Publisher, PublisherState, Subscriber, SubscriptionState, UserAgent } from 'sip.js';
import type { Notification } from 'sip.js';
import { buildPidf, parseDialogInfo, parsePidf } from './presence-docs';
import { uriNumber } from './caller-id';
import type { ColleagueState, ColleagueStatus, EngineLogger, EngineTimers, OwnPresence } from './types';

type PresenceEvent = 'presence' | 'dialog';

interface Watch {
  uri: string;
  state: ColleagueState;
  subs: Partial<Record<PresenceEvent, { subscriber: Subscriber; notified: boolean }>>;
  retryTimer?: unknown;
  failures: number;
}

export interface PresenceDeps {
  ua: () => UserAgent | undefined;
  aor: string;
  expires: number;
  timers: EngineTimers;
  logger: EngineLogger;
  isRegistered: () => boolean;
  onColleague: (state: ColleagueState) => void;
  onOwn: (state: OwnPresence, published: boolean) => void;
  onUnavailable: (method: 'PUBLISH' | 'SUBSCRIBE', reason: string) => void;
}

function statusOf(s: ColleagueState): ColleagueStatus {
  if (s.dialog === 'on_call') return 'on_call';
  if (s.presence === 'offline') return 'offline';
  if (s.dialog === 'ringing') return 'ringing';
  if (s.presence === 'unknown') return s.dialog === 'idle' ? 'available' : 'unknown';
  return s.presence;
}

export class PresenceManager {
  private own: OwnPresence = 'available';
  private publisher: Publisher | undefined;
  private publishedOnce = false;
  private readonly watches = new Map<string, Watch>();
  private unavailableSaid = { PUBLISH: false, SUBSCRIBE: false };

  constructor(private readonly deps: PresenceDeps) {}

  get ownState(): OwnPresence {
    return this.own;
  }

  colleagues(): ColleagueState[] {
    return [...this.watches.values()].map((w) => ({ ...w.state }));
  }

  /** Publishes our state now if registered (else on the next registration). */
  async setOwn(state: OwnPresence): Promise<void> {
    this.own = state;
    this.deps.onOwn(state, false);
    if (this.deps.isRegistered()) await this.publish();
  }

  private async publish(): Promise<void> {
    const ua = this.deps.ua();
    if (!ua) return;
    if (!this.publisher || this.publisher.state === PublisherState.Terminated) {
      const target = UserAgent.makeURI(this.deps.aor);
      if (!target) return;
      const publisher = new Publisher(ua, target, 'presence', {
        contentType: 'application/pidf+xml',
        expires: this.deps.expires,
      });
      this.publishedOnce = false;
      publisher.stateChange.addListener((s) => {
        if (s === PublisherState.Published) {
          this.publishedOnce = true;
          this.deps.onOwn(this.own, true);
        } else if (s === PublisherState.Terminated && this.publisher === publisher) {
          this.publisher = undefined;
          // Terminated without ever being accepted: the server refused the PUBLISH.
          if (!this.publishedOnce && this.deps.isRegistered())
            this.unavailable('PUBLISH', 'The server refused to publish our presence (PUBLISH rejected).');
        }
      });
      this.publisher = publisher;
    }
    await this.publisher.publish(buildPidf(this.deps.aor, this.own));
  }

  private unavailable(method: 'PUBLISH' | 'SUBSCRIBE', reason: string): void {
    if (this.unavailableSaid[method]) return;
    this.unavailableSaid[method] = true;
    this.deps.onUnavailable(method, reason);
  }

  /** Watches exactly these colleagues (others are unsubscribed). */
  watch(uris: readonly string[]): void {
    const wanted = new Set(uris.map((u) => u.trim()).filter((u) => /^sips?:/i.test(u)));
    for (const [uri, w] of this.watches) {
      if (!wanted.has(uri)) {
        this.drop(w);
        this.watches.delete(uri);
      }
    }
    for (const uri of wanted) {
      if (this.watches.has(uri)) continue;
      const w: Watch = {
        uri,
        state: {
          uri,
          number: uriNumber(uri),
          status: 'unknown',
          presence: 'unknown',
          dialog: 'unknown',
          updatedAt: this.deps.timers.now(),
        },
        subs: {},
        failures: 0,
      };
      this.watches.set(uri, w);
      if (this.deps.isRegistered()) this.subscribeAll(w);
    }
  }

  private drop(w: Watch): void {
    if (w.retryTimer !== undefined) this.deps.timers.clearTimeout(w.retryTimer);
    w.retryTimer = undefined;
    for (const kind of ['presence', 'dialog'] as const) {
      const sub = w.subs[kind];
      delete w.subs[kind];
      if (sub && sub.subscriber.state !== SubscriptionState.Terminated)
        void sub.subscriber.unsubscribe().catch(() => undefined);
    }
  }

  private subscribeAll(w: Watch): void {
    for (const kind of ['presence', 'dialog'] as const) this.subscribe(w, kind);
  }

  private subscribe(w: Watch, kind: PresenceEvent): void {
    const ua = this.deps.ua();
    const target = UserAgent.makeURI(w.uri);
    if (!ua || !target) return;
    const existing = w.subs[kind];
    if (existing && existing.subscriber.state !== SubscriptionState.Terminated) return;
    const accept = kind === 'presence' ? 'application/pidf+xml' : 'application/dialog-info+xml';
    const subscriber = new Subscriber(ua, target, kind, {
      expires: this.deps.expires,
      extraHeaders: [`Accept: ${accept}`],
    });
    const entry = { subscriber, notified: false };
    w.subs[kind] = entry;
    subscriber.delegate = {
      onNotify: (notification: Notification) => {
        notification.accept().catch(() => undefined);
        entry.notified = true;
        w.failures = 0;
        const body = notification.request.body ?? '';
        if (kind === 'presence') {
          const p = parsePidf(body);
          w.state.presence = p.presence;
          if (p.note !== undefined) w.state.note = p.note;
        } else {
          w.state.dialog = parseDialogInfo(body);
        }
        this.emit(w);
      },
    };
    subscriber.stateChange.addListener((s) => {
      if (s !== SubscriptionState.Terminated || w.subs[kind] !== entry || this.watches.get(w.uri) !== w) return;
      delete w.subs[kind];
      if (!entry.notified) {
        // Refused before any NOTIFY: a server without presence (or this event package).
        w.failures += 1;
        if (w.failures >= 2)
          this.unavailable('SUBSCRIBE', `The server refused to subscribe to ${kind} (SUBSCRIBE rejected).`);
      }
      // Terminated by the server (481 after a restart, expiry, deactivation): make a new one.
      if (this.deps.isRegistered()) this.retryLater(w);
    });
    subscriber.subscribe().catch((e: unknown) => this.deps.logger.warn(`SUBSCRIBE ${kind} ${w.uri} failed`, e));
  }

  private retryLater(w: Watch): void {
    const delay = Math.min(60_000, 1000 * 2 ** Math.min(6, w.failures));
    if (w.retryTimer !== undefined) return;
    w.retryTimer = this.deps.timers.setTimeout(() => {
      w.retryTimer = undefined;
      if (this.watches.get(w.uri) !== w || !this.deps.isRegistered()) return;
      this.subscribeAll(w);
    }, delay);
  }

  private emit(w: Watch): void {
    w.state.status = statusOf(w.state);
    w.state.updatedAt = this.deps.timers.now();
    this.deps.onColleague({ ...w.state });
  }

  /**
   * After every successful (re-)registration: publish again and refresh every subscription;
   * a Subscriber the server forgot answers 481 and is replaced (see `stateChange` above).
   */
  onRegistered(): void {
    void this.publish().catch((e: unknown) => this.deps.logger.warn('PUBLISH failed', e));
    for (const w of this.watches.values()) {
      for (const kind of ['presence', 'dialog'] as const) {
        const sub = w.subs[kind];
        if (sub && sub.subscriber.state !== SubscriptionState.Terminated) {
          // A refresh (re-SUBSCRIBE in the dialog). On a restarted server: 481 → Terminated → new one.
          sub.subscriber.subscribe().catch(() => undefined);
        } else {
          this.subscribe(w, kind);
        }
      }
    }
  }

  /** The transport is gone: subscriptions cannot be refreshed until re-registration. */
  onConnectionLost(): void {
    for (const w of this.watches.values()) {
      if (w.retryTimer !== undefined) this.deps.timers.clearTimeout(w.retryTimer);
      w.retryTimer = undefined;
    }
  }

  /** Unpublish and unsubscribe everything (before `ua.stop()`). */
  async shutdown(): Promise<void> {
    for (const w of this.watches.values()) this.drop(w);
    const pub = this.publisher;
    this.publisher = undefined;
    if (pub && pub.state === PublisherState.Published) await pub.unpublish().catch(() => undefined);
    if (pub) await pub.dispose().catch(() => undefined);
  }
}
