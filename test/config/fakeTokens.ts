import { randomBytes, randomInt } from "node:crypto";

/** Token-shaped random values made at run time, so no credential-like string lives in the repository. */
export function fakeTelegramToken(): string {
  return `${randomInt(100_000_000, 999_999_999)}:${randomBytes(26).toString("base64url")}`;
}

export function fakeDiscordToken(): string {
  const part = (bytes: number) => randomBytes(bytes).toString("base64url");
  return `${part(18)}.${part(5)}.${part(28)}`;
}

export function fakeWebhookSecret(): string {
  return randomBytes(24).toString("hex");
}
