// A comparable description of a PostgreSQL schema (tables, columns, indexes, constraints,
// enums), read from the system catalogues. Used to prove that the committed migrations build
// exactly the schema that schema.prisma describes.
import pg from "pg";

export type Catalog = string[];

export async function readCatalog(databaseUrl: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines: string[] = [];
    const columns = await client.query<{ line: string }>(`
      SELECT format('column %s.%s %s %s default=%s', c.table_name, c.column_name,
             format_type(a.atttypid, a.atttypmod), CASE WHEN c.is_nullable = 'YES' THEN 'null' ELSE 'not null' END,
             coalesce(c.column_default, '-')) AS line
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{ line: string }>(`
      SELECT format('index %s', indexdef) AS line FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    const constraints = await client.query<{ line: string }>(`
      SELECT format('constraint %s.%s %s', cl.relname, co.conname, pg_get_constraintdef(co.oid)) AS line
      FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND cl.relname <> '_prisma_migrations'`);
    const enums = await client.query<{ line: string }>(`
      SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const result of [columns, indexes, constraints, enums]) lines.push(...result.rows.map((r) => r.line));
    return lines.sort();
  } finally {
    await client.end();
  }
}

export function diffCatalogs(expected: Catalog, actual: Catalog): string[] {
  const a = new Set(actual);
  const e = new Set(expected);
  return [
    ...expected.filter((l) => !a.has(l)).map((l) => `missing: ${l}`),
    ...actual.filter((l) => !e.has(l)).map((l) => `extra:   ${l}`),
  ];
}
