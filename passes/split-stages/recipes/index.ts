// The runtime recipes, tried in order; the first whose `matches` accepts the base image plans the split.
import { debianRecipe } from "./debian.js";
import { gccRecipe } from "./gcc.js";
import { goRecipe } from "./go.js";
import { javaRecipe } from "./java.js";
import { nginxRecipe } from "./nginx.js";
import { nodeRecipe } from "./node.js";
import { pythonRecipe } from "./python.js";
import { rustRecipe } from "./rust.js";
import type { Recipe } from "./types.js";

export const RECIPES: readonly Recipe[] = [
  nodeRecipe,
  goRecipe,
  pythonRecipe,
  javaRecipe,
  rustRecipe,
  nginxRecipe,
  gccRecipe,
  debianRecipe,
];
export type { Recipe } from "./types.js";
