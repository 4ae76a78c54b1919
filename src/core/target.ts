export type Platform = "discord" | "telegram" | "console";

/**
 * Who a profile, subscription or delivery belongs to: a person (their DM) or a shared place
 * (a Discord channel, a Telegram group or channel).
 */
export interface Target {
  platform: Platform;
  kind: "user" | "channel";
  /** The platform's id of the user or of the channel/chat. */
  id: string;
}

/** `discord:user:123`, `telegram:channel:-100456`: the key under which state is stored. */
export type TargetKey = string;

export function targetKey(target: Target): TargetKey {
  return `${target.platform}:${target.kind}:${target.id}`;
}

export function parseTargetKey(key: TargetKey): Target | undefined {
  const [platform, kind, ...rest] = key.split(":");
  const id = rest.join(":");
  if (platform !== "discord" && platform !== "telegram" && platform !== "console") return undefined;
  if (kind !== "user" && kind !== "channel") return undefined;
  if (!id) return undefined;
  return { platform, kind, id };
}

/** A shared place as its members call it: Telegram's shared targets are mostly groups, Discord's are channels. */
export function sharedPlace(platform: Platform): "this group" | "this channel" {
  return platform === "telegram" ? "this group" : "this channel";
}
