import { expect, test } from "vitest";
import { memoryContext } from "../../../src/core/context.js";
import { systemFonts } from "./python-fonts.js";

const fonts = (text: string, files: Record<string, string> = {}) =>
  systemFonts([{ path: "app/draw.py", name: "draw.py", text }], memoryContext({ "app/draw.py": text, ...files }));

test("a font loaded by file name, or by a path under /usr/share/fonts, is a system font", () => {
  expect(fonts('font = ImageFont.truetype("DejaVuSans.ttf", 24)\n')).toEqual([{ file: "app/draw.py", font: "DejaVuSans.ttf" }]);
  expect(fonts("f = truetype(font='DejaVuSerif-Bold.ttf', size=12)\n")).toEqual([{ file: "app/draw.py", font: "DejaVuSerif-Bold.ttf" }]);
  expect(fonts('TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")\n')).toEqual([
    { file: "app/draw.py", font: "DejaVuSansMono.ttf" },
  ]);
});

test("a font the app ships (beside the file or at the context's root, or by a relative path) is not", () => {
  expect(fonts('ImageFont.truetype("Roboto.ttf", 24)\n', { "Roboto.ttf": "x" })).toEqual([]);
  expect(fonts('ImageFont.truetype("Roboto.ttf", 24)\n', { "app/Roboto.ttf": "x" })).toEqual([]);
  expect(fonts('ImageFont.truetype("fonts/Roboto.ttf", 24)\n')).toEqual([]);
  expect(fonts("ImageFont.load_default()\n")).toEqual([]);
});
