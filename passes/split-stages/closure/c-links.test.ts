import { beforeAll, describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { loadShell } from "../../../src/core/shell.js";
import { cLinks } from "./c-links.js";

beforeAll(loadShell);
const none = memoryContext({});
const run = (text: string, line = 3) => ({ text, line });
const names = (r: ReturnType<typeof cLinks>) => r.libraries.map((l) => l.name);

describe("cLinks", () => {
  it("reads -l on compiler commands, spaced or not, and nothing on other commands", () => {
    const r = cLinks([run("gcc -o app main.c -lssl -l crypto -lm && ls -la")], none, ["."], []);
    expect(names(r)).toEqual(["ssl", "crypto", "m"]);
    expect(r.cxx).toBeNull();
    expect(r.unread).toBeNull();
  });

  it("takes g++ and C++ sources as C++", () => {
    expect(cLinks([run("g++ -o app main.cpp")], none, ["."], []).cxx).toBe("the RUN on line 3 runs `g++`");
    expect(cLinks([run("gcc -o app main.cc -lstdc++")], none, ["."], []).cxx).toBe("the RUN on line 3 compiles C++ sources");
    const context = memoryContext({ "src/main.cpp": "int main() {}", Makefile: "app:\n\tcc -o app src/main.c\n" });
    expect(cLinks([run("make")], context, ["."], []).cxx).toBe("the build copies the C++ source `src/main.cpp`");
  });

  it("reads a Makefile's link lines when make runs, not its other recipe lines", () => {
    const context = memoryContext({
      Makefile: "LDLIBS = -lsqlite3 \\\n  -lz\napp: app.c\n\t$(CC) -o $@ $< $(LDLIBS) -lcurl\nclean:\n\tls -la\n",
    });
    expect(names(cLinks([run("make")], context, ["."], []))).toEqual(["sqlite3", "z", "curl"]);
    expect(names(cLinks([run("gcc -o app app.c")], context, ["."], []))).toEqual([]);
  });

  it("skips commented-out lines of a Makefile with CRLF line ends", () => {
    const context = memoryContext({
      Makefile: "#  gcc -o srv.exe srv.c -liphlpapi -lws2_32\r\nCC\t= gcc\r\napp: app.c\r\n\t$(CC) -o $@ $< -lm # -lfoo\r\n",
    });
    expect(names(cLinks([run("make")], context, ["."], []))).toEqual(["m"]);
  });

  it("reads -l in ENV lines", () => {
    expect(names(cLinks([{ text: "LDLIBS=-lyaml", line: 2, env: true }, run("make")], none, ["."], []))).toEqual(["yaml"]);
  });

  it("resolves target_link_libraries against own targets and known packages", () => {
    const context = memoryContext({
      "CMakeLists.txt":
        "project(x CXX)\nfind_package(Threads REQUIRED)\nfind_package(OpenSSL)\nadd_library(core STATIC core.cpp)\nadd_executable(app main.cpp)\n" +
        "target_link_libraries(app PRIVATE core Threads::Threads OpenSSL::SSL ${OPENSSL_LIBRARIES} sqlite3 -lz) # m\n",
    });
    const r = cLinks([run("cmake -S . -B build && cmake --build build")], context, ["."], []);
    expect(names(r)).toEqual(["pthread", "ssl", "crypto", "sqlite3", "z"]);
    expect(r.cxx).toBe("`CMakeLists.txt` enables C++");
    expect(r.unread).toBeNull();
  });

  it("reports what decides the libraries where it cannot be read", () => {
    const unread = (files: Record<string, string>, cmd = "cmake . && make") => cLinks([run(cmd)], memoryContext(files), ["."], []).unread;
    expect(unread({ "CMakeLists.txt": "find_package(Boost REQUIRED)\n" })).toContain("`find_package`");
    expect(unread({ "CMakeLists.txt": "FetchContent_MakeAvailable(fmt)\n" })).toContain("builds another project");
    expect(unread({ "CMakeLists.txt": "pkg_check_modules(GTK gtk+-3.0)\n" })).toContain("runs `pkg_check_modules(`");
    expect(unread({ "CMakeLists.txt": "add_executable(a a.c)\ntarget_link_libraries(a ${FOO_LIBS})\n" })).toContain("`${FOO_LIBS}`");
    expect(unread({ Makefile: "LDLIBS = $(shell pkg-config --libs glib-2.0)\n" }, "make")).toBe("`Makefile` runs `pkg-config`");
    expect(unread({}, "gcc -o app app.c $(curl-config --libs)")).toBe("the RUN on line 3 runs `curl-config --libs`");
    expect(unread({}, "meson setup build && ninja -C build")).toBe("the RUN on line 3 runs `meson`");
  });

  it("reports gcc flags that link its run-time libraries", () => {
    expect(cLinks([run("gcc -fopenmp -fsanitize=address -o app app.c")], none, ["."], []).gccFlags).toEqual([
      { flag: "-fopenmp", library: "gomp" },
      { flag: "-fsanitize=address", library: null },
    ]);
  });

  it("reads only the build files the image holds", () => {
    const context = memoryContext({ "src/Makefile": "LDLIBS = -lpq\n", "tools/Makefile": "LDLIBS = -lgtk\n" });
    expect(names(cLinks([run("make -C src")], context, ["src"], []))).toEqual(["pq"]);
    expect(names(cLinks([run("make")], context, [], ["tools/Makefile"]))).toEqual(["gtk"]);
  });
});

describe("cLinks: computed library names", () => {
  it("reports -l with a variable, on a command or a Makefile link line", () => {
    expect(cLinks([run("gcc -o app app.c -l$LIB")], none, ["."], []).unread).toBe(
      "the RUN on line 3 links a library its name computes (`-l$LIB`)",
    );
    const context = memoryContext({ Makefile: "LDLIBS = -l$(DB)\n" });
    expect(cLinks([run("make")], context, ["."], []).unread).toBe("`Makefile` links a library named by a variable (`-l$(…)`)");
  });
});

describe("cLinks: expanded words", () => {
  it("reads a variable an ENV line sets, and reports one it does not", () => {
    const env = { text: "LIBS=-lz", line: 2, env: true };
    expect(names(cLinks([env, run("gcc -o app app.c $LIBS")], none, ["."], []))).toEqual(["z"]);
    expect(cLinks([run("gcc -o app app.c $LIBS")], none, ["."], []).unread).toBe(
      "the RUN on line 3 passes the compiler `$LIBS`, which the shell expands",
    );
    expect(cLinks([run("gcc -o app $(ls *.c)")], none, ["."], []).unread).toContain("`$(ls *.c)`");
    expect(cLinks([{ text: "LS_OPTS=-la", line: 2, env: true }], none, ["."], []).libraries).toEqual([]);
    // A variable of any name counts when the build refers to it.
    const deps = { text: "DEPS=-lcurl LS_OPTS=-la", line: 2, env: true };
    const mk = memoryContext({ Makefile: "app:\n\t$(CC) -o app app.c $(DEPS)\n" });
    expect(names(cLinks([deps, run("make")], mk, ["."], []))).toEqual(["curl"]);
  });
});

describe("cLinks: every -l make may link (red team 14)", () => {
  it("counts -l on a Makefile variable of any name, exported, overridden or target-specific", () => {
    const context = memoryContext({
      Makefile:
        "DEPS = -lcurl\nexport LDLIBS := -lz\noverride LDLIBS += -lyaml\napp: EXTRA += -lpq # -lnot\napp: main.c\n\t$(CC) -o app main.c $(DEPS)\n\tls -la\n",
    });
    const r = cLinks([run("make")], context, ["."], []);
    expect(names(r)).toEqual(["curl", "z", "yaml", "pq"]);
    expect(r.unread).toBeNull();
  });

  it("counts variables set for make or the compiler in the RUN, and make's own -l is no library", () => {
    expect(names(cLinks([run("LDLIBS=-lcurl make -j4 -l 2 app")], none, ["."], []))).toEqual(["curl"]);
    expect(names(cLinks([run("export LIBS=-lssl && make")], none, ["."], []))).toEqual(["ssl"]);
    expect(names(cLinks([run("make app LDLIBS=-lz")], none, ["."], []))).toEqual(["z"]);
    expect(cLinks([run('LDLIBS="$(cat libs.txt)" make app')], none, ["."], []).unread).toBe(
      'the RUN on line 3 sets `LDLIBS="$(cat libs.txt)"` for the build, which the shell expands',
    );
  });

  it("reads the Makefile make -f names, or reports it unread", () => {
    const context = memoryContext({ "build/linux.make": "LDLIBS = -lcurl\n", "main.c": "" });
    expect(names(cLinks([run("make -f build/linux.make")], context, ["."], []))).toEqual(["curl"]);
    expect(names(cLinks([run("make --file=build/linux.make")], context, ["."], []))).toEqual(["curl"]);
    expect(cLinks([run("make -f Makefile.other")], context, ["."], []).unread).toBe(
      "the RUN on line 3 runs make with `Makefile.other`, which the build context does not hold",
    );
  });

  it("reads a file copied under a Makefile's name and the files a Makefile includes", () => {
    const context = memoryContext({
      "Makefile.docker": "include config.mak\n-include $(OBJS:.o=.d)\n-include local.mk\n",
      "config.mak": "LIBS = -lcurl\n",
    });
    expect(names(cLinks([run("make")], context, [], ["Makefile.docker"]))).toEqual(["curl"]);
    const renamed = memoryContext({ "docker/make.conf": "include settings\n", "docker/settings": "LIBS = -lz\n" });
    expect(names(cLinks([run("make")], renamed, [], ["docker/make.conf"], ["docker/make.conf"]))).toEqual(["z"]);
    const missing = memoryContext({ Makefile: "include config.mak\n" });
    const generated = memoryContext({ Makefile: "-include local.mk\napp:\n\t$(CC) -o app app.c $(LIBS)\n" });
    expect(cLinks([run("make")], generated, ["."], []).unread).toBeNull();
    expect(cLinks([run("echo LIBS=-lcurl > local.mk && make")], generated, ["."], []).unread).toBe(
      "`Makefile` includes `local.mk`, which the build context does not hold",
    );
    expect(cLinks([run("make")], missing, ["."], []).unread).toBe(
      "`Makefile` includes `config.mak`, which the build context does not hold",
    );
  });

  it("reports flags a command prints ($(shell …), backticks, !=) unless the command prints file lists", () => {
    const read = (mk: string) => cLinks([run("make")], memoryContext({ Makefile: mk }), ["."], []).unread;
    expect(read("LDLIBS += $(shell mysql_config --libs)\n")).toBe("`Makefile` runs `mysql_config --libs`");
    expect(read("DEPS := $(shell ./libs.sh)\n")).toBe(
      "`Makefile` sets flags with `$(shell ./libs.sh`, whose output is known only when it runs",
    );
    expect(read("LIBS != ./libs.sh\n")).toContain("`./libs.sh`");
    expect(read("app:\n\t$(CC) -o app main.c `./libs.sh`\n")).toContain("`./libs.sh`");
    expect(
      read(
        'SRCS := $(shell find src -name "*.c")\nREV := $(shell git rev-parse HEAD)\nARCH := $(shell $(CC) -dumpmachine)\napp:\n\techo `date`\n',
      ),
    ).toBeNull();
  });
});
