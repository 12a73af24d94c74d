import { z } from 'zod';
import { isValidTimeZone } from '../time/zoned';
import { SCHEMA_TEXTS } from '../schema-texts';

/** A WebSocket URL for SIP: wss:// anywhere, ws:// only on loopback (architecture.md). */
export const sipServerSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (value) =>
      /^wss:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/i.test(value) ||
      /^ws:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/i.test(value),
    SCHEMA_TEXTS.input_sip_server,
  );

export const iceServerSchema = z.object({
  urls: z.string().regex(/^(stun|stuns|turn|turns):[^\s]+$/, SCHEMA_TEXTS.input_ice_server),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});

/** The SIP account, without its password (that lives in the keychain or in memory). */
export const sipAccountSchema = z.object({
  server: sipServerSchema,
  uri: z.string().trim().regex(/^sips?:[^@\s]+@[^@\s]+$/, SCHEMA_TEXTS.input_sip_uri),
  authUser: z.string().trim().min(1).max(100),
  displayName: z.string().trim().max(100),
  iceServers: z.array(iceServerSchema).max(10),
});
export type SipAccount = z.infer<typeof sipAccountSchema>;

export const callbackDeviceSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(80),
  /** A SIP URI or a phone number reachable through the trunk. */
  target: z.string().trim().min(3).max(200),
});

export const audioSettingsSchema = z.object({
  microphoneId: z.string().max(200).nullable(),
  headsetId: z.string().max(200).nullable(),
  ringerId: z.string().max(200).nullable(),
  shadowHeadsetId: z.string().max(200).nullable(),
  shadowMicrophoneId: z.string().max(200).nullable(),
});

export const settingsSchema = z.object({
  language: z.enum(['fr', 'en']),
  timeZone: z.string().refine(isValidTimeZone, SCHEMA_TEXTS.input_time_zone),
  /** Who uses this console; null until chosen (the demo picks its first agent). */
  agentId: z.string().max(64).nullable(),
  sip: sipAccountSchema.nullable(),
  audio: audioSettingsSchema,
  callbackDevices: z.array(callbackDeviceSchema).max(10),
  bleadRingTimeoutS: z.number().int().min(5).max(60),
  smsDomain: z.string().trim().max(200).nullable(),
  dialRules: z.object({
    outsidePrefix: z.string().regex(/^[0-9*#]{0,4}$/, SCHEMA_TEXTS.input_outside_prefix),
    dialPlusOne: z.boolean(),
  }),
  /** OS notifications (web Notification API in both hosts) for incoming calls and texts. */
  notifications: z.object({ calls: z.boolean(), texts: z.boolean() }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'fr',
  timeZone: 'America/Toronto',
  agentId: null,
  sip: null,
  audio: { microphoneId: null, headsetId: null, ringerId: null, shadowHeadsetId: null, shadowMicrophoneId: null },
  callbackDevices: [],
  bleadRingTimeoutS: 18,
  smsDomain: null,
  dialRules: { outsidePrefix: '', dialPlusOne: true },
  notifications: { calls: true, texts: true },
};

/** A partial update: every key optional, each value still validated. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
