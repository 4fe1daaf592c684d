const greet = (n) => `hello ${n}`;
console.log(greet('docker'));
