const jobs: number[] = [1, 2, 3];
console.log("worker sum", jobs.reduce((a, b) => a + b, 0));
