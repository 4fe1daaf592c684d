import { describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { readRustSources } from "./rust-source.js";

const read = (main: string, files: Record<string, string> = {}, crates: string[] = []) =>
  readRustSources(memoryContext({ "Cargo.toml": "[package]\n", "src/main.rs": main, ...files }), ".", new Set(crates));

describe("readRustSources", () => {
  const site = { "static/app.css": "p{}", "templates/index.html": "<p>", "config.toml": "", "README.md": "" };
  test("literals that name context files or folders", () => {
    const r = read('let t = Tera::new("templates/**/*");\nlet s = ServeDir::new("./static");\nlet m = "README";\n', site);
    expect(r).toEqual({ reads: ["static", "templates"], dynamicRead: null });
  });
  test("compile-time reads copy nothing", () => {
    const r = read(
      'const CSS: &str = include_str!("../static/app.css");\nsqlx::migrate!("./migrations");\n#[template(path = "index.html")]\nstruct T;\n',
      {
        "migrations/1_init.sql": "",
        ...site,
        "index.html": "",
      },
    );
    expect(r.reads).toEqual([]);
  });
  test("dotenv, the config crate, and Rocket.toml and templates for rocket", () => {
    const r = read('dotenvy::dotenv().ok();\nlet c = config::File::with_name("config");\n', { ...site, ".env": "A=1", "Rocket.toml": "" }, [
      "rocket",
      "rocket_dyn_templates",
    ]);
    expect(r.reads).toEqual([".env", "Rocket.toml", "config.toml", "templates"]);
  });
  test('"." is the working folder as a whole; Rocket.toml\'s template_dir and TLS files are read (rt20 F7)', () => {
    expect(read('for e in std::fs::read_dir(".").unwrap() {}\n').reads).toEqual(["."]);
    expect(read('let s = ServeDir::new("./");\n').reads).toEqual(["."]);
    expect(read('App::new().service(Files::new("/", "."));\n').reads).toEqual(["."]);
    const rocket = {
      "Rocket.toml": '[default]\ntemplate_dir = "views"\n[default.tls]\ncerts = "certs/cert.pem"\n',
      "views/index.html.tera": "",
      "certs/cert.pem": "",
    };
    expect(read("fn main() {}\n", rocket, ["rocket"]).reads).toEqual(["Rocket.toml", "certs/cert.pem", "views"]);
  });
  test("a computed path is unknown; a literal folder with a computed rest, or a literal binding, is not", () => {
    expect(read("let t = fs::read_to_string(&path);\n").dynamicRead).toEqual({ file: "src/main.rs", call: "fs::read_to_string(&path)" });
    expect(read('let b = fs::read(format!("static/{}", name));\n', site).dynamicRead).toBeNull();
    expect(read('let p = format!("static/{}", name);\nlet b = fs::read(&p);\n', site).dynamicRead).toBeNull();
    expect(read('fn serve(p: &str) { fs::read(p); }\nlet p = "static";\n', site).dynamicRead).not.toBeNull();
  });
  test("unit tests at the end of a file are not read", () => {
    expect(read("fn main() {}\n#[cfg(test)]\nmod tests { fn t() { File::open(tmp); } }\n").dynamicRead).toBeNull();
  });
});
