// A Python file that loads a font by its file name (Pillow's `ImageFont.truetype("DejaVuSans.ttf", 24)`, which looks in
// the system's font folders when no such file is where the app runs) or by a path under /usr/share/fonts (reportlab's
// `TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")`) needs that font in the image. The full python
// image has fonts-dejavu-core: buildpack-deps installs libmagickwand-dev, whose libmagickcore depends on libfontconfig1
// → fontconfig-config, which depends on fonts-dejavu-core (Debian bookworm's package relationships); the slim image has
// no /usr/share/fonts at all (red team 15 F21).
import { posix } from "node:path";
import type { BuildContext } from "../../../src/core/context.js";
import type { SourceFile } from "../source-files.js";

/**
 * The font files fonts-dejavu-core brings (with what it depends on), by the releases whose full python image has it
 * through that chain (buildpack-deps installs imagemagick and libmagickwand-dev on both). bookworm 2.37-6 ships the
 * six below (`dpkg -c`); trixie 2.37-8 moved the monospaced ones to fonts-dejavu-mono, which it depends on and which
 * adds their oblique faces. fontconfig-config's first alternative is fonts-dejavu-core on both (apt-cache; trixie's
 * Packages index).
 */
const DEJAVU = [
  "DejaVuSans.ttf",
  "DejaVuSans-Bold.ttf",
  "DejaVuSerif.ttf",
  "DejaVuSerif-Bold.ttf",
  "DejaVuSansMono.ttf",
  "DejaVuSansMono-Bold.ttf",
];
export const DEJAVU_CORE_FONTS: Readonly<Record<string, readonly string[]>> = {
  bookworm: DEJAVU,
  trixie: [...DEJAVU, "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"],
};

export interface SystemFont {
  readonly file: string;
  /** The font's file name (`DejaVuSans.ttf`). */
  readonly font: string;
}

/** The fonts the Python files load from the system's font folders, in file order. */
export function systemFonts(files: readonly SourceFile[], context: BuildContext): SystemFont[] {
  const out: SystemFont[] = [];
  for (const { path, text } of files) {
    if (!path.endsWith(".py")) continue;
    const add = (font: string) => {
      if (!out.some((f) => f.font === font)) out.push({ file: path, font });
    };
    // `truetype("Name.ttf", …)`: a bare name the app does not ship beside itself or at the context's root.
    for (const m of text.matchAll(/\btruetype\s*\(\s*(?:font\s*=\s*)?[rRuU]?(["'])([^"'\n]+\.(?:ttf|otf|ttc))\1/gi)) {
      const name = m[2];
      if (name.includes("/")) continue;
      if (context.exists(name) || context.exists(posix.join(posix.dirname(path), name))) continue;
      add(name);
    }
    // Any path into the system's font folders.
    for (const m of text.matchAll(/["'](\/usr\/(?:local\/)?share\/fonts\/[^"'\n]*?([^/"'\n]+\.(?:ttf|otf|ttc)))["']/gi)) add(m[2]);
  }
  return out;
}
