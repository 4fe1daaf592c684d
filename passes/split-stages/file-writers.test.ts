import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { fileWrites } from "./file-writers.js";

beforeAll(() => loadShell());

const w = (line: string) => {
  const [name, ...args] = line.split(" ");
  return fileWrites(name, args);
};

describe("fileWrites", () => {
  test.each([
    ["sed -i s/a/b/ entrypoint.sh", ["entrypoint.sh"]],
    ["sed -i.bak -e s/a/b/ a.conf b.conf", ["a.conf", "a.conf.bak", "b.conf", "b.conf.bak"]],
    ["sed -ie s/a/b/ x", ["x", "xe"]],
    ["sed -n 1p x", []],
    [
      "openssl req -x509 -newkey rsa:2048 -nodes -keyout certs/key.pem -out certs/cert.pem -subj /CN=x",
      ["certs/key.pem", "certs/cert.pem"],
    ],
    ["openssl rand -hex 16", []],
    ["curl -fsSLo /usr/local/bin/tini https://x.io/tini", ["/usr/local/bin/tini"]],
    ["curl -fsSL https://x.io/setup.sh", []],
    ["curl -O https://x.io/a/b/data.csv?raw=1", ["data.csv"]],
    ["curl --output-dir certs -o ca.pem https://x.io/ca", ["certs/ca.pem"]],
    ["wget -qO- https://x.io/install.sh", []],
    ["wget -O data/x.bin https://x.io/x.bin", ["data/x.bin"]],
    ["wget -P models https://x.io/m/model.onnx", ["models/model.onnx"]],
    ["pybabel compile -d app/translations", ["app/translations"]],
  ])("%s writes %j", (line, paths) => {
    expect(w(line)).toEqual({ paths });
  });
  test.each([
    "sed -i s/a/b/w/tmp/out x",
    "sed -i -f script.sed x",
    "sed -i s/a/b/",
    "openssl ca -in x.csr -out x.crt",
    "openssl x509 -req -in x.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out x.crt",
    "curl -OJ https://x.io/download",
    "curl -O https://x.io/",
    "wget -r https://x.io/docs/",
    "wget -P /opt/models https://hf.co/m/resolve/main/model.bin?download=true",
    "wget https://x.io/my%20file.txt",
    "pybabel extract -o messages.pot .",
  ])("%s: what it writes is not known", (line) => {
    expect(w(line)).toHaveProperty("unknown");
  });
  test("other commands are not read here", () => {
    expect(w("setcap cap_net_bind_service=+ep /usr/local/bin/node")).toBeNull();
  });
});

describe("analyze: commands whose writes are placed", () => {
  const run = (text: string) => {
    const { dockerfile } = parseDockerfile(text);
    return analyze(dockerfile, dockerfile.stages[0], memoryContext({}));
  };
  test("their files join the copy set; a link inside the app folder to its own file too", () => {
    const r = run(
      'FROM node:20\nWORKDIR /app\nRUN rm -rf ./* /var/tmp/*\nCOPY . .\nRUN sed -i s/a/b/ run.sh && curl -o /opt/ca.pem https://x.io/ca.pem && ln -s run.sh start.sh\nCMD ["node"]\n',
    );
    expect(r.ok && r.analysis.copyPaths).toEqual(["/app", "/opt/ca.pem"]);
  });
  test("a write it cannot place keeps the decline", () => {
    const r = run('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN curl -OJ https://x.io/download\nCMD ["node"]\n');
    expect(!r.ok && r.refusal.id).toBe("unknownCommand");
    const outside = run('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN ln -s /usr/lib/x.so lib.so\nCMD ["node"]\n');
    expect(!outside.ok && outside.refusal.id).toBe("unknownCommand");
  });
  test("a removal in a folder of the base image's (a web server's pages) is declined", () => {
    const r = run("FROM nginx:alpine\nWORKDIR /usr/share/nginx/html\nRUN rm -rf ./*\nCOPY . .\n");
    expect(!r.ok && r.refusal.id).toBe("unknownCommand");
  });
  test("poetry's virtualenv in the project's folder (`virtualenvs.in-project true`) comes with it; under the home it declines", () => {
    const df = (config: string) =>
      `FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install poetry && ${config}poetry install --no-root\nCMD ["poetry", "run", "app"]\n`;
    const inProject = run(df("poetry config virtualenvs.in-project true && "));
    expect(inProject.ok && inProject.analysis.venvs).toEqual(["/app/.venv"]);
    const home = run(df(""));
    expect(!home.ok && home.refusal.id).toBe("managerVirtualenv");
  });
  test("a link to a program in a program folder is recorded, not copied", () => {
    const r = run(
      'FROM node:20\nRUN apt-get update && apt-get install -y python3 && ln -sf python3 /usr/bin/python\nWORKDIR /app\nCOPY . .\nCMD ["node"]\n',
    );
    expect(r.ok && r.analysis.programLinks.map((l) => [l.link, l.program])).toEqual([["/usr/bin/python", "python3"]]);
    expect(r.ok && r.analysis.copyPaths).toEqual(["/app"]);
  });
});
