/** A copy of `array` with twice its length, the new half zeros: how the index's growable lists grow. */
export function doubled(array: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}
