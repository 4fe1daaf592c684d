export default { greeting: 'hello from ts' };
