import ms from "ms"; console.log("c18", ms(1000), process.env.NPM_CONFIG_PREFIX); setTimeout(()=>process.exit(0), 300)
