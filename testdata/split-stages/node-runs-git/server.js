const { simpleGit } = require("simple-git");
