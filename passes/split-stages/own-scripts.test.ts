import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { scriptWritingOutside } from "./own-scripts.js";

beforeAll(() => loadShell());

/** The outside write of the `npm ci` of a project whose postinstall is `postinstall`, with the context `files`. */
const outside = (postinstall: string, files: Record<string, string>) => {
  const pkg = JSON.stringify({ scripts: { postinstall } });
  const context = memoryContext({ "package.json": pkg, ...files });
  const { dockerfile } = parseDockerfile(`FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n`);
  const result = analyze(dockerfile, dockerfile.stages[0], context);
  if (!result.ok) throw new Error(result.refusal.id);
  const index = dockerfile.stages[0].body.findIndex((i) => i.keyword === "RUN");
  return scriptWritingOutside(result.analysis, index, { context, scripts: JSON.parse(pkg).scripts });
};

const WRITES_SRV = "#!/bin/sh\nmkdir -p /srv/data\necho '{}' > /srv/data/conf.json\n";

test("a shell script an install script's program runs is read like a RUN", () => {
  const exec = { "scripts/post.js": 'require("child_process").execSync("sh scripts/setup.sh");', "scripts/setup.sh": WRITES_SRV };
  expect(outside("node scripts/post.js", exec)).toMatchObject({ file: "scripts/setup.sh", evidence: "it names `/srv/data`" });
  const spawn = { "scripts/post.js": 'spawnSync("bash", ["./setup.sh"], { cwd: __dirname });', "scripts/setup.sh": WRITES_SRV };
  expect(outside("node scripts/post.js", spawn)).toMatchObject({ file: "scripts/setup.sh" });
  // A script the shell script sources in turn.
  const nested = {
    "scripts/post.js": 'execSync("bash scripts/setup.sh")',
    "scripts/setup.sh": ". scripts/lib.sh\n",
    "scripts/lib.sh": WRITES_SRV,
  };
  expect(outside("node scripts/post.js", nested)).toMatchObject({ file: "scripts/lib.sh" });
});

test("an install script that runs a shell script itself has it read", () => {
  expect(outside("sh scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
  expect(outside("./scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
});

test("a shell script that writes inside the working folder is no evidence", () => {
  const inside = "#!/bin/sh\nmkdir -p gen\necho '{}' > gen/conf.json\n";
  expect(outside("node scripts/post.js", { "scripts/post.js": 'execSync("sh scripts/setup.sh")', "scripts/setup.sh": inside })).toBeNull();
  expect(outside("sh scripts/setup.sh", { "scripts/setup.sh": inside })).toBeNull();
});

/** What scriptWritingOutside says of the RUN on the Dockerfile's line 4. */
const pythonOutside = (run: string, files: Record<string, string> = {}) => {
  const text = `FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN ${run}\nCMD ["python", "app.py"]\n`;
  const { dockerfile } = parseDockerfile(text);
  const context = memoryContext({ "app.py": "", ...files });
  const r = analyze(dockerfile, dockerfile.stages[0], context);
  if (!r.ok) throw new Error(r.refusal.id);
  return scriptWritingOutside(r.analysis, 2, { context, scripts: {} });
};

describe("python -c and -m are read like the project's scripts", () => {
  test("-c code, and the local modules it imports, that use the home folder", () => {
    expect(pythonOutside(`python -c "import os; open(os.path.expanduser('~/m'), 'w')"`)).toMatchObject({
      file: "-c",
      evidence: "it uses the home folder",
    });
    expect(pythonOutside(`python -c "import fetch; fetch.run()"`, { "fetch.py": "import os\nos.path.expanduser('~/x')\n" })).toMatchObject({
      file: "fetch.py",
    });
    expect(pythonOutside(`python -c "open('VERSION', 'w').write('1')"`)).toBeNull();
  });
  test("-m: a local module's files, a known downloader, an unknown module; known tools write the working folder", () => {
    const dl = { "tools/dl/__init__.py": "", "tools/dl/get.py": "from pathlib import Path\nPath.home()\n" };
    expect(pythonOutside("python -m tools.dl.get", dl)).toMatchObject({ file: "tools/dl/get.py" });
    expect(pythonOutside("python3 -u -m nltk.downloader punkt")).toMatchObject({ module: "nltk.downloader" });
    expect(pythonOutside("python -m playwright install chromium")).toMatchObject({ module: "playwright" });
    expect(pythonOutside("python -m somepkg.fetch")).toMatchObject({ module: "somepkg.fetch", unknown: true });
    expect(pythonOutside("python -m compileall -q .")).toBeNull();
    // grpc_tools.protoc writes where its `--*_out` options say (rt20 F26).
    expect(
      pythonOutside("python -m grpc_tools.protoc -I protos --python_out=/srv/gen --grpc_python_out=/srv/gen protos/x.proto"),
    ).toMatchObject({
      evidence: "it writes the generated code to `/srv/gen`",
    });
    expect(pythonOutside("python -m grpc_tools.protoc -I protos --python_out ../gen protos/x.proto")).toMatchObject({
      evidence: expect.stringContaining("generated code"),
    });
    expect(pythonOutside("python -m grpc_tools.protoc -I protos --python_out=. --grpc_python_out=./gen protos/x.proto")).toBeNull();
    expect(pythonOutside("python -m pytest -q")).toBeNull();
  });
});

describe("python -c code that downloads or imports what the pass cannot vouch for (rt12 p09)", () => {
  test("a call of a known downloading library is a write into the home folder", () => {
    expect(pythonOutside(`python -c "import nltk; nltk.download('punkt')"`)).toMatchObject({
      file: "-c",
      evidence: expect.stringContaining("nltk.download"),
    });
    const hf = `python -c "from transformers import AutoModel; AutoModel.from_pretrained('bert-base-uncased')"`;
    expect(pythonOutside(hf)).toMatchObject({ evidence: expect.stringContaining("Hugging Face") });
    expect(pythonOutside(`python -c "import whisper; whisper.load_model('base')"`)).toMatchObject({
      evidence: expect.stringContaining("whisper"),
    });
    expect(
      pythonOutside("python fetch.py", { "fetch.py": "from tensorflow import keras\nkeras.utils.get_file('m.h5', URL)\n" }),
    ).toMatchObject({
      evidence: expect.stringContaining("Keras"),
    });
    expect(pythonOutside("python gen.py", { "gen.py": "def get_file(p):\n    return p\nget_file('x')\n" })).toBeNull();
    // In a project script too.
    expect(pythonOutside("python fetch.py", { "fetch.py": "import easyocr\neasyocr.Reader(['en'])\n" })).toMatchObject({
      file: "fetch.py",
    });
  });
  test("the libraries red team 20 found outside the table, and Keras' applications imported from tensorflow (rt20 F12)", () => {
    const scripts = [
      ["from tensorflow.keras.applications import ResNet50\nResNet50(weights='imagenet')\n", "Keras"],
      ["import tiktoken\ntiktoken.get_encoding('cl100k_base')\n", "tiktoken"],
      ["from fastembed import TextEmbedding\nTextEmbedding('BAAI/bge-small-en-v1.5')\n", "fastembed"],
      ["from rembg import new_session\nnew_session('u2net')\n", "rembg"],
      ["from paddleocr import PaddleOCR\nPaddleOCR(lang='en')\n", "PaddleOCR"],
      ["from deepface import DeepFace\nDeepFace.build_model('Facenet')\n", "DeepFace"],
      ["import stanza\nstanza.download('en')\n", "stanza"],
      ["import timm\ntimm.create_model('resnet50', pretrained=True)\n", "timm"],
      ["import open_clip\nopen_clip.create_model_and_transforms('ViT-B-32')\n", "open_clip"],
      ["from faster_whisper import WhisperModel\nWhisperModel('small')\n", "faster_whisper"],
      ["from langchain_huggingface import HuggingFaceEmbeddings\nHuggingFaceEmbeddings()\n", "LangChain"],
      ["import torchvision\ntorchvision.models.resnet18(weights='DEFAULT')\n", "torchvision"],
    ];
    for (const [code, name] of scripts)
      expect(pythonOutside("python fetch.py", { "fetch.py": code })).toMatchObject({ evidence: expect.stringContaining(name) });
    expect(pythonOutside("python gen.py", { "gen.py": "import torchvision\ntorchvision.models.resnet18(weights=None)\n" })).toBeNull();
  });
  test("an import neither of the standard library nor of the project declines; those two pass", () => {
    expect(pythonOutside(`python -c "import json, spacy; spacy.load('en_core_web_sm')"`)).toMatchObject({ unvouched: "spacy" });
    expect(pythonOutside(`python -c "__import__('somepkg').run()"`)).toMatchObject({ unvouched: "somepkg" });
    expect(pythonOutside(`python -c "import json, os.path; print(json.dumps([]))"`)).toBeNull();
    expect(pythonOutside(`python -c "import build_info; build_info.write()"`, { "build_info.py": "open('v', 'w')\n" })).toBeNull();
  });
});

describe("python -c code whose write target is not a literal inside the working folder (rt12 p06)", () => {
  test("the operands after the code are its argv, read with it", () => {
    expect(pythonOutside(`python -c "import sys; open(sys.argv[1], 'w').write('x')" /etc/tool.conf`)).toMatchObject({
      evidence: "it names `/etc/tool.conf`",
    });
  });
  test("a change of folder out of it, and an open for writing of a computed path", () => {
    expect(pythonOutside(`python -c "import os; os.chdir('..'); open('x', 'w')"`)).toMatchObject({
      evidence: expect.stringContaining("chdir"),
    });
    expect(pythonOutside(`python -c "import os; os.chdir(os.environ['D'])"`)).toMatchObject({ evidence: expect.stringContaining("chdir") });
    expect(pythonOutside(`python -c "import os; p = os.environ['OUT']; open(p, 'w')"`)).toMatchObject({
      evidence: "it opens a path it computes for writing",
    });
    expect(pythonOutside(`python -c "import os; os.chdir('gen'); open('x', 'w')"`)).toBeNull();
    expect(pythonOutside(`python -c "import sys; print(open(sys.argv[1]).read())" VERSION`)).toBeNull();
  });
});

describe("install scripts that change folder or run a shell script by other forms (rt12 n06)", () => {
  test("`cd` is followed, and `bash -c`, `.` and `source` run the script", () => {
    expect(outside("cd scripts && ./setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
    expect(outside("bash -c ./scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
    expect(outside(". ./scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
    expect(outside("source scripts/setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ file: "scripts/setup.sh" });
  });
  test("an install script that runs a file the pass cannot read declines", () => {
    expect(outside("cd $DIR && ./setup.sh", { "scripts/setup.sh": WRITES_SRV })).toMatchObject({ unread: true, file: "./setup.sh" });
    expect(outside("./missing.sh", {})).toMatchObject({ unread: true });
  });
});

test("a script the build compiles is read through its TypeScript source; a TypeScript runner's file is read (red team 21 F2)", () => {
  const seed = { "src/seed.ts": 'import fs from "fs";\nfs.writeFileSync("/data/seed.json", "{}");\n' };
  const tsconfig = { "tsconfig.json": '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }' };
  expect(outside("node dist/seed.js", { ...seed, ...tsconfig })).toMatchObject({
    file: "src/seed.ts",
    evidence: "it names `/data/seed.json`",
  });
  for (const command of ["npx tsx src/seed.ts", "ts-node src/seed.ts", "node --import tsx src/seed.ts", "npm exec -- tsx src/seed.ts"])
    expect(outside(command, seed), command).toMatchObject({ file: "src/seed.ts" });
});
