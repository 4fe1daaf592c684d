// A local run of the job, for development.
require("ms");
