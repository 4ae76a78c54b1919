/**
 * What a test set up, undone in reverse order after it, whatever happened: every step runs even
 * when an earlier one fails, and the first failure is reported after all ran.
 */
export class Teardown {
  readonly #steps: Array<() => Promise<unknown> | unknown> = [];

  add(step: () => Promise<unknown> | unknown): void {
    this.#steps.push(step);
  }

  async run(): Promise<void> {
    const steps = this.#steps.splice(0).reverse();
    let failure: unknown;
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}
