import { access } from "node:fs/promises";

/** Whether a file (or folder) is there; an error other than "missing" counts as there. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
