// Next's `webpack(config, options)` hook in next.config: `next build` and `next dev` call it to extend the webpack
// configuration; `next start` loads the config object and never calls it. A package named only inside its body
// (`use: ["@svgr/webpack"]`, a loader) is the build's. The config is read by its syntax: strings, template
// literals, regular expressions and comments are skipped, and only a property of an object literal named
// `webpack` whose value is a function written there counts.

/**
 * `text` with every comment, string, template literal and regular expression blanked (line breaks kept), so a
 * brace or a word found in it is code; null when the text does not scan (an unclosed string or comment).
 */
export function codeOnly(text: string): string | null {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  /** Open `{` of code ("code") and of a template's `${` ("template"), innermost last. */
  const stack: Array<"code" | "template"> = [];
  let last = ""; // the last significant code character, to tell a regular expression from a division
  let lastWord = "";
  let i = 0;
  const n = text.length;
  /** Scans a template literal's text from `i` (after the opening backtick or a closing `}` of `${`). */
  const template = (): boolean => {
    const start = i;
    while (i < n) {
      const c = text[i];
      if (c === "\\") i += 2;
      else if (c === "`") {
        blank(start, i + 1);
        i++;
        last = "`";
        return true;
      } else if (c === "$" && text[i + 1] === "{") {
        blank(start, i);
        stack.push("template");
        i += 2;
        last = "{";
        return true;
      } else i++;
    }
    return false;
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return null;
      blank(i, end + 2);
      i = end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      if (j >= n || text[j] !== c) return null;
      blank(i, j + 1);
      i = j + 1;
      last = c;
    } else if (c === "`") {
      out[i] = " ";
      i++;
      if (!template()) return null;
    } else if (
      c === "/" &&
      (last === "" || "(,=:[!&|?{};+-*%<>~^".includes(last) || /^(return|typeof|case|in|of|void|yield|await)$/.test(lastWord))
    ) {
      // A regular expression literal: up to the unescaped `/` outside a class, then its flags.
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== "\n" && (inClass || text[j] !== "/")) {
        if (text[j] === "\\") j++;
        else if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        j++;
      }
      if (j >= n || text[j] !== "/") return null;
      j++;
      while (j < n && /[a-z]/i.test(text[j])) j++;
      blank(i, j);
      i = j;
      last = "/";
      lastWord = "";
    } else if (c === "{") {
      stack.push("code");
      last = c;
      lastWord = "";
      i++;
    } else if (c === "}") {
      const open = stack.pop();
      if (open === undefined) return null;
      if (open === "template") {
        i++;
        if (!template()) return null;
      } else {
        last = c;
        lastWord = "";
        i++;
      }
    } else {
      if (/[A-Za-z_$]/.test(c)) {
        let j = i;
        while (j < n && /[\w$]/.test(text[j])) j++;
        lastWord = text.slice(i, j);
        last = "a";
        i = j;
        continue;
      }
      if (!/\s/.test(c)) {
        last = c;
        lastWord = "";
      }
      i++;
    }
  }
  return stack.length === 0 ? out.join("") : null;
}

/** The index of the bracket that closes the one at `open` in scanned code, or -1. */
function closing(code: string, open: number): number {
  const pair: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const want: string[] = [];
  for (let k = open; k < code.length; k++) {
    const c = code[k];
    if (pair[c]) want.push(pair[c]);
    else if (c === ")" || c === "}" || c === "]") {
      if (want.pop() !== c) return -1;
      if (want.length === 0) return k;
    }
  }
  return -1;
}

/**
 * `text` (a next.config file) with the body of each `webpack` hook of an object literal blanked: `webpack(config)
 * { … }`, `webpack: function (config) { … }`, `webpack: (config, options) => { … }`. Text that does not scan, or a
 * hook written another way (a function defined elsewhere), is left as it is.
 */
export function withoutWebpackHooks(text: string): string {
  const code = codeOnly(text);
  if (code === null) return text;
  const out = text.split("");
  const key = /[{,]\s*(?:async\s+)?webpack\s*(?=[(:])/g;
  for (const m of code.matchAll(key)) {
    let k = (m.index ?? 0) + m[0].length;
    const skip = () => {
      while (k < code.length && /\s/.test(code[k])) k++;
    };
    if (code[k] === ":") {
      k++;
      skip();
      if (code.startsWith("async", k) && !/[\w$]/.test(code[k + 5] ?? "")) {
        k += 5;
        skip();
      }
      if (code.startsWith("function", k) && !/[\w$]/.test(code[k + 8] ?? "")) {
        k += 8;
        skip();
        while (k < code.length && /[\w$]/.test(code[k])) k++;
        skip();
        if (code[k] !== "(") continue;
        k = closing(code, k) + 1;
        if (k === 0) continue;
      } else {
        // An arrow: `(config, options) =>` or `config =>`.
        if (code[k] === "(") {
          k = closing(code, k) + 1;
          if (k === 0) continue;
        } else {
          const word = /^[A-Za-z_$][\w$]*/.exec(code.slice(k));
          if (!word) continue;
          k += word[0].length;
        }
        skip();
        if (!code.startsWith("=>", k)) continue;
        k += 2;
      }
    } else {
      // A method: `webpack(config, options) { … }`.
      k = closing(code, k) + 1;
      if (k === 0) continue;
    }
    skip();
    if (code[k] !== "{") continue;
    const end = closing(code, k);
    if (end < 0) continue;
    for (let j = k + 1; j < end; j++) if (out[j] !== "\n") out[j] = " ";
  }
  return out.join("");
}
