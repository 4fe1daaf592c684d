// The one error the user can fix: a bad flag, config file, frontend option or pass selection. Every edge
// prints it as `msb-opt: <message>` and exits 2 (the frontend fails the build with it); the message already
// names where the problem is (`.msb-opt.json: …`, `--passes …`, `skip=… on the syntax line`).
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
