export default { preview: { port: 4173 } };
