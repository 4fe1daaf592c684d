# We track the newest node on purpose.
# msb-opt global ignore=pin-tags
FROM node:20
CMD ["node", "--version"]
