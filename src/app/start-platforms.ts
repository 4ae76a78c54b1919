import type { Logger } from "../core/log.js";
import type { PlatformBot } from "./platform-bots.js";
import type { Shutdown } from "./shutdown.js";
import { StartAborted, startWithRetry } from "./start-retry.js";
import { errorMessage } from "../core/error-message.js";

/**
 * Starts every platform at once, each tried again while its API is unreachable or failing (one
 * warning per try). A failure no wait can mend (a rejected token) ends the start-up through
 * `fail`; a shutdown ends the tries.
 */
export async function startPlatforms(
  platforms: readonly PlatformBot[],
  shutdown: Shutdown,
  log: Logger,
  fail: (message: string) => void,
): Promise<void> {
  await Promise.all(
    platforms.map(async (platform) => {
      const { name, retryReason } = platform;
      try {
        const starting = startWithRetry(() => platform.start(), {
          platform: name,
          log,
          signal: shutdown.stopping,
          retryReason,
        });
        await shutdown.during(`starting ${name}`, starting);
      } catch (error) {
        if (!(error instanceof StartAborted)) fail(errorMessage(error));
      }
    }),
  );
}
