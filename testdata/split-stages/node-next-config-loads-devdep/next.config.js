const withBA=require('@next/bundle-analyzer')({enabled:process.env.ANALYZE==='true'});module.exports=withBA({});
