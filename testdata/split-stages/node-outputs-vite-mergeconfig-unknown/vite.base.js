export default { build: { outDir: "public/app", emptyOutDir: true } };
