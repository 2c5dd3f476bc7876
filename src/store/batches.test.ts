/** Slicing a write's rows into statements. */
import { batches } from "./batches";

describe("batches", () => {
  it("slice an array, the last slice holding the rest", () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("read an iterable only as far as the slice being written", () => {
    let read = 0;
    function* rows() {
      for (let i = 1; i <= 5; i++) {
        read = i;
        yield i;
      }
    }
    const slices = batches(rows(), 2);
    expect(slices.next().value).toEqual([1, 2]);
    expect(read).toBe(2);
    expect([...slices]).toEqual([[3, 4], [5]]);
  });

  it("yield nothing for no rows", () => {
    expect([...batches([])]).toEqual([]);
    expect([...batches(new Set<number>())]).toEqual([]);
  });
});
