import { createRequire } from 'node:module';
import express from 'express';
const load = createRequire(import.meta.url);
const plugins = load('./app.config.json').plugins.map((name) => load(name));
express().listen(3000);
