import { assignOneToOne } from './assignment';

describe('assignOneToOne', () => {
  it('minimises the summed cost where taking the nearest pair first would not', () => {
    // Greedy takes row 1 -> column 0 (0.01), leaving row 0 -> column 1 (0.10): 0.11 in all.
    const cost = [
      [0.04, 0.1],
      [0.01, 0.05],
    ];
    expect(assignOneToOne(cost, 2, 2)).toEqual([0, 1]);
  });

  it('leaves rows and columns unassigned where a pair is forbidden', () => {
    const cost = [
      [Infinity, 0.3, Infinity],
      [Infinity, Infinity, Infinity],
    ];
    expect(assignOneToOne(cost, 3, 2)).toEqual([1, -1]);
  });

  it('handles more rows than columns and no columns at all', () => {
    expect(assignOneToOne([[0.5], [0.1], [0.3]], 1, 2)).toEqual([-1, 0, -1]);
    expect(assignOneToOne([[], []], 0, 2)).toEqual([-1, -1]);
    expect(assignOneToOne([], 2, 2)).toEqual([]);
  });

  it('agrees with trying every permutation on random matrices', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(random() * 5);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => random()));
      const assigned = assignOneToOne(cost, n, 10);
      const total = assigned.reduce((sum, column, row) => sum + cost[row][column], 0);
      expect(new Set(assigned).size).toBe(n);
      expect(total).toBeCloseTo(bestByPermutation(cost), 12);
    }
  });
});

function bestByPermutation(cost: number[][]): number {
  const n = cost.length;
  let best = Infinity;
  const visit = (row: number, used: Set<number>, sum: number) => {
    if (row === n) return void (best = Math.min(best, sum));
    for (let column = 0; column < n; column++) {
      if (used.has(column)) continue;
      used.add(column);
      visit(row + 1, used, sum + cost[row][column]);
      used.delete(column);
    }
  };
  visit(0, new Set(), 0);
  return best;
}
