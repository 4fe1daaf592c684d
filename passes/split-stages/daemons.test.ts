import { beforeAll, describe, expect, test } from "vitest";
import { memoryContext } from "../../src/core/context.js";
import { parseDockerfile } from "../../src/core/parse.js";
import { loadShell } from "../../src/core/shell.js";
import { analyze } from "./analysis.js";
import { crontabCommands, daemonCommands, shellString } from "./daemons.js";

beforeAll(() => loadShell());

const jobsOf = (dockerfile: string, files: Record<string, string>) => {
  const { dockerfile: df } = parseDockerfile(dockerfile);
  const context = memoryContext(files);
  const r = analyze(df, df.stages[0], context);
  if (!r.ok) return r.refusal.id;
  const { stage, entry, sources } = r.analysis;
  return daemonCommands(stage, entry, sources, context).commands;
};

describe("crontabCommands", () => {
  test("the command follows the time fields, and the user in a system crontab; % ends it", () => {
    const text = "SHELL=/bin/sh\n# nightly\n*/5 * * * * root cd /app && node job.js >> /tmp/log 2>&1\n@daily root date +\\%F% input\n\n";
    expect(crontabCommands(text, true)).toEqual(["cd /app && node job.js >> /tmp/log 2>&1", "date +%F"]);
    expect(crontabCommands("0 3 * * 1 /app/backup.sh\n@reboot node warm.js\n", false)).toEqual(["/app/backup.sh", "node warm.js"]);
  });
});

describe("daemonCommands", () => {
  const files = { crontab: "* * * * * root node /app/job.js\n", "user.cron": "* * * * * node /app/sync.js\n" };
  test("the jobs of crontabs copied to cron's folders, when the entry starts cron", () => {
    const df = (tail: string) =>
      `FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY crontab /etc/cron.d/app\nCOPY user.cron /etc/crontabs/root\n${tail}`;
    expect(jobsOf(df('CMD ["sh", "-c", "cron && exec node server.js"]\n'), files)).toEqual(["node /app/job.js", "node /app/sync.js"]);
    // Without cron in the entry, nothing runs the crontab.
    expect(jobsOf(df('CMD ["node", "server.js"]\n'), files)).toEqual([]);
  });
  test("a crontab written by a RUN or copied from a stage cannot be read", () => {
    const df = (line: string) => `FROM node:20\nWORKDIR /app\nCOPY . .\n${line}\nCMD cron -f\n`;
    expect(jobsOf(df("RUN echo '* * * * * root node /app/job.js' > /etc/cron.d/app"), files)).toBe("daemonCommandsUnknown");
    expect(jobsOf(df("RUN cp crontab /etc/cron.d/app"), files)).toBe("daemonCommandsUnknown");
    expect(jobsOf(df("COPY --from=jobs /cron /etc/cron.d/app"), files)).toBe("daemonCommandsUnknown");
    expect(jobsOf(df("COPY crontab /etc/cron.d/app\nRUN chmod 0644 /etc/cron.d/app"), files)).toEqual(["node /app/job.js"]);
  });
  test("supervisord: the programs of the context's configs", () => {
    const conf = { "supervisord.conf": "[program:worker]\ncommand=node worker.js\ndirectory=/app\n" };
    const df = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["supervisord", "-n", "-c", "/app/supervisord.conf"]\n';
    expect(jobsOf(df, conf)).toEqual(["cd /app && node worker.js"]);
    const two = {
      "supervisord.conf": "[program:web]\ncommand=node server.js\n\n[program:worker]\ndirectory = /app/jobs\ncommand = node worker.js\n",
    };
    expect(jobsOf(df, two)).toEqual(["node server.js", "cd /app/jobs && node worker.js"]);
  });
  test("a command given to `sh -c` or `bash -c` is followed; a `cd` elsewhere then a relative program, script or npm project, or a supervisord expansion is not", () => {
    const df = 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["supervisord", "-n", "-c", "/app/supervisord.conf"]\n';
    const conf = (command: string) => ({ "supervisord.conf": `[program:worker]\ncommand=${command}\n` });
    expect(jobsOf(df, conf('bash -c "cd /app && exec node worker.js"'))).toEqual(["cd /app && exec node worker.js"]);
    expect(jobsOf(df, conf("/bin/sh -ec 'cd /srv && node worker.js'"))).toEqual(["cd /srv && node worker.js"]);
    expect(jobsOf(df, conf("/bin/sh -ec 'cd /srv && ./run.sh'"))).toBe("daemonCommandCd");
    expect(jobsOf(df, conf("/bin/sh -ec 'cd /srv && npm start'"))).toBe("daemonCommandCd");
    expect(jobsOf(df, conf("/bin/sh -ec 'cd $HOME && node worker.js'"))).toBe("daemonCommandCd");
    expect(jobsOf(df, { "supervisord.conf": "[program:w]\ndirectory=/srv\ncommand=sh run.sh\n" })).toBe("daemonCommandCd");
    expect(jobsOf(df, conf("node %(here)s/worker.js"))).toBe("daemonCommandExpansion");
    expect(jobsOf(df, conf("node %(ENV_APP_DIR)s/worker.js"))).toBe("daemonCommandExpansion");
  });
});

describe("shellString", () => {
  test("the script a shell runs with -c, through nested shells; anything else as it is", () => {
    expect(shellString('/bin/bash -c "cd /app && node job.js"')).toBe("cd /app && node job.js");
    expect(shellString(`sh -c 'bash -lc "node job.js"'`)).toBe("node job.js");
    expect(shellString('sh -c "node job.js" && node other.js')).toBe('sh -c "node job.js" && node other.js');
    expect(shellString('bash -c "node $JOB"')).toBe('bash -c "node $JOB"');
    expect(shellString("node job.js")).toBe("node job.js");
  });
});
