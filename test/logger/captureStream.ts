/** A log destination that keeps everything written to it. */
export function captureStream(): { write(line: string): void; text(): string } {
  const chunks: string[] = [];
  return {
    write: (line) => void chunks.push(line),
    text: () => chunks.join(""),
  };
}
