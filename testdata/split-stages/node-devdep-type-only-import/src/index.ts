import express from "express";
import type { AnyRouter } from "@trpc/server";

const routers: AnyRouter[] = [];
express().listen(3000, () => console.log(routers.length));
