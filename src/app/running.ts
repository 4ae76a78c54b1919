/** A part of the running bot, stopped as a whole at shutdown. */
export interface Running {
  /** Named in the shutdown deadline's warning while it stops. */
  name: string;
  stop(): Promise<void>;
}
