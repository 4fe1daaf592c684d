import ms from "ms";
const swaggerJsdoc = require("swagger-jsdoc");
import { users } from "./routes/users";
const spec = swaggerJsdoc({ definition: { openapi: "3.0.0", info: { title: "c57", version: "1.0.0" } }, apis: ["./src/routes/*.ts"] });
console.log("c57", ms(1000), users().length, "documented paths:", Object.keys(spec.paths || {}).join(",") || "none");
