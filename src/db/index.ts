export { type CreateDbOptions, createDb, type Db, type DbHandle } from "./client.ts";
export { migrateDb, migrationsFolder } from "./migrate.ts";
export * as schema from "./schema/index.ts";
