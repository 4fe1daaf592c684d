import bytes from "bytes";

export default { run: () => `size ${bytes(1048576)}` };
