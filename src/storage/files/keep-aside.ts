import { copyFile, readdir, readFile, rename } from "node:fs/promises";
import path from "node:path";

function asideName(file: string, now: Date): string {
  return `${file}.corrupt-${now.toISOString().replace(/[:.]/g, "-")}`;
}

/** Moves an unreadable file out of the way before it is replaced; returns where it went. */
export async function moveAside(file: string, now = new Date()): Promise<string> {
  const target = asideName(file, now);
  await rename(file, target);
  return target;
}

/**
 * Copies an unreadable file aside and leaves it in place, so every start fails until the operator
 * decides. A start that keeps failing (a service manager restarting it) reuses an identical copy
 * instead of filling the disk with them.
 */
export async function copyAside(file: string, now = new Date()): Promise<string> {
  const existing = await findIdenticalCopy(file);
  if (existing) return existing;
  const target = asideName(file, now);
  await copyFile(file, target);
  return target;
}

async function findIdenticalCopy(file: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.corrupt-`;
  const copies = (await readdir(dir)).filter((name) => name.startsWith(prefix));
  if (copies.length === 0) return undefined;
  const content = await readFile(file);
  for (const name of copies) {
    const candidate = path.join(dir, name);
    if (content.equals(await readFile(candidate))) return candidate;
  }
  return undefined;
}
