import { describe, expect, test } from "vitest";
import { tarCompressor, tarDetectedCompressors } from "./tar.js";

const of = (command: string) => tarCompressor(command.split(" "));

describe("tarCompressor", () => {
  test("a compression letter or option names the program, in every option style", () => {
    expect(of("tar xJf seed.tar")).toBe("xz");
    expect(of("tar -xjf seed.tar.bz2")).toBe("bzip2");
    expect(of("tar -x -z -f seed.tgz")).toBe("gzip");
    expect(of("tar --extract --zstd --file=seed.tar.zst")).toBe("zstd");
    expect(of("tar --lzma -xf seed")).toBe("lzma");
    expect(of("/bin/tar -cJf out.tar.xz dist")).toBe("xz");
  });
  test("a compress program given by -I or --use-compress-program is run by its first word", () => {
    expect(of("tar --use-compress-program=unxz -xf s.tar")).toBe("unxz");
    expect(of("tar -I zstd -xf s.tar")).toBe("zstd");
    expect(of("tar -Ipigz -cf s.tar.gz .")).toBe("pigz");
    expect(tarCompressor(["tar", "-I", "zstd -T0", "-xf", "s.tar"])).toBe("zstd");
  });
  test("reading without an option, tar goes by the archive's suffix", () => {
    expect(of("tar xf seed.tar.xz -C /tmp/data")).toBe("xz");
    expect(of("tar -C /tmp -xf data/seed.tbz2")).toBe("bzip2");
    expect(of("tar -tf seed.txz")).toBe("xz");
    expect(of("tar --file seed.tar.zst --extract")).toBe("zstd");
    expect(of("tar xfC seed.tar.lz /tmp")).toBe("lzip");
    expect(of("tar -xf seed.tar")).toBeNull();
  });
  test("writing goes by the suffix only with -a", () => {
    expect(of("tar -cf out.tar.xz dist")).toBeNull();
    expect(of("tar -caf out.tar.xz dist")).toBe("xz");
    expect(of("tar --auto-compress -cf out.tar.bz2 dist")).toBe("bzip2");
  });
  test("an archive on standard input or named by a variable has no suffix to go by", () => {
    expect(of("tar -xf -")).toBeNull();
    expect(of("tar -xf $ARCHIVE")).toBeNull();
    expect(of("tar -x")).toBeNull();
  });
  test("other commands run no compressor", () => {
    expect(of("unzip seed.tar.xz")).toBeNull();
    expect(of("bsdtar -xJf seed.tar.xz")).toBeNull();
  });
});

describe("tarDetectedCompressors", () => {
  const of = (command: string) => tarDetectedCompressors(command.split(" "));
  test("reading an archive named by a variable, a glob or standard input, tar may run any compressor", () => {
    for (const command of ["tar -xf $SEED_ARCHIVE -C /tmp", "tar -xf data/seed.tar.* -C /tmp", "tar -xf -", "tar x", "tar -tf `ls`"])
      expect(of(command)).toContain("xz");
    expect(of("tar -xf $DIR/seed.tar.bz2")).toEqual(["gzip", "bzip2", "xz", "lzma", "zstd", "lzip", "lzop"]);
  });
  test("a compression option or a literal name tells the program; writing detects nothing", () => {
    expect(of("tar -xJf $SEED_ARCHIVE")).toEqual([]);
    expect(of("tar -xf - --zstd")).toEqual([]);
    expect(of("tar -xf seed.tar.xz")).toEqual([]);
    expect(of("tar -xf data/*.tar.xz")).toEqual([]);
    expect(of("tar -xf seed.tar")).toEqual([]);
    expect(of("tar -cf - dist")).toEqual([]);
  });
});
