// The demo's sample customer list (CSV). The page reads CSV with the core's reader
// (waihu.csvCustomers).

/** A small sample for the demo: valid rows plus one bad phone and one duplicate. */
export function sampleCsv(n = 12) {
  const lines = ["name,phone,amount"];
  for (let i = 0; i < n; i++) lines.push(`客户${i + 1},1390000${String(1000 + i).padStart(4, "0")},${(i * 37) % 500}`);
  lines.splice(4, 0, "Broken row,12,10");
  lines.push(`Duplicate,13900001000,5`);
  return lines.join("\n") + "\n";
}
