const n: number = 42; console.log("job ran", n);
