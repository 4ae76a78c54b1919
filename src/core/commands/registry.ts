import type { Command } from "./command.js";
import { categoriesCommand } from "./categories.js";
import { dislikeCommand, likeCommand } from "./feedback.js";
import { followCommand, unfollowCommand } from "./follow.js";
import { exportCommand } from "./export.js";
import { importCommand } from "./import.js";
import { muteCommand, unmuteCommand } from "./mute.js";
import { findCommand } from "./find.js";
import { helpCommand } from "./help.js";
import { interestsCommand } from "./interests.js";
import { paperCommand } from "./paper.js";
import { picksCommand } from "./picks.js";
import { saveCommand, unsaveCommand } from "./reading-list.js";
import { recapCommand } from "./recap.js";
import { savedCommand } from "./saved.js";
import { settingsCommand } from "./settings.js";
import { similarCommand } from "./similar.js";
import { statusCommand } from "./status.js";
import { subscribeCommand } from "./subscribe.js";
import { unsubscribeCommand } from "./unsubscribe.js";

/** Every command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  helpCommand,
  findCommand,
  interestsCommand,
  followCommand,
  unfollowCommand,
  muteCommand,
  unmuteCommand,
  categoriesCommand,
  importCommand,
  picksCommand,
  subscribeCommand,
  unsubscribeCommand,
  recapCommand,
  settingsCommand,
  statusCommand,
  likeCommand,
  dislikeCommand,
  similarCommand,
  paperCommand,
  saveCommand,
  unsaveCommand,
  savedCommand,
  exportCommand,
];
