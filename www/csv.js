// CSV → waihu's unified customers ({ name?, phone, properties? }).
// RFC 4180 quoting ("a ""b""", embedded commas and newlines), CRLF or LF, an optional BOM.

/** Splits CSV text into rows of fields. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false, i = 0;
  text = text.replace(/^\uFEFF/, "");
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      row.push(field); rows.push(row); row = []; field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

const NAME = new Set(["name", "姓名", "客户姓名", "customername"]);
const PHONE = new Set(["phone", "phonenumber", "mobile", "tel", "电话", "手机", "手机号", "电话号码"]);

/**
 * Reads the header row and maps each data row: the name and phone columns, every other
 * column a property (empty cells left out). Returns `{ customers, cells, header }` or
 * `{ error: "header" }` when no phone column is found.
 */
export function customersFromCsv(text) {
  const rows = parseCsv(text);
  if (!rows.length) return { customers: [], cells: [], header: [] };
  const header = rows[0].map((h) => h.trim());
  const key = (h) => h.toLowerCase().replace(/[\s_-]/g, "");
  const phoneCol = header.findIndex((h) => PHONE.has(key(h)));
  if (phoneCol < 0) return { error: "header", header };
  const nameCol = header.findIndex((h) => NAME.has(key(h)));
  const propCols = header.map((h, i) => i).filter((i) => i !== phoneCol && i !== nameCol && header[i] !== "");
  const data = rows.slice(1);
  const customers = data.map((r) => {
    const c = { phone: (r[phoneCol] ?? "").trim() };
    const name = nameCol >= 0 ? (r[nameCol] ?? "").trim() : "";
    if (name) c.name = name;
    const props = Object.fromEntries(propCols.map((i) => [header[i], (r[i] ?? "").trim()]).filter(([, v]) => v !== ""));
    if (Object.keys(props).length) c.properties = props;
    return c;
  });
  return { customers, header, propNames: propCols.map((i) => header[i]) };
}

/** A small sample for the demo: valid rows plus one bad phone and one duplicate. */
export function sampleCsv(n = 12) {
  const lines = ["name,phone,amount"];
  for (let i = 0; i < n; i++) lines.push(`客户${i + 1},1390000${String(1000 + i).padStart(4, "0")},${(i * 37) % 500}`);
  lines.splice(4, 0, "Broken row,12,10");
  lines.push(`Duplicate,13900001000,5`);
  return lines.join("\n") + "\n";
}
