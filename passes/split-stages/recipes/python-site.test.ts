import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { pipCommands } from "./python-site.js";

test("console scripts: requirement names and the scripts of local packages", () => {
  const ctx = memoryContext({
    "requirements.txt": "Gunicorn==22.0\n# comment\n",
    "greet/setup.py": 'setup(entry_points={"console_scripts": ["greet-server=greet.server:main"]})\n',
    "pyproject.toml": '[project]\nname = "x"\n\n[project.scripts]\nx-cli = "x.cli:main"\n',
  });
  expect(pipCommands(ctx).sort()).toEqual(["greet-server", "gunicorn", "x-cli"]);
});
