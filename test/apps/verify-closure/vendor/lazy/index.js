module.exports = () => "loaded on first use\n";
