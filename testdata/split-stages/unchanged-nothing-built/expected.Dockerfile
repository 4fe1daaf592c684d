FROM node:20
ENV GREETING=hi
CMD ["node", "-e", "console.log(process.env.GREETING)"]
