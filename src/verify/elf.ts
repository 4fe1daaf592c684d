// A small ELF reader: what the dynamic loader needs to start a program or load a library. It reads the
// program headers (PT_INTERP, PT_LOAD, PT_DYNAMIC) and the dynamic section's DT_NEEDED, DT_RPATH and
// DT_RUNPATH, and resolves the libraries against a file system the caller describes (an image's).
import { posix } from "node:path";

export interface ElfInfo {
  /** The program interpreter (the dynamic loader), null for static executables and most libraries. */
  readonly interpreter: string | null;
  readonly needed: readonly string[];
  readonly rpath: readonly string[];
  readonly runpath: readonly string[];
  /** e.g. `x86_64`, `aarch64`: picks the multiarch folders. */
  readonly machine: string;
}

const MACHINES: Readonly<Record<number, string>> = { 3: "i386", 40: "arm", 62: "x86_64", 183: "aarch64", 243: "riscv64" };
const [PT_LOAD, PT_DYNAMIC, PT_INTERP] = [1, 2, 3];
const [DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_RUNPATH] = [0, 1, 5, 15, 29];

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** Parse an ELF file; null when it is not one or is truncated. */
export function readElf(data: Buffer): ElfInfo | null {
  if (data.length < 52 || !isElf(data)) return null;
  const is64 = data[4] === 2;
  const le = data[5] === 1;
  const u16 = (o: number) => (le ? data.readUInt16LE(o) : data.readUInt16BE(o));
  const u32 = (o: number) => (le ? data.readUInt32LE(o) : data.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? data.readBigUInt64LE(o) : data.readBigUInt64BE(o)) : u32(o));
  try {
    const machine = MACHINES[u16(18)] ?? `machine-${u16(18)}`;
    const phoff = word(is64 ? 32 : 28);
    const phentsize = u16(is64 ? 54 : 42);
    const phnum = u16(is64 ? 56 : 44);
    const loads: { vaddr: number; offset: number; filesz: number }[] = [];
    let dynamic: { offset: number; size: number } | null = null;
    let interpreter: string | null = null;
    for (let i = 0; i < phnum; i++) {
      const h = phoff + i * phentsize;
      const type = u32(h);
      const offset = word(h + (is64 ? 8 : 4));
      const vaddr = word(h + (is64 ? 16 : 8));
      const filesz = word(h + (is64 ? 32 : 16));
      if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
      if (type === PT_DYNAMIC) dynamic = { offset, size: filesz };
      if (type === PT_INTERP) interpreter = cString(data, offset);
    }
    const entries: { tag: number; value: number }[] = [];
    if (dynamic) {
      const size = is64 ? 16 : 8;
      for (let o = dynamic.offset; o + size <= dynamic.offset + dynamic.size; o += size) {
        const tag = word(o);
        if (tag === DT_NULL) break;
        entries.push({ tag, value: word(o + size / 2) });
      }
    }
    const strtabAddr = entries.find((e) => e.tag === DT_STRTAB)?.value;
    const load = strtabAddr === undefined ? undefined : loads.find((l) => strtabAddr >= l.vaddr && strtabAddr < l.vaddr + l.filesz);
    const strtab = load && strtabAddr !== undefined ? strtabAddr - load.vaddr + load.offset : null;
    const str = (tag: number) => (strtab === null ? [] : entries.filter((e) => e.tag === tag).map((e) => cString(data, strtab + e.value)));
    const paths = (tag: number) => str(tag).flatMap((s) => s.split(":").filter(Boolean));
    return { interpreter, needed: str(DT_NEEDED).filter(Boolean), rpath: paths(DT_RPATH), runpath: paths(DT_RUNPATH), machine };
  } catch {
    return null;
  }
}

/** Where PT_DYNAMIC lies in the file, read from the head of an ELF file (null when the head does not say). */
export function dynamicSection(head: Buffer): { offset: number; size: number } | null {
  if (head.length < 64 || !isElf(head)) return null;
  const is64 = head[4] === 2;
  const le = head[5] === 1;
  const u16 = (o: number) => (le ? head.readUInt16LE(o) : head.readUInt16BE(o));
  const u32 = (o: number) => (le ? head.readUInt32LE(o) : head.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? head.readBigUInt64LE(o) : head.readBigUInt64BE(o)) : u32(o));
  const [phoff, phentsize, phnum] = [word(is64 ? 32 : 28), u16(is64 ? 54 : 42), u16(is64 ? 56 : 44)];
  for (let i = 0; i < phnum; i++) {
    const h = phoff + i * phentsize;
    if (h + phentsize > head.length) return null;
    if (u32(h) === PT_DYNAMIC) return { offset: word(h + (is64 ? 8 : 4)), size: word(h + (is64 ? 32 : 16)) };
  }
  return null;
}

function cString(data: Buffer, offset: number): string {
  const end = data.indexOf(0, offset);
  return data.toString("utf8", offset, end < 0 ? data.length : end);
}

/** The folders the loader searches for `elf`'s libraries, in order (glibc rules; musl's are a subset). */
export function librarySearchPath(
  elf: ElfInfo,
  file: string,
  system: { readonly ldLibraryPath: readonly string[]; readonly ldSoConf: readonly string[] },
): string[] {
  const origin = posix.dirname(file);
  const expand = (dir: string) => dir.replace(/\$(ORIGIN|\{ORIGIN\})/g, origin).replace(/\$(LIB|\{LIB\})/g, "lib");
  const multiarch =
    elf.machine === "x86_64" ? "x86_64-linux-gnu" : elf.machine === "aarch64" ? "aarch64-linux-gnu" : `${elf.machine}-linux-gnu`;
  const dirs = [
    ...(elf.runpath.length === 0 ? elf.rpath : []),
    ...system.ldLibraryPath,
    ...elf.runpath,
    ...system.ldSoConf,
    `/lib/${multiarch}`,
    `/usr/lib/${multiarch}`,
    "/lib64",
    "/usr/lib64",
    "/lib",
    "/usr/lib",
    "/usr/local/lib",
  ];
  return [...new Set(dirs.map((d) => posix.normalize(expand(d))))];
}
