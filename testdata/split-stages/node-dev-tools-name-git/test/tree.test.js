const { execSync } = require("node:child_process");
test("clean tree", () => expect(execSync("git status --porcelain").toString()).toBe(""));
