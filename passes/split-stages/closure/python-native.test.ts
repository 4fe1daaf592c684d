import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { parseDockerfile } from "../../../src/core/parse.js";
import { loadShell } from "../../../src/core/shell.js";
import { analyze } from "../analysis.js";
import { pipLibraries, pipRequirements } from "./python-native.js";

beforeAll(() => loadShell());

describe("pipRequirements", () => {
  test("names are normalized and keep their extras, from requirements files, pyproject.toml and Pipfile", () => {
    const context = memoryContext({
      "requirements.txt": "Django==5.1\npsycopg[binary,pool]>=3.2  # db\n-r other.txt\n",
      "pyproject.toml": '[project]\ndependencies = ["Python_Magic>=0.4", "flask"]\n',
      Pipfile: '[packages]\nmysqlclient = "*"\n\n[dev-packages]\npytest = "*"\n',
    });
    const found = pipRequirements(context);
    expect(found.get("psycopg")).toEqual(["binary", "pool"]);
    expect([...found.keys()].sort()).toEqual(["django", "flask", "mysqlclient", "psycopg", "python-magic"]);
  });

  test("a UTF-16 requirements file (pip freeze in PowerShell) is read too", () => {
    const utf16 = Buffer.from("\ufeffuvicorn==0.34.0\r\npsycopg2==2.9.10\r\n", "utf16le").toString("utf8");
    expect([...pipRequirements(memoryContext({ "requirements.txt": utf16 })).keys()]).toEqual(["uvicorn", "psycopg2"]);
  });
});

describe("pipLibraries", () => {
  const build = (text: string, files: Record<string, string>) => {
    const { dockerfile } = parseDockerfile(`FROM python:3.11\nWORKDIR /app\n${text}\nCMD ["python", "app.py"]\n`);
    const context = memoryContext(files);
    const r = analyze(dockerfile, dockerfile.stages[0], context);
    if (!r.ok) throw new Error("not analysed");
    return { context, a: r.analysis };
  };
  const libs = (text: string, files: Record<string, string>) => {
    const { context, a } = build(text, files);
    const pip = pipLibraries(context, "bookworm", a);
    return pip.unread ? `unread ${pip.unread.source}` : pip.packages;
  };

  test("each release's run-time package names; none for a package that brings its own library", () => {
    const { context, a } = build("COPY . .", { "requirements.txt": "psycopg2==2.9.10\npython-magic\npsycopg[binary]\n" });
    expect(pipLibraries(context, "bookworm", a).packages).toEqual(["libpq5", "libmagic1"]);
    expect(pipLibraries(context, "trixie", a).packages).toEqual(["libpq5", "libmagic1t64"]);
    expect(pipLibraries(context, null, a).unknown).toBe("psycopg2");
  });

  test("what the build's pip commands install: arguments, -r files and their includes, local projects", () => {
    expect(libs("RUN pip install psycopg2==2.9.9 flask", {})).toEqual(["libpq5"]);
    expect(libs("RUN python3 -m pip install --no-cache-dir -i https://x/simple mysqlclient", {})).toEqual(["libmariadb3"]);
    const subdir = { "requirements/production.txt": "-r base.txt\n", "requirements/base.txt": "psycopg2==2.9.9 # db\n" };
    expect(libs("COPY requirements/ requirements/\nRUN pip install -r requirements/production.txt", subdir)).toEqual(["libpq5"]);
    expect(libs("COPY . .\nRUN pip install -rreqs.txt", { "reqs.txt": "psycopg2\n" })).toEqual(["libpq5"]);
    expect(libs("COPY . .\nRUN cd sub && pip install .", { "sub/setup.py": 'setup(install_requires=[\n  "psycopg2",\n])' })).toEqual([
      "libpq5",
    ]);
    const cfg = { "setup.py": "setup()", "setup.cfg": "[options]\ninstall_requires =\n    flask\n    psycopg2==2.9.9\n[x]\n" };
    expect(libs("COPY . .\nRUN pip install .", cfg)).toEqual(["libpq5"]);
    const pyproject = {
      "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "flask",  # web [framework]\n  "psycopg2==2.9.9",\n]\n',
    };
    expect(libs("COPY . .\nRUN pip install .", pyproject)).toEqual(["libpq5"]);
    // A URL names its project by its egg only.
    expect(libs("COPY . .\nRUN pip install git+https://example.com/x.git#egg=psycopg2", {})).toEqual(["libpq5"]);
    expect(libs("COPY . .\nRUN pip install -r r.txt", { "r.txt": "git+https://example.com/mysqlclient.git\n" })).toEqual([]);
    // A constraints file limits versions and installs nothing.
    expect(libs("COPY . .\nRUN pip install -c c.txt flask", { "c.txt": "psycopg2==2.9.9\n" })).toEqual([]);
  });

  test("a requirement source the build names that cannot be read is reported", () => {
    expect(libs("COPY . .\nRUN pip install -r missing.txt", {})).toBe("unread missing.txt");
    expect(libs("COPY . .\nRUN pip install -r base.txt", { "base.txt": "-r gone.txt\n" })).toBe("unread base.txt");
    expect(libs('ARG PKGS\nRUN pip install "$PKGS"', {})).toBe('unread "$PKGS"');
    expect(libs("COPY . .\nRUN pip install dist/app-1.0-py3-none-any.whl", { "dist/app-1.0-py3-none-any.whl": "PK" })).toBe(
      "unread dist/app-1.0-py3-none-any.whl",
    );
    expect(libs("COPY . .\nRUN pip install .", { "setup.py": 'setup(install_requires=open("deps").read().split())' })).toBe("unread .");
  });

  test("WeasyPrint's and cairo's libraries, narrowed to those they load; what the full image lacks is apart", () => {
    const { context, a } = build("COPY . .", { "requirements.txt": "WeasyPrint==62.3\ncairosvg\npyzbar\npdf2image\nmoviepy\n" });
    const bookworm = pipLibraries(context, "bookworm", a);
    expect(bookworm.packages).toEqual([
      "libpango-1.0-0",
      "libpangoft2-1.0-0",
      "libharfbuzz-subset0",
      "libharfbuzz0b",
      "libfontconfig1",
      "libcairo2",
    ]);
    expect(bookworm.absent.map((n) => [n.pkg, n.packages])).toEqual([
      ["pyzbar", ["libzbar0"]],
      ["pdf2image", ["poppler-utils"]],
    ]);
    // Bullseye's HarfBuzz has no subsetter package of its own.
    expect(pipLibraries(context, "bullseye", a).packages).toContain("libharfbuzz0b");
    expect(pipLibraries(context, "bullseye", a).packages).not.toContain("libharfbuzz-subset0");
    expect(pipLibraries(context, null, a).unknown).toBe("weasyprint");
  });

  test("packages the stage's pip install lines name themselves count too, with their extras", () => {
    expect(libs("RUN pip install WeasyPrint==62.3", {})).toContain("libpango-1.0-0");
    expect(libs('RUN pip install "psycopg[binary]"', {})).toEqual([]);
    expect(libs("RUN pip install psycopg", {})).toEqual(["libpq5"]);
  });
});
