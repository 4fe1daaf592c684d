// Extract every Dockerfile of some git repositories into a corpus folder for scripts/measure-corpus.mjs:
// one case folder per Dockerfile, holding it as `Dockerfile` and the files beside and below it as its
// build context (at most 200 files of at most 256 KiB each).
//
//   node scripts/corpus-extract.mjs .corpus /path/to/owner+repo/repo [more git dirs…]
//
// The corpus measured for issue 16 (1,132 Dockerfiles) came from these repositories, each brought here with
// the `fetch` tool (github:<owner>/<name> → /work/.mirror/<owner>+<name>/repo): docker-library/{cassandra,
// python,buildpack-deps,php,postgres,mysql,ruby,golang,openjdk,redis,wordpress,httpd,rabbitmq,mongo,
// elasticsearch,docker,drupal,tomcat,haproxy}, nodejs/docker-node, nginxinc/docker-nginx, jenkinsci/docker,
// hashicorp/docker-consul, docker/awesome-compose, dockersamples/example-voting-app,
// GoogleCloudPlatform/microservices-demo, jessfraz/dockerfiles, vimagick/dockerfiles, tianon/dockerfiles,
// linuxserver/docker-baseimage-alpine, hadolint/hadolint, moby/buildkit; then
//   node scripts/corpus-extract.mjs .corpus /work/.mirror/*/repo
//
// The git dirs may be bare (no work tree): files are read from HEAD with `git cat-file`. The corpus is
// fetched data: keep it in the git-ignored .corpus/ folder, never commit it.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const DOCKERFILE = /^(?:Dockerfile|dockerfile|Containerfile)(?:\.[\w.-]+)?$|^[\w.-]+\.[Dd]ockerfile$/;
// Templates (docker-library's Dockerfile.template, Jinja, ERB) are not Dockerfiles yet.
const TEMPLATE = /\.(template|tmpl|tpl|j2|jinja|erb|in|m4)$/;
const MAX_CONTEXT_FILES = 200;
const MAX_FILE_BYTES = 256 * 1024;

const [out, ...gitDirs] = process.argv.slice(2);
if (!out || gitDirs.length === 0) {
  console.error("usage: node scripts/corpus-extract.mjs OUT_DIR GIT_DIR…");
  process.exit(2);
}

let total = 0;
for (const gitDir of gitDirs) {
  const repo = basename(gitDir) === "repo" ? basename(dirname(gitDir)) : basename(gitDir).replace(/\.git$/, "");
  const listing = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "-l", "-z", "HEAD"], { maxBuffer: 1 << 30 }).toString("utf8");
  const blobs = [];
  for (const entry of listing.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(entry);
    if (m) blobs.push({ sha: m[1], size: m[2] === "-" ? 0 : Number(m[2]), path: m[3] });
  }
  const dockerfiles = blobs.filter((b) => DOCKERFILE.test(basename(b.path)) && !TEMPLATE.test(b.path) && b.size <= MAX_FILE_BYTES);
  const wanted = new Map();
  const cases = dockerfiles.map((df) => {
    const dir = dirname(df.path) === "." ? "" : `${dirname(df.path)}/`;
    const context = blobs
      .filter((b) => b.path.startsWith(dir) && b !== df && b.size <= MAX_FILE_BYTES && !b.path.includes("/.git/"))
      .slice(0, MAX_CONTEXT_FILES);
    for (const b of [df, ...context]) wanted.set(b.sha, null);
    return { df, dir, context };
  });
  readBlobs(gitDir, wanted);
  for (const { df, dir, context } of cases) {
    const caseDir = join(out, repo, df.path.replace(/\//g, "__"));
    for (const b of context) {
      const target = join(caseDir, b.path.slice(dir.length));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, wanted.get(b.sha));
    }
    mkdirSync(caseDir, { recursive: true });
    // Written last: a context file named Dockerfile (a sibling) must not replace the case's own.
    writeFileSync(join(caseDir, "Dockerfile"), wanted.get(df.sha));
    total++;
  }
  console.error(`${repo}: ${cases.length} Dockerfiles`);
}
console.error(`${total} Dockerfiles in ${out}`);

/** Fill `wanted` (sha → null) with the blobs' contents, with one `git cat-file --batch`. */
function readBlobs(gitDir, wanted) {
  const shas = [...wanted.keys()];
  const r = spawnSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], { input: `${shas.join("\n")}\n`, maxBuffer: 2 ** 31 - 1 });
  const buf = r.stdout;
  let pos = 0;
  for (const sha of shas) {
    const nl = buf.indexOf(10, pos);
    const [, , size] = buf.subarray(pos, nl).toString("utf8").split(" ");
    const start = nl + 1;
    wanted.set(sha, buf.subarray(start, start + Number(size)));
    pos = start + Number(size) + 1;
  }
}
