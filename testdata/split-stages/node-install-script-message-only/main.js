require("es5-ext"); require("@apollo/protobufjs");
