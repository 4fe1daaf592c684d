const gql=require('graphql-tag');
const doc=gql`query { hello }`;
require('http').createServer((q,r)=>r.end('gql '+doc.definitions[0].operation+'\n')).listen(3000);
