require("child_process").execSync("mkdir -p /srv/data && echo hi > /srv/data/conf.json");
