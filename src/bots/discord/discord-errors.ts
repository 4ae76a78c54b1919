import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, RESTJSONErrorCodes } from "discord.js";

/**
 * The interaction can no longer be answered: its 3 s window passed (10062) or it was answered
 * already (40060). Nothing useful can be sent, so these are noted, not reported to the user.
 */
export function isSpentInteraction(error: unknown): boolean {
  if (error instanceof DiscordAPIError) {
    return (
      error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
    );
  }
  return error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.InteractionAlreadyReplied;
}

/** Whether Discord refused the bot token (a 401 while logging in or calling REST). */
export function isRejectedToken(error: unknown): boolean {
  if (error instanceof DiscordjsError) return error.code === DiscordjsErrorCodes.TokenInvalid;
  return error instanceof DiscordAPIError && error.status === 401;
}

/**
 * A log-safe summary of an error: name, Discord code, HTTP status and message. Request URLs are
 * left out on purpose, since interaction webhook URLs carry the interaction token.
 */
export function describeError(error: unknown): {
  name: string;
  message: string;
  code?: number | string;
  status?: number;
} {
  if (error instanceof DiscordAPIError) {
    return { name: error.name, message: error.message, code: error.code, status: error.status };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    };
  }
  return { name: "NonError", message: String(error) };
}
