const ffmpeg = require("fluent-ffmpeg");
require("http").createServer((_, res) => ffmpeg.getAvailableFormats((err) => res.end(err ? "no ffmpeg" : "ffmpeg"))).listen(3000);
