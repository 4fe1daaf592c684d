// A second Docker engine on this machine, for the fleet tests: its own socket, data root, exec root, pidfile,
// containerd namespace and network namespace (its containers reach nothing outside: the apps build offline).
// Needs root, dockerd, unshare and ip; `startSecondEngine` says why not otherwise.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SecondEngine {
  /** `unix:///…/docker.sock`, for DOCKER_HOST or `--docker-host`. */
  readonly host: string;
  /** Load images from the main engine (`docker save | docker -H … load`). */
  load(images: readonly string[]): void;
  stop(): void;
}

const have = (bin: string) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;

export async function startSecondEngine(docker: string): Promise<SecondEngine | { reason: string }> {
  if (process.getuid?.() !== 0) return { reason: "a second engine needs root" };
  if (!have("dockerd") || !have("unshare") || !have("ip")) return { reason: "dockerd, unshare or ip is not installed" };
  const dir = mkdtempSync(join(tmpdir(), "msb-engine-"));
  const id = dir.slice(-6).replace(/[^A-Za-z0-9]/g, "x");
  const host = `unix://${dir}/docker.sock`;
  const pidfile = join(dir, "docker.pid");
  // Its own network namespace: its bridge and rules never touch the host's (a dockerd on the host's namespace
  // with another bridge deletes the main engine's docker0).
  const flags = [
    `--host ${host}`,
    `--data-root ${join(dir, "data")}`,
    `--exec-root ${join(dir, "exec")}`,
    `--pidfile ${pidfile}`,
    "--iptables=false",
    "--ip6tables=false",
    `--containerd-namespace msb-${id}`,
    `--containerd-plugins-namespace msb-${id}-plugins`,
  ];
  const daemon = spawn("unshare", ["--net", "sh", "-c", `ip link set lo up && exec dockerd ${flags.join(" ")}`], {
    stdio: "ignore",
    detached: true,
  });
  daemon.unref();
  const client = (args: string[]) => spawnSync(docker, ["-H", host, ...args]);
  const stop = () => {
    const pid = existsSync(pidfile) ? Number(readFileSync(pidfile, "utf8")) : daemon.pid;
    if (pid) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 100 && spawnSync("kill", ["-0", String(pid)]).status === 0; i++) spawnSync("sleep", ["0.2"]);
    }
    spawnSync("umount", ["-R", join(dir, "exec")], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (client(["info", "--format", "{{.ServerVersion}}"]).status === 0) {
      return {
        host,
        load(images) {
          const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
          const pipe = `set -o pipefail; ${quote(docker)} save ${images.map(quote).join(" ")} | ${quote(docker)} -H ${quote(host)} load`;
          // Other suites tag stand-ins on the first engine meanwhile (a tag is briefly missing while it moves): try again.
          let failed = "";
          for (let attempt = 0; attempt < 3; attempt++) {
            const r = spawnSync("bash", ["-c", pipe], { encoding: "utf8" });
            if (r.status === 0) return;
            failed = r.stderr;
            spawnSync("sleep", ["2"]);
          }
          throw new Error(`loading ${images.join(", ")} into the second engine failed: ${failed}`);
        },
        stop,
      };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  return { reason: "the second dockerd did not come up within 20 s" };
}
