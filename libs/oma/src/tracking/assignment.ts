/**
 * The one-to-one assignment of rows to columns that minimises the summed cost (the Hungarian
 * method with potentials, O(n^3) on the square matrix). A row may stay unassigned at cost
 * `unassigned`, and so may a column: pairs costing more than two unassigned ones are never chosen,
 * so `Infinity` marks a pair that may not be assigned.
 *
 * Returns, per row, its column or -1.
 */
export function assignOneToOne(cost: number[][], columns: number, unassigned: number): number[] {
  const rows = cost.length;
  const size = rows + columns;
  // Square matrix: real rows then one stand-in row per column, real columns then one per row.
  const forbidden = 4 * unassigned + 1;
  const at = (row: number, column: number): number => {
    if (row < rows && column < columns) {
      const value = cost[row][column];
      return Number.isFinite(value) ? value : forbidden;
    }
    if (row < rows || column < columns) return unassigned;
    return 0;
  };
  // 1-indexed arrays as in the textbook formulation; index 0 is the free slot.
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const rowOfColumn = new Int32Array(size + 1);
  const way = new Int32Array(size + 1);
  for (let row = 1; row <= size; row++) {
    rowOfColumn[0] = row;
    let column0 = 0;
    const minimum = new Float64Array(size + 1).fill(Infinity);
    const used = new Uint8Array(size + 1);
    do {
      used[column0] = 1;
      const row0 = rowOfColumn[column0];
      let delta = Infinity;
      let column1 = 0;
      for (let column = 1; column <= size; column++) {
        if (used[column]) continue;
        const reduced = at(row0 - 1, column - 1) - u[row0] - v[column];
        if (reduced < minimum[column]) {
          minimum[column] = reduced;
          way[column] = column0;
        }
        if (minimum[column] < delta) {
          delta = minimum[column];
          column1 = column;
        }
      }
      for (let column = 0; column <= size; column++) {
        if (used[column]) {
          u[rowOfColumn[column]] += delta;
          v[column] -= delta;
        } else minimum[column] -= delta;
      }
      column0 = column1;
    } while (rowOfColumn[column0] !== 0);
    do {
      const column1 = way[column0];
      rowOfColumn[column0] = rowOfColumn[column1];
      column0 = column1;
    } while (column0 !== 0);
  }
  const assigned = new Array<number>(rows).fill(-1);
  for (let column = 1; column <= columns; column++) {
    const row = rowOfColumn[column] - 1;
    if (row < rows && Number.isFinite(cost[row][column - 1])) assigned[row] = column - 1;
  }
  return assigned;
}
