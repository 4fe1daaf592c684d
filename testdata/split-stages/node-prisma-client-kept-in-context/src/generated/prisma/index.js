module.exports = { PrismaClient: class PrismaClient {} };
