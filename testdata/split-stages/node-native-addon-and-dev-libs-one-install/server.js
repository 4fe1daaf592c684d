const Client = require("pg-native");
