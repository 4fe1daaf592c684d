import { defineConfig, mergeConfig } from "vite";
import base from "./vite.base.js";
export default mergeConfig(base, defineConfig({ mode: "production" }));
