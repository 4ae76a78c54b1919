import type { Reply } from "../commands/reply.js";
import type { SendOptions } from "../delivery/port.js";
import type { Subscription } from "../records.js";

/**
 * A claimed digest's reply as stores keep it: the message plus how it is to be sent. The options
 * ride inside the reply because both stores keep the reply whole as JSON (a jsonb column, a JSON
 * file) while `chatId` is a plain string: so an instance taking the claim over sends the digest
 * to the same topic with the same threads, and no store needed a new column or a migration.
 */
interface StoredReply extends Reply {
  sendOptions?: SendOptions;
}

/** The options a subscription's digest is sent with; undefined when it wants the plain default. */
export function sendOptionsOf(subscription: Subscription): SendOptions | undefined {
  const options: SendOptions = {};
  if (subscription.threads) options.threads = true;
  if (subscription.topicId !== undefined) options.topicId = subscription.topicId;
  return Object.keys(options).length > 0 ? options : undefined;
}

/** The reply to store with a claim; unchanged when there are no options. */
export function withSendOptions(reply: Reply, options: SendOptions | undefined): Reply {
  if (!options) return reply;
  const stored: StoredReply = { ...reply, sendOptions: options };
  return stored;
}

/** A stored reply split back into the message and its options (ignored unless well-formed). */
export function readStoredReply(stored: Reply): { reply: Reply; options?: SendOptions } {
  // Stores hand back the JSON they were given: a claim made by withSendOptions may carry the field.
  const { sendOptions, ...reply } = stored as StoredReply;
  const options: SendOptions = {};
  if (sendOptions?.threads === true) options.threads = true;
  if (typeof sendOptions?.topicId === "string") options.topicId = sendOptions.topicId;
  return Object.keys(options).length > 0 ? { reply, options } : { reply };
}
