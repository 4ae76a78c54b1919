import { InteractionContextType } from "discord.js";

/** Personal commands work in servers and in the bot's DMs. */
export const PERSONAL_CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;
