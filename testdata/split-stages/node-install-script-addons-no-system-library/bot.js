const ffmpeg = require("ffmpeg-static");
const farmhash = require("farmhash");
const { toBigIntBE } = require("bigint-buffer");
const duckdb = require("duckdb");
const keccak = require("keccak");
console.log(ffmpeg, farmhash.hash32("x"), toBigIntBE(Buffer.from([1])), new duckdb.Database(":memory:"), keccak("keccak256"));
