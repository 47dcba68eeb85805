/**
 * One count of a step's summary: shown as people read numbers ("1,048,576"), with the exact
 * value in `data-value` for whoever reads the page as data (tests, the benchmarks).
 */
export function Count({ name, value }: { name: string; value: number }) {
  return (
    <dd data-count={name} data-value={value}>
      {value.toLocaleString()}
    </dd>
  );
}
