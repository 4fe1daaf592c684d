import ms from "ms";

export default { run: () => `ping ${ms(90000)}` };
