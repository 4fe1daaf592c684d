import { describe, expect, test } from "vitest";
import { prismaClientFolders } from "./prisma-client.js";

const reader = (files: Record<string, string>) => (file: string) => files[file] ?? null;
const schema = (generator: string) => `${generator}\n\ndatasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n`;
const JS = 'generator client {\n  provider = "prisma-client-js"\n}';

describe("prismaClientFolders", () => {
  test("the default client lives in node_modules/.prisma; a literal output is relative to the schema's folder", () => {
    expect(prismaClientFolders([], reader({ "prisma/schema.prisma": schema(JS) }))).toEqual({ ok: true, paths: ["node_modules/.prisma"] });
    const custom = 'generator client {\n  provider = "prisma-client-js"\n  output   = "../src/generated/client" // for the app\n}';
    expect(prismaClientFolders([], reader({ "prisma/schema.prisma": schema(custom) }))).toEqual({
      ok: true,
      paths: ["src/generated/client"],
    });
  });

  test("the schema is found where the CLI looks: --schema, package.json's prisma.schema, then the defaults", () => {
    const files = { "db/main.prisma": schema(JS), "package.json": '{"prisma": {"schema": "db/main.prisma"}}' };
    expect(prismaClientFolders([], reader(files)).ok).toBe(true);
    expect(prismaClientFolders(["--schema", "db/main.prisma"], reader({ "db/main.prisma": schema(JS) })).ok).toBe(true);
    expect(prismaClientFolders([], reader({ "schema.prisma": schema(JS) })).ok).toBe(true);
  });

  test("unknown: no schema, a config file that may move it, an env() output, another generator without output", () => {
    const why = (files: Record<string, string>) => {
      const r = prismaClientFolders([], reader(files));
      return r.ok ? null : r.why.id;
    };
    expect(why({})).toBe("outputsPrismaSchema");
    expect(why({ "prisma/schema.prisma": schema(JS), "prisma.config.ts": "export default {}" })).toBe("outputsPrismaSchema");
    const fromEnv = 'generator client {\n  provider = "prisma-client-js"\n  output = env("CLIENT_OUT")\n}';
    expect(why({ "prisma/schema.prisma": schema(fromEnv) })).toBe("outputsPrismaSchema");
    expect(why({ "prisma/schema.prisma": schema('generator client {\n  provider = "prisma-client"\n}') })).toBe("outputsPrismaSchema");
  });
});
