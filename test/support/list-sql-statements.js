// Prints, as JSON, every statement the built libs' SQL homes (dist/libs/**/*.sql.js) export:
// [["cases/src/cases.sql.js: caseById", { text, row, prepared }], ...]. Used by test/sql-rows.e2e-spec.ts.
const { readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = require('node:path').resolve(process.argv[2]);
const { isStatement, VersionedUpdate } = require(join(root, 'core/src/database/sql.js'));

function sqlFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sqlFiles(p);
    return f.endsWith('.sql.js') ? [p] : [];
  });
}

const found = [];
const plain = (s) => ({
  text: s.text,
  row: s.row && Object.fromEntries(Object.entries(s.row).map(([k, c]) => [k, { pg: c.pg, nullable: c.nullable }])),
  prepared: s.prepared,
});
for (const file of sqlFiles(root)) {
  const mod = require(file);
  for (const [name, value] of Object.entries(mod)) {
    const where = `${relative(root, file)}: ${name}`;
    if (isStatement(value)) found.push([where, plain(value)]);
    else if (value instanceof VersionedUpdate) value.examples().forEach((s, i) => found.push([`${where} #${i}`, plain(s)]));
    else if (Array.isArray(value)) value.filter(isStatement).forEach((s, i) => found.push([`${where}[${i}]`, plain(s)]));
  }
}
process.stdout.write(JSON.stringify(found));
