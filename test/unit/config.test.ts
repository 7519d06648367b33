import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, sqlitePath } from "../../src/config.ts";

describe("loadConfig", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe("./data/catalogue.sqlite");
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(8080);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ REDIS_URL: "", PORT: "" }).REDIS_URL).toBeUndefined();
  });

  it("lists every invalid variable in one error", () => {
    try {
      loadConfig({ PORT: "eighty", REDIS_URL: "http://localhost", DATABASE_URL: "postgres://x/y" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.join("\n");
      expect(issues).toMatch(/^PORT: /m);
      expect(issues).toMatch(/^REDIS_URL: /m);
      expect(issues).toMatch(/^DATABASE_URL: /m);
    }
  });

  it("accepts a redis URL and a numeric port", () => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:6379/2", PORT: "0" });
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379/2");
    expect(config.PORT).toBe(0);
  });
});

describe("sqlitePath", () => {
  it.each([
    ["./data/x.sqlite", "./data/x.sqlite"],
    [":memory:", ":memory:"],
    ["file:./data/x.sqlite", "./data/x.sqlite"],
    ["file:///var/lib/catalogue.sqlite", "/var/lib/catalogue.sqlite"],
  ])("resolves %s to %s", (url, path) => {
    expect(sqlitePath(url)).toBe(path);
  });
});
