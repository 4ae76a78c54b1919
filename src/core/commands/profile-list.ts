import { targetKey } from "../target.js";
import { fitsAction } from "./cards.js";
import type { CommandContext } from "./context.js";
import type { CommandEnv } from "./deps.js";
import { refuseUnlessManager } from "./permission.js";
import { errorReply, infoReply, quote } from "./replies.js";
import type { Button, Reply } from "./reply.js";

/** The profile lists that /unfollow and /unmute take entries out of. */
export type ProfileList = "follows" | "mutes";

export interface RemoveSpec {
  list: ProfileList;
  /** For the refusal to a channel member who does not manage it, e.g. "followed authors". */
  what: string;
  /** The valid form, shown with every error. */
  form: string;
  removed(entry: string): string;
  /** The entry `text` names in another form than its own (an author's initials), if any. */
  find?(entries: readonly string[], text: string): string | undefined;
}

/** Takes the entry `args` names (as written, in another form `find` knows, or by number) out of a list. */
export async function removeFromList(
  args: string,
  ctx: CommandContext,
  env: CommandEnv,
  spec: RemoveSpec,
): Promise<Reply> {
  const text = args.trim();
  if (text.length === 0) return errorReply("Say which one to remove.", spec.form);
  const refusal = await refuseUnlessManager(ctx, spec.what);
  if (refusal) return refusal;
  const removed = await env.store.profiles.update(targetKey(ctx.target), env.now(), (profile) => {
    const entries = profile[spec.list] ?? [];
    const named = entryNamed(entries, text) ?? spec.find?.(entries, text);
    if (named === undefined) return undefined;
    profile[spec.list] = entries.filter((entry) => entry !== named);
    return named;
  });
  if (removed === undefined) return errorReply(`${quote(text)} is not among the ${spec.what}.`, spec.form);
  return infoReply([spec.removed(removed)]);
}

/** The entry equal to `text` ignoring case and spacing, or the one at its 1-based number. */
function entryNamed(entries: readonly string[], text: string): string | undefined {
  const folded = fold(text);
  const same = entries.find((entry) => fold(entry) === folded);
  if (same !== undefined || !/^\d{1,3}$/.test(text)) return same;
  return entries[Number(text) - 1];
}

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A button running `/<command> <value>`, or none when the action would not fit a button. */
export function listButton(label: string, command: "unfollow" | "unmute", value: string): Button | undefined {
  const action = `${command}:${value}`;
  return fitsAction(action) ? { label, action, style: "secondary" } : undefined;
}
