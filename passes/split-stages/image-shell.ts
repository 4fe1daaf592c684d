// Which shell `/bin/sh` is in a base image, where it changes what a RUN does.

/**
 * Is `/bin/sh` bash in the image? Amazon Linux (amazoncorretto, the maven images on it) and Oracle Linux (the
 * openjdk images of Java 12 and later that name no Debian release) link it to bash; Temurin's Ubuntu to dash.
 */
export function bashShell(name: string, tag: string): boolean {
  if (name === "amazoncorretto") return true;
  if (name === "maven" && /amazoncorretto/.test(tag)) return true;
  const major = (name === "openjdk" ? /^(\d+)/ : name === "maven" ? /openjdk-(\d+)/ : /^$/).exec(tag);
  if (/oraclelinux/.test(tag)) return true;
  return major !== null && Number.parseInt(major[1], 10) >= 12 && !/slim|buster|bullseye|bookworm|stretch|jessie/.test(tag);
}

/**
 * Does the shell that runs a RUN expand braces (`mkdir -p /opt/app/{conf,data}` makes two folders)? bash, zsh and
 * the Korn shells do, also as `/bin/sh` in an image whose `/bin/sh` is bash; dash and busybox's ash do not.
 */
export function bracesExpand(shell: readonly string[] | null, image: { name: string; tag: string | null }): boolean {
  const program = (shell?.[0] ?? "").replace(/^.*\//, "");
  if (/^(bash|zsh|ksh|ksh93|mksh)$/.test(program)) return true;
  const tag = image.tag ?? "latest";
  return program === "sh" && !/alpine/.test(tag) && bashShell(image.name, tag);
}
