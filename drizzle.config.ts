// drizzle-kit: `npm run db:generate` writes SQL migrations from src/db/schema into src/db/migrations, which are
// committed and applied at start (src/db/migrate.ts). `push` is for local experiments only.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema/index.ts",
  out: "./src/db/migrations",
  casing: "snake_case",
});
